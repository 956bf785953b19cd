"""Screenshots of the main screens for the README, taken in headless Chromium from the
server `make run` serves (demo database, Russian), each as the role that uses the screen.

Usage: python scripts/screenshots.py [BASE_URL] [SHOT ...]   (default http://localhost:8069)
SCE_DB names the database when the server is not `make run`'s `sce`.
"""

# pylint: disable=print-used
import base64
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
import websocket
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
# name: (login, path to open, CSS selector that says the screen is ready, then any number
# of pairs: what to click (a CSS selector, or "js:" and an expression that clicks) and the
# selector that says the click's screen is ready; "js:" and an expression that is true then)
ACTION = "/odoo/action-sce_appeals."
SURVEY = "/odoo/action-sce_survey."
# the questionnaire's page beside the call card
FRAME = "document.querySelector('.o_form_view iframe')?.contentDocument"


def click_text(selector, text):
    """A "js:" click on the element of ``selector`` whose text is ``text``."""
    return (
        f"js:[...document.querySelectorAll({json.dumps(selector)})]"
        f".find(e => e.textContent.trim() === {json.dumps(text)}).click()"
    )


SHOTS = {
    "appeals-list": ("operator", ACTION + "helpdesk_ticket_action_appeals", ".o_data_row"),
    "appeals-kanban": (
        "operator",
        ACTION + "helpdesk_ticket_action_appeals?view_type=kanban",
        ".o_kanban_record",
    ),
    "deadline-control": ("operator", ACTION + "helpdesk_ticket_action_overdue", ".o_data_row"),
    "appeal-form": (
        "operator",
        ACTION + "helpdesk_ticket_action_overdue",
        ".o_data_row",
        ".o_data_row.text-danger td.o_data_cell",
        ".o_form_view .ribbon",
    ),
    "appeal-analysis": ("manager", ACTION + "helpdesk_ticket_action_sce_analysis", ".o_pivot"),
    "deadline-policies": ("head.office", ACTION + "sce_sla_policy_action", ".o_data_row"),
    "production-calendar": ("head.office", ACTION + "sce_calendar_day_action", ".o_group_header"),
    "calls": ("operator", "/odoo/action-sce_callcenter.sce_call_action", ".o_data_row"),
    "queue-tickets": (
        "sc.administrator",
        "/odoo/action-sce_service_center.sce_queue_ticket_action",
        ".o_data_row, .o_kanban_record",
    ),
    # the cashier at their window: the visitor being served (a ticket with a window)
    "queue-window": (
        "sc.cashier",
        "/odoo/action-sce_service_center.sce_queue_ticket_action",
        ".o_data_row",
        ".o_data_row:not(.text-muted):has(td[name=window_id]:not(:empty)) td.o_data_cell",
        ".o_form_view .o_statusbar_buttons",
    ),
    # public pages: no login
    "queue-board": (None, "/sce/queue/1/board", ".o_sce_queue_board_announcement"),
    "queue-kiosk": (None, "/sce/queue/1/kiosk?token=demo-kiosk-central", "form"),
    "reception-question": (None, "/reception/question", "form"),
    # the site of WEB-1: the menu opened, a page, the services with their prices
    "site-customers": (
        None,
        "/customers",
        ".o_sce_site_index",
        "a.dropdown-toggle[href='#'], header a.dropdown-toggle",
        ".dropdown-menu.show",
    ),
    "site-meter-readings": (None, "/customers/meter-readings", ".o_sce_site_meter_readings"),
    "site-services": (None, "/customers/additional-services", ".o_sce_site_services"),
    "cabinet-register": (None, "/cabinet/register/person", "form"),
    "cabinet-account": (
        "portal.customer",
        "/my/accounts",
        ".o_sce_my_account",
        ".o_sce_my_account a",
        ".o_sce_chart",
    ),
    "cabinet-consents": ("portal.customer", "/my/consents", "form"),
    # the call center (sce_callcenter): its head sees both lines, statistics, campaigns
    "operator-board": (
        "cc.supervisor",
        "/odoo/action-sce_callcenter.sce_operator_board_action",
        ".o_sce_operator_board tbody tr",
    ),
    "call-statistics": (
        "cc.supervisor",
        "/odoo/action-sce_callcenter.sce_call_action_stats",
        ".o_graph_renderer canvas",
    ),
    "call-statistics-pivot": (
        "cc.supervisor",
        "/odoo/action-sce_callcenter.sce_call_action_stats?view_type=pivot",
        ".o_pivot table",
    ),
    "campaigns": (
        "cc.supervisor",
        "/odoo/action-sce_callcenter.sce_inform_campaign_action",
        ".o_data_row",
        ".o_data_row:last-child td.o_data_cell",
        ".o_form_view .o_field_widget[name=template]",
    ),
    "call-recording": (
        "cc.supervisor",
        "/odoo/action-sce_callcenter.sce_call_recording_action",
        ".o_data_row",
        ".o_data_row td.o_data_cell",
        ".o_form_view audio",
    ),
    "customer-card": (
        "operator",
        ACTION + "res_partner_action_sce_customer_card",
        ".o_data_row",
        ".o_data_row:nth-child(3) td.o_data_cell",
        ".o_form_view",
    ),
    # the surveys and internal control (sce_survey)
    "survey-questionnaires": (
        "mro.vladikavkaz",
        SURVEY + "survey_survey_action_sce",
        ".o_kanban_record",
    ),
    "survey-answers": (
        "head.office",
        SURVEY + "survey_user_input_action_sce",
        ".o_data_row",
        ".o_searchview_dropdown_toggler",
        ".o_group_by_menu",
        click_text(".o_group_by_menu .o_menu_item", "МРО"),
        ".o_group_header",
        ".o_searchview_dropdown_toggler",
        "js:!document.querySelector('.o_group_by_menu')",
        ".o_group_header",
        ".o_data_row",
    ),
    "complainant-audit": (
        "mro.vladikavkaz",
        SURVEY + "sce_complaint_audit_action",
        ".o_data_row",
        ".o_data_row:first-child td.o_data_cell",
        ".o_form_view .o_field_one2many .o_data_row",
    ),
    "quality-scores": (
        "head.office",
        SURVEY + "sce_quality_check_line_action_report",
        ".o_pivot table",
    ),
    "info-audit": (
        "head.office",
        SURVEY + "sce_info_audit_action",
        ".o_data_row",
        # this month's site and six stands are opened, to check; then last month's site
        ".o_data_row:nth-child(8) td.o_data_cell",
        ".o_form_view .o_field_one2many .o_data_row",
    ),
    "control-tasks": ("head.office", SURVEY + "sce_control_task_action", ".o_data_row"),
    "phone-survey-operator": (
        "operator",
        SURVEY + "sce_survey_phone_action",
        ".o_data_row",
        ".o_data_row button[name=action_next_customer]",
        f"js:{FRAME}.querySelector('button[value=start]:not(.disabled)')",
        # the operator starts the questionnaire for the customer on the line
        f"js:{FRAME}.querySelector('button[value=start]').click()",
        f"js:{FRAME}.querySelector('.js_question-wrapper')",
    ),
    "phone-survey-progress": (
        "cc.supervisor",
        SURVEY + "sce_survey_phone_action",
        ".o_data_row",
        ".o_data_row td.o_data_cell",
        ".o_form_view button[name=action_open_progress]",
        ".o_form_view button[name=action_open_progress]",
        ".o_sce_phone_progress table",
    ),
    "survey-planner": (
        "head.office",
        SURVEY + "sce_survey_plan_entry_action",
        ".o_group_header",
        ".o_group_header",
        ".o_data_row",
    ),
    "survey-results": ("manager", SURVEY + "sce_survey_result_action", ".o_pivot table"),
    "quality-indicators-trend": (
        "manager",
        SURVEY + "sce_quality_indicator_action_sce_dashboard",
        ".o_graph_renderer canvas",
    ),
    "survey-yearly-report": (
        "manager",
        SURVEY + "sce_survey_report_wizard_action",
        ".modal .o_form_view",
    ),
}


def save_png(path, data):
    """The screenshot with a palette of 256 colours: a third of the size, the same look."""
    image = Image.open(io.BytesIO(data)).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        path, optimize=True
    )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """Chromium spoken to over the DevTools protocol."""

    def __init__(self):
        self.port = free_port()
        self.profile = tempfile.mkdtemp(prefix="sce-shots-")
        chrome = shutil.which("chromium") or shutil.which("chromium-browser")
        self.process = subprocess.Popen(
            [
                chrome,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                f"--remote-debugging-port={self.port}",
                f"--user-data-dir={self.profile}",
                "--window-size=1440,900",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _attempt in range(50):
            try:
                tabs = requests.get(f"http://127.0.0.1:{self.port}/json", timeout=2).json()
                page = next(t for t in tabs if t["type"] == "page")
                break
            except (requests.RequestException, StopIteration):
                time.sleep(0.2)
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
        self.seq = 0

    def call(self, method, **params):
        self.seq += 1
        self.ws.send(json.dumps({"id": self.seq, "method": method, "params": params}))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self.seq:
                return reply.get("result", {})

    def wait_for(self, selector, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if selector.startswith("js:"):
                expression = f"!!({selector[3:]})"
            else:
                expression = f"!!document.querySelector({json.dumps(selector)})"
            found = self.call("Runtime.evaluate", expression=expression)
            if found.get("result", {}).get("value"):
                return
            time.sleep(0.3)
        raise TimeoutError(selector)

    def close(self):
        self.ws.close()
        self.process.terminate()
        shutil.rmtree(self.profile, ignore_errors=True)


def session_cookie(base, login):
    response = requests.post(
        f"{base}/web/session/authenticate",
        json={
            "jsonrpc": "2.0",
            "params": {"db": os.environ.get("SCE_DB", "sce"), "login": login, "password": login},
        },
        timeout=30,
    )
    response.raise_for_status()
    if response.json().get("error"):
        raise SystemExit(f"cannot log in as {login}: {response.json()['error']['message']}")
    return response.cookies["session_id"]


def main():
    base = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8069"
    wanted = sys.argv[2:] or list(SHOTS)
    browser = Browser()
    try:
        browser.call("Network.enable")
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            width=1440,
            height=1500,
            deviceScaleFactor=1,
            mobile=False,
        )
        # The web client shows datetimes in the browser's zone: Vladikavkaz is on Moscow time.
        browser.call("Emulation.setTimezoneOverride", timezoneId="Europe/Moscow")
        for name in wanted:
            login, path, ready, *then = SHOTS[name]
            browser.call("Network.clearBrowserCookies")
            if login:
                browser.call(
                    "Network.setCookie",
                    name="session_id",
                    value=session_cookie(base, login),
                    url=base,
                )
            browser.call("Page.navigate", url=base + path)
            browser.wait_for(ready)
            for click, clicked in zip(then[::2], then[1::2], strict=True):
                if click.startswith("js:"):
                    expression = click[3:]
                else:
                    expression = f"document.querySelector({json.dumps(click)}).click()"
                browser.call("Runtime.evaluate", expression=expression)
                browser.wait_for(clicked)
            time.sleep(4 if name.startswith("phone-survey") else 2)
            # Pop-up notifications of the moment are not part of the screen.
            browser.call(
                "Runtime.evaluate",
                expression="document.querySelectorAll('.o_notification_manager')"
                ".forEach(n => n.remove())",
            )
            shot = browser.call("Page.captureScreenshot", format="png")
            save_png(OUT / f"{name}.png", base64.b64decode(shot["data"]))
            print(f"docs/screenshots/{name}.png")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
