/** @odoo-module */

import {Component} from "@odoo/owl";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {standardWidgetProps} from "@web/views/widgets/standard_widget_props";

/**
 * "Add a client by NIP" on an empty client form. A widget rather than a form
 * button: a button would first try to save the empty record (and fail on the
 * missing name); this one just opens the wizard.
 */
export class BiuroAddFromNip extends Component {
    static template = "crm_biuro_verify.BiuroAddFromNip";
    static props = {...standardWidgetProps};

    setup() {
        this.action = useService("action");
    }

    onClick() {
        this.action.doAction("crm_biuro_verify.action_biuro_client_from_nip");
    }
}

registry.category("view_widgets").add("biuro_add_from_nip", {component: BiuroAddFromNip});
