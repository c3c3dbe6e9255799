/** @odoo-module */

import {registry} from "@web/core/registry";

// Selectors use technical names so the tour passes in any language.
// New client → "Add a client by NIP" → type the NIP → preview → create → the
// verification bar of the new client shows the registries' badges.
registry.category("web_tour.tours").add("crm_biuro_verify_add_by_nip_tour", {
    url: "/odoo/action-crm_biuro.action_biuro_clients",
    steps: () => [
        {
            content: "Create a client",
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            content: "The empty client form offers to fill it from the NIP",
            trigger: ".o_biuro_add_from_nip button",
            run: "click",
        },
        {
            content: "Type the NIP",
            trigger: ".modal .o_field_widget[name='nip'] input",
            run: "edit 954-230-06-19",
        },
        {
            content: "Search the registries",
            trigger: ".modal button[name='action_lookup']",
            run: "click",
        },
        {
            content: "The preview shows the company from GUS and KRS",
            trigger: ".modal div[name='biuro_preview'] .o_field_widget[name='krs']:contains('0000135115')",
        },
        {
            content: "The preview shows the PKD codes",
            trigger: ".modal .o_field_widget[name='pkd_text']:contains('47.73.Z')",
        },
        {
            content: "The last step proposes the declarations of the profile",
            trigger: ".modal .o_field_widget[name='declaration_ids'] .o_tag",
        },
        {
            content: "The last step lets the status be changed",
            trigger: ".modal .o_field_widget[name='biuro_state'] select:not(:disabled)",
        },
        {
            content: "The client has employees (edited before creating)",
            trigger: ".modal .o_field_widget[name='employer'] input",
            run: "click",
        },
        {
            content: "Create the client",
            trigger: ".modal button[name='action_create']",
            run: "click",
        },
        {
            content: "The client is open",
            trigger: ".o_breadcrumb .active:contains('EUROPEJSKA')",
        },
        {
            content: "GUS badge",
            trigger: ".o_biuro_verification_bar [data-registry='gus'] .badge.text-bg-success",
        },
        {
            content: "VAT PL badge",
            trigger: ".o_biuro_verification_bar [data-registry='whitelist'] .badge.text-bg-success",
        },
        {
            content: "VAT EU badge",
            trigger: ".o_biuro_verification_bar [data-registry='vies'] .badge.text-bg-success",
        },
        {
            content: "CRBR badge, with the date of the check",
            trigger: ".o_biuro_verification_bar [data-registry='crbr'] .badge.text-bg-success",
        },
        {
            content: "Each badge has its date",
            trigger: ".o_biuro_verification_bar [data-registry='crbr'] .o_field_widget[name='biuro_verify_crbr_date']:not(:empty)",
        },
        {
            content: "Verify again now",
            trigger: ".o_form_view button[name='action_biuro_verify']",
            run: "click",
        },
        {
            content: "The answers of today are shown, not asked again",
            trigger: ".o_notification",
        },
        {
            // The notification reloads the form, whose timeline is fetched again:
            // the tour ends once that request is answered, not while Chrome holds it.
            content: "The reloaded client's timeline is shown",
            trigger: ".o-mail-Chatter .o-mail-Message",
            run: () => new Promise((resolve) => setTimeout(resolve, 1000)),
        },
    ],
});
