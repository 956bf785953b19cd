import json
from datetime import date

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from .common import QueueCommon


@tagged("post_install", "-at_install")
class TestQueueBoardAnnouncements(QueueCommon, HttpCase):
    """SC-7: the running line of the hall board: the announcements of the day for the
    center (or for every center) are on the page, and each change reaches the open
    boards over the bus as the calls do."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # independent of any announcement already there (demo data): archived before the
        # test centers exist, so their boards are not told
        cls.env["sce.queue.announcement"].search([]).active = False
        cls.env.cr.precommit.run()
        cls._setup_queue()

    def _announce(self, text, **vals):
        return (
            self.env["sce.queue.announcement"]
            .with_user(self.head)
            .create({"name": text, "date_from": date(2026, 11, 20), **vals})
        )

    def _board_messages(self, center):
        self.env.cr.precommit.run()
        notifications = (
            self.env["bus.bus"]
            .sudo()
            .search([("channel", "like", f'"{center._board_channel()}"')], order="id")
        )
        return [json.loads(n.message) for n in notifications]

    @freeze_time("2026-11-26 09:00:00")
    def test_sc7_board_page_runs_the_days_announcements(self):
        """SC-7: the board page (no login, no browser) shows today's announcements of
        its center and of every center; not those of another center, ended or not yet
        begun; no running line without announcements."""
        page = self.url_open(f"/sce/queue/{self.center.id}/board").text
        self.assertIn(
            "o_sce_queue_board_ticker fixed-bottom bg-dark text-white fs-2 py-2 d-none", page
        )
        self._announce("Показания принимаются с 15 по 25 число")
        self._announce(
            "Касса работает до 17:00",
            center_ids=[(6, 0, self.center.ids)],
            date_to=date(2026, 11, 26),
        )
        self._announce("Только в другом ЦОК", center_ids=[(6, 0, self.other_center.ids)])
        self._announce("Закончилось вчера", date_to=date(2026, 11, 25))
        self._announce("Начнётся завтра", date_from=date(2026, 11, 27))
        self._announce("В архиве", active=False)
        response = self.url_open(f"/sce/queue/{self.center.id}/board")
        self.assertEqual(response.status_code, 200)
        page = response.text
        span = '<span class="o_sce_queue_board_announcement">%s</span>'
        self.assertIn(span % "Показания принимаются с 15 по 25 число", page)
        self.assertIn(span % "Касса работает до 17:00", page)
        self.assertNotIn("py-2 d-none", page)
        for hidden in ("Только в другом ЦОК", "Закончилось вчера", "Начнётся завтра", "В архиве"):
            self.assertNotIn(hidden, page)
        other = self.url_open(f"/sce/queue/{self.other_center.id}/board").text
        self.assertIn("Только в другом ЦОК", other)
        self.assertNotIn("Касса работает до 17:00", other)

    @freeze_time("2026-11-26 09:00:00")
    def test_sc7_announcement_changes_reach_the_boards_over_the_bus(self):
        """SC-7: adding, editing and archiving an announcement pushes the running line
        of each board concerned to its channel; a board of another center is not told."""
        announcement = self._announce(
            "Касса работает до 17:00", center_ids=[(6, 0, self.center.ids)]
        )
        messages = self._board_messages(self.center)
        self.assertEqual(
            [(m["type"], m["payload"]) for m in messages],
            [("sce_queue_board/announcements", ["Касса работает до 17:00"])],
        )
        self.assertFalse(self._board_messages(self.other_center))
        announcement.with_user(self.head).name = "Касса работает до 16:00"
        self.assertEqual(
            self._board_messages(self.center)[-1]["payload"], ["Касса работает до 16:00"]
        )
        # moved to the other center: both boards are told
        announcement.with_user(self.head).center_ids = self.other_center
        self.assertEqual(self._board_messages(self.center)[-1]["payload"], [])
        self.assertEqual(
            self._board_messages(self.other_center)[-1]["payload"], ["Касса работает до 16:00"]
        )
        announcement.with_user(self.head).active = False
        self.assertEqual(self._board_messages(self.other_center)[-1]["payload"], [])

    def test_sc7_hourly_refresh_shows_an_announcement_beginning_today(self):
        """SC-7: a board left open since yesterday gets today's running line from the
        hourly refresh: an announcement beginning today appears on it."""
        with freeze_time("2026-11-25 20:00:00"):
            self._announce(
                "С завтрашнего дня касса работает до 19:00", date_from=date(2026, 11, 26)
            )
            self.assertEqual(self._board_messages(self.center)[-1]["payload"], [])
        with freeze_time("2026-11-26 06:00:00"):
            self.env["sce.queue.announcement"]._cron_refresh_boards()
            self.assertEqual(
                self._board_messages(self.center)[-1]["payload"],
                ["С завтрашнего дня касса работает до 19:00"],
            )
