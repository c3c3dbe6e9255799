#!/usr/bin/env python3
"""Turn Odoo 18.0's requirements.txt into one that installs on Python 3.11 and 3.12.

Odoo pins each package per Python version and its pre-3.12 pins have no wheels for
3.11 (psycopg2 from source, old lxml, reportlab...). The Python 3.12 pins do have
wheels, so we take them for any interpreter, use psycopg2-binary, and drop what an
office CRM never needs and cannot build here (python-ldap, gevent/greenlet, Windows).
"""

import re
import sys

DROP = {"python-ldap", "gevent", "greenlet", "pypiwin32", "rl-renderpm"}
RENAME = {"psycopg2": "psycopg2-binary"}
NAME_RE = re.compile(r"^([A-Za-z0-9_.\-]+)")


def marker_keeps(marker):
    """True when the marker selects the line for Python 3.12 on Linux (or no marker)."""
    if not marker:
        return True
    if "win32" in marker and "!=" not in marker:
        return False
    env = {"python_version": "3.12", "sys_platform": "linux"}
    expr = marker.replace("python_version", "V").replace("sys_platform", "P")
    expr = re.sub(r"'([^']*)'", r'"\1"', expr)
    version = tuple(int(x) for x in env["python_version"].split("."))

    def cmp(op, value):
        target = tuple(int(x) for x in value.split("."))
        return {
            "<": version < target,
            "<=": version <= target,
            ">": version > target,
            ">=": version >= target,
            "==": version == target,
            "!=": version != target,
        }[op]

    result = True
    for clause in re.split(r"\band\b", expr):
        clause = clause.strip()
        m = re.match(r'V\s*(<=|>=|==|!=|<|>)\s*"([\d.]+)"', clause)
        if m:
            result = result and cmp(*m.groups())
            continue
        m = re.match(r'P\s*(==|!=)\s*"(\w+)"', clause)
        if m:
            same = env["sys_platform"] == m.group(2)
            result = result and (same if m.group(1) == "==" else not same)
    return result


def convert(lines):
    out = []
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        spec, _, marker = line.partition(";")
        spec, marker = spec.strip(), marker.strip()
        name = NAME_RE.match(spec).group(1)
        if name.lower() in DROP or not marker_keeps(marker):
            continue
        new_name = RENAME.get(name.lower())
        if new_name:
            spec = new_name + spec[len(name) :]
        out.append(spec)
    return out


def main(argv):
    with open(argv[1], encoding="utf-8") as src:
        print("\n".join(convert(src)))


if __name__ == "__main__":
    main(sys.argv)
