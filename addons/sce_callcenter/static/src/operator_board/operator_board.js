/** @odoo-module **/

import { Component, onWillStart, onWillUnmount, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";
import { useService } from "@web/core/utils/hooks";
import { deserializeDateTime } from "@web/core/l10n/dates";

/**
 * The operator board (CC-7 item 15): operators of the lines the user may see with their
 * state and since when, their current call, and the calls waiting per queue. The server
 * sends "sce_callcenter/board" on the bus when a state, a call or a queue changes; the
 * board then reloads its data (no polling). A one-second clock only redraws the times.
 */
export class OperatorBoard extends Component {
    static template = "sce_callcenter.OperatorBoard";
    static props = ["*"];

    setup() {
        this.busService = useService("bus_service");
        this.action = useService("action");
        this.state = useState({ data: null, now: luxon.DateTime.now() });
        this.onBoardChanged = () => this.load();
        onWillStart(() => this.load());
        this.busService.subscribe("sce_callcenter/board", this.onBoardChanged);
        this.timer = setInterval(() => (this.state.now = luxon.DateTime.now()), 1000);
        onWillUnmount(() => {
            this.busService.unsubscribe("sce_callcenter/board", this.onBoardChanged);
            clearInterval(this.timer);
        });
    }

    async load() {
        this.state.data = await rpc("/sce/callcenter/board", {});
    }

    elapsed(since) {
        if (!since) {
            return "";
        }
        const seconds = Math.max(
            0,
            Math.floor(this.state.now.diff(deserializeDateTime(since)).as("seconds"))
        );
        const h = Math.floor(seconds / 3600);
        const m = Math.floor((seconds % 3600) / 60);
        const s = seconds % 60;
        const pad = (n) => String(n).padStart(2, "0");
        return h ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
    }

    openCall(callId) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "sce.call",
            res_id: callId,
            views: [[false, "form"]],
        });
    }
}

registry.category("actions").add("sce_callcenter.operator_board", OperatorBoard);
