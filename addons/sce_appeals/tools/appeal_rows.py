"""Appeal rows as the ORM and the deadline cron leave them, for batched SQL writers.

Shared by the benchmark loader (demo/bulk.py) and the migration importer of historical
appeals (models/sce_appeal_import.py): the policy of a channel and kind, the deadlines
from ``helpdesk.ticket._sce_deadlines_of`` (computed once per policy and local day of
receipt), their states from the mixin's ``deadline_state``, the stage's state, the
registration numbers' sequence ranges and the SQL consistency checks of loaded appeals.
"""

from datetime import date, datetime

from ..models.sce_deadline_mixin import deadline_state

APPEAL_SEQUENCE = "sce_appeals.ir_sequence_sce_appeal"
NUMBER_PATTERN = "^[0-9]{4}-[0-9]+$"


class AppealRows:
    """Completes appeal rows (dicts of helpdesk_ticket columns) at the moment ``now``.

    A row holds at least ``channel_id``, ``appeal_kind``, ``date_received`` and the
    dates of its progress (``date_routed``, ``date_answered``, ``extension_days``);
    :meth:`complete` adds the policy, the deadlines, their states and the stage.
    """

    def __init__(self, env, now):
        tickets = env["helpdesk.ticket"]
        self.env = env
        self.now = now
        self.tickets = tickets
        self.calendar = tickets._sce_calendar()
        self.lead = tickets._sce_reminder_lead()
        self.policies = env["sce.sla.policy"]
        self.channels = {
            channel.id: channel
            for channel in env["helpdesk.ticket.channel"].search([("sce_code", "!=", False)])
        }
        self.stages = {
            stage.sce_state: stage
            for stage in env["helpdesk.ticket.stage"].search([("sce_state", "!=", False)])
        }
        self.controlled_mros = set(env["sce.mro"].search([("head_user_id", "!=", False)]).ids)
        front_office = env["helpdesk.ticket.team"].search(
            [("sce_is_front_office", "=", True)], limit=1
        )
        self.registration_controller = bool(front_office.user_id)
        self._policies = {}
        self._deadlines = {}

    @property
    def distinct_deadline_days(self):
        return len(self._deadlines)

    def policy_of(self, channel_id, kind):
        key = (channel_id, kind)
        if key not in self._policies:
            self._policies[key] = self.policies._sce_find(self.channels[channel_id], kind)
        return self._policies[key]

    def deadlines(self, policy, received, extension):
        """(registration, answer, total) as ``_sce_deadlines_of`` gives them, shared by
        the appeals received on one local day under one policy when it counts days."""
        tickets, calendar = self.tickets, self.calendar
        key = tickets._sce_deadline_key(policy, calendar, received, extension)
        if isinstance(key[2], datetime):  # counted in minutes or hours: no reuse
            return tickets._sce_deadlines_of(policy, calendar, received, extension)
        if key not in self._deadlines:
            self._deadlines[key] = tickets._sce_deadlines_of(policy, calendar, received, extension)
        return self._deadlines[key]

    def deadlines_of(self, row):
        """The deadlines of ``row`` from its channel, kind, receipt and extension."""
        policy = self.policy_of(row["channel_id"], row["appeal_kind"])
        return self.deadlines(policy, row["date_received"], row.get("extension_days") or 0)

    def complete(self, row, state, escalated=False, deadlines=None):
        """Policy, deadlines and their states, stage and stored related fields of
        ``row`` in workflow ``state``.

        :param escalated: True for rows as the cron's last run left them (reminded,
            breaches escalated); False for rows the cron takes up on its next run
            (imported history: its overdue open appeals reach the controllers as digests).
        :param deadlines: the row's deadlines if the caller has them already
        """
        now = self.now
        channel = self.channels[row["channel_id"]]
        policy = self.policy_of(channel.id, row["appeal_kind"])
        registration, answer, total = deadlines or self.deadlines_of(row)
        stage = self.stages[state]
        routed, answered = row.get("date_routed"), row.get("date_answered")
        row.update(
            {
                "sce_service_form": channel.sce_service_form,
                "sla_policy_id": policy.id,
                "deadline_registration": registration or None,
                "deadline_answer": answer or None,
                "deadline_total": total or None,
                "stage_id": stage.id,
                "sce_state": state,
                "unattended": stage.unattended,
                "registration_state": deadline_state(registration, routed, now, self.lead),
                "deadline_state": deadline_state(answer, answered, now, self.lead),
                "total_state": deadline_state(total, answered, now, self.lead),
            }
        )
        if not escalated:
            return
        mro_controlled = row.get("mro_id") in self.controlled_mros
        if row["deadline_state"] == "overdue" and mro_controlled:
            row["escalated"] = True
        if row["total_state"] == "overdue" and mro_controlled:
            row["total_escalated"] = True
        if row["registration_state"] == "overdue" and self.registration_controller:
            row["registration_escalated"] = True
        if not answered and answer and now < answer <= now + self.lead:
            row["reminded_deadline"] = answer
        if not routed and registration and now < registration <= now + self.lead:
            row["registration_reminded"] = registration


def used_numbers(env):
    """{year: last number used} by the appeals in the database and the appeal
    sequence's yearly ranges: batched writers number on after them."""
    env.cr.execute(
        """SELECT split_part(number, '-', 1), MAX(split_part(number, '-', 2)::int)
             FROM helpdesk_ticket
            WHERE sce_state IS NOT NULL AND number ~ %s
            GROUP BY 1""",
        [NUMBER_PATTERN],
    )
    used = {int(year): last for year, last in env.cr.fetchall()}
    for date_range in env.ref(APPEAL_SEQUENCE).date_range_ids:
        year = date_range.date_from.year
        used[year] = max(used.get(year, 0), date_range.number_next_actual - 1)
    return used


def advance_sequences(env, years):
    """Move the appeal sequence's range of each year in ``years`` ({year: last number
    used}) past the numbers used, creating missing ranges."""
    sequence = env.ref(APPEAL_SEQUENCE)
    for year, used in sorted(years.items()):
        middle = date(year, 6, 30)
        date_range = env["ir.sequence.date_range"].search(
            [
                ("sequence_id", "=", sequence.id),
                ("date_from", "<=", middle),
                ("date_to", ">=", middle),
            ],
            limit=1,
        ) or sequence._create_date_range_seq(middle)
        date_range.write({"number_next": max(used + 1, date_range.number_next_actual)})
    return len(years)


APPEAL_CHECKS = {
    "numbers not of their year of receipt": """
        SELECT COUNT(*) FROM helpdesk_ticket
         WHERE id >= %(first)s AND sce_state IS NOT NULL AND number ~ '^[0-9]{4}-[0-9]+$'
           AND split_part(number, '-', 1)
               != to_char(date_received AT TIME ZONE 'UTC'
                          AT TIME ZONE 'Europe/Moscow', 'YYYY')""",
    "sequence behind the numbers used": """
        SELECT COUNT(*) FROM (
            SELECT split_part(t.number, '-', 1) AS year,
                   MAX(split_part(t.number, '-', 2)::int) AS used
              FROM helpdesk_ticket t
             WHERE t.id >= %(first)s AND t.sce_state IS NOT NULL
               AND t.number ~ '^[0-9]{4}-[0-9]+$'
             GROUP BY 1) u
          JOIN ir_sequence s ON s.code = 'sce.appeal'
          LEFT JOIN ir_sequence_date_range r
            ON r.sequence_id = s.id AND to_char(r.date_from, 'YYYY') = u.year
         WHERE r.id IS NULL OR r.number_next <= u.used""",
    "stage and sce_state differ": """
        SELECT COUNT(*) FROM helpdesk_ticket t JOIN helpdesk_ticket_stage s
            ON s.id = t.stage_id
         WHERE t.id >= %(first)s AND t.sce_state IS DISTINCT FROM s.sce_state""",
    "open with an answer date or done without one": """
        SELECT COUNT(*) FROM helpdesk_ticket
         WHERE id >= %(first)s AND sce_state IS NOT NULL AND (
               (sce_state IN ('registered', 'routed', 'review', 'extended')
                AND date_answered IS NOT NULL)
            OR (sce_state IN ('answered', 'closed', 'refused')
                AND date_answered IS NULL))""",
    "deadline state inconsistent with the dates": """
        SELECT COUNT(*) FROM helpdesk_ticket
         WHERE id >= %(first)s AND sce_state IS NOT NULL AND (
               (date_answered IS NOT NULL AND deadline_answer IS NOT NULL
                AND deadline_state != CASE WHEN date_answered <= deadline_answer
                    THEN 'done_on_time' ELSE 'done_late' END)
            OR (date_answered IS NULL AND deadline_answer < now() AT TIME ZONE 'UTC'
                - interval '1 day' AND deadline_state != 'overdue')
            OR (date_routed IS NOT NULL AND deadline_registration IS NOT NULL
                AND registration_state NOT IN ('done_on_time', 'done_late'))
            OR (date_answered IS NOT NULL AND deadline_total IS NOT NULL
                AND total_state NOT IN ('done_on_time', 'done_late')))""",
    "routed or answered before receipt": """
        SELECT COUNT(*) FROM helpdesk_ticket WHERE id >= %(first)s
           AND (date_routed < date_received OR date_answered < date_received)""",
    "mro_id differs from the account's": """
        SELECT COUNT(*) FROM helpdesk_ticket t JOIN sce_account a ON a.id = t.account_id
         WHERE t.id >= %(first)s AND t.mro_id IS DISTINCT FROM a.mro_id""",
    "account of another customer": """
        SELECT COUNT(*) FROM helpdesk_ticket t JOIN sce_account a ON a.id = t.account_id
         WHERE t.id >= %(first)s AND a.partner_id != t.partner_id""",
    "service form differs from the channel's": """
        SELECT COUNT(*) FROM helpdesk_ticket t JOIN helpdesk_ticket_channel c
            ON c.id = t.channel_id
         WHERE t.id >= %(first)s
           AND t.sce_service_form IS DISTINCT FROM c.sce_service_form""",
    "customer group differs from the partner's": """
        SELECT COUNT(*) FROM helpdesk_ticket t JOIN res_partner p ON p.id = t.partner_id
         WHERE t.id >= %(first)s
           AND t.sce_customer_group IS DISTINCT FROM p.sce_customer_group""",
}


def appeal_checks(cr, first_id):
    """[(check, offending rows)] of the appeals from id ``first_id`` on: each count
    should be 0. (Numbers are unique by the index helpdesk_ticket_sce_number_uniq.)"""
    results = []
    for label, query in APPEAL_CHECKS.items():
        cr.execute(query, {"first": first_id})
        results.append((label, cr.fetchone()[0]))
    return results
