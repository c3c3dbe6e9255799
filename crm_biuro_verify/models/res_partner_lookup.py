from datetime import date

from odoo import _, api, models
from odoo.exceptions import UserError

from odoo.addons.crm_biuro import identifiers

from ..services import lookup, writer
from ..services.run import VerificationRun


class ResPartner(models.Model):
    """Add a client by its NIP: look the company up in the registries, show it,
    create it with the registries' data and their answers as first evidence."""

    _inherit = "res.partner"

    @api.model
    def _biuro_clean_nip(self, nip):
        """The 10-digit NIP of what the user typed; UserError (and no registry
        call) when it is not a valid Polish NIP."""
        value = identifiers.nip_from_vat(str(nip or ""), "PL")
        if not identifiers.is_valid_nip(value):
            raise UserError(
                _(
                    "%(nip)s is not a valid NIP: a NIP has 10 digits and a valid "
                    "check digit.",
                    nip=nip or "",
                )
            )
        return value

    @api.model
    def _biuro_existing_client(self, nip):
        return (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("biuro_nip", "=", nip),
                    ("biuro_client", "=", True),
                    ("parent_id", "=", False),
                ],
                limit=1,
            )
        )

    @api.model
    def biuro_lookup_nip(self, nip):
        """Company data of ``nip`` from GUS, KRS, the white list and VIES.

        Returns a dict (no record is created): ``name``, ``street``, ``zip``,
        ``city``, ``regon``, ``krs``, ``legal_form`` (a crm_biuro legal form),
        ``legal_form_name``, ``pkd`` ([{code, name, main}]), ``vat_status``,
        ``bank_accounts`` (white-listed NRBs), ``vat_ue`` (VIES), ``sources``
        ({registry: {state, summary}}). When a client with this NIP exists:
        ``exists`` True, ``existing_id`` and ``existing_name``, and no registry is
        called. An invalid NIP raises UserError before any call.
        """
        values, _evidence = self._biuro_lookup_nip(nip)
        return values

    @api.model
    def _biuro_lookup_nip(self, nip):
        self._biuro_verify_check_access()
        nip = self._biuro_clean_nip(nip)
        existing = self._biuro_existing_client(nip)
        if existing:
            return {
                "nip": nip,
                "exists": True,
                "existing_id": existing.id,
                "existing_name": existing.display_name,
            }, {}
        values, evidence = lookup.lookup(self.sudo().env, nip)
        values.update(exists=False, existing_id=False, existing_name="")
        return values, evidence

    @api.model
    def biuro_create_from_nip(self, nip):
        """Look ``nip`` up and create the client; returns its id.

        UserError on an invalid NIP, on a NIP that is already a client's, and when
        no registry could say what company the NIP belongs to.
        """
        values, evidence = self._biuro_lookup_nip(nip)
        return self._biuro_create_from_lookup(values, evidence).id

    @api.model
    def _biuro_create_from_lookup(self, values, evidence, overrides=None):
        """Create the client of a lookup (``overrides``: values edited in the
        preview), record the registries' answers as evidence and check the
        registries the lookup did not ask (CRBR) through the batched run."""
        self._biuro_verify_check_access()
        existing = self._biuro_existing_client(values["nip"])
        if existing:
            raise UserError(
                _(
                    "A client with NIP %(nip)s already exists: %(client)s",
                    nip=values["nip"],
                    client=existing.display_name,
                )
            )
        vals = self._biuro_client_vals(values)
        vals.update({k: v for k, v in (overrides or {}).items() if v not in (None, "")})
        if not vals.get("name"):
            raise UserError(
                _(
                    "No registry returned the company of NIP %s (registries disabled, "
                    "unavailable or the NIP is unknown). Try again later or create the "
                    "client by hand.",
                    values["nip"],
                )
            )
        partner = self.create(vals)
        system = self.env["res.partner"].sudo().env
        client = partner.with_env(system)
        for registry, data in evidence.items():
            outcome = lookup.outcome_from_dict(data)
            writer.apply_outcomes(
                system, registry, date.fromisoformat(data["day"]), [(client, outcome)]
            )
        VerificationRun(self.env, partner).run()
        return partner

    @api.model
    def _biuro_client_vals(self, values):
        pkd = values.get("pkd") or []
        main = next((p for p in pkd if p.get("main")), pkd[0] if pkd else None)
        regon = values.get("regon") or ""
        krs = identifiers.normalize_krs(values.get("krs") or "")
        return {
            "name": values.get("name") or "",
            "is_company": True,
            "biuro_client": True,
            "vat": "PL" + values["nip"],
            "country_id": self.env.ref("base.pl").id,
            "street": values.get("street") or False,
            "zip": values.get("zip") or False,
            "city": values.get("city") or False,
            "email": values.get("email") or False,
            "phone": values.get("phone") or False,
            "website": values.get("website") or False,
            "biuro_regon": regon if identifiers.is_valid_regon(regon) else False,
            "biuro_krs": krs if identifiers.is_valid_krs(krs) else False,
            "biuro_legal_form": values.get("legal_form") or False,
            "biuro_vat_status": values.get("vat_status") or False,
            "biuro_vat_ue": bool(values.get("vat_ue")),
            "biuro_pkd_main": f"{main['code']} {main['name']}" if main else False,
            "biuro_pkd_codes": "\n".join(
                f"{p['code']} {p['name']}" for p in pkd if p is not main
            )
            or False,
        }
