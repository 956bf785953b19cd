import { registry } from "@web/core/registry";

// WEB-3: a citizen registers in the personal cabinet with the personal account number and
// the meter number, and is told to confirm the e-mail.
registry.category("web_tour.tours").add("sce_portal_cabinet_registration", {
    url: "/cabinet/register",
    steps: () => [
        {
            content: "The visitor chooses the page for individuals",
            trigger: "a.o_sce_register_person",
            run: "click",
        },
        { trigger: "#sce_account_number", run: "edit TEST-1501000111" },
        { trigger: "#sce_factor_kind", run: "select meter" },
        { trigger: "#sce_factor_value", run: "edit МИР С-05 №0123456" },
        { trigger: "#sce_surname", run: "edit Кокоев" },
        { trigger: "#sce_first_name", run: "edit Аслан" },
        { trigger: "#sce_email", run: "edit aslan.kokoev@example.ru" },
        { trigger: "#sce_consent", run: "check" },
        {
            content: "and registers",
            trigger: ".o_sce_register_form button[type='submit']",
            run: "click",
        },
        {
            content: "The account is confirmed; the login comes by e-mail",
            trigger: ".o_sce_register_done:contains('aslan.kokoev@example.ru')",
        },
    ],
});

// WEB-3: the customer opens the e-mailed invitation, chooses a password and finds the
// personal account in the cabinet.
registry.category("web_tour.tours").add("sce_portal_cabinet_signup", {
    steps: () => [
        { trigger: "input#password", run: "edit Vladikavkaz-2026" },
        { trigger: "input#confirm_password", run: "edit Vladikavkaz-2026" },
        {
            content: "The customer confirms the e-mail by choosing the password",
            trigger: "form.oe_signup_form button[type='submit']",
            run: "click",
        },
        {
            content: "and, logged in, opens the accounts",
            trigger: "a[href='/my/accounts']",
            run: "click",
        },
        {
            content: "The registered account is in the cabinet",
            trigger: ".o_sce_my_account:contains('TEST-1501000111')",
        },
    ],
});
