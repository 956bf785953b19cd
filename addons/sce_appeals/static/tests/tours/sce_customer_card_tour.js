import { registry } from "@web/core/registry";

// GEN-3: a front-office operator finds a customer by a phone number typed as the caller
// says it, opens the card (accounts, open appeals, timeline; no personal-data flags)
// and opens an appeal from the timeline.
registry.category("web_tour.tours").add("sce_appeals_customer_card", {
    url: "/odoo/action-sce_appeals.res_partner_action_sce_customer_card",
    steps: () => [
        {
            content: "Type the phone number in the search box",
            trigger: ".o_searchview_input",
            run: "edit 8 (8672) 59-87-65",
        },
        {
            content: "Search customers by name, phone, account or address",
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "The search is applied",
            trigger: ".o_searchview_facet:contains('59-87-65')",
        },
        {
            content: "The customer is found: open the card",
            trigger: ".o_list_view .o_data_row td[name='name']:contains('Турова Тамара Тимуровна')",
            run: "click",
        },
        {
            content: "The card lists the account with its balance",
            trigger: ".o_form_view .o_field_widget[name='sce_account_ids'] .o_data_row:contains('TOUR-ACC-0001')",
        },
        {
            content: "and the open appeal with its term",
            trigger: ".o_form_view .o_field_widget[name='sce_open_appeal_ids'] .o_data_row:contains('Tour: card appeal') .o_field_badge",
        },
        {
            content: "The operator has no personal-data access: no vulnerability flags",
            trigger: ".o_form_view:not(:has(.o_field_widget[name='sce_is_disabled'])) .o_field_widget[name='sce_needs_priority']",
        },
        {
            content: "The timeline shows the payment",
            trigger: ".o_form_view .o_sce_timeline tr.o_sce_timeline_payment",
        },
        {
            content: "Open the appeal from the timeline",
            trigger: ".o_form_view .o_sce_timeline a:contains('Tour: card appeal')",
            run: "click",
        },
        {
            content: "The appeal opens in place, with its answer deadline",
            trigger: ".o_form_view .o_field_widget[name='deadline_answer']",
        },
        {
            content: "and a breadcrumb back to the card",
            trigger: ".o_breadcrumb a:contains('Турова Тамара Тимуровна')",
        },
    ],
});
