from datetime import timedelta

from odoo import fields

from odoo.addons.sce_appeals.tests.common import NO_MAIL_NOISE

from .common import SceSurveyCase


class SurveyPhoneCase(SceSurveyCase):
    """A telephone group survey (CC-7 items 23–24) of our own: a one-page questionnaire,
    five customers of MRO A (three with valid numbers, one without a number, one with
    a number that is no number), two operators with extensions, a PBX source."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.phone_questionnaire = cls._questionnaire("phone_group", title="Телефонный опрос")
        cls.phone_questionnaire.questions_layout = "one_page"
        cls.cc_operator.sce_extension = "301"
        cls.cc_operator_2 = cls._survey_user(
            "cc_operator", login="sce-cc-operator-2", name="Оператор Второй", sce_extension="302"
        )
        cls.source = env["sce.cti.source"].create(
            {"name": "Test PBX", "code": "test-pbx-survey", "secret": "test-secret"}
        )
        Partner = env["res.partner"].with_context(**NO_MAIL_NOISE)
        cls.callees = Partner.create(
            [
                {
                    "sce_surname": surname,
                    "sce_first_name": first,
                    "sce_patronymic": patronymic,
                    "sce_customer_group": "1",
                    "mobile": mobile,
                    "sce_home_mro_id": cls.mro_a.id,
                }
                for surname, first, patronymic, mobile in (
                    ("Дзагоев", "Алан", "Таймуразович", "+7 918 700-11-01"),
                    ("Кокоева", "Фатима", "Борисовна", "8 918 700-11-02"),
                    ("Гагиев", "Сослан", "Маирбекович", "+7 (918) 700-11-03"),
                )
            ]
        )
        cls.no_phone = Partner.create(
            {
                "sce_surname": "Цаллагова",
                "sce_first_name": "Мадина",
                "sce_patronymic": "Ахсарбековна",
                "sce_customer_group": "1",
                "sce_home_mro_id": cls.mro_a.id,
            }
        )
        # A contact imported without the customer-number check keeps what it was given.
        cls.bad_phone = Partner.create({"name": "Абаев Руслан Ахсарович", "phone": "12-34"})

    @classmethod
    def _phone_survey(cls, as_user=None, start=True, **vals):
        """A telephone survey of the five customers built by the organizer (MRO A's client
        department), with both operators, started; returned in the test's environment."""
        user = as_user or cls.mro_user
        customers = cls.callees | cls.no_phone | cls.bad_phone
        phone_survey = (
            cls.env["sce.survey.phone"]
            .with_user(user)
            .create(
                {
                    "name": "Качество обслуживания, ноябрь",
                    "survey_id": cls.phone_questionnaire.id,
                    "partner_domain": repr([("id", "in", customers.ids)]),
                    "operator_ids": [(6, 0, (cls.cc_operator | cls.cc_operator_2).ids)],
                    **vals,
                }
            )
        )
        phone_survey.action_load_customers()
        if start:
            phone_survey.action_start()
        return phone_survey.with_user(cls.env.user)

    def _claim(self, phone_survey, user):
        """“Next customer” pressed by ``user``: the entry it opens, as that user."""
        action = phone_survey.with_user(user).action_next_customer()
        self.assertEqual(action.get("res_model"), "sce.survey.phone.entry", action)
        return self.env["sce.survey.phone.entry"].with_user(user).browse(action["res_id"])

    def _outbound_call(self, call_id, number, extension="301"):
        """An outbound call placed by click-to-dial, as the PBX reports it (CTI events)."""
        Event = self.env["sce.call.event"].sudo()
        events = [
            ("call_started", 0, {"direction": "outbound", "caller": extension, "called": number}),
            ("ringing", 3, {"agent": extension}),
            ("answered", 9, {"agent": extension}),
        ]
        for sequence, (event_type, seconds, extra) in enumerate(events, 1):
            event = {
                "source": self.source.code,
                "event_id": f"{call_id}-{sequence}",
                "call_id": call_id,
                "sequence": sequence,
                "type": event_type,
                "timestamp": (fields.Datetime.now() + timedelta(seconds=seconds)).isoformat(),
                **extra,
            }
            self.env["sce.call"].sudo().with_context(sce_no_screen_pop=True)._sce_ingest_event(
                self.source, Event._sce_parse(event)
            )
        return self.env["sce.call"].sudo().search([("external_call_id", "=", call_id)])
