"""18.0.1.0.1: the stored res.partner.biuro_email_domain goes (one e-mail domain
field: crm_biuro_mail's biuro_email_domains; the duplicate finder reads the domain
of the stored normalised e-mail). The view of possible duplicates reads the old
column: dropped here, so that the column can go; the update creates it again."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("DROP VIEW IF EXISTS biuro_client_duplicate")
