from odoo.tests import HttpCase, new_test_user, tagged, users

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT


@tagged("post_install", "-at_install")
class TestSiteServiceCenters(HttpCase):
    """WEB-1: the site's service centers page is the register's active centers with
    their address, hours and phone, in Russian, for any visitor (the page is read
    anonymously); the service centers' head changes them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        centers = cls.env["sce.service.center"]
        cls.center = centers.create(
            {
                "name": "ЦОК Кировского МРО (тест)",
                "tier": "mro",
                "address": "363600, с. Эльхотово, ул. Зортова, 7",
                "call_center_phone": "8-800-100-26-26",
                "opening_hour_ids": [
                    (0, 0, {"weekday": str(day), "hour_from": 8.0, "hour_to": 17.0})
                    for day in range(5)
                ]
                + [(0, 0, {"weekday": "5", "hour_from": 9.0, "hour_to": 13.5})],
            }
        )
        cls.head = new_test_user(
            cls.env,
            login="sce-sc-head-site",
            groups="sce_service_center.group_sce_sc_head",
            context=DISABLED_MAIL_CONTEXT,
        )
        cls.closed = centers.create(
            {"name": "ЦОК закрытого участка (тест)", "address": "с. Старый Батако", "active": False}
        )

    def _page(self):
        self.opener.cookies["frontend_lang"] = "ru_RU"
        response = self.url_open("/customers/service-centers", timeout=60)
        self.assertEqual(response.status_code, 200)
        return response.text

    def test_web1_centers_page_lists_the_registers_centers_with_hours(self):
        self.assertEqual(
            self.center.with_context(lang="ru_RU")._sce_site_schedule(),
            ["пн–пт 08:00–17:00", "сб 09:00–13:30"],
        )
        page = self._page()
        self.assertIn("ЦОК Кировского МРО (тест)", page)
        self.assertIn("363600, с. Эльхотово, ул. Зортова, 7", page)
        self.assertIn("пн–пт 08:00–17:00", page)
        self.assertIn("сб 09:00–13:30", page)
        self.assertIn("o_sce_site_centers_live", page)
        self.assertNotIn("ЦОК закрытого участка", page)

    @users("sce-sc-head-site")
    def test_web1_changed_hours_change_the_page(self):
        center = self.center.with_user(self.env.user)
        center.opening_hour_ids.filtered(lambda h: h.weekday == "5").unlink()
        page = self._page()
        self.assertNotIn("сб 09:00–13:30", page)
        center.active = False
        self.assertNotIn("ЦОК Кировского МРО (тест)", self._page())
