/** @odoo-module **/
// The hall board of a service center: redraws the list of calls pushed over the bus on
// each call, without reloading the page, with a chime (SC-7); the running line of
// announcements is redrawn the same way when they change.
import { registry } from "@web/core/registry";

function renderCalls(board, calls) {
    const body = board.querySelector(".o_sce_queue_board_calls");
    body.replaceChildren(
        ...calls.map((call, index) => {
            const row = document.createElement("tr");
            if (index === 0) {
                row.classList.add("table-warning");
            }
            for (const [value, bold] of [
                [call.number, true],
                [call.window, false],
            ]) {
                const cell = document.createElement("td");
                cell.textContent = value;
                if (bold) {
                    cell.classList.add("fw-bold");
                }
                row.appendChild(cell);
            }
            return row;
        })
    );
    board.querySelector(".o_sce_queue_board_empty")?.remove();
    board.dataset.lastCall = calls.length ? calls[0].number : "";
}

/** The running line: one span per announcement, hidden when there is none. */
function renderAnnouncements(board, texts) {
    const ticker = board.querySelector(".o_sce_queue_board_ticker");
    const line = ticker.querySelector(".o_sce_queue_board_ticker_line");
    line.replaceChildren(
        ...texts.map((text) => {
            const span = document.createElement("span");
            span.classList.add("o_sce_queue_board_announcement");
            span.textContent = text;
            return span;
        })
    );
    ticker.classList.toggle("d-none", !texts.length);
}

let audioContext = null;

/** A short two-tone chime made by WebAudio (no sound file); silent where the browser
 * forbids audio before a user gesture. */
function chime() {
    try {
        audioContext = audioContext || new (window.AudioContext || window.webkitAudioContext)();
        const start = audioContext.currentTime;
        for (const [offset, frequency] of [
            [0, 880],
            [0.25, 660],
        ]) {
            const oscillator = audioContext.createOscillator();
            const gain = audioContext.createGain();
            oscillator.frequency.value = frequency;
            gain.gain.setValueAtTime(0.25, start + offset);
            gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.22);
            oscillator.connect(gain).connect(audioContext.destination);
            oscillator.start(start + offset);
            oscillator.stop(start + offset + 0.25);
        }
    } catch {
        // no audio on this screen: the board still shows the call
    }
}

export const sceQueueBoardService = {
    dependencies: ["bus_service"],
    start(env, { bus_service }) {
        const board = document.querySelector(".o_sce_queue_board");
        if (!board) {
            return;
        }
        bus_service.subscribe("sce_queue_board/call", (calls) => {
            renderCalls(board, calls);
            chime();
        });
        bus_service.subscribe("sce_queue_board/announcements", (texts) => {
            renderAnnouncements(board, texts);
        });
        bus_service.addChannel(board.dataset.channel);
    },
};

registry.category("services").add("sce_queue_board", sceQueueBoardService);
