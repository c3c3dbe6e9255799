"""Read the contacts of one vCard file (2.1, 3.0 or 4.0; one or many cards), plain
Python: the wizard turns them into partners. No ``odoo`` import."""

import vobject


class VCardError(ValueError):
    """The file is not a vCard file; ``args[0]`` says why (English)."""


def _first(card, name):
    entries = card.contents.get(name) or []
    return entries[0].value if entries else None


def _text(value):
    if isinstance(value, list | tuple):
        value = " ".join(str(part) for part in value if part)
    return str(value).strip() if value else ""


def _types(entry):
    return {str(t).lower() for t in entry.params.get("TYPE", [])}


def _name(card):
    name = _text(_first(card, "fn"))
    if name:
        return name
    structured = _first(card, "n")
    if structured:
        return " ".join(
            part for part in (_text(structured.given), _text(structured.family)) if part
        )
    return ""


def _phones(card):
    phone = mobile = ""
    for entry in card.contents.get("tel") or []:
        number = _text(entry.value)
        if "cell" in _types(entry) and not mobile:
            mobile = number
        elif not phone:
            phone = number
    return phone, mobile


def _address(card):
    entry = (card.contents.get("adr") or [None])[0]
    if entry is None:
        return {}
    adr = entry.value
    return {
        "street": _text(adr.street),
        "zip": _text(adr.code),
        "city": _text(adr.city),
        "country": _text(adr.country),
    }


def parse_vcards(data):
    """[{name, email, phone, mobile, function, company, street, zip, city,
    country, note}] of every card of ``data`` (bytes or str)."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            data = data.decode("cp1250")
    if "BEGIN:VCARD" not in data.upper():
        raise VCardError("The file holds no vCard (BEGIN:VCARD is missing).")
    contacts = []
    try:
        for index, card in enumerate(vobject.readComponents(data), start=1):
            if card.name.upper() != "VCARD":
                continue
            name = _name(card)
            if not name:
                raise VCardError(f"Card {index} has no name (FN or N).")
            phone, mobile = _phones(card)
            org = _first(card, "org")
            contacts.append(
                {
                    "name": name,
                    "email": _text(_first(card, "email")),
                    "phone": phone,
                    "mobile": mobile,
                    "function": _text(_first(card, "title")),
                    "company": _text(org[0] if isinstance(org, list) and org else org),
                    "note": _text(_first(card, "note")),
                    **_address(card),
                }
            )
    except VCardError:
        raise
    except Exception as error:  # vobject raises many kinds on broken input
        raise VCardError(f"The vCard file cannot be read: {error}") from error
    if not contacts:
        raise VCardError("The file holds no vCard (BEGIN:VCARD is missing).")
    return contacts
