import { Message } from "@mail/core/common/message";

import { patch } from "@web/core/utils/patch";

/**
 * "CRM client" badge next to the author of a message (chatter and Discuss). The
 * server sends, with the author, the client the author belongs to
 * (`biuro_client_id`) and whether that client is verified (`biuro_verified`).
 */
patch(Message.prototype, {
    get biuroClientId() {
        return this.message.author?.biuro_client_id || false;
    },

    get biuroVerified() {
        return Boolean(this.message.author?.biuro_verified);
    },

    /** Open the client's form, whose chatter is the client's timeline. */
    onClickBiuroClient(ev) {
        ev.preventDefault();
        ev.stopPropagation();
        this.env.services.action.doAction({
            type: "ir.actions.act_window",
            res_model: "res.partner",
            res_id: this.biuroClientId,
            views: [[false, "form"]],
            target: "current",
        });
    },
});
