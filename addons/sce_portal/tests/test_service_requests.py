import re

import pytz

from odoo.tests import tagged, warmup

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

from .common import HTML, JPEG, PDF, PNG, SceReceptionCase

# Query budget of "My service requests", session and layout included (measured).
# (+2: the ids of the customer's own cards, the indexed condition of the list, issue 10)
# (+1: the website's layout for a logged-in customer, since the site of WEB-1)
MY_REQUESTS_QUERIES = 20


class SceServiceCase(SceReceptionCase):
    """A meter replacement service with its own fields and documents checklist."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.meters_topic = env.ref("sce_appeals.helpdesk_ticket_category_meters")
        cls.service = env["sce.portal.service"].create(
            {
                "name": "Замена счётчика (тест)",
                "category_id": cls.meters_topic.id,
                "description": "Замена неисправного прибора учёта.",
                "field_ids": [
                    (0, 0, {"name": "Номер счётчика", "field_type": "char", "required": True}),
                    (0, 0, {"name": "Адрес установки", "field_type": "char", "required": True}),
                    (0, 0, {"name": "Желаемая дата", "field_type": "date"}),
                    (
                        0,
                        0,
                        {
                            "name": "Вид документа",
                            "field_type": "selection",
                            "options": "Паспорт\nВыписка ЕГРН",
                        },
                    ),
                ],
                "document_ids": [
                    (0, 0, {"name": "Паспорт владельца", "required": True}),
                    (0, 0, {"name": "Фото счётчика", "required": False}),
                ],
            }
        )
        cls.f_number, cls.f_address, cls.f_date, cls.f_kind = cls.service.field_ids
        cls.d_passport, cls.d_photo = cls.service.document_ids
        cls.channel_cabinet = env.ref("sce_appeals.helpdesk_ticket_channel_personal_cabinet")

    def _service_url(self, service=None):
        return f"/reception/service/{(service or self.service).id}"

    def _service_values(self, **values):
        return {
            "surname": "Козаев",
            "first_name": "Руслан",
            "patronymic": "Ахсарбекович",
            "email": "r.kozaev@example.ru",
            "phone": "",
            "text": "Счётчик не включается.",
            f"field_{self.f_number.id}": "0812345",
            f"field_{self.f_address.id}": "Владикавказ, ул. Кирова, 31, кв. 9",
            f"field_{self.f_date.id}": "2026-12-15",
            f"field_{self.f_kind.id}": "Паспорт",
            **values,
        }

    def _post_service(self, files=None, **values):
        page = self._get(self._service_url())
        self.assertEqual(page.status_code, 200)
        data = self._service_values(**values)
        data["csrf_token"] = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        if files is None:
            files = [(f"document_{self.d_passport.id}", ("паспорт.pdf", PDF, "application/pdf"))]
        self._russian()
        return self.url_open(self._service_url(), data=data, files=files, timeout=60)

    def _requests(self):
        return self.env["helpdesk.ticket"].search([("sce_service_id", "=", self.service.id)])

    def _local(self, appeal, moment):
        tz = appeal._sce_calendar()._sce_tz()
        return pytz.utc.localize(moment).astimezone(tz).date()


@tagged("post_install", "-at_install")
class TestServiceRequests(SceServiceCase):
    """WEB-2: one form per additional service, with its own fields and documents; the
    appeal is a service request and the customer learns the originals' date."""

    def test_web2_service_request_creates_appeal_with_checklist_and_originals_deadline(self):
        files = [
            (f"document_{self.d_passport.id}", ("паспорт.pdf", PDF, "application/pdf")),
            (f"document_{self.d_photo.id}", ("счётчик.jpg", JPEG, "image/jpeg")),
        ]
        response = self._post_service(files=files)
        appeal = self._requests()
        self.assertEqual(len(appeal), 1)
        self.assertEqual(appeal.appeal_kind, "service_request")
        self.assertEqual(appeal.channel_id, self.channel_web)
        self.assertEqual(appeal.category_id, self.meters_topic)
        self.assertTrue(appeal.deadline_answer, "the deadline policy of the kind applies")
        self.assertIn("0812345", appeal.description)
        self.assertIn("15.12.2026", appeal.description)
        calendar = appeal._sce_calendar()
        received = self._local(appeal, appeal.date_received)
        self.assertEqual(
            self._local(appeal, appeal.sce_originals_deadline),
            calendar._sce_add_working_days(received, 6),
            "6 working days of the production calendar",
        )
        lines = appeal.sce_service_document_ids
        self.assertEqual(lines.mapped("name"), ["Паспорт владельца", "Фото счётчика"])
        self.assertEqual(lines[0].attachment_ids.mimetype, "application/pdf")
        self.assertEqual(lines[1].attachment_ids.mimetype, "image/jpeg")
        self.assertFalse(any(lines.mapped("original_received")))
        originals = appeal.sce_local_date("sce_originals_deadline")
        self.assertIn(originals, response.text, "the thanks page gives the originals' date")
        mail = self.env["mail.mail"].search(
            [("model", "=", "helpdesk.ticket"), ("res_id", "=", appeal.id)]
        )
        self.assertEqual(mail.recipient_ids, appeal.partner_id)
        self.assertIn(originals, mail.body_html, "the mail robot gives the originals' date")
        self.assertIn("Паспорт владельца", mail.body_html)

    def test_web2_form_page_shows_the_fields_documents_and_originals_date(self):
        page = self._get(self._service_url()).text
        for text in ("Номер счётчика", "Адрес установки", "Паспорт владельца", "Выписка ЕГРН"):
            self.assertIn(text, page)
        appeals = self.env["helpdesk.ticket"]
        now = self.env.cr.now().replace(tzinfo=None)
        expected = appeals._sce_calendar()._sce_deadline(now, 6, "working_days")
        tz = appeals._sce_calendar()._sce_tz()
        self.assertIn(pytz.utc.localize(expected).astimezone(tz).strftime("%d.%m.%Y"), page)
        self.assertIn(f'for="sce_field_{self.f_number.id}"', page, "every field has its label")

    def test_web2_logged_in_customer_requests_through_the_personal_cabinet(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        self._post_service(surname="Дзагоев", first_name="Алан")
        appeal = self._requests()
        self.assertEqual(appeal.channel_id, self.channel_cabinet)
        self.assertEqual(appeal.partner_id, self.portal_a.partner_id)

    def test_web2_missing_field_and_document_rejected_and_input_kept(self):
        tickets = self.env["helpdesk.ticket"].search_count([])
        attachments = self.env["ir.attachment"].search_count([])
        response = self._post_service(files=[], **{f"field_{self.f_number.id}": ""})
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), tickets)
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)
        self.assertIn("sce_reception_errors", response.text)
        self.assertIn("Номер счётчика", response.text)
        self.assertIn("Паспорт владельца", response.text)
        self.assertIn('value="Владикавказ, ул. Кирова, 31, кв. 9"', response.text)
        self.assertIn("Счётчик не включается.", response.text)

    def test_web2_documents_are_checked_by_content(self):
        for name, content in (("паспорт.pdf", HTML), ("паспорт.jpg", PNG)):
            files = [(f"document_{self.d_passport.id}", (name, content, "application/pdf"))]
            response = self._post_service(files=files)
            self.assertIn(name, response.text)
            self.assertIn("sce_reception_errors", response.text)
        self.assertFalse(self._requests(), "nothing is stored from a rejected form")

    def test_web2_invalid_choice_and_date_are_rejected(self):
        self._post_service(
            **{f"field_{self.f_kind.id}": "<script>", f"field_{self.f_date.id}": "завтра"}
        )
        self.assertFalse(self._requests())

    def test_web2_no_contacts_rejected(self):
        response = self._post_service(email="", phone="")
        self.assertFalse(self._requests())
        self.assertIn("Укажите e-mail или телефон", response.text)

    def test_web2_archived_or_unknown_service_is_404(self):
        archived = self.service.copy({"active": False})
        for url in (self._service_url(archived), "/reception/service/987654321"):
            self.assertEqual(self._get(url).status_code, 404, url)
        listing = self._get("/reception/services").text
        self.assertIn(self._service_url(), listing)
        self.assertNotIn(self._service_url(archived), listing)

    def test_web2_typed_values_are_escaped(self):
        self._post_service(**{f"field_{self.f_address.id}": "<img src=x onerror=alert(1)>"})
        appeal = self._requests()
        self.assertNotIn("<img src=x", appeal.description)
        page = self._get(f"/my/appeals/{appeal.id}?access_token={appeal.access_token}").text
        self.assertNotIn("<img src=x", page)


@tagged("post_install", "-at_install")
class TestMyServiceRequests(SceServiceCase):
    """WEB-3: "My service requests" with the checklist, what was received and the
    originals' deadline; a customer sees only their own."""

    def test_web3_my_service_requests_shows_own_checklist_only(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        self._post_service(surname="Дзагоев", first_name="Алан")
        mine = self._requests()
        self.authenticate(self.portal_b.login, self.portal_b.login)
        self._post_service(surname="Габуева", first_name="Мадина")
        theirs = self._requests() - mine
        mine.sce_service_document_ids[0].with_context(**DISABLED_MAIL_CONTEXT).write(
            {"original_received": True, "date_original_received": "2026-11-20"}
        )
        self.authenticate(self.portal_a.login, self.portal_a.login)
        page = self._get("/my/service-requests").text
        self.assertIn(mine.number, page)
        self.assertNotIn(theirs.number, page)
        self.assertIn(mine.sce_local_date("sce_originals_deadline"), page)
        self.assertIn("Паспорт владельца", page)
        self.assertIn("20.11.2026", page, "the original received")
        self.assertIn("паспорт.pdf", page)
        scan = mine.sce_service_document_ids[0].attachment_ids
        link = re.search(rf'href="(/web/content/{scan.id}\?access_token=[^"]+)"', page).group(1)
        self.assertEqual(self._get(link.replace("&amp;", "&")).content, PDF)
        self.authenticate(self.portal_b.login, self.portal_b.login)
        self.assertIn(self._get(f"/web/content/{scan.id}").status_code, (403, 404))
        self.assertNotIn(f"/web/content/{scan.id}?", self._get("/my/service-requests").text)

    def test_web3_my_service_requests_needs_login(self):
        self.authenticate(None, None)
        response = self._get("/my/service-requests", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    def _request_as(self, user):
        values = self._service_values()
        data = {key: values[key] for key in ("surname", "first_name", "email", "phone", "text")}
        fields = {field.id: values[f"field_{field.id}"] for field in self.service.field_ids}
        uploads = {self.d_passport.id: [("паспорт.pdf", PDF)]}
        appeal, errors = (
            self.env["helpdesk.ticket"]
            .with_user(user)
            ._sce_service_submit(self.service, data, fields, uploads, "192.0.2.20")
        )
        self.assertFalse(errors)
        return appeal

    @warmup
    def test_web3_my_service_requests_query_budget(self):
        self._request_as(self.portal_a)
        self.env.flush_all()
        self.authenticate(self.portal_a.login, self.portal_a.login)
        self._russian()
        with self.assertQueryCount(default=MY_REQUESTS_QUERIES):
            self.url_open("/my/service-requests", timeout=60)
        self._request_as(self.portal_a)
        self._request_as(self.portal_a)
        self.env.flush_all()
        with self.assertQueryCount(default=MY_REQUESTS_QUERIES):
            page = self.url_open("/my/service-requests", timeout=60)
        self.assertEqual(page.text.count("o_sce_my_service_request"), 3)
