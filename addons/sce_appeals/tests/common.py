from datetime import datetime

import pytz

from odoo.tests import TransactionCase, new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

MSK = pytz.timezone("Europe/Moscow")
# The roles of the suite, one test user each (login = password = "sce-<role>").
ROLE_GROUPS = {
    "operator": "sce_appeals.group_sce_front_office",
    "specialist": "sce_appeals.group_sce_specialist",
    "router": "sce_appeals.group_sce_complaint_router",
    "mro_a": "sce_appeals.group_sce_mro_client_dept",
    "mro_b": "sce_appeals.group_sce_mro_client_dept",
    "manager": "sce_appeals.group_sce_manager",
    "head": "sce_appeals.group_sce_head_office",
}
# Odoo's one quiet-mail context: no chatter logs, followers or tracking in fixtures.
NO_MAIL_NOISE = DISABLED_MAIL_CONTEXT


def new_role_user(env, role, **vals):
    """The test user of a role of ROLE_GROUPS, created quietly."""
    login = vals.pop("login", f"sce-{role.replace('_', '-')}")
    return new_test_user(
        env,
        login=login,
        groups=ROLE_GROUPS[role],
        context=DISABLED_MAIL_CONTEXT,
        tz="Europe/Moscow",
        **{"lang": "en_US", **vals},
    )


def msk(*args):
    """A Moscow wall-clock time as the naive UTC datetime Odoo stores."""
    return MSK.localize(datetime(*args)).astimezone(pytz.utc).replace(tzinfo=None)


class SceAppealsCase(TransactionCase):
    """Reference data of the standard and a small customer register of our own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.calendar = env.ref("sce_appeals.resource_calendar_production")
        cls.channel_post = env.ref("sce_appeals.helpdesk_ticket_channel_post")
        cls.channel_box = env.ref("sce_appeals.helpdesk_ticket_channel_client_box")
        cls.channel_web = env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web")
        cls.channel_phone = env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        cls.channel_office = env.ref("sce_appeals.helpdesk_ticket_channel_central_office")
        cls.topic_billing = env.ref("sce_appeals.helpdesk_ticket_category_billing")
        cls.topic_readings = env.ref("sce_appeals.helpdesk_ticket_category_readings")
        cls.team_router = env.ref("sce_appeals.helpdesk_ticket_team_complaint_router")
        cls.team_billing = env.ref("sce_appeals.helpdesk_ticket_team_billing")
        cls.team_metering = env.ref("sce_appeals.helpdesk_ticket_team_metering")
        cls.mro_a = env["sce.mro"].create({"name": "Test MRO A", "code": "TA"})
        cls.mro_b = env["sce.mro"].create({"name": "Test MRO B", "code": "TB"})
        cls.customer = env["res.partner"].create(
            {
                "sce_surname": "Хетагуров",
                "sce_first_name": "Тимур",
                "sce_patronymic": "Казбекович",
                "sce_customer_group": "1",
                "email": "t.khetagurov@example.ru",
                "phone": "8 (8672) 53-12-34",
                "street": "ул. Маркуса, 22, кв. 5",
                "city": "Владикавказ",
                "lang": "ru_RU",
                "sce_home_mro_id": cls.mro_a.id,
                "sce_preferred_answer_channel": "email",
            }
        )
        cls.account_a = env["sce.account"].create(
            {
                "name": "TEST-150100000001",
                "partner_id": cls.customer.id,
                "supply_address": "Владикавказ, ул. Маркуса, 22, кв. 5",
                "mro_id": cls.mro_a.id,
            }
        )
        cls.customer_b = env["res.partner"].create(
            {
                "sce_surname": "Бестаева",
                "sce_first_name": "Залина",
                "sce_patronymic": "Руслановна",
                "sce_customer_group": "1",
                "mobile": "+7 918 825-44-10",
                "lang": "ru_RU",
            }
        )
        cls.account_b = env["sce.account"].create(
            {
                "name": "TEST-150200000002",
                "partner_id": cls.customer_b.id,
                "supply_address": "Моздок, ул. Кирова, 7",
                "mro_id": cls.mro_b.id,
            }
        )

        cls._role_users()

    @classmethod
    def _role_users(cls):
        """Every role once: workflows are tested as the user who does them."""
        env = cls.env
        cls.operator = new_role_user(env, "operator", name="Оператор Тестовый")
        cls.specialist = new_role_user(env, "specialist", name="Специалист Тестовый")
        (cls.team_metering | cls.team_billing).user_ids = [(4, cls.specialist.id)]
        cls.router = new_role_user(env, "router")
        cls.mro_user = new_role_user(env, "mro_a", sce_mro_ids=[(6, 0, cls.mro_a.ids)])
        cls.mro_user_b = new_role_user(env, "mro_b", sce_mro_ids=[(6, 0, cls.mro_b.ids)])
        cls.manager = new_role_user(env, "manager")
        cls.head = new_role_user(env, "head")

    @classmethod
    def _appeal(cls, as_user=None, **vals):
        """An appeal registered by the front office (or ``as_user``), returned in the
        test's environment."""
        values = {
            "name": "Не согласен с начислением за октябрь",
            "description": "<p>Прошу пересчитать начисление.</p>",
            "partner_id": cls.customer.id,
            "account_id": cls.account_a.id,
            "channel_id": cls.channel_post.id,
            "appeal_kind": "complaint",
        }
        values.update(vals)
        user = as_user or cls.operator
        appeals = cls.env["helpdesk.ticket"].with_user(user).with_context(**NO_MAIL_NOISE)
        return appeals.create(values).with_env(cls.env)

    @classmethod
    def _user(cls, login, groups, **vals):
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            context=DISABLED_MAIL_CONTEXT,
            **{"lang": "en_US", **vals},
        )
