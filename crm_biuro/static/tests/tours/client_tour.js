/** @odoo-module */

import {registry} from "@web/core/registry";

// Selectors use technical names so the tour passes in any language.
// Open Clients, create a client with its NIP, fill the tax profile, add a contact
// and a contract, change the status and see the change on the client's timeline.
registry.category("web_tour.tours").add("crm_biuro_client_tour", {
    url: "/odoo/action-crm_biuro.action_biuro_clients",
    steps: () => [
        {
            content: "Create a client",
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            content: "Name",
            trigger: ".o_field_widget[name='name'] input",
            run: "edit Tourowa Księgowość sp. z o.o.",
        },
        {
            content: "NIP typed with separators",
            trigger: ".o_field_widget[name='vat'] input",
            run: "edit PL 526-025-02-74",
        },
        {
            content: "Open the tax profile",
            trigger: ".o_notebook_headers a[name='biuro_tax_profile']",
            run: "click",
        },
        {
            content: "Income tax form",
            trigger: ".o_field_widget[name='biuro_tax_form'] select",
            run: 'select "liniowy"',
        },
        {
            content: "VAT status",
            trigger: ".o_field_widget[name='biuro_vat_status'] select",
            run: 'select "czynny"',
        },
        {
            content: "Declarations are proposed from the profile",
            trigger: ".o_field_widget[name='biuro_declaration_ids'] .o_tag:contains('JPK_V7M')",
        },
        {
            content: "Open the contacts",
            trigger: ".o_notebook_headers a[name='contact_addresses']",
            run: "click",
        },
        {
            content: "Add a contact",
            trigger: ".o_field_widget[name='child_ids'] .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Contact name",
            trigger: ".modal .o_field_widget[name='name'] input",
            run: "edit Jan Tourowy",
        },
        {
            content: "Contact role",
            trigger: ".modal .o_field_widget[name='biuro_contact_role'] select",
            run: 'select "owner"',
        },
        {
            content: "Keep the contact",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The contact is listed",
            trigger: ".o_field_widget[name='child_ids'] .o_kanban_record:contains('Jan Tourowy')",
        },
        {
            content: "Save the client",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
        {
            content: "Open the contracts",
            trigger: ".o_notebook_headers a[name='biuro_contracts']",
            run: "click",
        },
        {
            content: "Add a contract",
            trigger: ".o_field_widget[name='biuro_contract_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Monthly fee",
            trigger: ".modal .o_field_widget[name='monthly_fee'] input",
            run: "edit 900",
        },
        {
            content: "Keep the contract",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The contract is listed",
            trigger: ".o_field_widget[name='biuro_contract_ids'] .o_data_row",
        },
        {
            content: "Save the client with its contract",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved again",
            trigger: ".o_form_saved",
        },
        {
            content: "Make it an active client",
            trigger: ".o_statusbar_status button[data-value='active']",
            run: "click",
        },
        {
            content: "The status change is on the timeline",
            trigger: ".o-mail-Message .o-mail-Message-trackingNew",
        },
        {
            content: "The contract is on the timeline",
            trigger: ".o-mail-Message a[data-oe-model='biuro.contract']",
        },
    ],
});
