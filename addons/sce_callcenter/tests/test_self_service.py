import json
from datetime import date

from odoo.tests import HttpCase, tagged, warmup

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

from .common import CallCenterCommon

URL = "/sce/cti/v1/self-service/"


@tagged("post_install", "-at_install")
class TestIvrSelfService(CallCenterCommon, HttpCase):
    """The IVR self-service over the signed CTI API (CC-5, CC-2): a meter reading by
    account number validated like every reading, the debt, the stage of the contract
    application; unknown accounts and invalid readings get a 4xx JSON error and nothing
    is written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_call_center()
        env = cls.env
        cls.meter = env["sce.meter"].create(
            {
                "name": "МИР С-04 №0123456",
                "account_id": cls.account.id,
                "install_date": date(2024, 3, 1),
            }
        )
        env["sce.meter.reading"].create(
            {
                "meter_id": cls.meter.id,
                "value": 12000,
                "date": date(2026, 10, 25),
                "source": "import",
            }
        )
        env["sce.account.move"].create(
            [
                {
                    "account_id": cls.account.id,
                    "date": date(2026, 10, 31),
                    "move_type": "charge",
                    "amount": 2500.40,
                },
                {
                    "account_id": cls.account.id,
                    "date": date(2026, 11, 10),
                    "move_type": "payment",
                    "amount": 1000,
                },
            ]
        )
        cls.account_two_meters = env["sce.account"].create(
            {
                "name": "CC-150100000002",
                "partner_id": cls.customer.id,
                "supply_address": "Владикавказ, ул. Маркуса, 22, кв. 6",
                "mro_id": cls.mro.id,
                "contract_state": "draft",
            }
        )
        cls.meters_two = env["sce.meter"].create(
            [
                {"name": "Нева 101 №111", "account_id": cls.account_two_meters.id},
                {"name": "Нева 101 №222", "account_id": cls.account_two_meters.id},
            ]
        )
        cls.application = (
            env["helpdesk.ticket"]
            .with_user(cls.operator)
            .with_context(**DISABLED_MAIL_CONTEXT)
            .create(
                {
                    "name": "Заявка на заключение договора энергоснабжения",
                    "description": "<p>Прошу заключить договор на квартиру.</p>",
                    "partner_id": cls.customer.id,
                    "account_id": cls.account_two_meters.id,
                    "channel_id": cls.channel_phone.id,
                    "appeal_kind": "contract",
                }
            )
        )

    def _post(self, service, payload, headers=None):
        body = json.dumps(dict({"source": "test-pbx"}, **payload)).encode()
        return self.url_open(
            URL + service, data=body, headers=headers or self._signed_headers(body)
        )

    def _readings(self):
        self.env.invalidate_all()
        return self.env["sce.meter.reading"].search_count([])

    def test_cc5_meter_reading_accepted_and_validated_like_every_reading(self):
        """CC-5: a reading keyed in the IVR is saved on the account's meter with source
        IVR; lower than the previous one, malformed, negative, for an unknown account or
        an account with several meters and no meter named, it is refused with a clear
        4xx and nothing is written."""
        response = self._post("meter-reading", {"account": "CC-150100000001", "value": "12345,5"})
        self.assertEqual(response.status_code, 200, response.text)
        answer = response.json()
        self.assertEqual(answer["status"], "accepted")
        reading = self.env["sce.meter.reading"].browse(answer["reading_id"])
        self.assertEqual(
            (reading.meter_id, reading.value, reading.source), (self.meter, 12345.5, "ivr")
        )
        before = self._readings()
        cases = [
            (422, "invalid_reading", {"account": "CC-150100000001", "value": 11999}),
            (422, "invalid_reading", {"account": "CC-150100000001", "value": "12a45"}),
            (422, "invalid_reading", {"account": "CC-150100000001", "value": -5}),
            (422, "invalid_reading", {"account": "CC-150100000001", "value": True}),
            (404, "unknown_account", {"account": "CC-999999999999", "value": 13000}),
            (422, "invalid_account", {"value": 13000}),
            (422, "meter_required", {"account": "CC-150100000002", "value": 10}),
            (
                422,
                "unknown_meter",
                {"account": "CC-150100000002", "value": 10, "meter": "Нева 101 №333"},
            ),
        ]
        for status, code, payload in cases:
            with self.subTest(code=code, payload=payload):
                response = self._post("meter-reading", payload)
                self.assertEqual(response.status_code, status, response.text)
                self.assertEqual(response.json()["error"]["code"], code)
                self.assertEqual(self._readings(), before)
        lower = self._post("meter-reading", {"account": "CC-150100000001", "value": 11999})
        self.assertIn("меньше предыдущего показания", lower.json()["error"]["message"])
        body = json.dumps(
            {"source": "test-pbx", "account": "CC-150100000001", "value": 13000}
        ).encode()
        forged = self._post("meter-reading", {}, headers=self._signed_headers(body, secret="wrong"))
        self.assertEqual(forged.status_code, 401)
        self.assertEqual(self._readings(), before)
        named = self._post(
            "meter-reading", {"account": "CC-150100000002", "value": 10, "meter": "Нева 101 №222"}
        )
        self.assertEqual(named.status_code, 200, named.text)
        self.assertEqual(self._readings(), before + 1)
        self.assertEqual(self.meters_two[1].reading_ids.value, 10)

    def test_cc5_debt_and_contract_stage(self):
        """CC-5: the IVR tells the debt of an account and the stage of its contract
        application; an unknown account is a 404."""
        debt = self._post("debt", {"account": "CC-150100000001"})
        self.assertEqual(debt.status_code, 200, debt.text)
        self.assertEqual(
            debt.json(),
            {"account": "CC-150100000001", "balance": -1500.4, "debt": 1500.4, "currency": "RUB"},
        )
        stage = self._post("contract-stage", {"account": "CC-150100000002"}).json()
        self.assertEqual(stage["contract_state"], "draft")
        self.assertEqual(stage["contract_state_label"], "Заявление")
        self.assertEqual(stage["application"]["number"], self.application.number)
        self.assertEqual(
            stage["application"]["stage"], self.application.stage_id.with_context(lang="ru_RU").name
        )
        self.assertEqual(
            stage["application"]["answer_deadline"], str(self.application.deadline_answer.date())
        )
        self.assertIsNone(
            self._post("contract-stage", {"account": "CC-150100000001"}).json()["application"]
        )
        self.assertEqual(self._post("debt", {"account": "nope"}).status_code, 404)
        unsigned = self.url_open(
            URL + "debt", data=b'{"source": "test-pbx", "account": "CC-150100000001"}'
        )
        self.assertEqual(unsigned.status_code, 401)

    @warmup
    def test_cc5_self_service_query_budget(self):
        """CC-5: every IVR call asks these, so each answer is a fixed handful of queries
        whatever the account's history: the debt 5, the contract stage 5."""
        service = self.env["sce.ivr.self.service"].sudo()
        self.env.invalidate_all()
        with self.assertQueryCount(5):
            service._sce_debt("CC-150100000001")
        self.env.invalidate_all()
        with self.assertQueryCount(5):
            service._sce_contract_stage("CC-150100000002")
        self.env["sce.account.move"].create(
            [
                {
                    "account_id": self.account.id,
                    "date": date(2025, month, 28),
                    "move_type": "charge",
                    "amount": 900 + month,
                }
                for month in range(1, 13)
            ]
        )
        self.env.invalidate_all()
        with self.assertQueryCount(5):
            service._sce_debt("CC-150100000001")

    def test_cc5_self_service_in_the_openapi_document(self):
        """CC-5: the self-service, IVR menu and vendor routes are described in the OpenAPI
        document served at its stable URL."""
        paths = self.url_open("/sce/cti/v1/openapi.json").json()["paths"]
        for path in (
            "/sce/cti/v1/self-service/meter-reading",
            "/sce/cti/v1/self-service/debt",
            "/sce/cti/v1/self-service/contract-stage",
            "/sce/cti/v1/ivr/menu",
            "/sce/cti/v1/mango/{code}/events/{kind}",
            "/sce/cti/v1/zadarma/{code}",
        ):
            self.assertIn(path, paths)
