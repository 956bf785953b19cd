"""End-to-end in a real browser (CC-3, CC-7 item 15): headless Chromium, driven over the
DevTools protocol, logged in as a call-center operator on the live server of the
end-to-end tests (tests/conftest.py). Odoo disables its websocket while Odoo's own test
runner is active, so these tests run against that server, where the bus works as in
production: the PBX posts signed events over HTTP, the server notifies the operator's
browser over the websocket, and the test waits for what the operator sees. A pop or a
board change that does not appear fails the test."""

import hashlib
import hmac
import json
import os
import random
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from screenshots import Browser  # noqa: E402 - the Chromium driver of the README shots

SECRET = "e2e-browser-" + uuid.uuid4().hex
WAIT = 45  # seconds for what the operator must see


def _xmlid(admin, xmlid):
    module, name = xmlid.split(".")
    [row] = admin.call(
        "ir.model.data",
        "search_read",
        [("module", "=", module), ("name", "=", name)],
        fields=["res_id"],
    )
    return row["res_id"]


@pytest.fixture()
def desk(admin):
    """A PBX source, a line-1 operator with an extension and a customer with a phone,
    new for each test: a browser that connects receives the bus messages of its user's
    last minute (Odoo's bus), so one test's screen pop must not reach the next test."""
    tag = uuid.uuid4().hex[:6]
    code = f"e2e-browser-{tag}"
    admin.call(
        "sce.cti.source", "create", {"name": "E2E browser PBX", "code": code, "secret": SECRET}
    )
    extension = str(random.randint(70000, 79999))
    login = f"e2e-operator-{tag}"
    name = f"Оператор Браузерный {tag}"
    admin.call(
        "res.users",
        "create",
        {
            "name": name,
            "login": login,
            "password": login,
            "sce_extension": extension,
            "tz": "Europe/Moscow",
            "lang": "ru_RU",
            "groups_id": [(6, 0, [_xmlid(admin, "sce_callcenter.group_sce_cc_operator_line1")])],
        },
    )
    surname = f"Газданов-{tag}"
    phone = f"+7 928 {random.randint(100, 999)}-{random.randint(10, 99)}-{random.randint(10, 99)}"
    partner = admin.call(
        "res.partner",
        "create",
        {
            "sce_surname": surname,
            "sce_first_name": "Гайто",
            "sce_patronymic": "Иванович",
            "sce_customer_group": "1",
            "phone": phone,
        },
    )
    return {
        "code": code,
        "extension": extension,
        "login": login,
        "name": name,
        "surname": surname,
        "phone": phone,
        "partner": partner,
    }


def _post(base, event):
    body = json.dumps(event).encode()
    timestamp = str(int(time.time()))
    signature = hmac.new(
        SECRET.encode(), timestamp.encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    reply = requests.post(
        f"{base}/sce/cti/v1/events",
        data=body,
        headers={
            "Content-Type": "application/json",
            "X-SCE-Timestamp": timestamp,
            "X-SCE-Signature": signature,
        },
        timeout=60,
    )
    assert reply.status_code == 200, reply.text
    return reply.json()


def _event(desk, call_id, sequence, kind, **extra):
    moment = datetime.now(UTC) - timedelta(seconds=5) + timedelta(seconds=sequence)
    return {
        "source": desk["code"],
        "event_id": f"{call_id}-{sequence}-{kind}",
        "call_id": call_id,
        "sequence": sequence,
        "type": kind,
        "timestamp": moment.isoformat(),
        **extra,
    }


class OperatorBrowser(Browser):
    """Chromium logged in as the operator, with helpers to wait for the screen."""

    def __init__(self, base, login):
        super().__init__()
        self.base = base
        self.call("Network.enable")
        self.call("Emulation.setTimezoneOverride", timezoneId="Europe/Moscow")
        session = requests.post(
            f"{base}/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "params": {"db": os.environ["SCE_TEST_DB"], "login": login, "password": login},
            },
            timeout=60,
        )
        assert session.json().get("result", {}).get("uid"), session.text
        self.call(
            "Network.setCookie", name="session_id", value=session.cookies["session_id"], url=base
        )

    def evaluate(self, expression):
        reply = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return reply.get("result", {}).get("value")

    def wait_js(self, expression, what, timeout=WAIT):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.evaluate(expression):
                return
            time.sleep(0.3)
        text = self.evaluate("document.body && document.body.innerText.slice(0, 600)")
        raise AssertionError(f"not seen within {timeout}s: {what}; the screen shows: {text!r}")

    def open(self, path):
        self.call("Page.navigate", url=self.base + path)
        self.wait_js("!!document.querySelector('.o_main_navbar')", "the web client")
        # The bus's worker reports its websocket connected: from now on the server's
        # notifications reach this page.
        self.wait_js(
            "odoo.__WOWL_DEBUG__?.root?.env?.services?.bus_service?.workerState === 'CONNECTED'",
            "the bus websocket connected",
        )


@pytest.fixture()
def operator_browser(odoo_server, desk):
    browser = OperatorBrowser(odoo_server, desk["login"])
    yield browser
    browser.close()


def _form_shows(text):
    return (
        "(() => { const form = document.querySelector('.o_form_view');"
        f" return !!form && form.innerText.includes({json.dumps(text)}); }})()"
    )


def test_cc3_screen_pop_opens_the_callers_card_in_the_browser(
    odoo_server, admin, desk, operator_browser
):
    """CC-3: a call ringing at the operator's extension opens the caller's customer
    card in the operator's open browser, with no reload and no polling: the bus
    delivers it over the websocket."""
    browser = operator_browser
    browser.open("/odoo")
    assert not browser.evaluate(_form_shows(desk["surname"]))
    call_id = f"e2e-pop-{uuid.uuid4().hex[:8]}"
    _post(
        odoo_server,
        _event(desk, call_id, 1, "call_started", caller=desk["phone"], called="88002000000"),
    )
    _post(odoo_server, _event(desk, call_id, 2, "ringing", queue="line1", agent=desk["extension"]))
    browser.wait_js(_form_shows(desk["surname"]), "the caller's card popped up")
    assert browser.evaluate("location.pathname").endswith(f"/{desk['partner']}")


def test_cc3_no_stale_pop_for_a_browser_opened_after_the_call(odoo_server, admin, desk):
    """CC-3: the bus replays a user's notifications of the last seconds to a browser
    that connects; the operator who opens the workstation just after a call ended is not
    thrown that caller's card."""
    call_id = f"e2e-stale-{uuid.uuid4().hex[:8]}"
    _post(
        odoo_server,
        _event(desk, call_id, 1, "call_started", caller=desk["phone"], called="88002000000"),
    )
    _post(odoo_server, _event(desk, call_id, 2, "ringing", queue="line1", agent=desk["extension"]))
    _post(odoo_server, _event(desk, call_id, 3, "ended"))
    browser = OperatorBrowser(odoo_server, desk["login"])
    try:
        browser.open("/odoo")
        time.sleep(4)
        assert not browser.evaluate(_form_shows(desk["surname"])), "a stale screen pop"
    finally:
        browser.close()


def test_cc7_unknown_number_pops_a_new_appeal_registered_from_the_call(
    odoo_server, admin, desk, operator_browser
):
    """CC-3, CC-7: an unknown number pops a new appeal of the call (channel phone, the
    number); the operator types the subject and saves: the appeal is registered,
    linked to the call."""
    browser = operator_browser
    browser.open("/odoo")
    call_id = f"e2e-new-{uuid.uuid4().hex[:8]}"
    number = f"+7 989 {random.randint(100, 999)}-{random.randint(10, 99)}-{random.randint(10, 99)}"
    _post(
        odoo_server, _event(desk, call_id, 1, "call_started", caller=number, called="88002000000")
    )
    _post(odoo_server, _event(desk, call_id, 2, "answered", queue="line1", agent=desk["extension"]))
    browser.wait_js(
        "!!document.querySelector('.o_form_view .o_field_widget[name=name] input')",
        "a new appeal form popped up",
    )
    subject = f"Нет света в доме {call_id}"
    browser.evaluate(
        "(() => { const input = document.querySelector("
        "'.o_form_view .o_field_widget[name=name] input');"
        f" input.value = {json.dumps(subject)};"
        " input.dispatchEvent(new Event('input', {bubbles: true}));"
        " input.dispatchEvent(new Event('change', {bubbles: true})); })()"
    )
    browser.evaluate("document.querySelector('.o_form_button_save').click()")
    deadline = time.time() + WAIT
    appeals = []
    while time.time() < deadline and not appeals:
        appeals = admin.call(
            "helpdesk.ticket",
            "search_read",
            [("sce_call_id.external_call_id", "=", call_id)],
            fields=["name", "channel_id", "partner_id"],
        )
        time.sleep(0.5)
    if not appeals:
        errors = browser.evaluate(
            "[...document.querySelectorAll('.o_notification, .o_field_invalid')]"
            ".map(n => n.innerText || n.getAttribute('name')).join(' | ')"
        )
        raise AssertionError(f"the appeal was not saved: {errors}")
    [appeal] = appeals
    assert appeal["name"] == subject
    phone = _xmlid(admin, "helpdesk_mgmt.helpdesk_ticket_channel_phone")
    assert appeal["channel_id"][0] == phone


def test_cc7_operator_board_updates_live(odoo_server, admin, desk, operator_browser):
    """CC-7 item 15: the operator board open in the browser shows the operator's new
    state and a call waiting in a line-1 queue as soon as the PBX reports them."""
    browser = operator_browser
    browser.open("/odoo/action-sce_callcenter.sce_operator_board_action")
    row = (
        "[...document.querySelectorAll('.o_sce_operator_board tbody tr')]"
        f".find(tr => tr.innerText.includes({json.dumps(desk['name'])}))"
    )
    browser.wait_js(f"!!{row}", "the operator on the board")
    agent_status = {
        "source": desk["code"],
        "event_id": f"agent-{uuid.uuid4().hex[:8]}",
        "sequence": 1,
        "type": "agent_status",
        "timestamp": datetime.now(UTC).isoformat(),
        "agent": desk["extension"],
        "data": {"status": "break"},
    }
    _post(odoo_server, agent_status)
    browser.wait_js(
        f"!!({row})?.querySelector('.o_sce_board_state_break')", "the operator on a break"
    )
    queue = f"e2e-q-{uuid.uuid4().hex[:6]}"
    call_id = f"e2e-wait-{uuid.uuid4().hex[:8]}"
    _post(
        odoo_server,
        _event(desk, call_id, 1, "call_started", caller=desk["phone"], called="88002000000"),
    )
    _post(odoo_server, _event(desk, call_id, 2, "queued", queue=queue))
    browser.wait_js(
        "[...document.querySelectorAll('.o_sce_operator_board tbody tr')]"
        f".some(tr => tr.innerText.includes({json.dumps(queue)}))",
        "the waiting call of the queue",
    )


def test_cc2_open_campaign_form_counters_refresh_live(odoo_server, admin):
    """CC-2, FB-6: the supervisor's open campaign form refreshes its counters when the
    SMS gateway's delivery report arrives (callback over HTTP, bus message, reload of
    the record), with no reload of the page."""
    tag = uuid.uuid4().hex[:6]
    partner = admin.call(
        "res.partner",
        "create",
        {"sce_surname": f"Коста-{tag}", "sce_first_name": "Леван", "sce_customer_group": "1"},
    )
    gateway = admin.call(
        "sce.sms.gateway",
        "create",
        {"name": f"e2e form {tag}", "api_url": "http://127.0.0.1:9/sms/send"},
    )
    campaign = admin.call(
        "sce.inform.campaign",
        "create",
        {
            "name": f"Изменение тарифа {tag}",
            "purpose": "price_change",
            "channel": "sms",
            "sms_gateway_id": gateway,
            "template": "{name}, с 1 января меняется тариф.",
            "state": "done",
        },
    )
    sms_id = f"000000-{int(tag, 16):08d}"
    admin.call(
        "sce.inform.recipient",
        "create",
        {
            "campaign_id": campaign,
            "partner_id": partner,
            "contact": "+79280001122",
            "state": "sent",
            "external_id": sms_id,
        },
    )
    [row] = admin.call("sce.sms.gateway", "read", [gateway], ["callback_url"])
    browser = OperatorBrowser(odoo_server, "admin")
    try:
        browser.open(f"/odoo/action-sce_callcenter.sce_inform_campaign_action/{campaign}")
        counter = "document.querySelector('.o_form_view .o_field_widget[name={}]')?.innerText"
        browser.wait_js(f"{counter.format('count_sent')} === '1'", "one message awaiting")
        assert browser.evaluate(counter.format("count_delivered")) == "0"
        reply = requests.post(
            row["callback_url"],
            data={"data[0]": f"sms_status\n{sms_id}\n103\n1793602800"},
            timeout=60,
        )
        assert (reply.status_code, reply.text) == (200, "100")
        browser.wait_js(
            f"{counter.format('count_delivered')} === '1'"
            f" && {counter.format('count_sent')} === '0'",
            "the delivered counter refreshed on the open form",
        )
    finally:
        browser.close()
