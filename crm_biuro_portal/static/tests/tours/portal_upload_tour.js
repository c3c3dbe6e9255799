/** @odoo-module */

import {registry} from "@web/core/registry";

// A portal user opens one of their companies, sends a bank statement for March and
// sees it listed. Selectors use classes and names so the tour runs in any language.
registry.category("web_tour.tours").add("crm_biuro_portal_upload_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open My companies",
            trigger: ".o_portal_index_card a[href='/my/clients']",
            run: "click",
        },
        {
            content: "Open the company",
            trigger: ".o_biuro_client_row a:contains('Tourowa Firma')",
            run: "click",
        },
        {
            content: "Open its documents",
            trigger: "a.o_biuro_documents_link",
            run: "click",
        },
        {
            content: "Choose the category",
            trigger: "select[name='category_id']",
            run() {
                const option = this.anchor.querySelector("option[data-code='bank_statements']");
                this.anchor.value = option.value;
                this.anchor.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "Choose the month",
            trigger: "input[name='period']",
            run() {
                this.anchor.value = "2026-03";
            },
        },
        {
            content: "Attach a file (as a file picker would)",
            trigger: "input[name='files']",
            run() {
                const transfer = new DataTransfer();
                transfer.items.add(
                    new File(["%PDF-1.4 tour"], "wyciag-tour.pdf", {type: "application/pdf"})
                );
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "Send it to the office",
            trigger: "button.o_biuro_upload_submit",
            run: "click",
        },
        {
            content: "The office got it",
            trigger: ".o_biuro_uploaded",
        },
        {
            content: "It is listed under March",
            trigger: ".o_biuro_document_row .o_biuro_document_name:contains('wyciag-tour.pdf')",
        },
    ],
});
