/** @odoo-module **/

import { Component, onWillStart, onWillUnmount, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";
import { useService } from "@web/core/utils/hooks";

/**
 * A telephone survey's live progress (CC-7 item 24): counts per state, completion rate
 * and per operator. The server sends "sce_survey/phone_progress" on the bus when an
 * operator takes a customer or records an outcome; the board then reloads.
 */
export class PhoneSurveyProgress extends Component {
    static template = "sce_survey.PhoneSurveyProgress";
    static props = ["*"];

    setup() {
        this.busService = useService("bus_service");
        this.action = useService("action");
        this.surveyId =
            this.props.action.params?.phone_survey_id || this.props.action.context?.active_id;
        this.state = useState({ data: null });
        this.onProgress = (payload) => {
            if ((payload.phone_survey_ids || []).includes(this.surveyId)) {
                this.load();
            }
        };
        onWillStart(() => this.load());
        this.busService.subscribe("sce_survey/phone_progress", this.onProgress);
        onWillUnmount(() =>
            this.busService.unsubscribe("sce_survey/phone_progress", this.onProgress)
        );
    }

    async load() {
        this.state.data = await rpc("/sce/survey/phone/progress", {
            phone_survey_id: this.surveyId,
        });
    }

    openEntries(state, userId) {
        const domain = [["phone_survey_id", "=", this.surveyId]];
        if (state) {
            domain.push(["state", "=", state]);
        }
        if (userId) {
            domain.push(["user_id", "=", userId]);
        }
        this.action.doAction({
            type: "ir.actions.act_window",
            name: this.state.data.name,
            res_model: "sce.survey.phone.entry",
            views: [
                [false, "list"],
                [false, "form"],
            ],
            domain,
        });
    }
}

registry.category("actions").add("sce_survey.phone_progress", PhoneSurveyProgress);
