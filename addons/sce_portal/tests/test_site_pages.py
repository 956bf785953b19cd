import re

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

from .common import SceCabinetCase

# WEB-1, in the order of section 6.1 of the standard: the site menu's items and the
# Russian heading each page shows.
SITE_ITEMS = [
    ("/customers/legal-base", "Нормативная база"),
    ("/customers/contacts", "Контакты"),
    ("/customers/contract", "Заключение договора"),
    ("/customers/contract-forms", "Формы договоров"),
    ("/customers/service-standards", "Стандарты обслуживания"),
    ("/customers/payment", "Порядок оплаты"),
    ("/customers/meter-readings", "Показания приборов учёта"),
    ("/customers/non-payment", "Последствия неоплаты"),
    ("/customers/tariffs", "Тарифы и расчёт"),
    ("/customers/service-centers", "Центры обслуживания"),
    ("/customers/complaints", "Порядок подачи обращений и жалоб"),
    ("/customers/personal-cabinet", "Личный кабинет"),
    ("/customers/outages", "Плановые отключения"),
    ("/customers/additional-services", "Дополнительные услуги"),
    ("/customers/advice", "Полезные советы"),
    ("/reception", "Интернет-приёмная"),
    ("/reception/faq", "Вопросы и ответы"),
]


@tagged("post_install", "-at_install")
class TestSitePages(SceCabinetCase):
    """WEB-1: every item of the site content list of section 6.1 is a published page in
    Russian, reachable from the site menu; editors change the pages in the website
    editor; GEN-7: none of them shows a customer's personal data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.designer = new_test_user(
            cls.env,
            login="sce-site-editor",
            groups="base.group_user,website.group_website_designer",
            context=DISABLED_MAIL_CONTEXT,
        )
        cls.service = cls.env.ref("sce_portal.sce_portal_service_meter_replacement")

    def test_web1_every_item_is_a_published_page_in_russian(self):
        for url, heading in SITE_ITEMS + [("/customers", "Потребителям")]:
            with self.subTest(url=url):
                page = self._get(url)
                self.assertEqual(page.status_code, 200)
                self.assertRegex(page.text, rf"<h1[^>]*>\s*{re.escape(heading)}\s*</h1>")
                self.assertIn('lang="ru-RU"', page.text)

    def test_web1_site_menu_lists_every_item_in_the_order_of_the_standard(self):
        page = self._get("/").text
        menu = page[page.index("Потребителям") :]
        positions = [menu.find(f'href="{url}"') for url, _heading in SITE_ITEMS]
        self.assertNotIn(-1, positions, "every WEB-1 item is in the site menu")
        self.assertEqual(positions, sorted(positions))
        index = self._get("/customers").text
        for url, heading in SITE_ITEMS:
            self.assertIn(f'href="{url}"', index)
            self.assertIn(heading, index)

    def test_web1_gen7_public_pages_show_no_personal_data(self):
        self.env["helpdesk.ticket"].with_context(**DISABLED_MAIL_CONTEXT).create(
            {
                "name": "Жалоба Кокоевой на начисление",
                "description": "<p>Текст жалобы</p>",
                "channel_id": self.channel_web.id,
                "appeal_kind": "complaint",
                "category_id": self.topic.id,
                "partner_id": self.holder_a.id,
                "account_id": self.account_a.id,
            }
        )
        self.holder_a.write({"street": "ул. Ленина, 12, кв. 4", "mobile": "+7 918 705-12-34"})
        personal = [
            "Кокоева",
            "Фатима",
            "Хасановна",
            "Бестаева",
            "Залина",
            "Дзагоев",
            "Габуева",
            "f.kokoeva@example.ru",
            "z.bestaeva@example.ru",
            "sce-portal-a@example.ru",
            "705-12-34",
            "825-44-10",
            "ул. Бутаева",
            "ул. Ленина, 12",
            "Иристон-Хлеб",
            self.account_a.name,
            self.account_b.name,
            self.account_org.name,
            self.meter_a.name,
            "Жалоба Кокоевой",
        ]
        self.authenticate(None, None)
        for url in ["/", "/customers"] + [url for url, _heading in SITE_ITEMS]:
            text = self._get(url).text
            for value in personal:
                with self.subTest(url=url, value=value):
                    self.assertNotIn(value, text)

    def test_web1_additional_services_list_prices_documents_and_the_form(self):
        self.service.price = "1 850 ₽"
        archived = self.env.ref("sce_portal.sce_portal_service_contract_reregistration")
        archived.active = False
        page = self._get("/customers/additional-services").text
        (row,) = [
            row
            for row in re.findall(r'<tr class="o_sce_site_service">.*?</tr>', page, re.S)
            if "Замена прибора учёта" in row
        ]
        self.assertIn(f'href="/reception/service/{self.service.id}"', row)
        self.assertIn("1 850 ₽", row)
        self.assertIn("Паспорт", row)
        self.assertNotIn("Переоформление договора", page)
        self.assertIn("6 рабочих дней", page)

    def test_web1_contacts_show_the_company_from_its_card(self):
        self.env.company.write({"phone": "+7 8672 40-15-15", "email": "info@sevkavenergo.example"})
        page = self._get("/customers/contacts").text
        # the phone as the customer register stores it (E.164)
        self.assertIn("+78672401515", page)
        self.assertIn("info@sevkavenergo.example", page)

    def _outages_xpath(self, view):
        arch = etree.fromstring(view.arch)
        (table,) = arch.xpath("//div[@id='oe_structure_sce_site_outages_table']")
        return arch.getroottree().getpath(table)

    def test_web1_site_editor_publishes_a_planned_outage(self):
        view = self.env.ref("sce_portal.site_outages")
        row = (
            '<div class="oe_structure" id="oe_structure_sce_site_outages_table">'
            '<section class="s_table"><table class="table o_sce_site_outages"><tbody><tr>'
            "<td>02.12, 10:00–16:00</td><td>г. Алагир, ул. Ленина, 100–140</td>"
            "<td>Замена опор ВЛ-0,4 кВ</td></tr></tbody></table></section></div>"
        )
        website = self.env["website"].get_current_website()
        view.with_user(self.designer).with_context(website_id=website.id).save(
            row, xpath=self._outages_xpath(view)
        )
        self.authenticate(None, None)
        page = self._get("/customers/outages").text
        self.assertIn("Замена опор ВЛ-0,4 кВ", page)
        self.assertNotIn("Плановых отключений в ближайшие дни не объявлено", page)

    def test_web1_customers_cannot_edit_the_site(self):
        view = self.env.ref("sce_portal.site_outages")
        with self.assertRaises(AccessError):
            view.with_user(self.portal_a).save(
                '<div class="oe_structure" id="oe_structure_sce_site_outages_table">x</div>',
                xpath=self._outages_xpath(view),
            )
