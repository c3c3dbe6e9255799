"""18.0.1.0.1: drop the column of the removed res.partner.biuro_email_domain (and
its index with it); nothing reads it any more (see pre-migrate.py)."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("ALTER TABLE res_partner DROP COLUMN IF EXISTS biuro_email_domain")
