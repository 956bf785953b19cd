import re

from odoo.tests import HttpCase, new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
HTML = b"<html><body><script>alert(1)</script></body></html>"


class SceReceptionCase(HttpCase):
    """The internet reception over real HTTP: forms fetched for their CSRF token,
    posted as a visitor or a portal customer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.channel_web = env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web")
        cls.topic = env.ref("sce_appeals.helpdesk_ticket_category_billing")
        cls.team_router = env.ref("sce_appeals.helpdesk_ticket_team_complaint_router")
        cls.other_customer = env["res.partner"].create(
            {
                "sce_surname": "Бестаева",
                "sce_first_name": "Залина",
                "sce_patronymic": "Руслановна",
                "sce_customer_group": "1",
                "email": "z.bestaeva@example.ru",
                "mobile": "+7 918 825-44-10",
            }
        )
        cls.portal_a = cls._portal_user("sce-portal-a", "Дзагоев", "Алан")
        cls.portal_b = cls._portal_user("sce-portal-b", "Габуева", "Мадина")

    @classmethod
    def _portal_user(cls, login, surname, first_name):
        user = new_test_user(
            cls.env,
            login=login,
            groups="base.group_portal",
            context=DISABLED_MAIL_CONTEXT,
            name=f"{surname} {first_name}",
            email=f"{login}@example.ru",
        )
        user.partner_id.write(
            {"sce_surname": surname, "sce_first_name": first_name, "sce_customer_group": "1"}
        )
        return user

    def _russian(self):
        # The site speaks Russian; authenticate() replaces the opener, so set it each time.
        self.opener.cookies["frontend_lang"] = "ru_RU"

    def _get(self, url, **kwargs):
        self._russian()
        return self.url_open(url, timeout=60, **kwargs)

    def _csrf(self, form):
        page = self._get(f"/reception/{form}")
        self.assertEqual(page.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _values(self, **values):
        return {
            "surname": "Козаев",
            "first_name": "Руслан",
            "patronymic": "Ахсарбекович",
            "email": "r.kozaev@example.ru",
            "phone": "",
            "topic_id": str(self.topic.id),
            "subject": "Перерасчёт за октябрь",
            "text": "Прошу пересчитать начисление за октябрь.",
            **values,
        }

    def _post(self, form, files=None, csrf=True, **values):
        data = self._values(**values)
        if csrf:
            data["csrf_token"] = self._csrf(form)
        self._russian()
        return self.url_open(f"/reception/{form}", data=data, files=files, timeout=60)

    def _appeals(self, subject="Перерасчёт за октябрь"):
        return self.env["helpdesk.ticket"].search([("name", "=", subject)])
