import { registry } from "@web/core/registry";

// CC-7 item 20: an operator logs in and lands on the appeals (not in Discuss), sees the
// overdue appeal marked in colour, opens it and finds its deadlines and the overdue ribbon.
registry.category("web_tour.tours").add("sce_appeals_deadline_control", {
    steps: () => [
        {
            content: "The operator lands on the appeals list",
            trigger: ".o_action_manager .o_list_view .o_data_row td[name='name']:contains('Tour: meter not replaced')",
        },
        {
            content: "The overdue appeal is listed in red with a red badge",
            trigger: ".o_list_view .o_data_row.text-danger:has(.o_field_badge .text-bg-danger) td[name='name']:contains('Tour: meter not replaced')",
            run: "click",
        },
        {
            content: "The form shows the overdue ribbon",
            trigger: ".o_form_view .ribbon span.text-bg-danger",
        },
        {
            content: "and the answer deadline",
            trigger: ".o_form_view .o_field_widget[name='deadline_answer']",
        },
        {
            content: "The knowledge base is one click away",
            trigger: ".o_form_view button[name='action_sce_open_knowledge_base']",
            run: "click",
        },
        {
            content: "Knowledge base opened on the appeal's topic",
            trigger: ".o_list_view .o_data_row td[name='name']:contains('Tour: how to pass meter readings')",
        },
    ],
});
