/** @odoo-module **/

import { registry } from "@web/core/registry";

/**
 * The operator's screen pop (CC-3): when the PBX offers or connects a call at the
 * operator's extension, the server sends "sce_callcenter/screen_pop" on the bus and this
 * service opens the caller's card (one customer), a pick list (several customers on the
 * number) or a new appeal from the call (unknown number). The server decides which, and
 * answers nothing for a call that has ended (the bus replays recent notifications to a
 * browser that connects). A live pop is passed on to the outage banner.
 */
export const sceScreenPopService = {
    dependencies: ["bus_service", "action", "orm"],

    start(env, { bus_service, action, orm }) {
        bus_service.subscribe("sce_callcenter/screen_pop", async (payload) => {
            const callAction = await orm.call("sce.call", "action_screen_pop", [
                [payload.call_id],
            ]);
            if (!callAction) {
                return;
            }
            env.bus.trigger("SCE_CALLCENTER:LIVE_SCREEN_POP", payload);
            await action.doAction(callAction);
        });
        bus_service.start();
    },
};

registry.category("services").add("sce_callcenter_screen_pop", sceScreenPopService);
