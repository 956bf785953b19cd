import base64
import hashlib
import hmac
import json
import time
from datetime import UTC, datetime, timedelta

import pytz

from odoo.tests import HttpCase, tagged

from .common import T0, CallCenterCommon

MANGO_KEY = "vpbx4fa1c2d3e4f5a6b7c8d9e0f1a2b3"
MANGO_SALT = "salt9f8e7d6c5b4a39281706f5e4d3c2"
ZADARMA_SECRET = "zd7c4e1f0a9b8d6e5c3f2a1b0c9d8e7f"
LINE = "78005500475"  # the free 8-800 line of the retailer (CC-1)
CALLER = "78672531234"  # the test customer's phone, as the PBX spells it


def mango_form(payload, key=MANGO_KEY, salt=MANGO_SALT):
    """A Mango Office notification as it posts it: form fields vpbx_api_key, sign, json."""
    text = json.dumps(payload, ensure_ascii=False)
    sign = hashlib.sha256((key + text + salt).encode()).hexdigest()
    return {"vpbx_api_key": key, "sign": sign, "json": text}


def zadarma_signature(text, secret=ZADARMA_SECRET):
    """Zadarma's Signature header: base64 of the hex HMAC-SHA1 (PHP's hash_hmac)."""
    digest = hmac.new(secret.encode(), text.encode(), hashlib.sha1).hexdigest()
    return base64.b64encode(digest.encode()).decode()


@tagged("post_install", "-at_install")
class TestCtiVendorAdapters(CallCenterCommon, HttpCase):
    """The Mango Office and Zadarma adapters over real HTTP (CC-3): replayed vendor
    payloads give the same calls as the vendor-neutral API; bad signatures are refused
    and write nothing; repeated notifications are acknowledged once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_call_center()
        Source = cls.env["sce.cti.source"]
        cls.mango = Source.create(
            {
                "name": "Mango Office",
                "code": "mango-test",
                "vendor": "mango",
                "mango_api_key": MANGO_KEY,
                "mango_api_salt": MANGO_SALT,
            }
        )
        cls.zadarma = Source.create(
            {
                "name": "Zadarma",
                "code": "zadarma-test",
                "vendor": "zadarma",
                "zadarma_api_secret": ZADARMA_SECRET,
                "pbx_tz": "Europe/Moscow",
            }
        )

    # ------------------------------------------------------------------ helpers

    def _counts(self):
        self.env.invalidate_all()
        return (
            self.env["sce.call"].search_count([]),
            self.env["sce.call.event"].search_count([]),
        )

    def _call(self, source, external_id):
        self.env.invalidate_all()
        return self.env["sce.call"].search(
            [("source_id", "=", source.id), ("external_call_id", "=", external_id)]
        )

    def _mango(self, kind, payload, form=None, expect=200):
        response = self.url_open(
            f"/sce/cti/v1/mango/mango-test/events/{kind}", data=form or mango_form(payload)
        )
        self.assertEqual(response.status_code, expect, response.text)
        return response

    def _zadarma(self, form, signature=None, expect=200):
        source = self.zadarma
        signature = signature or zadarma_signature(source._sce_zadarma_signed_text(form))
        response = self.url_open(
            "/sce/cti/v1/zadarma/zadarma-test", data=form, headers={"Signature": signature}
        )
        self.assertEqual(response.status_code, expect, response.text)
        return response

    @staticmethod
    def _ts(seconds):
        return int((T0 + timedelta(seconds=seconds)).replace(tzinfo=UTC).timestamp())

    def _mango_leg(self, call_id, seq, state, location, seconds, to=None):
        return {
            "entry_id": "NTAwOTQxMTAyMg==",
            "call_id": call_id,
            "timestamp": self._ts(seconds),
            "seq": seq,
            "call_state": state,
            "location": location,
            "from": {"number": CALLER},
            "to": dict({"line_number": LINE}, **(to or {})),
            "dct": {"type": 0},
        }

    def _mango_summary(self, entry_id, forward, talk, end, to, result=1, reason=1100):
        return {
            "entry_id": entry_id,
            "call_direction": 1,
            "from": {"number": CALLER},
            "to": to,
            "line_number": LINE,
            "create_time": self._ts(0),
            "forward_time": self._ts(forward) if forward else 0,
            "talk_time": self._ts(talk) if talk else 0,
            "end_time": self._ts(end),
            "entry_result": result,
            "disconnect_reason": reason,
        }

    # ------------------------------------------------------------------ Mango Office

    def test_cc3_mango_inbound_answered_call(self):
        """CC-3: a Mango Office inbound call through the IVR, the group and operator 101,
        answered, then summarised: one answered call with its customer, queue, operator,
        wait and talk times, and the operator's screen pop."""
        ivr, queue, agent = "MToxMDAwNjA4NTpJVlI=", "MToxMDAwNjA4NTpRVUU=", "MToxMDAwNjA4NTpBQk4="
        operator_leg = {
            "extension": "101",
            "number": "sip:oper101@sce.mangosip.ru",
            "acd_group": "300",
        }
        notifications = [
            self._mango_leg(ivr, 1, "Appeared", "ivr", 0),
            self._mango_leg(ivr, 2, "Connected", "ivr", 1),
            self._mango_leg(ivr, 3, "Disconnected", "ivr", 12),
            self._mango_leg(queue, 1, "Appeared", "queue", 12, {"acd_group": "300"}),
            self._mango_leg(agent, 1, "Appeared", "abonent", 15, operator_leg),
            self._mango_leg(agent, 2, "Connected", "abonent", 20, operator_leg),
            self._mango_leg(agent, 3, "Disconnected", "abonent", 200, operator_leg),
        ]
        for payload in notifications:
            self.assertEqual(self._mango("call", payload).json()["result"], 1000)
        call = self._call(self.mango, "NTAwOTQxMTAyMg==")
        self.assertEqual(call.state, "answered")
        self.assertEqual(call.user_id, self.operator)
        summary = self._mango_summary(
            "NTAwOTQxMTAyMg==",
            12,
            20,
            200,
            {"extension": "101", "number": "sip:oper101@sce.mangosip.ru"},
        )
        self._mango("summary", summary)
        call = self._call(self.mango, "NTAwOTQxMTAyMg==")
        self.assertEqual(len(call), 1)
        self.assertEqual(call.state, "ended")
        self.assertEqual(call.disposition, "answered")
        self.assertEqual(call.direction, "inbound")
        self.assertEqual(call.customer_phone, "+78672531234")
        self.assertEqual(call.partner_id, self.customer)
        self.assertEqual(call.account_id, self.account)
        self.assertEqual(call.called_number, LINE)
        self.assertEqual(call.queue, "300")
        self.assertEqual(call.user_id, self.operator)
        self.assertEqual(call.date_start, T0)
        self.assertEqual(call.wait_duration, 8)
        self.assertEqual(call.talk_duration, 180)
        self.assertEqual(
            sorted(set(call.event_ids.mapped("event_type"))),
            ["answered", "call_started", "ended", "ivr_step", "queued", "ringing"],
        )
        pops = [
            json.loads(n.message)
            for n in self.env["bus.bus"]
            .sudo()
            .search([("channel", "like", f'"res.partner",{self.operator.partner_id.id}]')])
        ]
        self.assertTrue([p for p in pops if p["type"] == "sce_callcenter/screen_pop"])

    def test_cc3_mango_summary_alone_gives_a_missed_call(self):
        """CC-3: only the summary of a call offered to operator 101 and not answered
        (talk_time 0) gives a missed call of that operator, as the neutral API would; a
        summary with nobody in "to" is a call closed in the IVR."""
        summary = self._mango_summary(
            "NTAwOTQxMTAzMw==", 10, 0, 40, {"extension": "101"}, result=0, reason=1110
        )
        self.assertEqual(self._mango("summary", summary).json()["message"], "accepted")
        call = self._call(self.mango, "NTAwOTQxMTAzMw==")
        self.assertEqual(call.disposition, "missed")
        self.assertEqual(call.user_id, self.operator)
        self.assertEqual(call.partner_id, self.customer)
        self.assertEqual(call.wait_duration, 30)
        self.assertEqual(call.talk_duration, 0)
        in_ivr = self._mango_summary("NTAwOTQxMTA0NA==", 2, 0, 30, {})
        self._mango("summary", in_ivr)
        self.assertEqual(self._call(self.mango, "NTAwOTQxMTA0NA==").disposition, "closed_ivr")

    def test_cc3_mango_bad_sign_unknown_key_and_source_write_nothing(self):
        """CC-3: a wrong sign, another PBX's code, a missing field, another source's URL
        or an address outside Mango's allow-list is a 4xx with Mango's result code, and
        nothing is written; the same notification from an allowed address is taken."""
        payload = self._mango_leg("MToxMDAwNjA4NTpCQUQ=", 1, "Appeared", "ivr", 0)
        before = self._counts()
        cases = [
            (401, 3102, mango_form(payload, salt="wrong-salt")),
            (401, 3102, mango_form(payload, key="another-vpbx-code")),
            (400, 3103, {"vpbx_api_key": MANGO_KEY, "json": json.dumps(payload)}),
        ]
        for status, result, form in cases:
            with self.subTest(result=result):
                response = self._mango("call", payload, form=form, expect=status)
                self.assertEqual(response.json()["result"], result)
        tampered = mango_form(payload)
        tampered["json"] = tampered["json"].replace(CALLER, "78672999999")
        self._mango("call", payload, form=tampered, expect=401)
        response = self.url_open("/sce/cti/v1/mango/test-pbx/events/call", data=mango_form(payload))
        self.assertEqual(response.status_code, 404)
        self.mango.allowed_ips = "81.88.80.132, 81.88.80.133, 81.88.82.36, 81.88.82.44, 81.88.82.45"
        self._mango("call", payload, expect=403)
        self.assertEqual(self._counts(), before)
        self.mango.allowed_ips = "127.0.0.1, ::1"
        self._mango("call", payload)
        self.assertEqual(self._counts(), (before[0] + 1, before[1] + 1))

    def test_cc3_mango_repeated_notification_is_acknowledged_once(self):
        """CC-3: Mango repeats a notification: the second is answered 200 "duplicate"
        and changes nothing; a recording put in Mango's cloud becomes the call's
        recording, downloaded through a signed Mango link, once."""
        payload = self._mango_leg("MToxMDAwNjA4NTpEVVA=", 1, "Appeared", "ivr", 0)
        payload["entry_id"] = "NTAwOTQxMTA1NQ=="
        self.assertEqual(self._mango("call", payload).json()["message"], "accepted")
        before = self._counts()
        self.assertEqual(self._mango("call", payload).json()["message"], "duplicate")
        self.assertEqual(self._counts(), before)
        record = {
            "entry_id": "NTAwOTQxMTA1NQ==",
            "product_id": 300022532,
            "user_id": 300049012,
            "timestamp": self._ts(60),
            "recording_id": "MToxMDAwNjA4NTo1MDA5NDExMDIyOjE=",
        }
        self.assertEqual(self._mango("record/added", record).json()["message"], "accepted")
        self.assertEqual(self._counts()[0], before[0])
        call = self._call(self.mango, "NTAwOTQxMTA1NQ==")
        recording = call.sudo().recording_ids
        self.assertEqual(len(recording), 1)
        # The download job's link (Mango API 3.5.2), signed with the source's keys.
        link = recording.source_url.split("/")
        self.assertEqual(
            link[:-2],
            "https://app.mango-office.ru/vpbx/queries/recording/link/"
            f"MToxMDAwNjA4NTo1MDA5NDExMDIyOjE%3D/download/{MANGO_KEY}".split("/"),
        )
        expiry, sign = link[-2:]
        self.assertGreater(int(expiry), time.time())
        self.assertEqual(
            sign,
            hashlib.sha256(
                (MANGO_KEY + expiry + record["recording_id"] + MANGO_SALT).encode()
            ).hexdigest(),
        )
        self.assertEqual(self._mango("record/added", record).json()["message"], "duplicate")
        self.assertEqual(len(call.sudo().recording_ids), 1)

    # ------------------------------------------------------------------ Zadarma

    def _zd(self, event, pbx_call_id, start, **fields):
        form = {"event": event, "call_start": start, "pbx_call_id": pbx_call_id}
        form.update(fields)
        return form

    @staticmethod
    def _moscow(moment):
        return moment.replace(tzinfo=UTC).astimezone(pytz.timezone("Europe/Moscow"))

    def test_cc3_zadarma_inbound_answered_call(self):
        """CC-3: Zadarma's start, IVR choice, call to extension 101, answer and end give
        one answered call of the operator with its customer and the talk time Zadarma
        reports; its start is read in the PBX's time zone."""
        started = datetime.now(UTC).replace(microsecond=0, tzinfo=None) - timedelta(minutes=3)
        start = self._moscow(started).strftime("%Y-%m-%d %H:%M:%S")
        inbound = {"caller_id": CALLER, "called_did": LINE}
        call_id = "in_5e1f0c4d2a9b8e7f6a5b4c3d2e1f0a9b"
        self.assertEqual(
            self._zadarma(self._zd("NOTIFY_START", call_id, start, **inbound)).text, ""
        )
        ivr = self._zd(
            "NOTIFY_IVR",
            call_id,
            start,
            **inbound,
            **{"wait_dtmf[name]": "main", "wait_dtmf[digits]": "2"},
        )
        self._zadarma(ivr)
        self._zadarma(self._zd("NOTIFY_INTERNAL", call_id, start, internal="101", **inbound))
        answer = self._zd(
            "NOTIFY_ANSWER", call_id, start, caller_id=CALLER, destination="101", internal="101"
        )
        self._zadarma(answer)
        call = self._call(self.zadarma, call_id)
        self.assertEqual(call.state, "answered")
        self.assertEqual(call.user_id, self.operator)
        end = self._zd(
            "NOTIFY_END",
            call_id,
            start,
            internal="101",
            duration="95",
            disposition="answered",
            status_code="16",
            is_recorded="1",
            call_id_with_rec="1793602805.123456",
            **inbound,
        )
        self.assertEqual(self._zadarma(end).json()["status"], "accepted")
        call = self._call(self.zadarma, call_id)
        self.assertEqual(call.date_start, started)
        self.assertEqual(call.state, "ended")
        self.assertEqual(call.disposition, "answered")
        self.assertEqual(call.direction, "inbound")
        self.assertEqual(call.partner_id, self.customer)
        self.assertEqual(call.user_id, self.operator)
        self.assertEqual(call.talk_duration, 95)
        ivr_event = call.event_ids.filtered(lambda e: e.event_type == "ivr_step")
        self.assertEqual(
            json.loads(ivr_event.payload)["data"]["wait_dtmf"], {"name": "main", "digits": "2"}
        )

    def test_cc3_zadarma_missed_and_outbound_calls(self):
        """CC-3: a Zadarma call to extension 101 ended "no answer" is missed; an outbound
        call of extension 101 answered by the customer is an outbound call of the
        operator with the customer matched on the called number."""
        started = datetime.now(UTC).replace(tzinfo=None) - timedelta(minutes=2)
        start = self._moscow(started).strftime("%Y-%m-%d %H:%M:%S")
        inbound = {"caller_id": CALLER, "called_did": LINE}
        missed_id = "in_0a1b2c3d4e5f60718293a4b5c6d7e8f9"
        self._zadarma(self._zd("NOTIFY_START", missed_id, start, **inbound))
        self._zadarma(self._zd("NOTIFY_INTERNAL", missed_id, start, internal="101", **inbound))
        end = self._zd(
            "NOTIFY_END",
            missed_id,
            start,
            internal="101",
            duration="0",
            disposition="no answer",
            status_code="19",
            is_recorded="0",
            **inbound,
        )
        self._zadarma(end)
        missed = self._call(self.zadarma, missed_id)
        self.assertEqual(missed.disposition, "missed")
        self.assertEqual(missed.user_id, self.operator)
        out_id = "out_9f8e7d6c5b4a39281706f5e4d3c2b1a0"
        outbound = {"internal": "101", "destination": CALLER}
        self._zadarma(self._zd("NOTIFY_OUT_START", out_id, start, **outbound))
        out_end = self._zd(
            "NOTIFY_OUT_END",
            out_id,
            start,
            caller_id="+74951234567",
            duration="60",
            disposition="answered",
            status_code="16",
            is_recorded="0",
            **outbound,
        )
        self._zadarma(out_end)
        call = self._call(self.zadarma, out_id)
        self.assertEqual(call.direction, "outbound")
        self.assertEqual(call.customer_phone, "+78672531234")
        self.assertEqual(call.partner_id, self.customer)
        self.assertEqual(call.user_id, self.operator)
        self.assertEqual(call.disposition, "answered")
        self.assertEqual(call.talk_duration, 60)

    def test_cc3_zadarma_bad_signature_and_duplicates(self):
        """CC-3: a wrong Signature (or none, or another secret) is a 401 writing nothing;
        a repeated notification is acknowledged and ignored; the zd_echo check answers
        its echo."""
        start = self._moscow(datetime.now(UTC).replace(tzinfo=None)).strftime("%Y-%m-%d %H:%M:%S")
        form = self._zd("NOTIFY_START", "in_77aa", start, caller_id=CALLER, called_did=LINE)
        signed_text = CALLER + LINE + start
        before = self._counts()
        for signature in (
            "",
            zadarma_signature(signed_text, secret="another-secret"),
            "bm90LWEtc2lnbmF0dXJl",
        ):
            with self.subTest(signature=signature):
                response = self.url_open(
                    "/sce/cti/v1/zadarma/zadarma-test", data=form, headers={"Signature": signature}
                )
                self.assertEqual(response.status_code, 401)
                self.assertEqual(response.json()["error"]["code"], "bad_signature")
        forged = dict(form, caller_id="78672999999")
        self._zadarma(forged, signature=zadarma_signature(signed_text), expect=401)
        self.assertEqual(self._counts(), before)
        self._zadarma(form)
        after_first = self._counts()
        self.assertEqual(after_first, (before[0] + 1, before[1] + 1))
        self._zadarma(form)
        end = self._zd(
            "NOTIFY_END",
            "in_77aa",
            start,
            caller_id=CALLER,
            called_did=LINE,
            duration="0",
            disposition="cancel",
            status_code="16",
        )
        self.assertEqual(self._zadarma(end).json()["status"], "accepted")
        self.assertEqual(self._zadarma(end).json()["status"], "duplicate")
        self.assertEqual(self._counts(), (after_first[0], after_first[1] + 1))
        record = {
            "event": "NOTIFY_RECORD",
            "pbx_call_id": "in_77aa",
            "call_id_with_rec": "1793602805.1",
        }
        self._zadarma(record)
        self._zadarma(record, signature=zadarma_signature("in_77aa1793602805.2"), expect=401)
        echo = self.url_open("/sce/cti/v1/zadarma/zadarma-test?zd_echo=c1a2b3")
        self.assertEqual((echo.status_code, echo.text), (200, "c1a2b3"))
        self.assertEqual(self.url_open("/sce/cti/v1/zadarma/nope?zd_echo=c1a2b3").status_code, 404)
        self.assertEqual(
            self.url_open("/sce/cti/v1/zadarma/zadarma-test?zd_echo=<b>").status_code, 400
        )
