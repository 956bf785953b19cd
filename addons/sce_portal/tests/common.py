import re
from datetime import date

from dateutil.relativedelta import relativedelta

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


class SceCabinetCase(SceReceptionCase):
    """The personal cabinet: two citizens' accounts, each in its own customer's login,
    and an organisation's account nobody has linked yet."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        today = date.today()
        last_month = today.replace(day=1) - relativedelta(months=1)
        cls.mro = env["sce.mro"].create({"name": "Пригородное МРО (тест)", "code": "TP"})
        cls.holder_a = env["res.partner"].create(
            {
                "sce_surname": "Кокоева",
                "sce_first_name": "Фатима",
                "sce_patronymic": "Хасановна",
                "sce_customer_group": "1",
                "email": "f.kokoeva@example.ru",
            }
        )
        cls.organisation = env["res.partner"].create(
            {
                "name": "ООО «Иристон-Хлеб»",
                "is_company": True,
                "sce_customer_group": "3",
                "vat": "1513012345",
                "email": "buh@iriston-hleb.example.ru",
            }
        )
        cls.account_a = cls._account("TEST-1501000111", cls.holder_a, "ул. Ленина, 12, кв. 4")
        cls.account_b = cls._account(
            "TEST-1501000222", cls.other_customer, "ул. Бутаева, 3, кв. 17"
        )
        cls.account_c = cls._account("TEST-1501000333", cls.holder_a, "СНТ «Дружба», уч. 41")
        cls.account_org = cls._account("TEST-1503000444", cls.organisation, "ул. Тельмана, 44")
        cls.meter_a = env["sce.meter"].create(
            {"name": "МИР С-05 №0123456", "account_id": cls.account_a.id, "sce_digits": 5}
        )
        cls.meter_b = env["sce.meter"].create({"name": "987654", "account_id": cls.account_b.id})
        cls.meter_c = env["sce.meter"].create({"name": "555000", "account_id": cls.account_c.id})
        env["sce.meter.reading"].create(
            [
                {"meter_id": cls.meter_a.id, "date": last_month, "value": 1000},
                {"meter_id": cls.meter_b.id, "date": last_month, "value": 7000},
            ]
        )
        moves = env["sce.account.move"]
        for account, charge, payment in ((cls.account_a, 1500, 1200), (cls.account_b, 900, 900)):
            moves.create(
                [
                    {
                        "account_id": account.id,
                        "move_type": "charge",
                        "date": last_month,
                        "period": f"{last_month:%Y-%m}",
                        "amount": charge,
                        "consumption_kwh": 250,
                        "reference": f"CH-{account.name}",
                    },
                    {
                        "account_id": account.id,
                        "move_type": "payment",
                        "date": last_month + relativedelta(days=10),
                        "amount": payment,
                        "reference": f"PA-{account.name}",
                    },
                ]
            )
        links = env["sce.portal.account.link"]
        links.create({"user_id": cls.portal_a.id, "account_id": cls.account_a.id})
        links.create({"user_id": cls.portal_b.id, "account_id": cls.account_b.id})
        env.company.write(
            {
                "sce_payee_name": "ПАО «Тестэнерго»",
                "sce_payee_inn": "1502000001",
                "sce_payee_kpp": "151301001",
                "sce_bank_name": "ПАО Тестбанк",
                "sce_bank_bic": "049033000",
                "sce_bank_account": "40702810000000000001",
                "sce_bank_corr_account": "30101810000000000000",
            }
        )

    @classmethod
    def _account(cls, number, partner, address):
        return cls.env["sce.account"].create(
            {
                "name": number,
                "partner_id": partner.id,
                "supply_address": f"Владикавказ, {address}",
                "mro_id": cls.mro.id,
            }
        )

    def _login(self, user):
        self.authenticate(user.login, user.login)
        self._russian()

    def _form_csrf(self, url):
        page = self._get(url)
        self.assertEqual(page.status_code, 200, url)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _post_form(self, url, data, csrf_url=None):
        data = {**data, "csrf_token": self._form_csrf(csrf_url or url)}
        self._russian()
        return self.url_open(url, data=data, timeout=60, allow_redirects=False)
