/** @odoo-module **/

import { registry } from "@web/core/registry";

/**
 * The outage banner of the screen pop (CC-2, CC-3): when the caller's address is in an
 * announced or ongoing outage, the screen-pop payload lists it under "outages" and the
 * operator sees a sticky notice beside the caller's card (for a live call only: the
 * screen-pop service passes on the pops the server confirms).
 */
export const sceOutageBannerService = {
    dependencies: ["notification"],

    start(env, { notification }) {
        env.bus.addEventListener("SCE_CALLCENTER:LIVE_SCREEN_POP", ({ detail: payload }) => {
            for (const outage of payload.outages || []) {
                notification.add(outage.text || outage.name, {
                    title: outage.banner,
                    type: outage.kind === "emergency" ? "danger" : "warning",
                    sticky: true,
                });
            }
        });
    },
};

registry.category("services").add("sce_callcenter_outage_banner", sceOutageBannerService);
