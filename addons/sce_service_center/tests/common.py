from odoo.tests import new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

SC_GROUPS = {
    "administrator": "sce_service_center.group_sce_sc_administrator",
    "consultant": "sce_service_center.group_sce_sc_consultant",
    "cashier": "sce_service_center.group_sce_sc_cashier",
    "head": "sce_service_center.group_sce_sc_head",
    "specialist": "sce_appeals.group_sce_specialist",
    "booking": "sce_service_center.group_sce_sc_booking",
}


class QueueCommon:
    """A center with a consultant's window and a cashier's window, the hall administrator,
    a specialist of sce_appeals and two customers, one flagged for GEN-6."""

    @classmethod
    def _setup_queue(cls):
        env = cls.env
        cls.administrator = cls._sc_user("administrator", name="Администратор Зала")
        cls.consultant = cls._sc_user("consultant", name="Менеджер Консультант")
        cls.consultant_2 = cls._sc_user(
            "consultant", login="sce-sc-consultant-2", name="Менеджер Второй"
        )
        cls.cashier = cls._sc_user("cashier", name="Кассир Тестовый")
        cls.specialist = cls._sc_user("specialist", name="Специалист Тестовый")
        cls.head = cls._sc_user("head", name="Руководитель ЦОК")
        cls.center = env["sce.service.center"].create(
            {"name": "ЦОК Тестовый", "tier": "mro", "address": "Владикавказ, ул. Тестовая, 1"}
        )
        cls.other_center = env["sce.service.center"].create(
            {"name": "ЦОК Другой", "tier": "territorial"}
        )
        cls.svc_consult = env.ref("sce_service_center.sce_queue_service_consultant")
        cls.svc_cash = env.ref("sce_service_center.sce_queue_service_cashier")
        cls.svc_admin = env.ref("sce_service_center.sce_queue_service_administrator")
        cls.window_consult = env["sce.queue.window"].create(
            {
                "center_id": cls.center.id,
                "number": "1",
                "user_id": cls.consultant.id,
                "service_ids": [(6, 0, cls.svc_consult.ids)],
            }
        )
        cls.window_consult_2 = env["sce.queue.window"].create(
            {
                "center_id": cls.center.id,
                "number": "2",
                "user_id": cls.consultant_2.id,
                "service_ids": [(6, 0, cls.svc_consult.ids)],
            }
        )
        cls.window_cash = env["sce.queue.window"].create(
            {
                "center_id": cls.center.id,
                "number": "3",
                "user_id": cls.cashier.id,
                "service_ids": [(6, 0, cls.svc_cash.ids)],
            }
        )
        # the hall administrator works at both centers (record rules of the queue)
        cls.administrator.sce_service_center_ids = cls.center | cls.other_center
        cls.customer = env["res.partner"].create(
            {"sce_surname": "Хетагуров", "sce_first_name": "Тимур", "phone": "+7 8672 531234"}
        )
        cls.veteran = env["res.partner"].create(
            {
                "sce_surname": "Дзагоев",
                "sce_first_name": "Алан",
                "sce_is_veteran": True,
                "phone": "+7 8672 539999",
            }
        )

    @classmethod
    def _sc_user(cls, role, login=None, **vals):
        return new_test_user(
            cls.env,
            login=login or f"sce-sc-{role}",
            groups=SC_GROUPS[role],
            context=DISABLED_MAIL_CONTEXT,
            **vals,
        )
