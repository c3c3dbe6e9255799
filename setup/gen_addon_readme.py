#!/usr/bin/env python3
"""Write each addon's README.rst from its readme/*.md fragments (OCA style).

OCA generates README.rst with oca-gen-addon-readme, a pre-commit hook that needs
the network; this keeps the same contract (fragments are the source, README.rst is
generated) with the standard library only. `--check` fails when a README.rst is stale.
"""

import ast
import pathlib
import sys

REPO = pathlib.Path(__file__).resolve().parent.parent
FRAGMENTS = [
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
    ("OBLIGATIONS.md", "Obligations and deadlines"),
    ("SECURITY.md", "Security"),
    ("ROADMAP.md", "Known issues / Roadmap"),
    ("CONTRIBUTORS.md", "Contributors"),
]


def render(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))
    title = manifest["name"]
    parts = [
        "=" * len(title),
        title,
        "=" * len(title),
        "",
        f"*{manifest['summary']}*" if manifest.get("summary") else "",
        "",
        (
            f"License: {manifest['license']} · "
            f"Status: {manifest.get('development_status', 'Beta')} · "
            f"Version: {manifest['version']}"
        ),
        "",
    ]
    for name, heading in FRAGMENTS:
        path = addon / "readme" / name
        if not path.exists():
            continue
        if heading:
            parts += [heading, "=" * len(heading), ""]
        parts += [path.read_text(encoding="utf-8").rstrip(), ""]
    return "\n".join(parts).rstrip() + "\n"


def main(argv):
    check = "--check" in argv
    stale = []
    for manifest in sorted(REPO.glob("*/__manifest__.py")):
        addon = manifest.parent
        text = render(addon)
        target = addon / "README.rst"
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        if check:
            stale.append(str(target.relative_to(REPO)))
        else:
            target.write_text(text, encoding="utf-8")
    if stale:
        print("Out of date (run: make readme): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
