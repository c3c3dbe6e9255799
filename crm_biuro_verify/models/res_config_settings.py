from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..services import config, registry_table

# on/off switch field -> registry (the fields themselves are declared below)
ENABLED_FIELDS = registry_table.SETTINGS_SWITCHES


class ResConfigSettings(models.TransientModel):
    """Settings → Accounting office: registry endpoints, the GUS key, on/off per
    registry. Stored as system parameters, which only administrators can read."""

    _inherit = "res.config.settings"

    biuro_verify_gus_url = fields.Char(
        string="GUS BIR service URL", config_parameter="crm_biuro_verify.gus_url"
    )
    biuro_verify_gus_key = fields.Char(
        string="GUS API key",
        config_parameter="crm_biuro_verify.gus_key",
        groups="base.group_system",
    )
    biuro_verify_gus_report_version = fields.Selection(
        [("BIR11", "BIR 1.1 reports"), ("BIR12", "BIR 1.2 reports")],
        string="GUS report names",
        config_parameter="crm_biuro_verify.gus_report_version",
        default="BIR12",
    )
    biuro_verify_whitelist_url = fields.Char(
        string="VAT white list URL", config_parameter="crm_biuro_verify.whitelist_url"
    )
    biuro_verify_vies_url = fields.Char(
        string="VIES service URL", config_parameter="crm_biuro_verify.vies_url"
    )
    biuro_verify_krs_url = fields.Char(
        string="KRS API URL", config_parameter="crm_biuro_verify.krs_url"
    )
    biuro_verify_crbr_url = fields.Char(
        string="CRBR service URL", config_parameter="crm_biuro_verify.crbr_url"
    )
    # On/off switches: stored as "True"/"False" by hand, because a boolean with
    # config_parameter deletes the parameter when unticked and the default (on)
    # would come back.
    biuro_verify_gus_enabled = fields.Boolean(string="Check GUS REGON")
    biuro_verify_whitelist_enabled = fields.Boolean(string="Check the VAT white list")
    biuro_verify_vies_enabled = fields.Boolean(string="Check VIES")
    biuro_verify_krs_enabled = fields.Boolean(string="Check KRS")
    biuro_verify_crbr_enabled = fields.Boolean(string="Check CRBR")

    @api.model
    def default_get(self, fields):
        # res.config.settings.default_get is callable over RPC by any user and reads
        # every config_parameter field with sudo, whatever the field's groups: the
        # GUS key must not leave through it.
        if not self.env.is_system():
            fields = [name for name in fields or [] if name != "biuro_verify_gus_key"]
        return super().default_get(fields)

    def _biuro_verify_check_system(self):
        # these buttons are public methods that write system parameters with sudo
        if not self.env.is_system():
            raise AccessError(
                self.env._("Only administrators can change the registry settings.")
            )

    def get_values(self):
        res = super().get_values()
        # sudo: on/off switches only (no key); res.config.settings is for
        # administrators (ACL)
        icp = self.env["ir.config_parameter"].sudo()
        for name, registry in ENABLED_FIELDS.items():
            value = icp.get_param(f"{config.PREFIX}{registry}_enabled", "True")
            res[name] = value not in config.FALSE_VALUES
        return res

    def set_values(self):
        # public, and callable over RPC on an empty recordset by any user: it
        # would write every setting (ours: all registries off) with sudo
        self._biuro_verify_check_system()
        res = super().set_values()
        # sudo: res.config.settings can only be created and saved by
        # administrators (ACL)
        icp = self.env["ir.config_parameter"].sudo()
        for name, registry in ENABLED_FIELDS.items():
            icp.set_param(f"{config.PREFIX}{registry}_enabled", str(bool(self[name])))
        # new URLs or key: forget the GUS session and limiter of the old ones
        config.reset_shared_state()
        return res

    def _biuro_verify_set_endpoints(self, values):
        self._biuro_verify_check_system()
        icp = self.env["ir.config_parameter"].sudo()  # sudo: administrator checked
        for key, value in values.items():
            icp.set_param(config.PREFIX + key, value)
        config.reset_shared_state()
        return {"type": "ir.actions.client", "tag": "reload"}

    def action_biuro_verify_test_environment(self):
        """Fill the official test endpoints and GUS's public test key."""
        return self._biuro_verify_set_endpoints(config.test_values())

    def action_biuro_verify_production(self):
        """Back to the production endpoints; the test key is removed (GUS refuses it
        in production), a production key is kept."""
        self._biuro_verify_check_system()
        values = config.production_values()
        icp = self.env["ir.config_parameter"].sudo()  # sudo: administrator checked
        if icp.get_param(config.PREFIX + "gus_key") == config.registries.GUS_TEST_KEY:
            values["gus_key"] = False
        return self._biuro_verify_set_endpoints(values)
