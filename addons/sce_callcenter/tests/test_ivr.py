from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged, users

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

from .common import CallCenterCommon


class IvrCommon(CallCenterCommon):
    @classmethod
    def _setup_ivr(cls):
        cls._setup_call_center()
        cls.admin_ivr = new_test_user(
            cls.env,
            login="sce-cc-ivr-admin",
            name="Администратор IVR",
            groups="sce_callcenter.group_sce_cc_supervisor",
            context=DISABLED_MAIL_CONTEXT,
            lang="ru_RU",
        )

    def _menu(self, items, **vals):
        """A main menu with ``items`` (values of nested nodes), created as the IVR
        administrator in one save, as the form does."""
        return self._as_admin(self.env["sce.ivr.node"]).create(
            dict(
                {
                    "name": "Главное меню",
                    "code": "test-main",
                    "node_type": "menu",
                    "queue": "line1",
                    "prompt_duration": 12,
                    "child_ids": [(0, 0, item) for item in items],
                },
                **vals,
            )
        )

    def _as_admin(self, records):
        """``records`` as the IVR administrator works on them: in Russian."""
        return records.with_user(self.admin_ivr).with_context(lang="ru_RU")

    @staticmethod
    def _operator(key="0", queue="line1"):
        return {"name": "Оператор", "key": key, "node_type": "operator", "queue": queue}

    @staticmethod
    def _submenu(key, name, items, seconds=10):
        return {
            "name": name,
            "key": key,
            "node_type": "menu",
            "prompt_duration": seconds,
            "child_ids": [(0, 0, item) for item in items],
        }


@tagged("post_install", "-at_install")
class TestIvrMenu(IvrCommon, HttpCase):
    """The IVR menu tree of Table 6 (CC-4): edited by the call-center administrator
    within the standard's limits, refused with a clear Russian error otherwise, and
    exported as JSON for the PBX."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_ivr()

    def _refused(self, message, items, **vals):
        with self.assertRaises(ValidationError) as caught, self.env.cr.savepoint():
            self._menu(items, **vals)
        self.assertIn(message, str(caught.exception))

    def test_cc4_tree_of_4_plus_1_levels_with_navigation(self):
        """CC-4: four levels of menus and the operator on the fifth are accepted; every
        submenu gets "back" (*) and "main menu" (#) items; the export carries the tree,
        the keys, the queue of callers without tone dialing and the endpoints."""
        level4 = self._submenu("1", "Уровень 4", [self._operator("1", "line2")], seconds=5)
        level3 = self._submenu("1", "Уровень 3", [level4], seconds=5)
        level2 = self._submenu("2", "Уровень 2", [level3], seconds=5)
        reading = {
            "name": "Показания",
            "key": "1",
            "node_type": "self_service",
            "service": "meter_reading",
            "prompt_duration": 8,
        }
        root = self._menu([reading, level2, self._operator()])
        nodes = self.env["sce.ivr.node"].search([("id", "child_of", root.id)])
        operator5 = nodes.filtered(lambda n: n.queue == "line2")
        self.assertEqual(operator5.level, 5)
        for menu in nodes.filtered(lambda n: n.node_type == "menu" and n.parent_id):
            self.assertEqual(
                sorted(
                    menu.child_ids.filtered(lambda n: n.node_type in ("back", "main_menu")).mapped(
                        "key"
                    )
                ),
                ["#", "*"],
            )
        self.assertFalse(root.child_ids.filtered(lambda n: n.node_type == "back"))
        export = root._sce_export()
        self.assertEqual(export["menu"], "test-main")
        self.assertEqual(export["no_input"], {"action": "operator", "queue": "line1"})
        self.assertEqual(export["navigation"], {"back": "*", "main_menu": "#"})
        self.assertEqual([i["key"] for i in export["root"]["items"]], ["1", "2", "0"])
        self.assertEqual(
            export["root"]["items"][0]["endpoint"], "/sce/cti/v1/self-service/meter-reading"
        )
        self.assertEqual(
            [i["type"] for i in export["root"]["items"][1]["items"]], ["menu", "back", "main_menu"]
        )

    def test_cc4_limits_refused_with_russian_errors(self):
        """CC-4: five items on a level, a 16-second prompt, a menu on the fifth level, a
        position on * or #, a main menu without the queue of callers without tone
        dialing, the nearest operator after more than 40 s: each is refused with the
        rule in Russian, and nothing is created."""
        before = self.env["sce.ivr.node"].search_count([])
        info = [
            {"name": f"Справка {n}", "key": str(n), "node_type": "info", "prompt_duration": 5}
            for n in range(1, 5)
        ]
        self._refused("не более 4 на уровне", [*info, self._operator()])
        self._refused(
            "не более 15 с информации на уровне",
            [self._operator()],
            prompt_duration=16,
        )
        deep = self._submenu("1", "Уровень 5", [self._operator("1")], seconds=1)
        for level in (4, 3, 2):
            deep = self._submenu("1", f"Уровень {level}", [deep], seconds=1)
        self._refused("пятый уровень — только соединение с оператором", [deep, self._operator()])
        star = {"name": "Справка", "key": "*", "node_type": "info"}
        self._refused("клавиши * и # — «назад» и «главное меню»", [star, self._operator()])
        self._refused("без тонального набора", [self._operator()], queue=False)
        far = self._submenu("1", "Уровень 3", [self._operator("1")], seconds=15)
        far = self._submenu("1", "Уровень 2", [far], seconds=15)
        self._refused("не более 40 с", [far], prompt_duration=15)
        self.assertEqual(self.env["sce.ivr.node"].search_count([]), before)

    def test_cc4_navigation_items_cannot_be_removed(self):
        """CC-4: "back" and "main menu" stay on every submenu: deleting one is refused;
        deleting the submenu takes them with it; keys stay unique on a level."""
        root = self._menu([self._submenu("1", "Оплата", [self._operator("1")]), self._operator()])
        submenu = root.child_ids.filtered(lambda n: n.node_type == "menu")
        back = self._as_admin(submenu.child_ids.filtered(lambda n: n.node_type == "back"))
        with self.assertRaises(UserError) as caught:
            back.unlink()
        self.assertIn("нельзя удалить", str(caught.exception))
        with self.assertRaises(ValidationError) as caught, self.env.cr.savepoint():
            self._as_admin(submenu).child_ids.filtered(
                lambda n: n.node_type == "operator"
            ).key = "*"
        self.assertIn("одну клавишу", str(caught.exception))
        self._as_admin(submenu).unlink()
        self.assertFalse(back.exists())

    @users("sce-cc-line1")
    def test_cc4_operators_read_but_do_not_edit_the_menu(self):
        """CC-4: the menu is edited by the call-center administrator; an operator may read
        it but not change it."""
        root = self._menu([self._operator()])
        as_operator = root.with_user(self.env.user)
        self.assertEqual(as_operator.name, "Главное меню")
        with self.assertRaises(AccessError):
            as_operator.prompt_duration = 5
        with self.assertRaises(AccessError):
            self.env["sce.ivr.node"].create({"name": "Моё меню", "node_type": "menu", "queue": "x"})

    def test_cc4_menu_exported_on_the_signed_api_and_downloaded(self):
        """CC-4: the PBX gets the menu tree from the signed API (an unsigned request gets
        a 401 and no menu); the administrator downloads the same JSON."""
        root = self._menu([self._operator()])
        url = "/sce/cti/v1/ivr/menu?source=test-pbx&menu=test-main"
        response = self.url_open(url, headers=self._signed_headers(b""))
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual([menu["root"]["id"] for menu in response.json()["menus"]], [root.id])
        self.assertEqual(self.url_open(url).status_code, 401)
        bad = self._signed_headers(b"", secret="wrong")
        self.assertEqual(self.url_open(url, headers=bad).json()["error"]["code"], "bad_signature")
        unknown = "/sce/cti/v1/ivr/menu?source=test-pbx&menu=nope"
        self.assertEqual(self.url_open(unknown, headers=self._signed_headers(b"")).status_code, 404)
        self.authenticate("sce-cc-ivr-admin", "sce-cc-ivr-admin")
        download = self.url_open(f"/sce/callcenter/ivr/{root.id}/menu.json")
        self.assertEqual(download.status_code, 200)
        self.assertIn("attachment", download.headers["Content-Disposition"])
        self.assertEqual(download.json()["root"]["items"][0]["queue"], "line1")
        action = root.with_user(self.admin_ivr).action_download_json()
        self.assertEqual(action["url"], f"/sce/callcenter/ivr/{root.id}/menu.json")


@tagged("post_install", "-at_install")
class TestIvrDemo(HttpCase):
    """The demo IVR menu of the retailer (CC-4), as `make run` shows it."""

    def test_cc4_demo_menu_keeps_table_6(self):
        """CC-4: the demo main menu breaks no rule of Table 6, reaches the fifth level
        with the operator and offers the three self-services."""
        root = self.env.ref("sce_callcenter.sce_ivr_node_demo_main")
        self.assertEqual(root._sce_tree_errors(), [])
        nodes = self.env["sce.ivr.node"].search([("id", "child_of", root.id)])
        self.assertEqual(max(nodes.mapped("level")), 5)
        self.assertEqual(
            nodes.filtered(lambda n: n.level == 5 and n.node_type == "operator").queue, "line2"
        )
        self.assertEqual(
            sorted(nodes.filtered("service").mapped("service")),
            ["contract_stage", "debt", "meter_reading"],
        )
        self.assertEqual(
            set(nodes.filtered(lambda n: n.node_type == "back").mapped("name")), {"Назад"}
        )
