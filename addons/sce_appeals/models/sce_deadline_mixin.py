"""One mechanism for every legal term of the standard: policy → stored deadlines →
state → reminders and escalation. Appeals, callbacks, originals of service requests and
survey invitations inherit it and declare what they watch."""

from datetime import timedelta
from typing import NamedTuple

from odoo import api, fields, models, tools
from odoo.tools import SQL, create_index

DEADLINE_STATES = [
    ("none", "No deadline"),
    ("on_track", "On track"),
    ("due_soon", "Due soon"),
    ("overdue", "Overdue"),
    ("done_on_time", "Met on time"),
    ("done_late", "Met late"),
]
OPEN_STATES = ("none", "on_track", "due_soon")
# Breaches escalated per run of the cron: a backlog (after a migration, an outage of the
# cron) is worked off in bounded runs that the cron runner commits one by one.
ESCALATION_CHUNK = 20000
# Terms moved on (due soon, overdue) per run and term: after an outage, the states of a
# backlog move on in bounded runs too.
ADVANCE_CHUNK = 50000
# A controller told of more breaches than this in one run gets one digest activity
# listing them instead of one activity per record.
DIGEST_FROM = 10
DIGEST_LISTED = 100


class DeadlineWatch(NamedTuple):
    """What a model watches: the names of its fields for one legal term."""

    key: str  # "answer", "registration", ...
    deadline: str  # Datetime: the term
    done: str  # Datetime: when the term was met (empty while open)
    state: str  # Selection(DEADLINE_STATES), stored and indexed
    reminded: str = ""  # Datetime: the deadline last reminded of ("" = no reminders)
    escalated: str = ""  # Boolean: the breach went to a controller ("" = no escalation)


def deadline_state(deadline, done, now, lead):
    """The state of one term: the single definition used in Python and in SQL."""
    if not deadline:
        return "none"
    if done:
        return "done_on_time" if done <= deadline else "done_late"
    if now > deadline:
        return "overdue"
    if now + lead >= deadline:
        return "due_soon"
    return "on_track"


class SceDeadlineMixin(models.AbstractModel):
    """Inherit, store the fields of each ``DeadlineWatch`` returned by
    ``_sce_deadline_watches`` and add a cron calling ``_sce_watch_deadlines``.
    Override ``_sce_deadline_responsibles`` (reminders) and
    ``_sce_deadline_controllers`` (escalation) to say who is told."""

    _name = "sce.deadline.mixin"
    _description = "Legal deadlines watched"

    def init(self):
        """The open terms, indexed apart: the cron's queries touch the few thousand open
        records, not the millions met long ago."""
        super().init()
        if self._abstract:
            return
        for watch in self._sce_deadline_watches():
            create_index(
                self.env.cr,
                f"{self._table}_{watch.deadline}_open_idx",
                self._table,
                [f'"{watch.deadline}"'],
                where=f'"{watch.done}" IS NULL',
            )

    @api.model
    def _sce_deadline_watches(self):
        return ()

    @api.model
    def _sce_reminder_lead(self):
        return timedelta(hours=self.env.company.sce_reminder_lead_hours or 24)

    # ------------------------------------------------------------------ states

    def _sce_refresh_deadline_state(self):
        """Write each watched state of these records, one UPDATE per distinct value."""
        now, lead = fields.Datetime.now(), self._sce_reminder_lead()
        for watch in self._sce_deadline_watches():
            by_state = {}
            for record in self:
                value = deadline_state(record[watch.deadline], record[watch.done], now, lead)
                if value != record[watch.state]:
                    by_state[value] = by_state.get(value, self.browse()) | record
            for value, records in by_state.items():
                records._sce_write_deadline_fields({watch.state: value})

    def _sce_write_deadline_fields(self, vals):
        """Bookkeeping writes of the mechanism; models may skip their side effects."""
        return self.write(vals)

    @api.model
    def _sce_advance_open_states(self, watch, now, lead, limit=None):
        """Open terms that crossed a threshold since the last run move on, in one
        UPDATE on the indexed deadline: on track → due soon → overdue; at most
        ``limit`` of them, the earliest deadlines first."""
        table = SQL.identifier(self._table)
        deadline, state, done = (
            SQL.identifier(watch.deadline),
            SQL.identifier(watch.state),
            SQL.identifier(watch.done),
        )
        new_state = SQL("CASE WHEN %s < %s THEN 'overdue' ELSE 'due_soon' END", deadline, now)
        crossed = SQL(
            """%(done)s IS NULL AND %(deadline)s <= %(soon)s
               AND %(state)s IN %(open)s AND %(state)s <> %(new_state)s""",
            done=done,
            deadline=deadline,
            soon=now + lead,
            state=state,
            open=OPEN_STATES,
            new_state=new_state,
        )
        if limit:
            crossed = SQL(
                "id IN (SELECT id FROM %s WHERE %s ORDER BY %s LIMIT %s)",
                table,
                crossed,
                deadline,
                limit,
            )
        self.env.cr.execute(
            SQL(
                "UPDATE %(table)s SET %(state)s = %(new_state)s WHERE %(crossed)s RETURNING id",
                table=table,
                state=state,
                new_state=new_state,
                crossed=crossed,
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        self.browse(ids).invalidate_recordset([watch.state])
        return ids

    # ------------------------------------------------------------------ the watch

    @api.model
    def _sce_watch_deadlines(self):
        """The cron: states, reminders before each term, escalation of breaches.

        A run moves on at most ``ADVANCE_CHUNK`` states and escalates at most
        ``ESCALATION_CHUNK`` breaches of each term. When more are left, it tells the
        cron runner (which commits the run and calls again at once), or, called outside
        the runner, triggers the cron: a backlog is worked off in bounded, committed and
        resumable runs."""
        self.env.flush_all()
        now, lead = fields.Datetime.now(), self._sce_reminder_lead()
        done = remaining = 0
        for watch in self._sce_deadline_watches():
            advanced = self._sce_advance_open_states(watch, now, lead, limit=ADVANCE_CHUNK)
            if len(advanced) == ADVANCE_CHUNK:  # more terms crossed a threshold
                done += len(advanced)
                remaining += 1
            if watch.reminded:
                self._sce_remind(watch, self._sce_due_for_reminder(watch, now, lead))
            if watch.escalated:
                breached = self._sce_breached(watch, limit=ESCALATION_CHUNK + 1)
                escalated = self._sce_escalate(watch, breached[:ESCALATION_CHUNK])
                done += len(escalated or ())
                if len(breached) > ESCALATION_CHUNK and escalated:
                    # no progress, no next run: breaches nobody controls wait for a controller
                    remaining += self.search_count(self._sce_breached_domain(watch))
        if remaining:
            self._sce_continue_later(done, remaining)
        return remaining

    @api.model
    def _sce_deadline_cron(self):
        """The ir.cron that runs ``_sce_watch_deadlines`` of this model, if any."""
        return self.env["ir.cron"]

    @api.model
    def _sce_continue_later(self, done, remaining):
        """More breaches than one run escalates: the cron runner calls again right after
        committing this run; called from elsewhere, the cron is triggered."""
        if self.env.context.get("ir_cron_progress_id"):
            self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        elif not self.env.context.get("sce_deadline_no_trigger"):
            self._sce_deadline_cron()._trigger()

    @api.model
    def _sce_due_for_reminder(self, watch, now, lead):
        """Open records whose term falls within the lead time and whose responsible was
        not yet reminded of that very deadline: one query on the indexed deadline."""
        self.env.cr.execute(
            SQL(
                """SELECT id FROM %(table)s
                    WHERE %(done)s IS NULL AND %(deadline)s > %(now)s
                      AND %(deadline)s <= %(soon)s
                      AND %(reminded)s IS DISTINCT FROM %(deadline)s""",
                table=SQL.identifier(self._table),
                done=SQL.identifier(watch.done),
                deadline=SQL.identifier(watch.deadline),
                reminded=SQL.identifier(watch.reminded),
                now=now,
                soon=now + lead,
            )
        )
        return self.browse(row[0] for row in self.env.cr.fetchall())

    @api.model
    def _sce_breached_domain(self, watch):
        return [(watch.state, "=", "overdue"), (watch.escalated, "=", False)]

    @api.model
    def _sce_breached(self, watch, limit=None):
        """Breaches not yet escalated, oldest first."""
        return self.search(self._sce_breached_domain(watch), order="id", limit=limit)

    @api.model
    def _sce_remind(self, watch, records):
        """An activity for each responsible, or one digest for a responsible with more
        than ``DIGEST_FROM`` terms coming at once (day-counted terms all end at midnight:
        a day's appeals enter the lead time together)."""
        if not records:
            return
        responsibles = records._sce_deadline_responsibles(watch)
        by_user = {}
        for record in records:
            user = responsibles.get(record.id) or self.env.user
            by_user.setdefault(user, []).append(record)
        vals_list = []
        for user, due in by_user.items():
            summary = self._sce_deadline_summary_for(watch, "reminder", user)
            if len(due) <= DIGEST_FROM:
                vals_list += [
                    records._sce_activity_values(
                        record, summary, user, record[watch.deadline].date()
                    )
                    for record in due
                ]
            else:
                first = min(record[watch.deadline] for record in due).date()
                vals_list.append(self._sce_digest_values(due, summary, user, first))
        self.env["mail.activity"].create(vals_list)
        self.env.cr.execute(
            SQL(
                "UPDATE %(table)s SET %(reminded)s = %(deadline)s WHERE id IN %(ids)s",
                table=SQL.identifier(self._table),
                reminded=SQL.identifier(watch.reminded),
                deadline=SQL.identifier(watch.deadline),
                ids=tuple(records.ids),
            )
        )
        records.invalidate_recordset([watch.reminded])

    @api.model
    def _sce_escalate(self, watch, records):
        """An activity for each breach's controller, or one digest for a controller with
        more than ``DIGEST_FROM`` of them; a breach nobody controls stays unescalated
        until someone does. Return the records escalated."""
        if not records:
            return records
        controllers = records._sce_deadline_controllers(watch)
        today = fields.Date.context_today(self)
        by_controller = {}
        for record in records:
            controller = controllers.get(record.id)
            if controller:
                by_controller.setdefault(controller, []).append(record)
        vals_list = []
        for controller, breaches in by_controller.items():
            summary = self._sce_deadline_summary_for(watch, "escalation", controller)
            if len(breaches) <= DIGEST_FROM:
                vals_list += [
                    records._sce_activity_values(record, summary, controller, today)
                    for record in breaches
                ]
            else:
                vals_list.append(self._sce_digest_values(breaches, summary, controller, today))
        self.env["mail.activity"].create(vals_list)
        escalated = self.browse([r.id for breaches in by_controller.values() for r in breaches])
        escalated._sce_write_deadline_fields({watch.escalated: True})
        return escalated

    @api.model
    def _sce_digest_values(self, records, summary, user, date_deadline):
        """One activity telling ``user`` of many terms (breached or coming): on the
        oldest record, the others listed in its note."""
        names = ", ".join(record.display_name for record in records[:DIGEST_LISTED])
        if len(records) > DIGEST_LISTED:
            names += " …"
        env = self.with_context(lang=user.lang or self.env.lang).env  # the reader's language
        return self._sce_activity_values(
            records[0],
            env._("%(summary)s: %(count)s records", summary=summary, count=len(records)),
            user,
            date_deadline,
            note=env._("Concerned: %(names)s", names=names),
        )

    # ------------------------------------------------------------------ hooks

    def _sce_deadline_responsibles(self, watch):
        """{record id: res.users} reminded before ``watch``'s term."""
        return {record.id: record["user_id"] for record in self if "user_id" in record}

    def _sce_deadline_controllers(self, watch):
        """{record id: res.users} told of a breach of ``watch``'s term."""
        return {}

    @api.model
    def _sce_deadline_summary(self, watch, what):
        """The activity's title for a reminder or an escalation of ``watch``."""
        if what == "reminder":
            return self.env._("Deadline approaching")
        return self.env._("Deadline breached: take control")

    @api.model
    @tools.ormcache("watch.key", "what", "lang")
    def _sce_deadline_summary_in(self, watch, what, lang):
        return self.with_context(lang=lang)._sce_deadline_summary(watch, what)

    @api.model
    def _sce_deadline_summary_for(self, watch, what, user):
        """The activity's title in the language of the user who receives it."""
        return self._sce_deadline_summary_in(watch, what, user.lang or self.env.lang or "en_US")

    @api.model
    def _sce_activity_values(self, record, summary, user, date_deadline, note=False):
        """The values of a to-do activity on ``record``: the one place they are built."""
        return {
            "res_model_id": self.env["ir.model"]._get_id(record._name),
            "res_id": record.id,
            "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
            "summary": summary,
            "note": note,
            "date_deadline": date_deadline,
            "user_id": user.id,
        }
