/** @odoo-module **/
// The Pulpit: the office's working day on one page. One server call returns every
// tile (a count and the action of the list behind it): see biuro.pulpit.get_tiles.
import {Component, onWillStart, useState} from "@odoo/owl";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

export class BiuroPulpit extends Component {
    static template = "crm_biuro.Pulpit";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({scope: "mine", canSeeOffice: false, tiles: []});
        onWillStart(() => this.load("mine"));
    }

    async load(scope) {
        const result = await this.orm.call("biuro.pulpit", "get_tiles", [], {scope});
        Object.assign(this.state, {
            scope: result.scope,
            canSeeOffice: result.can_see_office,
            tiles: result.tiles,
        });
    }

    tileClass(tile) {
        return tile.count ? `o_biuro_pulpit_${tile.level}` : "o_biuro_pulpit_zero";
    }

    openTile(tile) {
        return this.action.doAction(tile.action);
    }
}

registry.category("actions").add("crm_biuro.pulpit", BiuroPulpit);
