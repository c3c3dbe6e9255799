/** @odoo-module */

import {registry} from "@web/core/registry";

// Selectors use classes and technical names so the tours run in any language.

// 1. The office asks a client for its bank statement and sends the request.
registry.category("web_tour.tours").add("crm_biuro_request_office_tour", {
    url: "/odoo/action-crm_biuro.biuro_document_request_action",
    steps: () => [
        {
            content: "New request",
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            content: "Its name",
            trigger: ".o_field_widget[name='name'] input",
            run: "edit Wyciąg za listopad",
        },
        {
            content: "The client",
            trigger: ".o_field_widget[name='partner_id'] input",
            run: "edit Tourowa Prośba",
        },
        {
            content: "Pick the client",
            trigger: ".o-autocomplete--dropdown-item > a:contains('Tourowa Prośba')",
            run: "click",
        },
        {
            content: "Add an expected document",
            trigger: ".o_field_widget[name='line_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "What is expected",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row [name='name'] input",
            run: "edit Wyciąg z mBanku",
        },
        {
            content: "Its category",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row [name='category_id'] input",
            run: "edit Bank",
        },
        {
            content: "Pick the category",
            trigger: ".o-autocomplete--dropdown-item > a:contains('Bank')",
            run: "click",
        },
        {
            content: "Send it to the client",
            trigger: "button.o_biuro_request_send",
            run: "click",
        },
        {
            content: "The request is sent",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='open']",
        },
    ],
});

// 2. The client's accountant uploads the statement against the item in the portal.
registry.category("web_tour.tours").add("crm_biuro_request_portal_tour", {
    url: "/my/clients",
    steps: () => [
        {
            content: "Open the company",
            trigger: ".o_biuro_client_row a:contains('Tourowa Prośba')",
            run: "click",
        },
        {
            content: "The open request comes first: open it",
            trigger: ".o_biuro_open_requests a.o_biuro_request_link:contains('Wyciąg za listopad')",
            run: "click",
        },
        {
            content: "Attach the statement (as a file picker would)",
            trigger: ".o_biuro_request_line input[name='files']",
            run() {
                const transfer = new DataTransfer();
                transfer.items.add(
                    new File(["%PDF-1.4 tour"], "wyciag-mbank.pdf", {type: "application/pdf"})
                );
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "Send it",
            trigger: "button.o_biuro_request_upload_submit",
            run: "click",
        },
        {
            content: "The office got it",
            trigger: ".o_biuro_uploaded",
        },
        {
            content: "It is listed under the item",
            trigger: ".o_biuro_request_document a:contains('wyciag-mbank.pdf')",
        },
    ],
});

// 3. The accountant of the office sees it on the request.
registry.category("web_tour.tours").add("crm_biuro_request_seen_tour", {
    steps: () => [
        {
            content: "The request is complete",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='done']",
        },
        {
            content: "Open the documents received",
            trigger: ".o_notebook_headers a[name='documents']",
            run: "click",
        },
        {
            content: "The statement is there",
            trigger: ".o_field_widget[name='document_ids'] .o_data_row:contains('wyciag-mbank.pdf')",
        },
    ],
});

// 4. The accountant of the office finds the client's upload on the Pulpit.
registry.category("web_tour.tours").add("crm_biuro_request_pulpit_tour", {
    url: "/odoo/action-crm_biuro.action_biuro_pulpit",
    steps: () => [
        {
            content: "Open the documents from clients to process",
            trigger: ".o_biuro_pulpit_tile[data-tile='documents_from_clients']",
            run: "click",
        },
        {
            content: "Open the client's group",
            trigger: ".o_list_view .o_group_name:contains('Tourowa Prośba')",
            run: "click",
        },
        {
            content: "The statement sent through the portal is there",
            trigger: ".o_list_view .o_data_row:contains('wyciag-mbank.pdf')",
        },
    ],
});
