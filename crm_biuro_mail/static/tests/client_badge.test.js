import {
    assertSteps,
    click,
    contains,
    openFormView,
    start,
    startServer,
    step,
} from "@mail/../tests/mail_test_helpers";
import { describe, test } from "@odoo/hoot";
import { mockService } from "@web/../tests/web_test_helpers";
import { defineBiuroMailModels } from "@crm_biuro_mail/../tests/crm_biuro_mail_test_helpers";

describe.current.tags("desktop");
defineBiuroMailModels();

async function prepare({ verified }) {
    const pyEnv = await startServer();
    const clientId = pyEnv["res.partner"].create({ name: "Alfa sp. z o.o." });
    const annaId = pyEnv["res.partner"].create({
        name: "Anna Nowak",
        biuro_client_id: clientId,
        biuro_verified: verified,
    });
    const otherId = pyEnv["res.partner"].create({ name: "Notary office" });
    const otherAuthorId = pyEnv["res.partner"].create({ name: "Somebody Else" });
    pyEnv["mail.message"].create([
        {
            author_id: annaId,
            body: "From the client",
            model: "res.partner",
            res_id: otherId,
            message_type: "email",
        },
        {
            author_id: otherAuthorId,
            body: "From a stranger",
            model: "res.partner",
            res_id: otherId,
            message_type: "email",
        },
    ]);
    return { clientId, otherId };
}

test("crm_biuro_mail: CRM client badge on a client's message only", async () => {
    const { otherId } = await prepare({ verified: false });
    await start();
    await openFormView("res.partner", otherId);
    await contains(".o-mail-Message", { count: 2 });
    await contains(".o-mail-Message:has(.o-mail-Message-author:contains('Anna Nowak')) .o-biuro-ClientBadge-label", {
        text: "CRM client",
    });
    await contains(".o-mail-Message:has(.o-mail-Message-author:contains('Somebody Else')) .o-biuro-ClientBadge", {
        count: 0,
    });
    await contains(".o-biuro-ClientBadge-verified", { count: 0 });
});

test("crm_biuro_mail: verified icon and click opens the client", async () => {
    const { clientId, otherId } = await prepare({ verified: true });
    mockService("action", {
        doAction(action) {
            if (action?.res_model === "res.partner") {
                step(`open ${action.res_id}`);
            }
            return super.doAction(...arguments);
        },
    });
    await start();
    await openFormView("res.partner", otherId);
    await assertSteps([`open ${otherId}`]);
    await contains(".o-biuro-ClientBadge .o-biuro-ClientBadge-verified");
    await click(".o-biuro-ClientBadge");
    await assertSteps([`open ${clientId}`]);
});
