/** @odoo-module */

import {registry} from "@web/core/registry";

// Selectors use technical names so the tour passes in any language.
// On a client's tax profile, change the tax form: the form proposes the next tax
// year as the date the change applies from; after saving, the history lists the
// old and the new profile, and the client's timeline what the change did.
registry.category("web_tour.tours").add("crm_biuro_tax_profile_history_tour", {
    steps: () => [
        {
            content: "Open the tax profile",
            trigger: ".o_notebook_headers a[name='biuro_tax_profile']",
            run: "click",
        },
        {
            content: "One profile so far",
            trigger:
                ".o_field_widget[name='biuro_tax_profile_ids'] .o_data_row:not(:has(+ .o_data_row))",
        },
        {
            content: "The client moves to the tax scale",
            trigger: ".o_field_widget[name='biuro_tax_form'] select",
            run: 'select "skala"',
        },
        {
            content: "The change applies from the next tax year",
            trigger: ".o_field_widget[name='biuro_profile_date_from'] input:value(/2027/)",
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
            content: "The history lists the old and the new profile",
            trigger:
                ".o_field_widget[name='biuro_tax_profile_ids'] .o_data_row + .o_data_row",
        },
    ],
});
