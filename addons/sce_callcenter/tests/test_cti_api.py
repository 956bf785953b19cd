import json
import random
import time

from odoo.tests import HttpCase, tagged

from .common import CallCenterCommon

EVENTS_URL = "/sce/cti/v1/events"


@tagged("post_install", "-at_install")
class TestCtiApi(CallCenterCommon, HttpCase):
    """The CTI API over real HTTP requests with signed bodies (CC-3)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_call_center()

    def _post(self, event=None, body=None, headers=None):
        body = self._body(event) if body is None else body
        return self.url_open(EVENTS_URL, data=body, headers=headers or self._signed_headers(body))

    def _send(self, events):
        for event in events:
            response = self._post(event)
            self.assertEqual(response.status_code, 200, response.text)
        self.env.invalidate_all()
        return self.env["sce.call"].search([("external_call_id", "=", events[0]["call_id"])])

    def _counts(self):
        self.env.invalidate_all()
        return (
            self.env["sce.call"].search_count([]),
            self.env["sce.call.event"].search_count([]),
        )

    def _call_facts(self, call):
        return {
            fname: call[fname]
            for fname in (
                "state",
                "direction",
                "customer_phone",
                "partner_id",
                "account_id",
                "user_id",
                "queue",
                "date_start",
                "date_ringing",
                "date_answer",
                "date_end",
                "wait_duration",
                "talk_duration",
                "disposition",
                "last_sequence",
            )
        }

    def test_cc3_full_call_flow_gives_one_call_with_durations(self):
        """CC-3: started → ringing → answered → ended is one answered call with its
        customer, account, operator, wait and talk times and the kept transitions."""
        call = self._send(self._flow("call-full"))
        self.assertEqual(len(call), 1)
        self.assertEqual(call.state, "ended")
        self.assertEqual(call.disposition, "answered")
        self.assertEqual(call.direction, "inbound")
        self.assertEqual(call.customer_phone, "+78672531234")
        self.assertEqual(call.partner_id, self.customer)
        self.assertEqual(call.account_id, self.account)
        self.assertEqual(call.user_id, self.operator)
        self.assertEqual(call.queue, "line1")
        self.assertEqual(call.wait_duration, 15)
        self.assertEqual(call.talk_duration, 180)
        self.assertEqual(
            call.event_ids.mapped("event_type"), ["call_started", "ringing", "answered", "ended"]
        )

    def test_cc3_shuffled_events_give_the_same_call(self):
        """CC-3: events in any order give the same call as in order."""
        in_order = self._send(self._flow("call-ordered"))
        shuffled_events = self._flow("call-shuffled")
        random.Random(6).shuffle(shuffled_events)
        self.assertNotEqual([e["sequence"] for e in shuffled_events], [1, 2, 3, 4])
        shuffled = self._send(shuffled_events)
        self.assertEqual(len(shuffled), 1)
        self.assertEqual(self._call_facts(shuffled), self._call_facts(in_order))
        reversed_call = self._send(list(reversed(self._flow("call-reversed"))))
        self.assertEqual(self._call_facts(reversed_call), self._call_facts(in_order))

    def test_cc3_duplicate_event_id_is_acknowledged_and_ignored(self):
        """CC-3: a repeated event id is answered 200 "duplicate" and changes nothing."""
        started, ringing = self._flow("call-dup")[:2]
        self._send([started, ringing])
        before = self._counts()
        repeat = dict(ringing, agent="201", timestamp="2026-11-02T07:01:00+00:00")
        response = self._post(repeat)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["status"], "duplicate")
        self.assertEqual(self._counts(), before)
        call = self.env["sce.call"].search([("external_call_id", "=", "call-dup")])
        self.assertEqual(call.user_id, self.operator)
        self.assertEqual(len(call.event_ids), 2)

    def test_cc3_stale_sequence_does_not_roll_back(self):
        """CC-3: an event older (by sequence) than the call's state fills in its time but
        never rolls the call back nor pops a screen."""
        started, _ringing, answered, _ended = self._flow("call-stale")
        call = self._send([started, answered])
        self.assertEqual(call.state, "answered")
        late = self._event("call-stale", 2, "ringing", 5, queue="line2", agent="201")
        call = self._send([late])
        self.assertEqual(call.state, "answered")
        self.assertEqual(call.last_sequence, 3)
        self.assertEqual(call.user_id, self.operator)
        self.assertTrue(call.date_ringing)
        self.assertEqual(len(self._screen_pops(self.operator)), 1)
        self.assertFalse(self._screen_pops(self.operator_2))

    def _partner_channel(self, user):
        """The bus channel of the user's partner, serialised as the bus stores it."""
        channel = [self.env.cr.dbname, "res.partner", user.partner_id.id]
        return json.dumps(channel, separators=(",", ":"))

    def _screen_pops(self, user):
        notifications = (
            self.env["bus.bus"].sudo().search([("channel", "=", self._partner_channel(user))])
        )
        messages = [json.loads(n.message) for n in notifications]
        return [m["payload"] for m in messages if m["type"] == "sce_callcenter/screen_pop"]

    def test_cc3_screen_pop_reaches_the_mapped_operator(self):
        """CC-3: a call ringing at an extension pops the caller's card in that
        operator's browser: a bus notification on the operator's partner channel."""
        started, ringing = self._flow("call-pop")[:2]
        call = self._send([started, ringing])
        pops = self._screen_pops(self.operator)
        self.assertEqual(len(pops), 1)
        self.assertEqual(pops[0]["call_id"], call.id)
        self.assertEqual(pops[0]["number"], "+78672531234")
        self.assertEqual(
            pops[0]["partners"], [{"id": self.customer.id, "name": self.customer.display_name}]
        )
        self.assertFalse(self._screen_pops(self.operator_2))

    def test_cc3_refused_requests_write_nothing(self):
        """CC-3: bad signature, stale timestamp, malformed or oversized body, unknown
        source, missing fields, a foreign address: a 4xx JSON error, nothing written."""
        good = self._body(self._event("call-bad", 1, "call_started", caller="+78672531234"))
        stale_ts = int(time.time()) - 3600
        missing = self._body({"source": "test-pbx", "event_id": "x-1", "type": "ringing"})
        oversized = self._body(
            self._event("call-big", 1, "call_started", data={"pad": "x" * 70000})
        )
        unknown = self._body(dict(self._event("call-unk", 1, "call_started"), source="nope"))
        cases = [
            ("bad_signature", 401, good, self._signed_headers(good, secret="wrong")),
            ("stale_timestamp", 401, good, self._signed_headers(good, timestamp=stale_ts)),
            ("malformed_json", 400, b"{not json", self._signed_headers(b"{not json")),
            ("body_too_large", 413, oversized, self._signed_headers(oversized)),
            ("unknown_source", 401, unknown, self._signed_headers(unknown)),
            ("missing_fields", 422, missing, self._signed_headers(missing)),
        ]
        before = self._counts()
        for code, status, body, headers in cases:
            with self.subTest(code=code):
                response = self._post(body=body, headers=headers)
                self.assertEqual(response.status_code, status)
                self.assertEqual(response.json()["error"]["code"], code)
                self.assertEqual(self._counts(), before)
        no_signature = dict(self._signed_headers(good))
        del no_signature["X-SCE-Signature"]
        self.assertEqual(self._post(body=good, headers=no_signature).status_code, 401)
        self.source.allowed_ips = "10.0.0.0/8"
        response = self._post(body=good)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.json()["error"]["code"], "ip_not_allowed")
        self.assertEqual(self._counts(), before)
        self.source.allowed_ips = "127.0.0.1, ::1"
        self.assertEqual(self._post(body=good).status_code, 200)
        self.assertEqual(self._counts(), (before[0] + 1, before[1] + 1))

    def test_cc3_ping_checks_the_credentials_and_writes_nothing(self):
        """CC-3: a PBX checks its credentials on /sce/cti/v1/ping: the event's
        authentication (200 signed, 401 unsigned or wrongly signed), nothing written."""
        body = self._body({"source": "test-pbx"})
        before = self._counts()
        response = self.url_open("/sce/cti/v1/ping", data=body, headers=self._signed_headers(body))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "ok", "source": "test-pbx"})
        wrong = self._signed_headers(body, secret="wrong")
        response = self.url_open("/sce/cti/v1/ping", data=body, headers=wrong)
        self.assertEqual(
            (response.status_code, response.json()["error"]["code"]), (401, "bad_signature")
        )
        self.assertEqual(self._counts(), before)

    def test_cc3_openapi_document_is_served(self):
        """CC-3: the API is described by the OpenAPI document kept in the repository."""
        response = self.url_open("/sce/cti/v1/openapi.json")
        self.assertEqual(response.status_code, 200)
        spec = response.json()
        self.assertTrue(spec["openapi"].startswith("3."))
        self.assertIn("/sce/cti/v1/events", spec["paths"])
        self.assertIn("/sce/cti/v1/ping", spec["paths"])
