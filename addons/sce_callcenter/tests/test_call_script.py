from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, TransactionCase, users

from .common import CallCenterCommon


class TestCallScript(CallCenterCommon, TransactionCase):
    """Call scripts (CC-7 item 16): the operator's answers fill the appeal registered
    from the call (CC-7 item 2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_call_center()
        cls.topic = cls.env["helpdesk.ticket.category"].create({"name": "Нет электроэнергии"})
        cls.script = cls.env["sce.call.script"].create(
            {
                "name": "Нет света",
                "category_id": cls.topic.id,
                "appeal_kind": "complaint",
                "question_ids": [
                    (0, 0, {"sequence": 1, "name": "Что случилось?", "target": "subject"}),
                    (
                        0,
                        0,
                        {
                            "sequence": 2,
                            "name": "Свет есть у соседей?",
                            "answer_type": "yes_no",
                            "required": True,
                        },
                    ),
                    (0, 0, {"sequence": 3, "name": "С какого времени нет света?"}),
                ],
            }
        )
        cls.call = cls._ingest(cls, cls._flow("script-call")[:3])

    @users("sce-cc-line1")
    def test_cc7_script_answers_fill_the_appeal_from_the_call(self):
        """CC-7 item 16: subject from the answer, topic and kind from the script, the
        questions and answers in the description, the appeal linked to call and customer."""
        action = self.call.with_user(self.env.user).action_run_script()
        run_form = Form(self.env["sce.call.script.run"].with_context(**action["context"]))
        run_form.script_id = self.script
        self.assertEqual(len(run_form.answer_ids), 3)
        with run_form.answer_ids.edit(0) as line:
            line.answer = "Нет света во всём доме"
        with run_form.answer_ids.edit(1) as line:
            line.answer_yes_no = "no"
        with run_form.answer_ids.edit(2) as line:
            line.answer = "с 9 утра"
        run = run_form.save()
        appeal_action = run.action_register_appeal()
        appeal = Form(self.env["helpdesk.ticket"].with_context(**appeal_action["context"])).save()
        self.assertEqual(appeal.name, "Нет света во всём доме")
        self.assertEqual((appeal.category_id, appeal.appeal_kind), (self.topic, "complaint"))
        self.assertEqual((appeal.sce_call_id, appeal.partner_id), (self.call, self.customer))
        self.assertIn("Свет есть у соседей?", appeal.description)
        self.assertIn("No", appeal.description)
        self.assertIn("с 9 утра", appeal.description)
        self.assertEqual(appeal.channel_id, self.channel_phone)

    @users("sce-cc-line1")
    def test_cc7_required_question_must_be_answered(self):
        """CC-7 item 16: a required question left unanswered stops the registration."""
        run = self.env["sce.call.script.run"].create(
            {
                "call_id": self.call.id,
                "script_id": self.script.id,
                "answer_ids": [
                    (0, 0, {"question_id": question.id}) for question in self.script.question_ids
                ],
            }
        )
        with self.assertRaisesRegex(UserError, "Свет есть у соседей"):
            run.action_register_appeal()

    @users("sce-cc-line2")
    def test_cc7_operators_cannot_edit_scripts(self):
        """CC-7 item 16: scripts are kept by supervisors; operators read them."""
        script = self.script.with_user(self.env.user)
        self.assertEqual(script.name, "Нет света")
        with self.assertRaises(AccessError):
            script.name = "Изменено"
