/** @odoo-module */

import {registry} from "@web/core/registry";

// Selectors use technical names so the tour passes in any language.
// The office app opens on the Pulpit; the manager switches to the whole office, sees the
// late deadline of a client someone else keeps, and opens the list behind the tile.
registry.category("web_tour.tours").add("crm_biuro_pulpit_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the office app: it lands on the Pulpit",
            trigger: ".o_app[data-menu-xmlid='crm_biuro.menu_biuro_root']",
            run: "click",
        },
        {
            content: "The Pulpit shows its tiles; nothing late among my clients",
            trigger:
                ".o_biuro_pulpit .o_biuro_pulpit_tile[data-tile='obligations_late'] .o_biuro_pulpit_count:contains(0)",
        },
        {
            content: "Whole office",
            trigger: ".o_biuro_pulpit_scope button[name='office']",
            run: "click",
        },
        {
            content: "The late deadline of the office counts",
            trigger:
                ".o_biuro_pulpit_tile[data-tile='obligations_late'] .o_biuro_pulpit_count:contains(1)",
            run: "click",
        },
        {
            content: "The list of late deadlines, by client",
            trigger: ".o_list_view .o_group_name:contains(Pulpitowa)",
        },
    ],
});
