from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged, users

from odoo.addons.sce_appeals.tests.common import msk

from .control_common import SceControlCase


@tagged("post_install", "-at_install")
class TestInfoAudit(SceControlCase):
    """CTRL-4: the monthly information audit of the site (WEB-1) and of the stands of
    each service center: who checked, what is missing, corrective tasks with terms."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["sce.info.audit.item"].search([]).active = False  # our own checklist
        Item = cls.env["sce.info.audit.item"]
        cls.stand_hours = Item.create(
            {"name": "Режим работы центра", "scope": "stand", "sequence": 1}
        )
        cls.stand_plan = Item.create(
            {
                "name": "План-схема рабочих мест",
                "scope": "stand",
                "sequence": 2,
                "user_id": cls.specialist.id,
            }
        )
        cls.site_tariffs = Item.create({"name": "Тарифы", "scope": "site", "sequence": 1})
        centers = cls.env["sce.service.center"]
        cls.center_a = centers.create({"name": "ЦОК Тест А", "tier": "mro", "mro_id": cls.mro_a.id})
        cls.center_b = centers.create({"name": "ЦОК Тест Б", "tier": "mro", "mro_id": cls.mro_b.id})

    def test_ctrl4_site_checklist_ships_the_web1_items_in_russian(self):
        """CTRL-4, WEB-1: the site's checklist is the content list of the site, in Russian."""
        items = self.env["sce.info.audit.item"].with_context(active_test=False, lang="ru_RU")
        site = items.search([("scope", "=", "site"), ("requirement", "like", "WEB-1")])
        self.assertGreaterEqual(len(site), 17, "the sections of chapter 2 section 6.1")
        self.assertEqual(
            self.env.ref("sce_survey.sce_info_audit_item_site_12").with_context(lang="ru_RU").name,
            "Личный кабинет клиента",
        )
        stands = items.search([("scope", "=", "stand")]) - self.stand_hours - self.stand_plan
        self.assertTrue(stands)

    @users("sce-mro-a")
    def test_ctrl4_missing_stand_item_opens_a_corrective_task(self):
        with freeze_time("2026-10-05 07:00:00"):
            audit = self.env["sce.info.audit"].create(
                {"scope": "stand", "center_id": self.center_a.id, "date_from": date(2026, 10, 1)}
            )
            self.assertEqual(audit.mro_id, self.mro_a)
            self.assertEqual(audit.line_ids.item_id, self.stand_hours | self.stand_plan)
            hours, plan = audit.line_ids
            hours.status = "ok"
            with self.assertRaises(UserError):
                audit.action_done()  # every item judged first
            plan.write({"status": "missing", "note": "Стенд снят при ремонте"})
            audit.action_done()
        self.assertEqual(audit.state, "done")
        self.assertEqual(audit.checker_id, self.env.user)
        self.assertEqual(audit.missing_count, 1)
        self.assertFalse(hours.task_ids)
        task = plan.task_ids
        self.assertEqual(len(task), 1)
        self.assertEqual(task.source, "info_audit")
        self.assertEqual(task.user_id, self.specialist, "the item's responsible")
        self.assertEqual(task.mro_id, self.mro_a)
        self.assertIn("Стенд снят при ремонте", task.description)
        # 5 working days from Monday 5 October 2026: Monday 12 October, end of day
        self.assertEqual(task.deadline, msk(2026, 10, 12, 23, 59, 59))
        with freeze_time("2026-10-09 12:00:00"):
            task.with_user(self.specialist).action_done()
        self.assertEqual(task.state, "done")
        self.assertEqual(task.deadline_state, "done_on_time")

    @users("sce-mro-b")
    def test_ctrl4_another_mros_stand_audit_is_refused(self):
        audit = (
            self.env["sce.info.audit"]
            .sudo()
            .create(
                {"scope": "stand", "center_id": self.center_a.id, "date_from": date(2026, 10, 1)}
            )
        )
        with self.assertRaises(AccessError):
            audit.with_env(self.env).read(["missing_count"])
        with self.assertRaises(AccessError):
            self.env["sce.info.audit"].create(
                {"scope": "stand", "center_id": self.center_a.id, "date_from": date(2026, 11, 1)}
            )
        own = self.env["sce.info.audit"].create(
            {"scope": "stand", "center_id": self.center_b.id, "date_from": date(2026, 10, 1)}
        )
        self.assertEqual(self.env["sce.info.audit"].search([]), own)

    @users("sce-head")
    def test_ctrl4_the_month_opens_the_site_and_every_stand(self):
        # a month before any demo audit (the demo holds the last months)
        with freeze_time("2024-10-01 06:00:00"):
            audits = self.env["sce.info.audit"].sudo()._cron_sce_open_month()
            again = self.env["sce.info.audit"].sudo()._cron_sce_open_month()
        self.assertEqual(again, audits, "opened once a month")
        site = audits.filtered(lambda a: a.scope == "site")
        self.assertEqual(len(site), 1)
        self.assertEqual(site.line_ids.item_id, self.site_tariffs)
        self.assertLessEqual(self.center_a | self.center_b, audits.center_id)
        self.assertEqual(self.env["sce.info.audit"].search([("id", "in", audits.ids)]), audits)

    @users("sce-specialist")
    def test_ctrl5_specialist_sees_only_the_departments_tasks(self):
        """CTRL-5, CTRL-2: the department concerned sees and closes its own tasks only."""
        Task = self.env["sce.control.task"].sudo()
        mine = Task.create(
            {"name": "Устранить", "source": "info_audit", "team_id": self.team_billing.id}
        )
        other_team = self.env.ref("sce_appeals.helpdesk_ticket_team_contracts")
        other = Task.create({"name": "Чужая", "source": "info_audit", "team_id": other_team.id})
        visible = self.env["sce.control.task"].search([("id", "in", (mine | other).ids)])
        self.assertEqual(visible, mine)
        with self.assertRaises(AccessError):
            other.with_env(self.env).read(["name"])

    def test_ctrl5_control_views_open_for_their_roles(self):
        """CTRL-4, CTRL-5: every form, list and report of internal control opens for the
        organizer, and the control tasks' for the specialist."""
        organizer_views = {
            "sce.control.task": ["list", "form", "search"],
            "sce.complaint.audit": ["list", "form"],
            "sce.quality.sample": ["list", "form"],
            "sce.quality.check": ["list", "form"],
            "sce.quality.check.line": ["pivot", "graph", "search"],
            "sce.info.audit": ["list", "form"],
        }
        for model, types in organizer_views.items():
            views = self.env[model].with_user(self.mro_user).get_views([(False, t) for t in types])
            self.assertEqual(set(views["views"]), set(types), model)
        task_views = (
            self.env["sce.control.task"]
            .with_user(self.specialist)
            .get_views([(False, "list"), (False, "form")])
        )
        self.assertIn("action_done", task_views["views"]["form"]["arch"])
