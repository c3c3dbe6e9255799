import { mailModels } from "@mail/../tests/mail_test_helpers";
import { fields } from "@web/../tests/web_test_helpers";

export class ResPartner extends mailModels.ResPartner {
    // stand-ins for what the server computes from the commercial partner
    biuro_client_id = fields.Many2one({ relation: "res.partner" });
    biuro_verified = fields.Boolean();
}
