from odoo import Command, _, api, models
from odoo.exceptions import UserError

from odoo.addons.crm_biuro import identifiers
from odoo.addons.crm_biuro.models.res_partner import TAX_PROFILE_FIELDS
from odoo.addons.crm_biuro.obligation_rules.profile import CIT_LEGAL_FORMS

from ..registries.http import warsaw_now
from ..services import lookup, writer
from ..services.run import VerificationRun

# Keys of biuro_lookup_nip's answer holding text ("" when unknown).
TEXT_KEYS = (
    "nip",
    "name",
    "street",
    "zip",
    "city",
    "country_code",
    "regon",
    "krs",
    "legal_form_name",
    "vat_status_name",
    "activity_end_date",
    "email",
    "phone",
    "website",
    "existing_name",
)
# What the preview of the wizard may change on the new client.
OVERRIDABLE = (
    "name",
    "street",
    "zip",
    "city",
    "biuro_legal_form",
    "biuro_vat_status",
    "biuro_vat_ue",
)
# The last step of "add by NIP" (the wizard's and biuro_create_from_nip's optional
# values): how the office takes the client on. Plain values of these fields only;
# the declarations are a list of ids, turned into a command here (never a command
# from the caller).
LAST_STEP_SELECTIONS = (
    "biuro_state",
    "biuro_legal_form",
    "biuro_vat_status",
    "biuro_books_type",
    "biuro_tax_form",
    "biuro_vat_period",
    "biuro_zus_scheme",
)
LAST_STEP_BOOLEANS = ("biuro_vat_ue", "biuro_employer")
LAST_STEP_TEXTS = ("name", "street", "zip", "city")
LAST_STEP_KEYS = (
    LAST_STEP_SELECTIONS
    + LAST_STEP_BOOLEANS
    + LAST_STEP_TEXTS
    + ("biuro_accountant_id", "biuro_declaration_ids")
)


def _text(value):
    return value if isinstance(value, str) else ""


def marshal_safe(value):
    """``value`` with every None replaced by False (XML-RPC carries no None)."""
    if value is None:
        return False
    if isinstance(value, dict):
        return {key: marshal_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [marshal_safe(item) for item in value]
    return value


class ResPartner(models.Model):
    """Add a client by its NIP: look the company up in the registries, show it,
    create it with the registries' data and their answers as first evidence.

    The registries' answers stay on the server (``biuro.verify.lookup``, per user,
    a few minutes): creating right after a preview reuses them, and nothing a user
    can write is ever taken for a registry's answer."""

    _inherit = "res.partner"

    @api.model
    def _biuro_clean_nip(self, nip):
        """The 10-digit NIP of what the user typed; UserError (and no registry
        call) when it is not a valid Polish NIP."""
        typed = nip if isinstance(nip, str | int) and not isinstance(nip, bool) else ""
        value = identifiers.nip_from_vat(str(typed), "PL")
        if not identifiers.is_valid_nip(value):
            raise UserError(
                _(
                    "%(nip)s is not a valid NIP: a NIP has 10 digits and a valid "
                    "check digit.",
                    nip=typed or "",
                )
            )
        return value

    @api.model
    def _biuro_existing_client(self, nip):
        """The client with this NIP, archived ones and other companies' included
        (a NIP is one client in the whole database). Callers must not show it to
        a user who cannot read it: see :meth:`_biuro_readable_client`."""
        return (
            # sudo: a search only, to refuse a duplicate NIP; what is shown of the
            # result to the caller is filtered by _biuro_readable_client
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
    def _biuro_readable_client(self, existing):
        """``existing`` in the caller's environment if the caller may read it,
        else an empty recordset."""
        client = existing.with_env(self.env).with_context(active_test=False)
        return client._filtered_access("read")

    @api.model
    def _biuro_lookup_answer(self, nip, values=None):
        """The answer of biuro_lookup_nip: always the same keys, no None."""
        values = values or {}
        answer = {key: _text(values.get(key)) for key in TEXT_KEYS}
        answer.update(
            nip=nip,
            country_code=answer["country_code"] or "PL",
            legal_form=values.get("legal_form") or False,
            vat_status=values.get("vat_status") or False,
            vat_ue=bool(values.get("vat_ue")),
            pkd=[
                {
                    "code": _text(p.get("code")),
                    "name": _text(p.get("name")),
                    "main": bool(p.get("main")),
                }
                for p in values.get("pkd") or []
                if isinstance(p, dict)
            ],
            bank_accounts=[
                a for a in values.get("bank_accounts") or [] if isinstance(a, str)
            ],
            sources={
                str(name): {
                    "state": _text(src.get("state")),
                    "summary": _text(src.get("summary")),
                }
                for name, src in (values.get("sources") or {}).items()
                if isinstance(src, dict)
            },
            exists=bool(values.get("exists")),
            existing_id=values.get("existing_id") or False,
        )
        return marshal_safe(answer)

    @api.model
    def biuro_lookup_nip(self, nip):
        """Company data of ``nip`` from GUS, KRS, the white list and VIES.

        Returns a dict (no record is created), always with the same keys and no
        None: ``nip``, ``name``, ``street``, ``zip``, ``city``, ``country_code``,
        ``regon``, ``krs``, ``legal_form_name``, ``vat_status_name``,
        ``activity_end_date``, ``email``, ``phone``, ``website`` (text, "" when
        unknown); ``legal_form`` (a crm_biuro legal form) and ``vat_status``
        (False when unknown); ``vat_ue`` (bool: valid in VIES); ``pkd``
        ([{code, name, main}]); ``bank_accounts`` (white-listed NRBs); ``sources``
        ({registry: {state, summary}}, a registry that could not be asked is
        ``unavailable``); ``exists``, ``existing_id``, ``existing_name``.

        When a client with this NIP exists no registry is called: ``exists`` is
        True and, if the caller may read that client, ``existing_id`` and
        ``existing_name`` name it (else False and ""). An invalid NIP raises
        UserError before any call; so does the caller's daily cap of lookups.
        """
        values, _evidence = self._biuro_lookup_nip(nip)
        return values

    @api.model
    def _biuro_lookup_nip(self, nip):
        """-> (answer of biuro_lookup_nip, evidence {registry: outcome dict}).

        A reusable answer the caller got for this NIP in the last minutes is
        reused (no registry call); otherwise the registries are asked, which
        counts in the caller's daily cap."""
        self._biuro_verify_check_access()
        nip = self._biuro_clean_nip(nip)
        user = self.env.user
        # sudo: the caller is an office user (checked above); the rows are the
        # caller's own, written and read by this server code only
        Lookups = self.env["biuro.verify.lookup"].sudo()
        existing = self._biuro_existing_client(nip)
        if existing:
            client = self._biuro_readable_client(existing)
            if not client:
                # another company's client: say nothing more than "exists", and
                # count the probe like a lookup (no free enumeration of NIPs)
                Lookups._biuro_check_limit(user)
                Lookups._biuro_store(user, nip)
            answer = {
                "exists": True,
                "existing_id": client.id or False,
                "existing_name": client.display_name or "",
            }
            return self._biuro_lookup_answer(nip, answer), {}
        fresh = Lookups._biuro_fresh(user, nip)
        if fresh:
            return fresh.data["values"], fresh.data["evidence"]
        Lookups._biuro_check_limit(user)
        # sudo: office user checked above; the registries' settings (system
        # parameters) and the quota are read and written by the service only
        values, evidence = lookup.lookup(self.sudo().env, nip)
        answer = self._biuro_lookup_answer(nip, values)
        # an outage is not reused: creating then asks again
        reusable = all(
            src["state"] != "unavailable" for src in answer["sources"].values()
        )
        data = {"values": answer, "evidence": evidence}
        Lookups._biuro_store(user, nip, data, reusable=reusable)
        return answer, evidence

    @api.model
    def biuro_create_from_nip(self, nip, values=None):
        """Look ``nip`` up and create the client; returns its id (an int).

        ``values`` (optional) is the wizard's last step: a dict of some of
        ``biuro_state`` (default ``active``), ``biuro_accountant_id`` (a user id,
        default the caller), ``biuro_legal_form``, ``biuro_vat_status``,
        ``biuro_vat_ue``, ``biuro_books_type``, ``biuro_tax_form``,
        ``biuro_vat_period``, ``biuro_zus_scheme``, ``biuro_employer`` (default
        what the registries said, see :meth:`_biuro_propose_profile`),
        ``biuro_declaration_ids`` (a list of declaration type ids, default the
        declarations of the profile), ``name``, ``street``, ``zip``, ``city``.
        Any other key, or a value of the wrong kind, is refused (UserError).

        Reuses the answers of a lookup of the same NIP by the same user in the
        last minutes. UserError on an invalid NIP, on a NIP that is already a
        client's, and when no registry could say what company the NIP belongs to.
        """
        choices = self._biuro_last_step_vals(values)
        answer, evidence = self._biuro_lookup_nip(nip)
        return self._biuro_create_from_lookup(answer, evidence, choices=choices).id

    @api.model
    def _biuro_propose_profile(self, values):
        """The tax profile proposed for the answer of a lookup (``values`` as
        biuro_lookup_nip returns it): the registries' legal form, VAT status and
        VAT-UE; a company taxed with CIT keeps full books. Plain field values."""
        legal_form = values.get("legal_form") or False
        cit = legal_form in CIT_LEGAL_FORMS
        return {
            "biuro_legal_form": legal_form,
            "biuro_vat_status": values.get("vat_status") or False,
            "biuro_vat_ue": bool(values.get("vat_ue")),
            "biuro_books_type": "full" if cit else False,
            "biuro_tax_form": "cit" if cit else False,
            "biuro_vat_period": "monthly",
        }

    @api.model
    def _biuro_proposed_declarations(self, profile):
        """The declaration types a tax profile (plain field values) needs."""
        # new() applies no defaults: start from a client's profile defaults, as a
        # client created from this profile will have them
        defaults = self.default_get(list(TAX_PROFILE_FIELDS))
        return self.new(
            {**defaults, "biuro_client": True, **profile}
        )._biuro_suggested_declarations()

    @api.model
    def _biuro_last_step_vals(self, values):
        """Check the caller's last-step ``values`` against the allow-list and
        return them as field values (declarations as a replace command)."""
        if values in (None, False):
            return {}
        if not isinstance(values, dict):
            raise UserError(_("The values of the new client must be a dictionary."))
        unknown = sorted(set(values) - set(LAST_STEP_KEYS))
        if unknown:
            raise UserError(
                _(
                    "These values cannot be set when adding a client by NIP: %(keys)s.",
                    keys=", ".join(map(str, unknown)),
                )
            )
        vals = {}
        for key, value in values.items():
            if key in LAST_STEP_SELECTIONS:
                allowed = [
                    k
                    for k, _label in self._fields[key]._description_selection(self.env)
                ]
                ok = value is False or value in allowed
            elif key in LAST_STEP_BOOLEANS:
                ok = isinstance(value, bool)
            elif key in LAST_STEP_TEXTS:
                ok = value is False or isinstance(value, str)
            elif key == "biuro_accountant_id":
                ok = value is False or (
                    isinstance(value, int) and not isinstance(value, bool)
                )
                if ok and value:
                    # office staff only (crm_biuro's constraint says the same later)
                    user = self.env["res.users"].browse(value).exists()
                    ok = bool(user) and not user.share
            else:
                ok = isinstance(value, list | tuple) and all(
                    isinstance(i, int) and not isinstance(i, bool) for i in value
                )
                if ok:
                    types = self.env["biuro.declaration.type"].browse(value).exists()
                    ok = len(types) == len(set(value))
                    value = [Command.set(types.ids)]
            if not ok:
                raise UserError(
                    _(
                        "%(key)s: this value is not allowed.",
                        key=self._biuro_key_label(key),
                    )
                )
            vals[key] = value
        return vals

    @api.model
    def _biuro_key_label(self, key):
        return self._fields[key].get_description(self.env)["string"]

    @api.model
    def _biuro_raise_exists(self, nip):
        existing = self._biuro_existing_client(nip)
        if not existing:
            return
        client = self._biuro_readable_client(existing)
        if client:
            raise UserError(
                _(
                    "A client with NIP %(nip)s already exists: %(client)s",
                    nip=nip,
                    client=client.display_name,
                )
            )
        raise UserError(
            _(
                "A client with NIP %(nip)s already exists in the database, in a "
                "company or a record you cannot open. Ask a manager.",
                nip=nip,
            )
        )

    @api.model
    def _biuro_create_from_lookup(self, values, evidence, overrides=None, choices=None):
        """Create the client of a lookup and record the registries' answers as
        its first evidence, dated today; then check the registries the lookup did
        not ask (CRBR) through the batched run.

        ``values`` and ``evidence`` must come from :meth:`_biuro_lookup_nip`
        (server-side), never from a caller. Only an explicit list of fields is
        applied: the client's values of :meth:`_biuro_client_vals`, the fields of
        ``OVERRIDABLE`` edited in the preview (``overrides``), the last step's
        values checked by :meth:`_biuro_last_step_vals` (``choices``), and through
        the writer only its allow-list of registry fields (never x2many commands).
        Without choices the client is active, in the caller's charge, with the
        profile the registries suggest and its declarations.
        """
        self._biuro_verify_check_access()
        nip = self._biuro_clean_nip(values.get("nip"))
        self._biuro_raise_exists(nip)
        vals = self._biuro_client_vals(dict(values, nip=nip))
        vals.update(self._biuro_last_step_defaults(values))
        for key in OVERRIDABLE:
            value = (overrides or {}).get(key)
            if key == "name" and not value:
                continue  # an empty name in the preview keeps the registry's
            if value not in (None, "") and isinstance(value, str | bool):
                vals[key] = value
        for key, value in (choices or {}).items():
            if key == "name" and not value:
                continue
            vals[key] = value
        if "biuro_declaration_ids" not in (choices or {}):
            profile = {key: vals.get(key, False) for key in TAX_PROFILE_FIELDS}
            declarations = self._biuro_proposed_declarations(profile)
            vals["biuro_declaration_ids"] = [Command.set(declarations.ids)]
        if not vals.get("name"):
            raise UserError(
                _(
                    "No registry returned the company of NIP %s (registries disabled, "
                    "unavailable or the NIP is unknown). Try again later or create the "
                    "client by hand.",
                    nip,
                )
            )
        partner = self.create(vals)
        # sudo: the client was just created by the caller (an office user, checked
        # above) and the outcomes are the server's own lookup; evidence and
        # verdicts are the verification service's to write (writer allow-list)
        system = self.env["res.partner"].sudo().env
        client = partner.with_env(system)
        day = warsaw_now().date()
        for registry, data in (evidence or {}).items():
            outcome = lookup.outcome_from_dict(data)
            if outcome is None or outcome.registry != registry:
                continue
            writer.apply_outcomes(system, registry, day, [(client, outcome)])
        VerificationRun(self.env, partner).run()
        return partner

    @api.model
    def _biuro_last_step_defaults(self, values):
        """Active, in the caller's charge (an office user), the proposed profile."""
        defaults = dict(self._biuro_propose_profile(values), biuro_state="active")
        if not self.env.user.share:
            defaults["biuro_accountant_id"] = self.env.user.id
        return defaults

    @api.model
    def _biuro_client_vals(self, values):
        pkd = values.get("pkd") or []
        main = next((p for p in pkd if p.get("main")), pkd[0] if pkd else None)
        regon = _text(values.get("regon"))
        krs = identifiers.normalize_krs(_text(values.get("krs")))
        return {
            "name": _text(values.get("name")),
            "is_company": True,
            "biuro_client": True,
            "vat": "PL" + values["nip"],
            "country_id": self.env.ref("base.pl").id,
            "street": _text(values.get("street")) or False,
            "zip": _text(values.get("zip")) or False,
            "city": _text(values.get("city")) or False,
            "email": _text(values.get("email")) or False,
            "phone": _text(values.get("phone")) or False,
            "website": _text(values.get("website")) or False,
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
