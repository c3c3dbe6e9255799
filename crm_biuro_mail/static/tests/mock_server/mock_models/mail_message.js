import { mailModels } from "@mail/../tests/mail_test_helpers";

/** Mirrors the server: authors come with their client and its verification. */
export class MailMessage extends mailModels.MailMessage {
    _author_to_store(ids, store) {
        super._author_to_store(...arguments);
        /** @type {import("mock_models").ResPartner} */
        const ResPartner = this.env["res.partner"];
        for (const message of this.browse(ids)) {
            if (!message.author_id) {
                continue;
            }
            const [author] = ResPartner.browse(message.author_id);
            store.add(ResPartner.browse(author.id), {
                biuro_client_id: author.biuro_client_id || false,
                biuro_verified: Boolean(author.biuro_verified),
            });
        }
    }
}
