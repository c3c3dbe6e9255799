import { registry } from "@web/core/registry";

/**
 * An office user opens a client's timeline: the e-mail written by the client's
 * contact carries the "CRM client" badge; a stranger's e-mail does not; the
 * badge opens the client.
 */
registry.category("web_tour.tours").add("crm_biuro_mail_client_badge", {
    steps: () => [
        {
            content: "The client's e-mail is on the timeline with the badge",
            trigger: ".o-mail-Message:has(.o-mail-Message-author:contains('Anna Tour')) .o-biuro-ClientBadge",
        },
        {
            content: "A stranger's message has no badge",
            trigger:
                ".o-mail-Message:has(.o-mail-Message-author:contains('Stranger'))" +
                ":not(:has(.o-biuro-ClientBadge))",
        },
        {
            content: "The client is not verified: no verified icon",
            trigger: ".o-mail-Chatter:not(:has(.o-biuro-ClientBadge-verified))",
        },
        {
            content: "Open the client from the badge",
            trigger: ".o-mail-Message:has(.o-mail-Message-author:contains('Anna Tour')) .o-biuro-ClientBadge",
            run: "click",
        },
        {
            content: "The client's form with its timeline is shown",
            trigger: ".o_form_view .o_breadcrumb:contains('Alfa Tour sp. z o.o.')",
        },
    ],
});
