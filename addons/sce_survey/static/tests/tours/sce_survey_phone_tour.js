import { registry } from "@web/core/registry";

// CC-7 item 24: the operator takes the next customer of a telephone survey; the
// questionnaire's own page opens beside the call card; the customer refuses.
registry.category("web_tour.tours").add("sce_survey_phone_operator", {
    steps: () => [
        {
            content: "The operator presses Next customer on the running survey",
            trigger: ".o_list_view .o_data_row:contains('Тур: телефонный опрос') button[name='action_next_customer']",
            run: "click",
        },
        {
            content: "The call card shows the customer being called",
            trigger: ".o_form_view .o_field_widget[name='partner_id']:contains('Тедеев')",
        },
        {
            content: "The questionnaire opens beside it, on its own page",
            trigger: ".o_form_view iframe.o_sce_survey_answer_frame[src*='/survey/start/']",
        },
        {
            content: "It is the survey's questionnaire, open to the operator",
            trigger: ":iframe .o_survey_main_title:contains('Тур: анкета')",
        },
        {
            content: "The customer refuses",
            trigger: ".o_form_view .o_form_statusbar button[name='action_mark_refused']",
            run: "click",
        },
        {
            content: "The customer is marked refused and the questionnaire is closed",
            trigger: ".o_form_view:not(:has(iframe)) .o_form_statusbar button[name='action_next_customer']",
        },
    ],
});

// CC-7 item 24: the supervisor opens the survey's live progress board.
registry.category("web_tour.tours").add("sce_survey_phone_progress", {
    steps: () => [
        {
            content: "The supervisor opens the telephone survey",
            trigger: ".o_list_view .o_data_row td[name='name']:contains('Тур: телефонный опрос')",
            run: "click",
        },
        {
            content: "and its progress board",
            trigger: ".o_form_view button[name='action_open_progress']",
            run: "click",
        },
        {
            content: "The board shows the completion rate and the operator's figures",
            trigger: ".o_sce_phone_progress tr:contains('Оператор Опросов') td:contains('50')",
        },
    ],
});
