import publicWidget from "@web/legacy/js/public/public_widget";

// WEB-4 step 1: while the customer types the subject of a question, the published
// answers sharing a word with it are offered before the question is sent.
publicWidget.registry.SceReceptionFaqSuggestions = publicWidget.Widget.extend({
    selector: ".o_sce_reception_question",
    events: {
        "input #sce_subject": "_onSubjectInput",
        "click #sce_faq_suggestions a": "_onSuggestionClick",
    },

    _stems(text) {
        // Russian words change their endings: compare the stems.
        return text
            .toLowerCase()
            .split(/[^\p{L}\p{N}]+/u)
            .filter((word) => word.length > 3)
            .map((word) => (word.length > 5 ? word.slice(0, -2) : word));
    },

    _onSubjectInput(ev) {
        const stems = this._stems(ev.currentTarget.value);
        const box = this.el.querySelector("#sce_faq_suggestions");
        const list = box.querySelector("ul");
        list.replaceChildren();
        for (const article of this.el.querySelectorAll(".o_sce_faq_article")) {
            const text = article.textContent.toLowerCase();
            if (!stems.some((stem) => text.includes(stem))) {
                continue;
            }
            const link = document.createElement("a");
            link.href = `#${article.id}`;
            link.dataset.article = article.id;
            link.textContent = article.querySelector("summary").textContent;
            const item = document.createElement("li");
            item.append(link);
            list.append(item);
        }
        box.classList.toggle("d-none", !list.children.length);
    },

    _onSuggestionClick(ev) {
        const article = this.el.querySelector(`#${ev.currentTarget.dataset.article}`);
        if (article) {
            article.open = true;
        }
    },
});
