# Run by `make run` in `odoo-bin shell` on a new database with only `base` and Polish:
# the office company and its administrator become Polish before any other addon is
# installed, so `account` picks the Polish chart of accounts, taxes and currency.
# `env` is provided by the Odoo shell.
poland = env.ref("base.pl")  # noqa: F821
company = env.ref("base.main_company")  # noqa: F821
company.write({"country_id": poland.id, "currency_id": env.ref("base.PLN").id})  # noqa: F821
company.partner_id.write({"lang": "pl_PL", "tz": "Europe/Warsaw"})
env.ref("base.user_admin").write({"lang": "pl_PL", "tz": "Europe/Warsaw"})  # noqa: F821
env["res.lang"]._activate_lang("pl_PL")  # noqa: F821
env.cr.commit()  # noqa: F821
