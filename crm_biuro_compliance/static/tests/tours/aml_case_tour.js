/** @odoo-module */

import {registry} from "@web/core/registry";

// Selectors use technical names so the tour passes in any language.
// AML cases → the client's case → record a UBO → compare with CRBR → the
// discrepancy appears → explain it → approve.
registry.category("web_tour.tours").add("crm_biuro_compliance_aml_case_tour", {
    url: "/odoo/action-crm_biuro_compliance.biuro_aml_case_action",
    steps: () => [
        {
            content: "Open the client's AML case",
            trigger: ".o_data_row td[name='partner_id']:contains('Tourowa Logistyka')",
            run: "click",
        },
        {
            content: "The case is in review",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='in_review']",
        },
        {
            content: "People",
            trigger: ".o_notebook a[name='people']",
            run: "click",
        },
        {
            content: "Add a person",
            trigger: "div[name='person_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Name",
            trigger: ".modal .o_field_widget[name='name'] input",
            run: "edit Anna Nowak",
        },
        {
            content: "A beneficial owner",
            trigger: ".modal .o_field_widget[name='is_ubo'] input",
            run: "click",
        },
        {
            content: "Her share as the client declared it",
            trigger: ".modal .o_field_widget[name='share_percent'] input",
            run: "edit 30",
        },
        {
            content: "Save the person",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The UBO is listed",
            trigger: "div[name='person_ids'] .o_data_row:contains('Anna Nowak')",
        },
        {
            content: "Compare with CRBR",
            trigger: ".o_form_view button[name='action_compare_crbr']",
            run: "click",
        },
        {
            content: "UBOs vs. CRBR",
            trigger: ".o_notebook a[name='crbr']",
            run: "click",
        },
        {
            content: "CRBR's owners are shown",
            trigger: "div[name='crbr_owner_ids'] .o_data_row:contains('ANNA NOWAK')",
        },
        {
            content: "The share differs from CRBR",
            trigger: "div[name='discrepancy_ids'] .o_data_row:contains('Anna Nowak') td[name='explanation']",
            run: "click",
        },
        {
            content: "Explain the difference",
            trigger: "div[name='discrepancy_ids'] .o_data_row [name='explanation'] textarea",
            run: "edit Umowa sprzedaży udziałów z 1 grudnia; zgłoszenie do CRBR w toku",
        },
        {
            content: "Save the case",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The explanation is saved",
            trigger: "div[name='discrepancy_ids'] .o_data_row td[name='explanation']:contains('CRBR')",
        },
        {
            content: "Mark it explained",
            trigger: "div[name='discrepancy_ids'] .o_data_row button[name='action_explain']",
            run: "click",
        },
        {
            content: "The discrepancy is explained",
            trigger: "div[name='discrepancy_ids'] .o_data_row td[name='state'] .text-bg-success",
        },
        {
            content: "Approve the case",
            trigger: ".o_form_view button[name='action_approve']",
            run: "click",
        },
        {
            content: "The case is approved",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='approved']",
        },
    ],
});
