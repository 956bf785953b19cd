from datetime import datetime

from odoo.tests import tagged, users, warmup

from .common import SceSurveyCase

X = "sce_survey."
INDICATORS = {"informativeness", "executiveness", "feedback_effectiveness", "satisfaction"}


@tagged("post_install", "-at_install")
class TestShippedQuestionnaires(SceSurveyCase):
    """FB-5, CTRL-6: the four questionnaires shipped as data — after an answered appeal,
    a service-center visit, a call-center call and the yearly study — in Russian, answered
    through a personal link without login, once per link, with scored five-point questions
    feeding the GEN-8 indicators and a free comment."""

    def _shipped(self, kind):
        return self.env.ref(X + f"survey_survey_sce_{kind}")

    def test_fb5_one_questionnaire_per_purpose_by_personal_link_once(self):
        for kind in ("appeal", "visit", "call", "yearly"):
            survey = self._shipped(kind)
            with self.subTest(kind=kind):
                self.assertEqual(survey.sce_kind, kind)
                self.assertEqual(survey.access_mode, "token", "personal link only")
                self.assertFalse(survey.users_login_required, "customers have no login")
                self.assertTrue(survey.is_attempts_limited)
                self.assertEqual(survey.attempts_limit, 1, "one answer per link")
                self.assertEqual(survey.scoring_type, "scoring_without_answers")
                self.assertFalse(survey.certification)

    def test_gen8_scored_five_point_questions_feed_the_indicators(self):
        for kind in ("appeal", "visit", "call", "yearly"):
            survey = self._shipped(kind)
            questions = survey.question_ids.filtered(lambda q: not q.is_page)
            scored = questions.filtered("sce_indicator")
            with self.subTest(kind=kind):
                self.assertIn("satisfaction", scored.mapped("sce_indicator"))
                for question in scored:
                    self.assertEqual(question.question_type, "simple_choice")
                    self.assertTrue(question.constr_mandatory)
                    self.assertEqual(
                        sorted(question.suggested_answer_ids.mapped("answer_score")),
                        [1, 2, 3, 4, 5],
                        question.title,
                    )
                comment = questions.filtered(lambda q: q.question_type == "text_box")
                self.assertEqual(len(comment), 1)
                self.assertFalse(comment.constr_mandatory, "the comment is free")
        yearly = self._shipped("yearly")
        self.assertEqual(set(yearly.question_ids.mapped("sce_indicator")) - {False}, INDICATORS)
        # one section per GEN-8 indicator, titled as the standard names them
        sections = yearly.with_context(lang="ru_RU").page_ids.mapped("title")
        for name in ("Информативность", "Исполнительность", "Результативность обратной связи"):
            self.assertIn(name, sections)

    def test_fb5_questionnaires_are_in_russian(self):
        appeal = self._shipped("appeal").with_context(lang="ru_RU")
        self.assertEqual(appeal.title, "Оценка рассмотрения Вашего обращения")
        overall = self._question(appeal, "satisfaction")
        self.assertEqual(
            overall.title, "В целом, насколько Вы удовлетворены рассмотрением Вашего обращения?"
        )
        self.assertEqual(
            overall.suggested_answer_ids.sorted("answer_score").mapped("value"),
            ["1 — очень плохо", "2 — плохо", "3 — удовлетворительно", "4 — хорошо", "5 — отлично"],
        )
        self.assertIn("Благодарим Вас", appeal.description_done)

    @users("sce-mro-a")
    def test_fb5_each_invitation_is_its_own_attempt(self):
        """One answer per link, not one per customer: the customer asked again after a
        later appeal can answer the new link."""
        survey = self._shipped("appeal").with_user(self.env.user)
        first = survey._sce_invite(self.customer, "email", ticket=self._appeal())
        second = survey._sce_invite(self.customer, "email", ticket=self._appeal())
        self.assertTrue(first.invite_token)
        self.assertNotEqual(first.invite_token, second.invite_token)
        first.sudo()._mark_done()
        self.assertFalse(
            survey._has_attempts_left(self.customer, self.customer.email, first.invite_token)
        )
        self.assertTrue(
            survey._has_attempts_left(self.customer, self.customer.email, second.invite_token)
        )


@tagged("post_install", "-at_install")
class TestInvitationTexts(SceSurveyCase):
    """FB-4, ETI-1: the e-mail and SMS invitations address the customer by first name and
    patronymic and carry the personal link."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.appeal = cls._appeal()
        cls.survey = cls.env.ref(X + "survey_survey_sce_appeal")
        cls.households = cls.env["res.partner"]
        for number in range(12):
            household = cls.env["res.partner"].create(
                {
                    "sce_surname": "Дзуцев",
                    "sce_first_name": "Алан",
                    "sce_patronymic": "Муратович",
                    "sce_customer_group": "1",
                    "email": f"a.dzutsev{number}@example.ru",
                    "lang": "ru_RU",
                    "sce_home_mro_id": cls.mro_a.id,
                }
            )
            cls.env["sce.account"].create(
                {
                    "name": f"TEST-1501000001{number:02d}",
                    "partner_id": household.id,
                    "supply_address": f"Владикавказ, ул. Весенняя, {number + 1}",
                    "mro_id": cls.mro_a.id,
                }
            )
            cls.households |= household

    @users("sce-mro-a")
    def test_eti1_email_invitation_by_name_and_patronymic_with_the_link(self):
        survey = self.survey.with_user(self.env.user)
        answer = survey._sce_invite(
            self.customer, "email", ticket=self.appeal, deadline=datetime(2026, 12, 10, 22, 0)
        )
        mail = answer._sce_send_invitation_email()
        self.assertEqual(len(mail), 1)
        mail = mail.sudo()
        self.assertEqual(mail.recipient_ids, self.customer)
        self.assertIn("Оцените, пожалуйста, наше обслуживание", mail.subject)
        self.assertIn("Уважаемый Тимур Казбекович!", mail.body_html)
        self.assertIn(self.appeal.number, mail.body_html)
        self.assertIn(answer._sce_url().replace("&", "&amp;"), mail.body_html)
        # 22:00 UTC is the next day in Moscow: the date the customer sees
        self.assertIn("11.12.2026", mail.body_html)
        self.assertNotIn("Dear", mail.body_html)

    @users("sce-mro-a")
    def test_fb4_no_email_invitation_without_an_address(self):
        survey = self.survey.with_user(self.env.user)
        answer = survey._sce_invite(self.customer_b, "sms")
        self.assertFalse(answer._sce_send_invitation_email())

    @users("sce-mro-a")
    def test_eti1_sms_invitation_is_short_and_personal(self):
        survey = self.survey.with_user(self.env.user)
        answer = survey._sce_invite(self.customer_b, "sms")
        text = answer._sce_invitation_sms_text()
        self.assertTrue(
            text.startswith("Залина Руслановна, оцените, пожалуйста, наше обслуживание: "), text
        )
        self.assertIn(answer._sce_url(), text)
        self.assertLess(len(text) - len(answer._sce_url()), 110, "one long SMS at most")

    @users("sce-mro-a")
    def test_eti1_sms_invitation_of_a_company_has_no_personal_name(self):
        company = (
            self.env["res.partner"]
            .sudo()
            .create({"name": "ООО «Иристон»", "is_company": True, "lang": "ru_RU"})
        )
        answer = self.survey.with_user(self.env.user)._sce_invite(company, "sms")
        text = answer._sce_invitation_sms_text()
        self.assertTrue(text.startswith("Оцените, пожалуйста, наше обслуживание: "), text)

    def _invite_all(self, partners):
        survey = self.survey.with_user(self.env.user)
        answers = self.env["survey.user_input"]
        for partner in partners:
            answers |= survey._sce_invite(partner, "sms", deadline=datetime(2026, 12, 10))
        self.env.invalidate_all()
        return answers

    @users("sce-mro-a")
    @warmup
    def test_fb4_sms_texts_of_a_batch_in_constant_queries(self):
        few, many = self._invite_all(self.households[:2]), self._invite_all(self.households[2:])
        with self.assertQueryCount(4):
            texts = [answer._sce_invitation_sms_text() for answer in few]
        self.env.invalidate_all()
        with self.assertQueryCount(4):
            texts += [answer._sce_invitation_sms_text() for answer in many]
        self.assertEqual(len(set(texts)), 12, "a personal link each")

    @users("sce-mro-a")
    @warmup
    def test_fb4_email_invitations_of_a_batch_in_constant_queries_per_mail(self):
        few, many = self._invite_all(self.households[:2]), self._invite_all(self.households[2:])
        with self.assertQueryCount(19):
            mails = few._sce_send_invitation_email()
        self.env.invalidate_all()
        with self.assertQueryCount(19):
            mails |= many._sce_send_invitation_email()
        self.assertEqual(len(mails), 12)
        self.assertEqual(mails.sudo().recipient_ids, self.households)
