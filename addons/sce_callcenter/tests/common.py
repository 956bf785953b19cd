import hashlib
import hmac
import json
import time
from datetime import datetime, timedelta

from odoo.tests import new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

# A Monday morning in Vladikavkaz (UTC+3), as the PBX stamps its events.
T0 = datetime(2026, 11, 2, 7, 0, 0)
SECRET = "test-secret-of-the-pbx"
CC_GROUPS = {
    "line1": "sce_callcenter.group_sce_cc_operator_line1",
    "line2": "sce_callcenter.group_sce_cc_operator_line2",
    "supervisor": "sce_callcenter.group_sce_cc_supervisor",
    "quality": "sce_callcenter.group_sce_cc_quality",
    "specialist": "sce_appeals.group_sce_specialist",
}


class CallCenterCommon:
    """A PBX source, operators on both lines mapped to extensions, a specialist of
    sce_appeals and a customer with one account (mixed into TransactionCase/HttpCase)."""

    @classmethod
    def _setup_call_center(cls):
        env = cls.env
        cls.source = env["sce.cti.source"].create(
            {"name": "Test PBX", "code": "test-pbx", "secret": SECRET}
        )
        cls.operator = cls._cc_user("line1", name="Оператор Первый", sce_extension="101")
        cls.operator_2 = cls._cc_user("line2", name="Оператор Второй", sce_extension="201")
        cls.specialist = cls._cc_user("specialist", name="Специалист Тестовый")
        cls.channel_phone = env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        cls.mro = env["sce.mro"].create({"name": "CC Test MRO", "code": "CCT"})
        cls.customer = env["res.partner"].create(
            {
                "sce_surname": "Хетагуров",
                "sce_first_name": "Тимур",
                "sce_patronymic": "Казбекович",
                "sce_customer_group": "1",
                "phone": "8 (8672) 53-12-34",
                "sce_home_mro_id": cls.mro.id,
            }
        )
        cls.account = env["sce.account"].create(
            {
                "name": "CC-150100000001",
                "partner_id": cls.customer.id,
                "supply_address": "Владикавказ, ул. Маркуса, 22, кв. 5",
                "mro_id": cls.mro.id,
            }
        )

    @classmethod
    def _cc_user(cls, role, **vals):
        return new_test_user(
            cls.env,
            login=f"sce-cc-{role}",
            groups=CC_GROUPS[role],
            context=DISABLED_MAIL_CONTEXT,
            tz="Europe/Moscow",
            **{"lang": "en_US", **vals},
        )

    @staticmethod
    def _event(call_id, sequence, event_type, seconds=0, **extra):
        """A vendor-neutral CTI event of the test PBX, ``seconds`` after T0."""
        event = {
            "source": "test-pbx",
            "event_id": f"{call_id}-{sequence}-{event_type}",
            "call_id": call_id,
            "sequence": sequence,
            "type": event_type,
            "timestamp": (T0 + timedelta(seconds=seconds)).isoformat() + "+00:00",
        }
        event.update(extra)
        return event

    @classmethod
    def _flow(cls, call_id, caller="+7 (8672) 53-12-34", agent="101"):
        """Started → ringing at ``agent`` → answered → ended: wait 15 s, talk 180 s."""
        return [
            cls._event(call_id, 1, "call_started", 0, caller=caller, called="88002000000"),
            cls._event(call_id, 2, "ringing", 5, queue="line1", agent=agent),
            cls._event(call_id, 3, "answered", 20, agent=agent),
            cls._event(call_id, 4, "ended", 200),
        ]

    @staticmethod
    def _signed_headers(body, secret=SECRET, timestamp=None):
        timestamp = str(int(time.time()) if timestamp is None else timestamp)
        signature = hmac.new(
            secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256
        ).hexdigest()
        return {
            "Content-Type": "application/json",
            "X-SCE-Timestamp": timestamp,
            "X-SCE-Signature": signature,
        }

    @staticmethod
    def _body(event):
        return json.dumps(event).encode()

    def _ingest(self, events):
        """Events as the CTI controller applies them after the signature check."""
        Event = self.env["sce.call.event"].sudo()
        for event in events:
            self.env["sce.call"].sudo()._sce_ingest_event(self.source, Event._sce_parse(event))
        return self.env["sce.call"].search([("external_call_id", "=", events[0]["call_id"])])
