import { registry } from "@web/core/registry";

// Test documents: what the server checks is the first bytes (real JPEG / PDF signatures).
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, ...new Array(64).fill(0)]);
const PDF = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

function attach(input, name, content, type) {
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], name, { type }));
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
}

function noSidewaysScrolling() {
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    if (overflow > 1) {
        throw new Error(`The page is ${overflow}px wider than the screen`);
    }
}

// WEB-2: a visitor requests a meter replacement with the service's own fields and the
// scans of the documents, and is told the date the originals are due.
registry.category("web_tour.tours").add("sce_portal_service_request", {
    url: "/reception/services",
    steps: () => [
        {
            content: "The visitor chooses the service",
            trigger: "a.o_sce_service_link:contains('Замена прибора учёта')",
            run: "click",
        },
        {
            content: "The form says when the originals are due",
            trigger: ".o_sce_originals_notice .o_sce_originals_date",
            run: noSidewaysScrolling,
        },
        { trigger: "#sce_surname", run: "edit Цаголов" },
        { trigger: "#sce_first_name", run: "edit Батраз" },
        { trigger: "#sce_patronymic", run: "edit Маирбекович" },
        { trigger: "#sce_phone", run: "edit +7 918 822-41-07" },
        {
            content: "fills in the service's own fields",
            trigger: "label:contains('Номер счётчика')",
            run() {
                document.getElementById(this.anchor.getAttribute("for")).value = "СЕ-101 №009871";
            },
        },
        {
            trigger: "label:contains('Адрес установки счётчика')",
            run() {
                document.getElementById(this.anchor.getAttribute("for")).value =
                    "Владикавказ, ул. Кутузова, 72, кв. 9";
            },
        },
        {
            content: "attaches the scans of the required documents",
            trigger: ".o_sce_service_document_input input[type='file']",
            run() {
                for (const input of document.querySelectorAll(
                    ".o_sce_service_document_input input[type='file']"
                )) {
                    attach(input, `${input.name}.jpg`, JPEG, "image/jpeg");
                }
            },
        },
        {
            content: "and sends the request",
            trigger: ".o_sce_reception_service form button[type='submit']",
            run: "click",
        },
        {
            content: "The request has its number and the originals' date",
            trigger: ".o_sce_appeal_number",
        },
        {
            trigger: ".o_sce_originals_deadline:contains('6 рабочих дней')",
        },
        {
            content: "and a link to follow it",
            trigger: "a.o_sce_follow_link",
            run: "click",
        },
        {
            content: "The request's page lists the documents received online",
            trigger: ".o_sce_service_document",
        },
    ],
});

// WEB-5: a visitor reads the published answers to complaints, searches and filters them.
registry.category("web_tour.tours").add("sce_portal_complaint_answers", {
    url: "/reception",
    steps: () => [
        {
            content: "The visitor opens the answers to complaints",
            trigger: "a[href$='/reception/answers']",
            run: "click",
        },
        {
            content: "Both published answers are listed",
            trigger: ".o_sce_complaint_answer:contains('заменой ввода')",
        },
        {
            trigger: ".o_sce_complaint_answer:contains('зачтена в счёт будущих платежей')",
            run: noSidewaysScrolling,
        },
        {
            content: "The visitor searches for the recalculation",
            trigger: "#sce_answers_search",
            run: "edit зачтена",
        },
        {
            trigger: "form[action$='/reception/answers'] button[type='submit']",
            run: "click",
        },
        {
            content: "Only the matching answer is left",
            trigger: "body:not(:has(.o_sce_complaint_answer:contains('заменой ввода'))) .o_sce_complaint_answer:contains('зачтена')",
        },
        {
            content: "The visitor clears the search and filters by the topic",
            trigger: "#sce_answers_search",
            run: "clear",
        },
        {
            trigger: "#sce_answers_topic",
            run: "selectByLabel Качество электроэнергии и отключения",
        },
        {
            trigger: "form[action$='/reception/answers'] button[type='submit']",
            run: "click",
        },
        {
            content: "The topic's answer is shown, the other is not",
            trigger: "body:not(:has(.o_sce_complaint_answer:contains('зачтена'))) .o_sce_complaint_answer:contains('заменой ввода')",
        },
    ],
});

// WEB-3: the customer adds a document to an open appeal, then withdraws it.
registry.category("web_tour.tours").add("sce_portal_appeal_add_and_withdraw", {
    url: "/my/appeals",
    steps: () => [
        {
            content: "The customer opens the appeal",
            trigger: ".o_sce_my_appeal a",
            run: "click",
        },
        {
            content: "writes the additional information",
            trigger: "#sce_information_text",
            run: "edit Прилагаю акт проверки прибора учёта от сетевой организации.",
        },
        {
            content: "attaches the act as a PDF",
            trigger: "#sce_information_files",
            run() {
                attach(this.anchor, "акт проверки.pdf", PDF, "application/pdf");
            },
        },
        {
            trigger: "form.o_sce_add_information button[type='submit']",
            run: "click",
        },
        {
            content: "The message and its document are on the appeal",
            trigger: ".o_sce_appeal_message:contains('Прилагаю акт проверки') a:contains('акт проверки.pdf')",
            run: noSidewaysScrolling,
        },
        {
            content: "The customer withdraws the appeal with a reason",
            trigger: "#sce_withdraw_reason",
            run: "edit Вопрос решён при личном визите в центр обслуживания.",
        },
        {
            trigger: "form.o_sce_withdraw button[type='submit']",
            run: "click",
        },
        {
            content: "The appeal says it was withdrawn, and the forms are gone",
            trigger: "body:not(:has(form.o_sce_withdraw)) .o_sce_appeal_withdrawn:contains('Вопрос решён при личном визите')",
        },
    ],
});
