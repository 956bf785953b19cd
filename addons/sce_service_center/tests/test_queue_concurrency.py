from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCallNextConcurrency(TransactionCase):
    """SC-7: two windows pressing call-next at the same moment, each in its own database
    transaction, never get the same visitor. The data lives in committed transactions
    (other connections cannot see the test's own), so it is deleted afterwards."""

    def setUp(self):
        super().setUp()
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            service = env.ref("sce_service_center.sce_queue_service_consultant")
            center = env["sce.service.center"].create({"name": "ЦОК Конкурентный"})
            windows = env["sce.queue.window"].create(
                [
                    {"center_id": center.id, "number": n, "service_ids": [(6, 0, service.ids)]}
                    for n in ("1", "2")
                ]
            )
            tickets = env["sce.queue.ticket"].create(
                [{"center_id": center.id, "service_id": service.id}] * 2
            )
            cr.commit()  # pylint: disable=invalid-commit
        self.center_id, self.window_ids, self.ticket_ids = center.id, windows.ids, tickets.ids
        self.envs = [
            api.Environment(self.env.registry.cursor(), SUPERUSER_ID, {}) for _ in range(2)
        ]
        self.addCleanup(self._clean_up)

    def _clean_up(self):
        for env in self.envs:
            env.cr.rollback()
            env.cr.close()
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            center = env["sce.service.center"].browse(self.center_id)
            env["sce.queue.ticket"].browse(self.ticket_ids).unlink()
            cr.execute(
                "DELETE FROM bus_bus WHERE channel LIKE %s",
                (f'%"{center._board_channel()}"%',),
            )
            cr.execute("DELETE FROM sce_queue_counter WHERE center_id = %s", (self.center_id,))
            center.unlink()  # cascades to its windows
            cr.commit()  # pylint: disable=invalid-commit

    def _call_next(self, env, window_id):
        action = env["sce.queue.window"].browse(window_id).action_call_next()
        return action.get("res_id")

    def test_sc7_concurrent_call_next_never_hands_one_ticket_to_two_windows(self):
        env1, env2 = self.envs
        # window 1 picks and locks a ticket; its transaction is still open
        first = self._call_next(env1, self.window_ids[0])
        # window 2 presses at the same moment: the locked ticket is skipped, not waited for
        second = self._call_next(env2, self.window_ids[1])
        env1.cr.commit()
        env2.cr.commit()
        self.assertEqual(sorted([first, second]), sorted(self.ticket_ids))
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            tickets = env["sce.queue.ticket"].browse(self.ticket_ids)
            self.assertEqual(tickets.mapped("state"), ["called", "called"])
            self.assertEqual(sorted(tickets.window_id.ids), sorted(self.window_ids))

    def test_sc7_the_last_ticket_goes_to_one_window_only(self):
        env1, env2 = self.envs
        with self.env.registry.cursor() as cr:
            cr.execute(
                "UPDATE sce_queue_ticket SET state = 'cancelled' WHERE id = %s",
                (self.ticket_ids[1],),
            )
            cr.commit()  # pylint: disable=invalid-commit
        first = self._call_next(env1, self.window_ids[0])
        second = self._call_next(env2, self.window_ids[1])
        self.assertEqual(first, self.ticket_ids[0])
        self.assertFalse(second, "the second window is told nobody waits")
        env1.cr.commit()
        env2.cr.commit()
