"""Helpers shared by the SOAP fakes: request parsing and answer templates."""

from xml.sax.saxutils import escape

from lxml import etree

from .server import BadRequest, FakeResponse

SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
WSA = "http://www.w3.org/2005/08/addressing"


def parse_envelope(request, soap_ns):
    """-> (body's first element, header element or None); BadRequest if not SOAP."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(request.body, parser)
    except etree.XMLSyntaxError:
        raise BadRequest(soap12_fault("Sender", "malformed XML request", 400)) from None
    if (
        etree.QName(root).namespace != soap_ns
        or etree.QName(root).localname != "Envelope"
    ):
        raise BadRequest(
            soap12_fault("Sender", "not a SOAP envelope of this version", 400)
        )
    body = root.find(f"{{{soap_ns}}}Body")
    if body is None or not len(body):
        raise BadRequest(soap12_fault("Sender", "empty SOAP body", 400))
    return body[0], root.find(f"{{{soap_ns}}}Header")


def local(element):
    return etree.QName(element).localname


def children_text(element):
    """{localname: stripped text} of the direct children."""
    return {local(c): (c.text or "").strip() for c in element if isinstance(c.tag, str)}


def find_local(element, name):
    for node in element.iter():
        if isinstance(node.tag, str) and local(node) == name:
            return node
    return None


def soap12_fault(code, text, status=500):
    envelope = (
        f'<s:Envelope xmlns:s="{SOAP12}" xmlns:a="{WSA}"><s:Header>'
        '<a:Action s:mustUnderstand="1">http://www.w3.org/2005/08/addressing/soap/fault</a:Action>'
        "</s:Header><s:Body><s:Fault><s:Code>"
        f"<s:Value>s:{code}</s:Value></s:Code><s:Reason>"
        f'<s:Text xml:lang="pl-PL">{escape(text)}</s:Text></s:Reason></s:Fault>'
        "</s:Body></s:Envelope>"
    )
    return FakeResponse.text(status, envelope, "application/soap+xml; charset=utf-8")


def split_fault(spec, default_code="Receiver"):
    """'Sender:bad input' -> ('Sender', 'bad input'); 'boom' -> (default, 'boom')."""
    code, sep, text = spec.partition(":")
    if sep and code in ("Sender", "Receiver"):
        return code, text or code
    return default_code, spec
