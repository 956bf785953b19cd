import uuid

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT


@tagged("post_install", "-at_install")
class TestNextCustomerConcurrency(TransactionCase):
    """CC-7 item 24: two operators pressing “Next customer” at the same moment, each in
    their own database transaction, never get the same customer. The data lives in
    committed transactions (other connections cannot see the test's own), so it is
    deleted afterwards."""

    def setUp(self):
        super().setUp()
        tag = uuid.uuid4().hex[:8]
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            operators = env["res.users"]
            for number in ("1", "2"):
                operators |= new_test_user(
                    env,
                    login=f"sce-cc-race-{number}-{tag}",
                    groups="sce_callcenter.group_sce_cc_operator_line1",
                    sce_extension=f"39{number}-{tag}",
                    context=DISABLED_MAIL_CONTEXT,
                )
            survey = env["survey.survey"].create(
                {"title": f"Гонка {tag}", "sce_kind": "phone_group", "access_mode": "token"}
            )
            env["survey.question"].create(
                {"survey_id": survey.id, "title": "Довольны?", "question_type": "text_box"}
            )
            customers = env["res.partner"].create(
                [
                    {
                        "name": f"Клиент {n} {tag}",
                        "sce_customer_group": "1",
                        "mobile": f"+7 918 701-00-0{n}",
                    }
                    for n in (1, 2)
                ]
            )
            phone_survey = env["sce.survey.phone"].create(
                {
                    "name": f"Гонка {tag}",
                    "survey_id": survey.id,
                    "operator_ids": [(6, 0, operators.ids)],
                    "partner_domain": repr([("id", "in", customers.ids)]),
                }
            )
            phone_survey.action_load_customers()
            phone_survey.action_start()
            self.operator_ids, self.survey_id = operators.ids, survey.id
            self.customer_ids, self.phone_survey_id = customers.ids, phone_survey.id
            self.entry_ids = phone_survey.entry_ids.ids
            cr.commit()  # pylint: disable=invalid-commit
        self.envs = [
            api.Environment(self.env.registry.cursor(), uid, {}) for uid in self.operator_ids
        ]
        self.addCleanup(self._clean_up)

    def _clean_up(self):
        for env in self.envs:
            env.cr.rollback()
            env.cr.close()
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["survey.user_input"].search([("survey_id", "=", self.survey_id)]).unlink()
            env["sce.survey.phone"].browse(self.phone_survey_id).unlink()  # and its entries
            env["survey.survey"].browse(self.survey_id).unlink()
            cr.execute(
                "DELETE FROM bus_bus WHERE message LIKE %s",
                (f'%"phone_survey_ids":[{self.phone_survey_id}]%',),
            )
            users = env["res.users"].browse(self.operator_ids)
            partners = users.partner_id | env["res.partner"].browse(self.customer_ids)
            users.unlink()
            partners.unlink()
            cr.commit()  # pylint: disable=invalid-commit

    def _next_customer(self, env):
        action = env["sce.survey.phone"].browse(self.phone_survey_id).action_next_customer()
        return action.get("res_id")

    def test_cc7_concurrent_next_customer_never_hands_one_customer_to_two_operators(self):
        env1, env2 = self.envs
        # operator 1 claims and locks a customer; their transaction is still open
        first = self._next_customer(env1)
        # operator 2 presses at the same moment: the locked customer is skipped
        second = self._next_customer(env2)
        env1.cr.commit()
        env2.cr.commit()
        self.assertEqual(sorted([first, second]), sorted(self.entry_ids))
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            entries = env["sce.survey.phone.entry"].browse(self.entry_ids)
            self.assertEqual(entries.mapped("state"), ["in_progress", "in_progress"])
            self.assertEqual(sorted(entries.user_id.ids), sorted(self.operator_ids))

    def test_cc7_the_last_customer_goes_to_one_operator_only(self):
        env1, env2 = self.envs
        with self.env.registry.cursor() as cr:
            cr.execute(
                "UPDATE sce_survey_phone_entry SET state = 'refused' WHERE id = %s",
                (self.entry_ids[1],),
            )
            cr.commit()  # pylint: disable=invalid-commit
        first = self._next_customer(env1)
        second = self._next_customer(env2)
        self.assertEqual(first, self.entry_ids[0])
        self.assertFalse(second, "the second operator is told nobody is left")
        env1.cr.commit()
        env2.cr.commit()
