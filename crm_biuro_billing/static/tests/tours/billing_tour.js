/** @odoo-module */

import {registry} from "@web/core/registry";

// Selectors use technical names so the tour passes in any language.
// Open Bill clients, start a run for last month, review the invoices it prepared,
// post them and send them by e-mail.
registry.category("web_tour.tours").add("crm_biuro_billing_tour", {
    url: "/odoo/action-crm_biuro_billing.biuro_billing_run_action",
    steps: () => [
        {
            content: "New run",
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            content: "The month to bill is last month by default",
            trigger: ".o_field_widget[name='month'] input",
        },
        {
            content: "Bill the clients",
            trigger: "button[name='action_run']",
            run: "click",
        },
        {
            content: "The run is done and shows its invoices",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='done']",
        },
        {
            content: "Review: the prepared invoices are listed",
            trigger: ".o_field_widget[name='move_ids'] .o_data_row",
        },
        {
            content: "Post the reviewed invoices",
            trigger: "button[name='action_post_invoices']",
            run: "click",
        },
        {
            content: "Posted",
            trigger: ".o_field_widget[name='move_ids'] .o_data_row .o_field_badge:not(:contains('Draft')):not(:contains('Projekt'))",
        },
        {
            content: "Send them by e-mail",
            trigger: "button[name='action_send_invoices']",
            run: "click",
        },
        {
            content: "The run's timeline says what was sent",
            trigger: ".o-mail-Message-body:contains('e-mail'), .o-mail-Message-body:contains('mail')",
        },
    ],
});
