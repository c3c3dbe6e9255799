from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

from .biuro_contract import REMINDER_DAYS_PARAM as CONTRACT_REMINDER_DAYS_PARAM

SCOPES = ("mine", "office")


class BiuroPulpit(models.AbstractModel):
    """The Pulpit: the office's working day on one page (the app's landing page).

    The page (static/src/pulpit/) makes one call, ``get_tiles(scope)``; every tile
    is a count and the action that opens the list behind it. Sister addons add
    their tiles by extending ``_biuro_pulpit_tiles`` (see its docstring), so the
    Pulpit depends on none of them.
    """

    _name = "biuro.pulpit"
    _description = "Office dashboard (Pulpit)"

    # --- the hook ---------------------------------------------------------------

    @api.model
    def _biuro_pulpit_tiles(self):
        """The tiles of the Pulpit, as a list of dicts; extend it to add tiles::

            def _biuro_pulpit_tiles(self):
                tiles = super()._biuro_pulpit_tiles()
                tiles.append({
                    "key": "document_requests_open",   # unique, stable
                    "name": _("Open document requests"),
                    "model": "biuro.document.request",
                    "domain": [("state", "=", "open")],
                    "client_field": "partner_id",
                    "sequence": 45,
                })
                return tiles

        Keys of a tile:

        - ``key`` (str, required): unique and stable (the page and tests use it).
        - ``name`` (str, required): translated title.
        - ``model`` (str, required): what is counted and listed. A tile whose model
          the user may not read is left out.
        - ``domain`` (list, required): what the tile counts and the list shows;
          values that marshal over JSON/XML-RPC only (dates as strings).
        - ``client_field`` (str or False): the path from the model to the client
          (``"partner_id"``; ``""`` when the model is the client itself). In the
          "mine" scope the tile counts only the user's clients (accountant in
          charge or in the team); False: the tile is the office's queue (e.g.
          unassigned e-mails) and is the same in both scopes. Default False.
        - ``sequence`` (int): order on the page. Default 100.
        - ``action`` (str): xmlid of a window action whose views the list opens
          with; its domain is replaced by the tile's. Default: the model's views.
        - ``context`` (dict): context of the list (e.g. ``{"group_by":
          "partner_id"}`` for a list by client).
        - ``icon`` (str): Font Awesome class. ``level``: "danger", "warning" or
          "info" (the tile's colour when its count is not 0).

        Counts run with the user's rights (record rules apply, no sudo): one
        ``search_count`` per tile, whatever the number of clients.
        """
        today = self._biuro_pulpit_today()
        week_end = today + relativedelta(days=6 - today.weekday())
        month_start = today.replace(day=1)
        last_month = month_start - relativedelta(months=1)
        contract_days = self._biuro_pulpit_int_param(CONTRACT_REMINDER_DAYS_PARAM, 30)
        return [
            {
                "key": "obligations_week",
                "name": _("Deadlines this week"),
                "model": "biuro.obligation",
                "domain": [
                    ("state", "=", "todo"),
                    ("due_date", ">=", fields.Date.to_string(today)),
                    ("due_date", "<=", fields.Date.to_string(week_end)),
                ],
                "client_field": "partner_id",
                "action": "crm_biuro.biuro_obligation_action",
                "context": {"group_by": "partner_id"},
                "icon": "fa-calendar",
                "level": "warning",
                "sequence": 10,
            },
            {
                "key": "obligations_late",
                "name": _("Late deadlines"),
                "model": "biuro.obligation",
                "domain": [
                    ("state", "in", ("todo", "late")),
                    ("due_date", "<", fields.Date.to_string(today)),
                ],
                "client_field": "partner_id",
                "action": "crm_biuro.biuro_obligation_action",
                "context": {"group_by": "partner_id"},
                "icon": "fa-exclamation-circle",
                "level": "danger",
                "sequence": 20,
            },
            {
                "key": "documents_from_clients",
                "name": _("Documents from clients to process"),
                "model": "biuro.document",
                "domain": [("state", "=", "new"), ("uploaded_by.share", "=", True)],
                "client_field": "partner_id",
                "action": "crm_biuro.biuro_document_action",
                "context": {"group_by": "partner_id"},
                "icon": "fa-file-text-o",
                "level": "warning",
                "sequence": 40,
            },
            {
                "key": "contracts_ending",
                "name": _("Contracts ending"),
                "model": "biuro.contract",
                "domain": [
                    ("state", "=", "active"),
                    ("date_end", "!=", False),
                    (
                        "date_end",
                        "<=",
                        fields.Date.to_string(
                            today + relativedelta(days=contract_days)
                        ),
                    ),
                ],
                "client_field": "partner_id",
                "action": "crm_biuro.biuro_contract_action",
                "icon": "fa-handshake-o",
                "level": "info",
                "sequence": 50,
            },
            {
                "key": "clients_without_documents",
                "name": _("Clients without documents for last month"),
                "model": "res.partner",
                "domain": [
                    ("biuro_client", "=", True),
                    ("biuro_state", "=", "active"),
                    (
                        "biuro_document_ids",
                        "not any",
                        [("period", "=", fields.Date.to_string(last_month))],
                    ),
                ],
                "client_field": "",
                "action": "crm_biuro.action_biuro_clients",
                "icon": "fa-folder-open-o",
                "level": "warning",
                "sequence": 70,
            },
            {
                "key": "clients_overdue_invoices",
                "name": _("Clients with overdue invoices"),
                "model": "res.partner",
                "domain": [
                    ("biuro_client", "=", True),
                    ("biuro_payment_state", "=", "overdue"),
                ],
                "client_field": "",
                "action": "crm_biuro.action_biuro_clients",
                "icon": "fa-money",
                "level": "danger",
                "sequence": 80,
            },
        ]

    # --- the call of the page ---------------------------------------------------

    @api.model
    def get_tiles(self, scope="mine"):
        """All tiles of the Pulpit in one call.

        ``scope``: "mine" (the clients the user is the accountant of or in the
        team of) or "office" (every client; managers only). Returns
        ``{"scope", "can_see_office", "tiles": [{"key", "name", "count", "icon",
        "level", "action"}]}``, the tiles in their order.
        """
        user = self.env.user
        if not user.has_group("crm_biuro.group_biuro_user"):
            raise AccessError(_("The Pulpit is for the office's staff."))
        is_manager = user.has_group("crm_biuro.group_biuro_manager")
        if scope not in SCOPES:
            raise UserError(_("Unknown Pulpit view: %s", scope))
        if scope == "office" and not is_manager:
            raise AccessError(_("Only managers see the whole office on the Pulpit."))
        specs = sorted(
            self._biuro_pulpit_tiles(), key=lambda s: (s.get("sequence", 100), s["key"])
        )
        tiles = []
        for spec in specs:
            model = self.env.get(spec["model"])
            if model is None or not model.has_access("read"):
                continue
            domain = list(spec["domain"])
            client_field = spec.get("client_field", False)
            if scope == "mine" and client_field is not False:
                domain = expression.AND(
                    [domain, user._biuro_my_clients_domain(client_field)]
                )
            tiles.append(
                {
                    "key": spec["key"],
                    "name": spec["name"],
                    # the user's rights: record rules (team visibility) apply
                    "count": model.search_count(domain),
                    "icon": spec.get("icon") or "fa-list",
                    "level": spec.get("level") or "info",
                    "action": self._biuro_pulpit_action(spec, domain),
                }
            )
        return {"scope": scope, "can_see_office": is_manager, "tiles": tiles}

    # --- helpers ----------------------------------------------------------------

    @api.model
    def _biuro_pulpit_today(self):
        return fields.Date.context_today(self)

    @api.model
    def _biuro_pulpit_int_param(self, key, default):
        # sudo: reads one of the office's settings (a number of days), not user data
        raw = self.env["ir.config_parameter"].sudo().get_param(key)
        try:
            return int(raw)
        except (TypeError, ValueError):
            return default

    @api.model
    def _biuro_pulpit_action(self, spec, domain):
        if spec.get("action"):
            action = self.env["ir.actions.act_window"]._for_xml_id(spec["action"])
        else:
            action = {
                "type": "ir.actions.act_window",
                "res_model": spec["model"],
                "views": [[False, "list"], [False, "form"]],
            }
        # the list first (the deadlines' own action opens on the calendar)
        action["views"] = sorted(
            action.get("views") or [[False, "list"]], key=lambda view: view[1] != "list"
        )
        action.update(
            {
                "name": spec["name"],
                "display_name": spec["name"],
                "domain": domain,
                "context": dict(spec.get("context") or {}),
                "target": "current",
            }
        )
        return action
