import { registry } from "@web/core/registry";

// The phone layout hides the site menu behind the navbar toggler; the desktop shows it.
function openPhoneMenu() {
    const toggler = [
        ...document.querySelectorAll("button[data-bs-target='#top_menu_collapse_mobile']"),
    ].find(
        (button) => button.offsetParent !== null
    );
    if (toggler) {
        toggler.click();
    }
}

function noSidewaysScrolling() {
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    if (overflow > 1) {
        throw new Error(`The page is ${overflow}px wider than the screen`);
    }
}

// WEB-1: a visitor finds the site information for customers through the site menu.
registry.category("web_tour.tours").add("sce_portal_site_menu", {
    url: "/",
    steps: () => [
        {
            content: "On a phone the visitor opens the menu",
            trigger: "header",
            run: openPhoneMenu,
        },
        {
            content: "opens For customers in the site menu",
            trigger: "a.dropdown-toggle:contains('Потребителям')",
            run: "click",
        },
        {
            content: "and chooses the meter-reading rules",
            trigger: "a.dropdown-item[href$='/customers/meter-readings']",
            run: "click",
        },
        {
            content: "The rules say when to give readings and what happens without them",
            trigger: ".o_sce_site_meter_readings h1:contains('Показания приборов учёта')",
            run: noSidewaysScrolling,
        },
        {
            content: "Back to the list of everything for customers",
            trigger: ".o_sce_site_meter_readings .breadcrumb a[href$='/customers']",
            run: "click",
        },
        {
            content: "The visitor opens the service centers",
            trigger: "a.o_sce_site_index_link[href$='/customers/service-centers']",
            run: "click",
        },
        {
            content: "with their addresses and hours, readable on the screen",
            trigger: ".o_sce_site_centers tbody tr",
            run: noSidewaysScrolling,
        },
        {
            content: "then the additional services",
            trigger: ".breadcrumb a[href$='/customers']",
            run: "click",
        },
        {
            trigger: "a.o_sce_site_index_link[href$='/customers/additional-services']",
            run: "click",
        },
        {
            content: "where each service has its price and the form to request it",
            trigger: ".o_sce_site_service a:contains('Замена прибора учёта')",
            run: "click",
        },
        {
            content: "The service's form tells when the originals are due",
            trigger: ".o_sce_originals_notice .o_sce_originals_date",
        },
    ],
});
