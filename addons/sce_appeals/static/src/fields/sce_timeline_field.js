import { Component, markup } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

/**
 * The customer timeline (GEN-3): the escaped HTML computed by
 * res.partner._compute_sce_timeline_html; a click on an event opens its record in the
 * current window, with a breadcrumb back to the card.
 */
export class SceTimelineField extends Component {
    static template = "sce_appeals.SceTimelineField";
    static props = { ...standardFieldProps };

    setup() {
        this.action = useService("action");
    }

    get content() {
        return markup(this.props.record.data[this.props.name] || "");
    }

    onClick(ev) {
        const link = ev.target.closest("a[data-oe-model][data-oe-id]");
        if (!link) {
            return;
        }
        ev.preventDefault();
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: link.dataset.oeModel,
            res_id: parseInt(link.dataset.oeId),
            views: [[false, "form"]],
            target: "current",
        });
    }
}

registry.category("fields").add("sce_timeline", {
    component: SceTimelineField,
    supportedTypes: ["html"],
});
