from odoo import _, models


class ResPartner(models.Model):
    """vCard export of several contacts in one file, built on Odoo's own vCard of a
    partner (web addon), which phones and mail clients import in one go."""

    _inherit = "res.partner"

    def _biuro_build_vcard(self):
        self.ensure_one()
        vcard = self._build_vcard()
        if not vcard:
            return vcard
        # Odoo adds the generated avatar (an SVG) labelled as JPEG when the partner has
        # no picture: address books reject it, and it weighs more than the card.
        if not self.image_1920 and "photo" in vcard.contents:
            del vcard.contents["photo"]
        nip = self.commercial_partner_id.biuro_nip
        if nip:
            # vCard has no tax id property; a note is what address books show
            vcard.add("note").value = _("NIP: %(nip)s", nip=nip)
        return vcard

    def _biuro_vcard_content(self):
        """One vCard 3.0 file (UTF-8) with every partner of the recordset."""
        return "".join(
            partner._biuro_build_vcard().serialize() for partner in self
        ).encode()

    def action_biuro_export_vcard(self):
        self.check_access("read")
        return {
            "type": "ir.actions.act_url",
            "url": f"/crm_biuro/vcard?partner_ids={','.join(map(str, self.ids))}",
            "target": "download",
        }
