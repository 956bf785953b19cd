import { registry } from "@web/core/registry";

// WEB-4 step 1: a visitor types the subject of a question and is offered the published
// answer before sending it.
registry.category("web_tour.tours").add("sce_portal_faq_suggestions", {
    url: "/reception/question",
    steps: () => [
        {
            content: "The visitor types the subject of the question",
            trigger: "#sce_subject",
            run: "edit Не знаю, как передавать показания",
        },
        {
            content: "The matching published answer is offered",
            trigger: "#sce_faq_suggestions:not(.d-none) a:contains('Как передать показания счётчика?')",
            run: "click",
        },
        {
            content: "and opens in the questions and answers",
            trigger: "details.o_sce_faq_article[open] summary:contains('Как передать показания счётчика?')",
        },
    ],
});
