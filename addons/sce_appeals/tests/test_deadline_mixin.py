from datetime import timedelta

from odoo_test_helper import FakeModelLoader

from odoo import fields
from odoo.tests import TransactionCase, tagged

from ..models.sce_deadline_mixin import deadline_state
from .common import new_role_user


@tagged("post_install", "-at_install")
class TestDeadlineMechanism(TransactionCase):
    """One mechanism for every legal term (architecture: shared mechanisms; CC-7 item 20):
    proven on a model made only for this test."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loader = FakeModelLoader(cls.env, cls.__module__)
        cls.loader.backup_registry()
        from .fake_models import SceTestTerm

        cls.loader.update_registry((SceTestTerm,))
        cls.performer = new_role_user(cls.env, "specialist", login="sce-term-performer")
        cls.controller = new_role_user(cls.env, "mro_a", login="sce-term-controller")
        cls.env.company.sce_reminder_lead_hours = 24

    @classmethod
    def tearDownClass(cls):
        cls.loader.restore_registry()
        super().tearDownClass()

    def _terms(self, *offsets, **vals):
        now = fields.Datetime.now()
        return self.env["sce.test.term"].create(
            [
                {
                    "name": f"term {i}",
                    "deadline": now + offset,
                    "user_id": self.performer.id,
                    "controller_id": self.controller.id,
                    **vals,
                }
                for i, offset in enumerate(offsets)
            ]
        )

    def _todo(self, terms, user):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "sce.test.term"),
                ("res_id", "in", terms.ids),
                ("user_id", "in", user.ids),
            ]
        )

    def test_state_is_one_pure_function(self):
        now, lead = fields.Datetime.now(), timedelta(hours=24)
        hour = timedelta(hours=1)
        self.assertEqual(deadline_state(False, False, now, lead), "none")
        self.assertEqual(deadline_state(now + 48 * hour, False, now, lead), "on_track")
        self.assertEqual(deadline_state(now + hour, False, now, lead), "due_soon")
        self.assertEqual(deadline_state(now - hour, False, now, lead), "overdue")
        self.assertEqual(deadline_state(now, now - hour, now, lead), "done_on_time")
        self.assertEqual(deadline_state(now - hour, now, now, lead), "done_late")

    def test_cron_moves_states_reminds_once_and_escalates_once(self):
        hour = timedelta(hours=1)
        on_track, due_soon, overdue = self._terms(72 * hour, 2 * hour, -2 * hour)
        (on_track | due_soon | overdue)._sce_refresh_deadline_state()
        self.assertEqual(
            (on_track.state, due_soon.state, overdue.state), ("on_track", "due_soon", "overdue")
        )
        terms = self.env["sce.test.term"]
        terms._sce_watch_deadlines()
        self.assertEqual(len(self._todo(due_soon, self.performer)), 1, "reminded before the term")
        self.assertEqual(len(self._todo(overdue, self.controller)), 1, "breach escalated")
        self.assertFalse(self._todo(on_track, self.performer))
        self.assertTrue(overdue.escalated)
        terms._sce_watch_deadlines()
        self.assertEqual(len(self._todo(due_soon | overdue, self.performer | self.controller)), 2)

    def test_open_terms_cross_thresholds_in_one_update(self):
        """What was on track when stored becomes due soon and overdue as time passes,
        in the cron's single UPDATE (no per-record computation)."""
        hour = timedelta(hours=1)
        terms = self._terms(2 * hour, -hour, 100 * hour)
        self.env.cr.execute(
            "UPDATE sce_test_term SET state = 'on_track' WHERE id IN %s", [tuple(terms.ids)]
        )
        terms.invalidate_recordset(["state"])
        self.env["sce.test.term"]._sce_watch_deadlines()
        self.assertEqual(terms.mapped("state"), ["due_soon", "overdue", "on_track"])

    def test_met_terms_are_left_alone(self):
        hour = timedelta(hours=1)
        met = self._terms(-hour, done=fields.Datetime.now() - 2 * hour)
        met._sce_refresh_deadline_state()
        self.assertEqual(met.state, "done_on_time")
        self.env["sce.test.term"]._sce_watch_deadlines()
        self.assertEqual(met.state, "done_on_time")
        self.assertFalse(met.escalated)
        self.assertFalse(self._todo(met, self.controller | self.performer))

    def test_a_breach_nobody_controls_waits_for_a_controller(self):
        term = self._terms(-timedelta(hours=1), controller_id=False)
        term._sce_refresh_deadline_state()
        self.env["sce.test.term"]._sce_watch_deadlines()
        self.assertFalse(term.escalated)
        term.controller_id = self.controller
        self.env["sce.test.term"]._sce_watch_deadlines()
        self.assertTrue(term.escalated)
