"""The legal forms of a client: the one list of their codes (plain Python, no Odoo).

The codes are the keys of res.partner's ``biuro_legal_form``; the rule engine
(obligation_rules), crm_biuro_verify's registry mappings (GUS form symbols, GUS/KRS
form names, the CRBR obligation) and the "add a client by NIP" wizard all speak these
codes, and tests check that every one of them uses only codes from here.
"""

# (code, label): the selection of res.partner.biuro_legal_form, in this order.
SELECTION = [
    ("jdg", "Sole proprietorship (JDG)"),
    ("sc", "Civil partnership (s.c.)"),
    ("spj", "General partnership (sp.j.)"),
    ("spp", "Professional partnership (sp.p.)"),
    ("spk", "Limited partnership (sp.k.)"),
    ("ska", "Limited joint-stock partnership (S.K.A.)"),
    ("spzoo", "Limited liability company (sp. z o.o.)"),
    ("sa", "Joint-stock company (S.A.)"),
    ("psa", "Simple joint-stock company (P.S.A.)"),
    ("spoldzielnia", "Cooperative"),
    ("fundacja", "Foundation"),
    ("fundacja_rodzinna", "Family foundation"),
    ("stowarzyszenie", "Association"),
    ("oddzial", "Branch of a foreign company"),
    ("osoba_fizyczna", "Private person"),
    ("other", "Other"),
]
CODES = frozenset(code for code, _label in SELECTION)
