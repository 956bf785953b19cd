/** @odoo-module **/

import { Component } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

/**
 * The questionnaire beside the call card (CC-7 item 24): the survey's own answer page
 * (same origin) in a frame, where the operator enters the customer's answers live.
 * The server gives the page only to the operator calling the customer.
 */
export class SurveyAnswerFrame extends Component {
    static template = "sce_survey.SurveyAnswerFrame";
    static props = { ...standardFieldProps };

    get url() {
        return this.props.record.data[this.props.name] || "";
    }
}

registry.category("fields").add("sce_survey_answer_frame", {
    component: SurveyAnswerFrame,
    supportedTypes: ["char"],
});
