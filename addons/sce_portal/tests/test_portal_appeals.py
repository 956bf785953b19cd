from odoo.tests import tagged, warmup

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

from .common import SceReceptionCase

# Query budgets of the cabinet's pages, session and layout included (measured, not guessed).
# The list reads the ids of the customer's own cards first (2 queries): the indexed
# condition that keeps a million appeals out of the page (issue 10).
# (+1 each: the website's layout for a logged-in customer, since the site of WEB-1)
LIST_QUERIES = 15
PAGE_QUERIES = 23


@tagged("post_install", "-at_install")
class TestPortalAppeals(SceReceptionCase):
    """WEB-2, WEB-3, GEN-7: an appeal is followed by its owner or by its access token,
    never by anyone else."""

    def _submit_as(self, user, subject):
        if user:
            self.authenticate(user.login, user.login)
        else:
            self.authenticate(None, None)
        self._post("question", subject=subject)
        return self._appeals(subject)

    def test_web2_access_token_page_works_without_account(self):
        appeal = self._submit_as(None, "Вопрос гостя")
        self.authenticate(None, None)
        page = self._get(f"/my/appeals/{appeal.id}?access_token={appeal.access_token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(appeal.number, page.text)
        self.assertIn(appeal.stage_id.with_context(lang="ru_RU").name, page.text)
        self.assertIn(appeal.sce_local_date("deadline_answer"), page.text)

    def test_gen7_wrong_or_missing_token_gives_404(self):
        appeal = self._submit_as(None, "Вопрос гостя")
        self.authenticate(None, None)
        for url in (
            f"/my/appeals/{appeal.id}?access_token=wrong-{appeal.access_token}",
            f"/my/appeals/{appeal.id}",
            f"/reception/thanks/{appeal.id}?access_token=wrong",
        ):
            response = self._get(url, allow_redirects=False)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn(appeal.number, response.text)

    def test_web2_logged_in_customer_is_prefilled_and_linked(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        form = self._get("/reception/question").text
        self.assertIn('value="Дзагоев"', form)
        self.assertIn('value="sce-portal-a@example.ru"', form)
        appeal = self._submit_as(self.portal_a, "Вопрос из кабинета")
        self.assertEqual(appeal.partner_id, self.portal_a.partner_id)

    def test_gen7_portal_user_sees_only_own_appeals(self):
        mine = self._submit_as(self.portal_a, "Вопрос Алана")
        theirs = self._submit_as(self.portal_b, "Вопрос Мадины")
        self.authenticate(self.portal_a.login, self.portal_a.login)
        listing = self._get("/my/appeals").text
        self.assertIn(mine.number, listing)
        russian = self.env(context={"lang": "ru_RU"})
        states = dict(mine._fields["deadline_state"]._description_selection(russian))
        self.assertIn(states[mine.deadline_state], listing, "the term state of the answer")
        self.assertNotIn(theirs.number, listing)
        own = self._get(f"/my/appeals/{mine.id}")
        self.assertEqual(own.status_code, 200)
        self.assertIn("Вопрос Алана", own.text)
        other = self._get(f"/my/appeals/{theirs.id}", allow_redirects=False)
        self.assertEqual(other.status_code, 404)
        self.assertNotIn("Вопрос Мадины", other.text)

    def test_gen7_appeal_text_is_escaped_on_the_appeal_page(self):
        self._post("question", subject="Скрипт", text="<img src=x onerror=alert(1)>")
        appeal = self._appeals("Скрипт")
        page = self._get(f"/my/appeals/{appeal.id}?access_token={appeal.access_token}").text
        self.assertNotIn("<img src=x", page)
        self.assertIn("&lt;img src=x onerror=alert(1)&gt;", page)

    def test_web3_answer_letter_is_offered_on_the_appeal_page(self):
        appeal = self._submit_as(self.portal_a, "Вопрос Алана")
        letter = self.env["ir.attachment"].create(
            {
                "name": "Ответ.pdf",
                "raw": b"%PDF-1.4 answer",
                "res_model": "helpdesk.ticket",
                "res_id": appeal.id,
            }
        )
        appeal.sudo()._sce_write({"answer_attachment_id": letter.id})
        self.authenticate(self.portal_a.login, self.portal_a.login)
        page = self._get(f"/my/appeals/{appeal.id}").text
        self.assertIn("Ответ.pdf", page)
        letter.invalidate_recordset()
        download = self._get(
            f"/web/content/{letter.id}?access_token={letter.access_token}&download=true"
        )
        self.assertEqual(download.content, b"%PDF-1.4 answer")


@tagged("post_install", "-at_install")
class TestPortalAppealsQueries(SceReceptionCase):
    """WEB-3: the cabinet's appeal pages cost the same few queries however many
    appeals the customer has."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.appeals = cls._appeals_of(cls.portal_a, 2)

    @classmethod
    def _appeals_of(cls, user, count):
        return (
            cls.env["helpdesk.ticket"]
            .with_context(**DISABLED_MAIL_CONTEXT)
            .create(
                [
                    {
                        "name": f"Вопрос {index}",
                        "description": "<p>Текст</p>",
                        "channel_id": cls.channel_web.id,
                        "appeal_kind": "inquiry",
                        "category_id": cls.topic.id,
                        "partner_id": user.partner_id.id,
                    }
                    for index in range(count)
                ]
            )
        )

    @warmup
    def test_web3_my_appeals_query_budget(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        self._russian()
        with self.assertQueryCount(default=LIST_QUERIES):
            self.url_open("/my/appeals", timeout=60)
        self._appeals_of(self.portal_a, 3)
        self.env.flush_all()
        with self.assertQueryCount(default=LIST_QUERIES):
            page = self.url_open("/my/appeals", timeout=60)
        self.assertEqual(page.text.count("o_sce_my_appeal"), 5)

    @warmup
    def test_web3_appeal_page_query_budget(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        self._russian()
        with self.assertQueryCount(default=PAGE_QUERIES):
            page = self.url_open(f"/my/appeals/{self.appeals[0].id}", timeout=60)
        self.assertIn(self.appeals[0].number, page.text)
