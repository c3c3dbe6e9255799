"""The demo office's registry evidence, recorded the way the daily job records it.

Called once from the demo data (``demo/verify_demo.xml``, noupdate). The fake
registries of this addon (``fake_registries/``, the same servers the tests use) are
started on this machine and seeded with the demo clients; the verification run —
registry clients, outcomes, the writer — checks every active client as it did a week
ago, then today, after two registries' answers changed: a VAT status and a new bank
account on the white list. The run records the evidence and raises the change alerts
on the timelines with an activity for the accountant, as in production. Nothing here
writes an evidence row by hand; the registry settings are put back afterwards.
"""

from datetime import timedelta

from odoo import api, models

from ..fake_registries import FakeRegistries
from ..fake_registries.data import FakeCompany, nrb_with_check, owner
from ..services.config import PREFIX, QUOTA_PARAM, REGISTRY_ORDER, reset_shared_state
from ..services.run import VerificationRun

# crm_biuro legal form -> (GUS entity type, the fakes' legal form)
FAKE_FORMS = {
    "jdg": ("F", "jdg"),
    "sc": ("P", "sc"),
    "sa": ("P", "sa"),
    "fundacja": ("P", "foundation"),
}
WHITE_LIST_STATUS = {"czynny": "Czynny", "zwolniony": "Zwolniony"}
# what changed in the registries since last week's check
NEW_ACCOUNT_CLIENT = "crm_biuro.partner_client_zefir_demo"
VAT_CHANGE_CLIENT = "crm_biuro.partner_client_kaminski_demo"
CHECK_DAYS_AGO = 7
# CRBR's owners of a client, where the demo needs them (the others: two Nowaks);
# Zefir's register entry predates a sale of shares (the AML demo's discrepancy)
CRBR_OWNERS = {
    NEW_ACCOUNT_CLIENT: [
        owner("MAREK", "ZAWADZKI", 60.0),
        owner("ELENA", "KYRIAKOU", 25.0, citizenship=("CY", "CYPR")),
    ],
}


class BiuroDemoVerify(models.AbstractModel):
    _name = "biuro.demo.verify"
    _description = "Demo registry evidence (demo data only)"

    @api.model
    def _record_registry_history(self):
        clients = self.env["res.partner"].search(
            [
                ("biuro_client", "=", True),
                ("biuro_state", "=", "active"),
                ("biuro_nip", "!=", False),
            ],
            order="id",
        )
        companies = {client.biuro_nip: self._fake_company(client) for client in clients}
        for xmlid, owners in CRBR_OWNERS.items():
            client = self.env.ref(xmlid)
            if client.biuro_nip in companies:
                companies[client.biuro_nip].beneficial_owners = owners
        with FakeRegistries(companies) as fakes, self._pointed_at(fakes):
            last_week = VerificationRun(self.env, clients)
            last_week.today -= timedelta(days=CHECK_DAYS_AGO)
            last_week.run()
            self._registries_change(fakes.store)
            VerificationRun(self.env, clients).run()

    @api.model
    def _fake_company(self, client):
        entity_type, form = FAKE_FORMS.get(client.biuro_legal_form, ("P", "sp_zoo"))
        digits = client.biuro_nip
        company = FakeCompany(
            nip=digits,
            name=client.name.upper(),
            entity_type=entity_type,
            legal_form=form,
            regon=client.biuro_regon or "",
            street=client.street or "ul. Testowa 1",
            postal_code=client.zip or "00-001",
            city=client.city or "Warszawa",
            vat_status=WHITE_LIST_STATUS.get(client.biuro_vat_status),
            accounts=[nrb_with_check("10501445", "1000" + digits + "01")],
            vies_valid=bool(client.biuro_vat_ue),
            krs=client.biuro_krs or "",
            beneficial_owners=(
                [owner("JAN", "NOWAK", 60.0), owner("EWA", "NOWAK", 40.0)]
                if client.biuro_krs
                else None
            ),
        )
        return company

    @api.model
    def _registries_change(self, store):
        zefir = self.env.ref(NEW_ACCOUNT_CLIENT)
        company = store.get(zefir.biuro_nip)
        company.accounts = company.accounts + [
            nrb_with_check("11402004", "0000" + zefir.biuro_nip + "77")
        ]
        kaminski = self.env.ref(VAT_CHANGE_CLIENT)
        store.get(kaminski.biuro_nip).vat_status = "Zwolniony"

    @api.model
    def _pointed_at(self, fakes):
        """The registry settings pointed at the fakes for the run, then put back."""
        params = self.env["ir.config_parameter"]
        wanted = {f"{PREFIX}{name}_url": url for name, url in fakes.urls.items()}
        wanted.update({f"{PREFIX}{name}_enabled": "True" for name in REGISTRY_ORDER})
        wanted.update(
            {
                f"{PREFIX}gus_key": "demo-gus-key-0000",
                f"{PREFIX}retry_backoff": "0.01",
                # the fakes' requests do not count against the real daily quota
                QUOTA_PARAM: False,
            }
        )
        return _Restored(params, wanted)


class _Restored:
    """Set system parameters for a block, then restore what was there."""

    def __init__(self, params, values):
        self.params, self.values, self.before = params, values, {}

    def __enter__(self):
        for key, value in self.values.items():
            self.before[key] = self.params.get_param(key)
            self.params.set_param(key, value)

    def __exit__(self, *exc):
        for key, value in self.before.items():
            self.params.set_param(key, value or False)
        # the run's in-process state (GUS session, rate limits) was the fakes'
        reset_shared_state()
