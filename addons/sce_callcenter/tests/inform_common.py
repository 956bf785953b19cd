import json
import os
import subprocess
import sys
import tempfile

from .common import CallCenterCommon

SMSRU_SERVER = os.path.join(os.path.dirname(__file__), "smsru_server.py")
API_ID = "0A1B2C3D-test-api-id"


class SmsRuProcess:
    """``with SmsRuProcess() as gw: gw.url; gw.messages()``: the SMS.RU stand-in run as
    a real process of its own on 127.0.0.1."""

    def __enter__(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.log = os.path.join(self.tmp.name, "sms.jsonl")
        self.process = subprocess.Popen(
            [sys.executable, SMSRU_SERVER, API_ID, self.log], stdout=subprocess.PIPE, text=True
        )
        port = int(self.process.stdout.readline())
        self.url = f"http://127.0.0.1:{port}/sms/send"
        self.status_url = f"http://127.0.0.1:{port}/sms/status"
        return self

    def __exit__(self, *exc):
        self.process.kill()
        self.process.wait(5)
        self.process.stdout.close()
        self.tmp.cleanup()

    def messages(self):
        if not os.path.exists(self.log):
            return []
        with open(self.log, encoding="utf-8") as log:
            return [json.loads(line) for line in log]


class InformCommon(CallCenterCommon):
    """Customers for campaigns: with and without a contract, consent and contacts."""

    @classmethod
    def _setup_inform(cls):
        # A campaign claims and records each send in a cursor of its own, committed at
        # once: Odoo's test mode makes those cursors share the test's transaction.
        if cls.registry.test_cr is None:
            cls.registry.enter_test_mode(cls.cr)
            cls.addClassCleanup(cls.registry.leave_test_mode)
        cls._setup_call_center()
        cls.supervisor = cls._cc_user("supervisor", name="Супервизор Тестовый")
        cls.customer.write({"mobile": "+7 918 825-11-01", "email": "khetagurov@example.ru"})
        cls._consent(cls.customer)
        cls._charge(cls.account, 1234.56)
        env = cls.env
        Partner = env["res.partner"]
        cls.debtor_2 = Partner.create(
            {
                "sce_surname": "Дзиова",
                "sce_first_name": "Залина",
                "sce_patronymic": "Руслановна",
                "sce_customer_group": "1",
                "mobile": "+7 918 825-11-02",
                "email": "dziova@example.ru",
                "sce_home_mro_id": cls.mro.id,
            }
        )
        cls._consent(cls.debtor_2)
        cls.account_2 = env["sce.account"].create(
            {
                "name": "CC-150100000002",
                "partner_id": cls.debtor_2.id,
                "mro_id": cls.mro.id,
                "supply_address": "Владикавказ, ул. Маркуса, 24, кв. 1",
            }
        )
        cls._charge(cls.account_2, 500.0)
        cls.no_consent = Partner.create(
            {
                "sce_surname": "Гагиев",
                "sce_first_name": "Алан",
                "sce_customer_group": "1",
                "mobile": "+7 918 825-11-03",
                "email": "gagiev@example.ru",
            }
        )
        cls.account_3 = env["sce.account"].create(
            {
                "name": "CC-150100000003",
                "partner_id": cls.no_consent.id,
                "mro_id": cls.mro.id,
                "supply_address": "Владикавказ, ул. Маркуса, 22, кв. 9",
            }
        )
        cls._charge(cls.account_3, 800.0)
        cls.no_contract = Partner.create(
            {
                "sce_surname": "Цаллаев",
                "sce_first_name": "Сослан",
                "sce_customer_group": "1",
                "mobile": "+7 918 825-11-04",
                "email": "tsallaev@example.ru",
            }
        )
        cls._consent(cls.no_contract)
        env["sce.account"].create(
            {
                "name": "CC-150100000004",
                "partner_id": cls.no_contract.id,
                "mro_id": cls.mro.id,
                "supply_address": "Беслан, ул. Ленина, 3",
                "contract_state": "terminated",
            }
        )
        cls.gateway = env["sce.sms.gateway"].create(
            {"name": "SMS.RU test", "api_url": "http://127.0.0.1:9/sms/send", "api_key": API_ID}
        )

    @classmethod
    def _consent(cls, partner):
        """Consent to every channel: the personal cabinet's per-channel choices when
        sce_portal is installed, the personal-data consent of sce_appeals otherwise."""
        values = {"sce_consent_date": "2026-01-15"}
        for fname in ("sce_inform_phone", "sce_inform_sms", "sce_inform_email"):
            if fname in partner._fields:
                values[fname] = True
        partner.write(values)

    @classmethod
    def _charge(cls, account, amount):
        cls.env["sce.account.move"].create(
            {
                "account_id": account.id,
                "move_type": "charge",
                "amount": amount,
                "date": "2026-10-31",
                "period": "2026-10",
            }
        )

    def _campaign(self, **values):
        return self.env["sce.inform.campaign"].create(
            dict(
                {
                    "name": "Задолженность за октябрь",
                    "purpose": "debt",
                    "channel": "sms",
                    "sms_gateway_id": self.gateway.id,
                    "template": "{name}, долг по л/с {account}: {debt}",
                    "partner_domain": f"[('id', 'in', {self._partners().ids})]",
                    "window_start": 0.0,
                    "window_end": 24.0,
                },
                **values,
            )
        )

    def _partners(self):
        return self.customer | self.debtor_2 | self.no_consent | self.no_contract
