import { mailModels } from "@mail/../tests/mail_test_helpers";
import { defineModels } from "@web/../tests/web_test_helpers";
import { MailMessage } from "@crm_biuro_mail/../tests/mock_server/mock_models/mail_message";
import { ResPartner } from "@crm_biuro_mail/../tests/mock_server/mock_models/res_partner";

export const biuroMailModels = { ...mailModels, MailMessage, ResPartner };

export function defineBiuroMailModels() {
    return defineModels(biuroMailModels);
}
