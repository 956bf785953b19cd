from datetime import datetime, time

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

REPEAT_WINDOW_DAYS = 30
# The counts of the GEN-8 indicators, as named on sce.quality.indicator
GEN8_COUNTS = (
    "deadline_count",
    "on_time_count",
    "inquiry_count",
    "repeated_inquiry_count",
    "complaint_count",
    "repeated_complaint_count",
)


def gen8_shares(counts):
    """The three GEN-8 shares, from 0 to 1, of a mapping holding the ``GEN8_COUNTS``;
    a share whose denominator is zero is None: nothing counts, so there is no share.

    * executiveness = answered on time / deadlines in the period;
    * informativeness = 1 − repeated inquiries / inquiries;
    * feedback effectiveness = 1 − repeated complaints / complaints answered.
    """

    def share(part, whole):
        return part / whole if whole else None

    repeated_inquiries = share(counts["repeated_inquiry_count"], counts["inquiry_count"])
    repeated_complaints = share(counts["repeated_complaint_count"], counts["complaint_count"])
    return {
        "executiveness": share(counts["on_time_count"], counts["deadline_count"]),
        "informativeness": None if repeated_inquiries is None else 1 - repeated_inquiries,
        "feedback_effectiveness": None if repeated_complaints is None else 1 - repeated_complaints,
    }


class SceQualityIndicator(models.Model):
    """The three quality indicators of GEN-8 per MRO and period.

    * Executiveness («Исполнительность») = appeals answered on time / appeals whose
      answer deadline fell in the period (answered on time, late, or still open
      after it).
    * Informativeness («Информативность») = 1 − repeated inquiries / inquiries: an
      inquiry received in the period is repeated when the same customer asks again
      on the same topic within 30 days — the first answer did not inform enough.
    * Feedback effectiveness («Результативность обратной связи») = complaints
      answered in the period and not followed, within 30 days of the answer, by a new
      complaint of the same customer on the same topic / complaints answered.
    Values are shares from 0 to 1 (shown as percentages), computed by ``gen8_shares``;
    stored as 0 when nothing counts, which the reports tell apart by the counts.

    Rows are (re)computed in an explicit step (the monitoring wizard's button, the
    list's "Recompute" button, the monthly cron); reports only read them.
    """

    _name = "sce.quality.indicator"
    _description = "Quality indicators"
    _order = "date_from desc, mro_id"

    date_from = fields.Date(required=True, index=True)
    date_to = fields.Date(required=True, index=True)
    mro_id = fields.Many2one("sce.mro", string="MRO", index=True)
    deadline_count = fields.Integer(string="Deadlines in period")
    on_time_count = fields.Integer(string="Answered on time")
    executiveness = fields.Float(digits=(5, 4), aggregator="avg")
    inquiry_count = fields.Integer(string="Inquiries")
    repeated_inquiry_count = fields.Integer(string="Repeated inquiries")
    informativeness = fields.Float(digits=(5, 4), aggregator="avg")
    complaint_count = fields.Integer(string="Complaints answered")
    repeated_complaint_count = fields.Integer(string="Repeated complaints")
    feedback_effectiveness = fields.Float(
        string="Feedback effectiveness", digits=(5, 4), aggregator="avg"
    )

    def action_recompute(self):
        """Recompute the periods of the selected indicators, every MRO of them."""
        periods = {(indicator.date_from, indicator.date_to) for indicator in self}
        for date_from, date_to in sorted(periods):
            self._sce_recompute(date_from, date_to)
        return {"type": "ir.actions.client", "tag": "reload"}

    @api.model
    def _cron_sce_compute_previous_month(self):
        """Compute the indicators of the month before today in the production
        calendar's time zone."""
        tz = self.env["helpdesk.ticket"]._sce_calendar()._sce_tz()
        today = fields.Date.context_today(self.with_context(tz=tz.zone))
        first_of_month = today.replace(day=1)
        date_from = first_of_month - relativedelta(months=1)
        self._sce_recompute(date_from, first_of_month - relativedelta(days=1))

    @api.model
    def _sce_recompute(self, date_from, date_to):
        """Replace the indicators of every MRO for a period and return the new ones."""
        self.search([("date_from", "=", date_from), ("date_to", "=", date_to)]).unlink()
        execution = self._sce_execution(date_from, date_to)
        inquiries = self._sce_repeats("inquiry", "date_received", date_from, date_to)
        complaints = self._sce_repeats("complaint", "date_answered", date_from, date_to)
        mro_ids = set(execution) | set(inquiries) | set(complaints)
        vals_list = []
        for mro_id in sorted(mro_ids, key=lambda m: m or 0):
            counts = dict(
                zip(
                    GEN8_COUNTS,
                    execution.get(mro_id, (0, 0))
                    + inquiries.get(mro_id, (0, 0))
                    + complaints.get(mro_id, (0, 0)),
                    strict=True,
                )
            )
            shares = {fname: share or 0.0 for fname, share in gen8_shares(counts).items()}
            vals_list.append(
                {"date_from": date_from, "date_to": date_to, "mro_id": mro_id, **counts, **shares}
            )
        return self.create(vals_list)

    @api.model
    def _sce_bounds(self, date_from, date_to):
        """The period as naive UTC datetimes of Moscow (production calendar) midnights."""
        tz = self.env["helpdesk.ticket"]._sce_calendar()._sce_tz()

        def midnight(day):
            local = tz.localize(datetime.combine(fields.Date.to_date(day), time.min))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        return midnight(date_from), midnight(fields.Date.add(date_to, days=1))

    @api.model
    def _sce_execution(self, date_from, date_to):
        start, end = self._sce_bounds(date_from, date_to)
        groups = self.env["helpdesk.ticket"]._read_group(
            [
                ("deadline_answer", ">=", start),
                ("deadline_answer", "<", end),
                ("deadline_state", "in", ("done_on_time", "done_late", "overdue")),
            ],
            ["mro_id", "deadline_state"],
            ["__count"],
        )
        result = {}
        for mro, state, count in groups:
            due, on_time = result.get(mro.id or False, (0, 0))
            result[mro.id or False] = (
                due + count,
                on_time + (count if state == "done_on_time" else 0),
            )
        return result

    @api.model
    def _sce_repeats(self, kind, date_field, date_from, date_to):
        """{mro_id: (appeals, repeated)} for appeals of ``kind`` whose ``date_field``
        is in the period; repeated = same customer and topic again within 30 days."""
        self.env["helpdesk.ticket"].flush_model()
        start, end = self._sce_bounds(date_from, date_to)
        column = SQL.identifier("t", date_field)
        self.env.cr.execute(
            SQL(
                """
                SELECT t.mro_id, COUNT(*),
                       COUNT(*) FILTER (WHERE EXISTS (
                           SELECT 1 FROM helpdesk_ticket r
                            WHERE r.partner_id = t.partner_id
                              AND r.category_id IS NOT DISTINCT FROM t.category_id
                              AND r.appeal_kind = t.appeal_kind
                              AND r.id != t.id
                              AND r.date_received > %(column)s
                              AND r.date_received
                                  <= %(column)s + make_interval(days => %(window)s)))
                  FROM helpdesk_ticket t
                 WHERE t.appeal_kind = %(kind)s AND t.active
                   AND %(column)s >= %(start)s AND %(column)s < %(end)s
                 GROUP BY t.mro_id
                """,
                column=column,
                window=REPEAT_WINDOW_DAYS,
                kind=kind,
                start=start,
                end=end,
            )
        )
        return {
            mro_id or False: (total, repeated) for mro_id, total, repeated in self.env.cr.fetchall()
        }
