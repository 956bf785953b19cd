from odoo import api, fields, models

REPEAT_WINDOW_DAYS = 30


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
    Values are shares from 0 to 1 (shown as percentages); empty when nothing counts.
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
    feedback_effectiveness = fields.Float(digits=(5, 4), aggregator="avg")

    @api.model
    def sce_compute(self, date_from, date_to):
        """(Re)compute the indicators of every MRO for a period and return them."""
        self.search([("date_from", "=", date_from), ("date_to", "=", date_to)]).unlink()
        execution = self._sce_execution(date_from, date_to)
        inquiries = self._sce_repeats("inquiry", "date_received", date_from, date_to)
        complaints = self._sce_repeats("complaint", "date_answered", date_from, date_to)
        mro_ids = set(execution) | set(inquiries) | set(complaints)
        vals_list = []
        for mro_id in sorted(mro_ids, key=lambda m: m or 0):
            due, on_time = execution.get(mro_id, (0, 0))
            asked, asked_again = inquiries.get(mro_id, (0, 0))
            answered, complained_again = complaints.get(mro_id, (0, 0))
            vals_list.append(
                {
                    "date_from": date_from,
                    "date_to": date_to,
                    "mro_id": mro_id,
                    "deadline_count": due,
                    "on_time_count": on_time,
                    "executiveness": on_time / due if due else 0.0,
                    "inquiry_count": asked,
                    "repeated_inquiry_count": asked_again,
                    "informativeness": 1 - asked_again / asked if asked else 0.0,
                    "complaint_count": answered,
                    "repeated_complaint_count": complained_again,
                    "feedback_effectiveness": 1 - complained_again / answered
                    if answered
                    else 0.0,
                }
            )
        return self.create(vals_list)

    @api.model
    def _sce_execution(self, date_from, date_to):
        groups = self.env["helpdesk.ticket"]._read_group(
            [
                ("deadline_answer", ">=", date_from),
                ("deadline_answer", "<", fields.Date.add(date_to, days=1)),
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
        # date_field is one of two fixed column names, never user input.
        assert date_field in ("date_received", "date_answered")
        self.env.cr.execute(
            f"""
            SELECT t.mro_id, COUNT(*),
                   COUNT(*) FILTER (WHERE EXISTS (
                       SELECT 1 FROM helpdesk_ticket r
                        WHERE r.partner_id = t.partner_id
                          AND r.category_id IS NOT DISTINCT FROM t.category_id
                          AND r.appeal_kind = t.appeal_kind
                          AND r.id != t.id
                          AND r.date_received > t.{date_field}
                          AND r.date_received <= t.{date_field} + interval '%s days'))
              FROM helpdesk_ticket t
             WHERE t.appeal_kind = %s AND t.active
               AND t.{date_field} >= %s AND t.{date_field} < %s
             GROUP BY t.mro_id
            """,  # noqa: S608
            [REPEAT_WINDOW_DAYS, kind, date_from, fields.Date.add(date_to, days=1)],
        )
        return {mro_id or False: (total, repeated) for mro_id, total, repeated in self.env.cr.fetchall()}
