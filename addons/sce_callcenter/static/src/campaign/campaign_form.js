/** @odoo-module **/

import { onWillUnmount } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { formView } from "@web/views/form/form_view";
import { FormController } from "@web/views/form/form_controller";

/**
 * The campaign form with live progress (CC-2, FB-6): after each batch of results the
 * server sends "sce_callcenter/campaign_progress" with the campaign's id on the bus to
 * the users who may read it; the open form of that campaign reloads its record (the
 * counters and the progress bar) unless the user is editing it. No polling.
 */
export class SceInformCampaignFormController extends FormController {
    setup() {
        super.setup();
        this.busService = useService("bus_service");
        this.onCampaignProgress = async (payload) => {
            const root = this.model.root;
            if (!root || root.resId !== payload.campaign_id || root.isNew) {
                return;
            }
            if (await root.isDirty()) {
                return;
            }
            await root.load();
        };
        this.busService.subscribe("sce_callcenter/campaign_progress", this.onCampaignProgress);
        this.busService.start();
        onWillUnmount(() =>
            this.busService.unsubscribe(
                "sce_callcenter/campaign_progress",
                this.onCampaignProgress
            )
        );
    }
}

registry.category("views").add("sce_inform_campaign_form", {
    ...formView,
    Controller: SceInformCampaignFormController,
});
