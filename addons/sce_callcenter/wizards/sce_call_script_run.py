from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError


class SceCallScriptRun(models.TransientModel):
    """The operator goes through a call script during the call; the answers become the
    appeal registered from the call (CC-7 items 2 and 16)."""

    _name = "sce.call.script.run"
    _description = "Call script answers"

    call_id = fields.Many2one("sce.call", required=True, readonly=True)
    script_id = fields.Many2one("sce.call.script", required=True)
    answer_ids = fields.One2many("sce.call.script.answer", "run_id", string="Answers")

    @api.onchange("script_id")
    def _onchange_script_id(self):
        self.answer_ids = [fields.Command.clear()] + [
            fields.Command.create({"question_id": question.id})
            for question in self.script_id.question_ids
        ]

    def action_register_appeal(self):
        """The appeal form of the call, with the script's topic and kind, the subject
        and the questions and answers in the description."""
        self.ensure_one()
        missing = self.answer_ids.filtered(lambda a: a.question_id.required and not a._sce_text())
        if missing:
            raise UserError(
                self.env._(
                    "Answer the required questions: %(questions)s",
                    questions=", ".join(missing.question_id.mapped("name")),
                )
            )
        action = self.call_id.action_register_appeal()
        context = dict(action["context"])
        subject = [a._sce_text() for a in self.answer_ids if a.question_id.target == "subject"]
        lines = Markup("").join(
            Markup("<li><b>%s</b> %s</li>") % (answer.question_id.name, answer._sce_text())
            for answer in self.answer_ids
            if answer.question_id.target == "description" and answer._sce_text()
        )
        context.update(
            {
                "default_name": " ".join(s for s in subject if s) or self.script_id.name,
                "default_description": context.get("default_description", Markup(""))
                + (Markup("<ul>%s</ul>") % lines if lines else Markup("")),
            }
        )
        if self.script_id.category_id:
            context["default_category_id"] = self.script_id.category_id.id
        if self.script_id.appeal_kind:
            context["default_appeal_kind"] = self.script_id.appeal_kind
        action["context"] = context
        return action


class SceCallScriptAnswer(models.TransientModel):
    _name = "sce.call.script.answer"
    _description = "Call script answer"
    _order = "id"

    run_id = fields.Many2one("sce.call.script.run", required=True, ondelete="cascade")
    question_id = fields.Many2one("sce.call.script.question", required=True)
    answer_type = fields.Selection(related="question_id.answer_type")
    required = fields.Boolean(related="question_id.required")
    answer = fields.Char()
    answer_yes_no = fields.Selection([("yes", "Yes"), ("no", "No")], string="Yes / no")

    def _sce_text(self):
        self.ensure_one()
        if self.answer_type == "yes_no":
            return dict(self._fields["answer_yes_no"]._description_selection(self.env)).get(
                self.answer_yes_no, ""
            )
        return (self.answer or "").strip()
