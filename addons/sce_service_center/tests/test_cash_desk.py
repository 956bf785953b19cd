from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged, users, warmup
from odoo.tools.misc import formatLang

from .common import QueueCommon

X = "sce_service_center."


@tagged("post_install", "-at_install")
class TestCashDesk(QueueCommon, TransactionCase):
    """SC-5, SC-6: the cashier's shift, payments for a personal account landing once in
    the ledger of sce_appeals, reversals with a reason, and a closed shift that is final."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_queue()
        cls.cashier_2 = cls._sc_user("cashier", login="sce-sc-cashier-2", name="Кассир Второй")
        mro = cls.env["sce.mro"].create({"name": "Тестовое МРО", "code": "TST"})
        cls.account = cls.env["sce.account"].create(
            {
                "name": "150000001",
                "partner_id": cls.customer.id,
                "supply_address": "г. Владикавказ, ул. Тестовая, 1, кв. 2",
                "mro_id": mro.id,
            }
        )
        cls.env["sce.account.move"].create(
            {
                "account_id": cls.account.id,
                "date": "2026-10-31",
                "move_type": "charge",
                "period": "2026-10",
                "amount": 1000.0,
                "reference": "CH-2026-10",
            }
        )

    def _open_shift(self, opening_balance=0.0):
        return self.env["sce.cash.shift"].create(
            {"center_id": self.center.id, "opening_balance": opening_balance}
        )

    def _pay(self, shift, amount, method="cash"):
        return self.env["sce.cash.payment"].create(
            {
                "shift_id": shift.id,
                "account_id": self.account.id,
                "amount": amount,
                "method": method,
            }
        )

    def _reverse(self, payment, reason):
        wizard = (
            self.env["sce.cash.reversal.wizard"]
            .with_context(active_model="sce.cash.payment", active_id=payment.id)
            .create({"reason": reason})
        )
        action = wizard.action_reverse()
        return self.env["sce.cash.payment"].browse(action["res_id"])

    @users("sce-sc-cashier")
    def test_sc5_shift_closing_arithmetic_as_the_cashier(self):
        """SC-5: opening 5,000.00 + cash 1,200.50 + 800.00 − cash reversal 800.00 =
        6,200.50 in the drawer at closing; card payments (3,000.00 − 250.00) go apart."""
        shift = self._open_shift(5000.0)
        self.assertEqual((shift.cashier_id, shift.state), (self.cashier, "open"))
        self._pay(shift, 1200.50)
        mistaken = self._pay(shift, 800.0)
        self._pay(shift, 3000.0, method="card")
        card = self._pay(shift, 250.0, method="card")
        self._reverse(mistaken, "Ошибка в сумме")
        self._reverse(card, "Оплата не по тому лицевому счёту")
        shift.action_close()
        self.assertEqual(shift.state, "closed")
        self.assertTrue(shift.closed_at)
        self.assertEqual(
            (
                shift.payment_count,
                shift.cash_in,
                shift.cash_out,
                shift.card_in,
                shift.card_out,
                shift.closing_balance,
            ),
            (6, 2000.50, 800.0, 3250.0, 250.0, 6200.50),
        )

    @users("sce-sc-cashier")
    def test_sc5_payment_lands_in_the_ledger_exactly_once(self):
        """SC-5: a receipt number from the sequence, one ledger entry per receipt; the
        account's balance moves by the payment and back by its reversal."""
        shift = self._open_shift()
        account = self.account.with_user(self.env.user)
        self.assertEqual(account.balance, -1000.0)
        payment = self._pay(shift, 1200.50)
        self.assertRegex(payment.name, r"^КЧ-\d{4}-\d{6}$")
        moves = self.env["sce.account.move"].search([("account_id", "=", self.account.id)])
        entries = moves.filtered(lambda move: move.reference == payment.name)
        self.assertEqual(len(entries), 1)
        self.assertEqual(
            (entries.move_type, entries.amount, payment.account_move_id),
            ("payment", 1200.50, entries),
        )
        account.invalidate_recordset(["balance"])
        self.assertAlmostEqual(account.balance, 200.50)
        # nothing re-posts the payment: another write of an open shift's payment is refused
        with self.assertRaises(UserError):
            payment.amount = 1300.0
        reversal = self._reverse(payment, "Двойная оплата")
        self.assertEqual(
            (reversal.kind, reversal.account_move_id.move_type, reversal.amount),
            ("reversal", "reversal", 1200.50),
        )
        self.assertEqual(
            self.env["sce.account.move"].search_count([("account_id", "=", self.account.id)]),
            3,
        )
        account.invalidate_recordset(["balance"])
        self.assertAlmostEqual(account.balance, -1000.0)
        with self.assertRaises(UserError):
            self._reverse(payment, "Ещё раз")
        with self.assertRaises(UserError):
            self._reverse(reversal, "Сторно сторно")

    @users("sce-sc-cashier")
    def test_sc5_reversal_needs_a_reason(self):
        shift = self._open_shift()
        payment = self._pay(shift, 100.0)
        with self.assertRaises(UserError):
            payment._reverse("   ")
        forged = {
            "shift_id": shift.id,
            "account_id": self.account.id,
            "kind": "reversal",
            "reversed_payment_id": payment.id,
            "reversal_reason": "Подделка",
        }
        with self.assertRaises(UserError):
            self.env["sce.cash.payment"].create({**forged, "amount": 1000.0})
        with self.assertRaises(UserError):
            self.env["sce.cash.payment"].create({**forged, "amount": 100.0, "reversal_reason": ""})

    @users("sce-sc-cashier")
    def test_sc5_closed_shift_is_final_as_the_cashier(self):
        """SC-5: after closing nothing is edited or deleted; the correction of a closed
        shift's payment is a reversal in the next shift."""
        shift = self._open_shift(1000.0)
        payment = self._pay(shift, 500.0)
        shift.action_close()
        with self.assertRaises(UserError):
            shift.opening_balance = 0.0
        with self.assertRaises(UserError):
            shift.write({"state": "open"})
        with self.assertRaises(UserError):
            payment.write({"ticket_id": False})
        # cashiers have no right to delete at all
        with self.assertRaises(AccessError):
            payment.unlink()
        with self.assertRaises(AccessError):
            shift.unlink()
        with self.assertRaises(UserError):
            self._pay(shift, 10.0)
        with self.assertRaises(UserError):
            shift.action_close()
        next_shift = self._open_shift(1500.0)
        reversal = self._reverse(payment, "Платёж не того потребителя")
        self.assertEqual(reversal.shift_id, next_shift)
        self.assertEqual(
            (shift.cash_in, shift.cash_out, shift.closing_balance), (500.0, 0.0, 1500.0)
        )
        self.assertEqual(next_shift.closing_balance, 1000.0)

    def test_sc5_closed_shift_is_final_for_the_head_too(self):
        shift = (
            self.env["sce.cash.shift"].with_user(self.cashier).create({"center_id": self.center.id})
        )
        payment = self._pay(shift, 100.0).with_user(self.cashier)
        shift.action_close()
        with self.assertRaises(UserError):
            payment.with_user(self.head).unlink()
        with self.assertRaises(UserError):
            shift.with_user(self.head).unlink()
        with self.assertRaises(UserError):
            shift.with_user(self.head).write({"opening_balance": 1.0})

    def test_sc6_cashier_sees_only_own_shifts(self):
        """SC-6: a cashier sees and works in their own shifts only; the head sees all."""
        own = (
            self.env["sce.cash.shift"].with_user(self.cashier).create({"center_id": self.center.id})
        )
        other = (
            self.env["sce.cash.shift"]
            .with_user(self.cashier_2)
            .create({"center_id": self.center.id})
        )
        self.env["sce.cash.payment"].with_user(self.cashier_2).create(
            {"shift_id": other.id, "account_id": self.account.id, "amount": 10.0}
        )
        shifts = self.env["sce.cash.shift"].with_user(self.cashier)
        self.assertEqual(shifts.search([]), own)
        self.assertFalse(self.env["sce.cash.payment"].with_user(self.cashier).search([]))
        with self.assertRaises(AccessError):
            other.with_user(self.cashier).read(["closing_balance"])
        with self.assertRaises(AccessError):
            self.env["sce.cash.payment"].with_user(self.cashier).create(
                {"shift_id": other.id, "account_id": self.account.id, "amount": 10.0}
            )
        with self.assertRaises(AccessError):
            other.with_user(self.cashier).action_close()
        with self.assertRaises(AccessError):
            shifts.create({"center_id": self.center.id, "cashier_id": self.cashier_2.id})
        self.assertEqual(
            self.env["sce.cash.shift"]
            .with_user(self.head)
            .search([("id", "in", (own | other).ids)]),
            own | other,
        )
        with self.assertRaises(UserError):
            self.env["sce.cash.shift"].with_user(self.cashier).create({"center_id": self.center.id})

    def _amount(self, value):
        """The number as the report prints it in the user's language."""
        return formatLang(self.env, value)

    @users("sce-sc-cashier")
    def test_sc5_receipt_and_daily_closing_report(self):
        shift = self._open_shift(300.0)
        payment = self._pay(shift, 1234.56)
        shift.action_close()
        reports = self.env["ir.actions.report"]
        html, _format = reports._render_qweb_html(X + "action_report_sce_cash_receipt", payment.ids)
        html = html.decode()
        self.assertIn(payment.name, html)
        self.assertIn("150000001", html)
        self.assertIn(self._amount(1234.56), html)
        html, _format = reports._render_qweb_html(
            X + "action_report_sce_cash_shift_closing", shift.ids
        )
        html = html.decode()
        self.assertIn(shift.name, html)
        self.assertIn(self._amount(1534.56), html)
        self.assertIn("ЦОК Тестовый", html)
        pdf, _format = reports.with_context(force_report_rendering=True)._render_qweb_pdf(
            X + "action_report_sce_cash_receipt", payment.ids
        )
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_sc5_daily_closing_report_per_center_and_cashier(self):
        """SC-5: the head prints the day's shifts of two cashiers: a summary by center and
        cashier, then each shift."""
        first = (
            self.env["sce.cash.shift"]
            .with_user(self.cashier)
            .create({"center_id": self.center.id, "opening_balance": 100.0})
        )
        second = (
            self.env["sce.cash.shift"]
            .with_user(self.cashier_2)
            .create({"center_id": self.other_center.id, "opening_balance": 200.0})
        )
        self.env["sce.cash.payment"].with_user(self.cashier).create(
            {"shift_id": first.id, "account_id": self.account.id, "amount": 11.0}
        )
        self.env["sce.cash.payment"].with_user(self.cashier_2).create(
            {"shift_id": second.id, "account_id": self.account.id, "amount": 22.0}
        )
        (first | second).with_user(self.head).action_close()
        html, _format = (
            self.env["ir.actions.report"]
            .with_user(self.head)
            ._render_qweb_html(X + "action_report_sce_cash_shift_closing", (first | second).ids)
        )
        html = html.decode()
        for text in ("Кассир Тестовый", "Кассир Второй", "ЦОК Другой", first.name, second.name):
            self.assertIn(text, html)
        self.assertEqual((first.closing_balance, second.closing_balance), (111.0, 222.0))

    @users("sce-sc-cashier")
    @warmup
    def test_sc5_query_budget_of_a_payment(self):
        """SC-5: taking a payment (receipt number, ledger entry, shift totals) costs a
        fixed number of queries."""
        shift = self._open_shift()
        self._pay(shift, 10.0)
        shift.invalidate_recordset()
        with self.assertQueryCount(**{"sce-sc-cashier": 9}):
            self._pay(shift, 20.0)
            shift.flush_recordset()
