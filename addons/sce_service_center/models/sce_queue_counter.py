from odoo import fields, models


class SceQueueCounter(models.Model):
    """The last ticket number issued per (center, prefix, day): one row locked while a
    number is taken, so that concurrent issues never repeat or skip a number."""

    _name = "sce.queue.counter"
    _description = "Queue ticket counter"
    _log_access = False

    center_id = fields.Many2one("sce.service.center", required=True, ondelete="cascade")
    prefix = fields.Char(required=True)
    day = fields.Date(required=True)
    last_number = fields.Integer(required=True, default=0)

    _sql_constraints = [
        ("day_uniq", "UNIQUE(center_id, prefix, day)", "One counter per center, prefix and day."),
    ]

    def _next_number(self, center, prefix, day):
        """Take the next number in one statement: the upsert inserts the day's row or
        locks the existing one (as SELECT ... FOR UPDATE would) and increments it; the
        lock lasts until commit, so a concurrent issue waits and gets the next number
        (under REPEATABLE READ it fails with a serialization error that Odoo retries)."""
        self.env.cr.execute(
            """
            INSERT INTO sce_queue_counter (center_id, prefix, day, last_number)
            VALUES (%s, %s, %s, 1)
            ON CONFLICT (center_id, prefix, day)
            DO UPDATE SET last_number = sce_queue_counter.last_number + 1
            RETURNING last_number
            """,
            (center.id, prefix, day),
        )
        return self.env.cr.fetchone()[0]
