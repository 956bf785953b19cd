import { registry } from "@web/core/registry";

// WEB-3: a customer opens the personal account, gives a meter reading, finds the receipt
// and pays the debt by card (Odoo's demo provider); the payment lands in the ledger.
registry.category("web_tour.tours").add("sce_portal_cabinet_reading_payment", {
    url: "/my/accounts",
    steps: () => [
        {
            content: "The customer opens the personal account",
            trigger: ".o_sce_my_account a:contains('TEST-1501000111')",
            run: "click",
        },
        {
            content: "The account page fits the screen: no sideways scrolling",
            trigger: ".o_sce_portal_account .o_sce_chart",
            run() {
                const overflow = document.documentElement.scrollWidth - window.innerWidth;
                if (overflow > 1) {
                    throw new Error(`The page is ${overflow}px wider than the screen`);
                }
            },
        },
        {
            content: "types the meter reading",
            trigger: "form.o_sce_reading_form input[name='value']",
            run: "edit 1300",
        },
        {
            content: "and sends it",
            trigger: "form.o_sce_reading_form button[type='submit']",
            run: "click",
        },
        {
            content: "The reading is accepted and shown in the history",
            trigger: ".alert-success:contains('Показания приняты')",
        },
        {
            content: "The receipt is offered",
            trigger: "a.o_sce_receipt_link[href$='/receipt']",
        },
        {
            content: "The customer pays the debt by card",
            trigger: ".o_sce_pay_button",
            run: "click",
        },
        {
            content: "enters the (test) card details",
            trigger: "input#customer_input",
            run: "edit 4242424242424242",
        },
        {
            content: "and confirms the payment",
            trigger: "button[name='o_payment_submit_button']:not(:disabled)",
            run: "click",
        },
        {
            content: "Back on the account, the payment is in the ledger",
            trigger: ".o_sce_portal_account .o_sce_move:contains('Оплата'):contains('300,00')",
            timeout: 20000,
        },
    ],
});
