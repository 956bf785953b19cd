from datetime import date

from odoo.addons.sce_appeals.tests.common import NO_MAIL_NOISE, msk

from .common import SceSurveyCase


class SceControlCase(SceSurveyCase):
    """Internal control (CTRL-4, CTRL-5): complaints answered in October 2026 in both
    MROs, the billing department headed by the specialist."""

    OCTOBER = date(2026, 10, 1)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team_billing.user_id = cls.specialist
        cls.stage_answered = cls.env["helpdesk.ticket"]._sce_stage("answered")

    @classmethod
    def _customers(cls, count, mro, prefix="Тест"):
        return cls.env["res.partner"].create(
            [
                {
                    "sce_surname": f"{prefix}ов{index}",
                    "sce_first_name": "Алан",
                    "sce_patronymic": "Сосланович",
                    "sce_customer_group": "1",
                    "email": f"{prefix.lower()}{index}@example.ru",
                    "sce_home_mro_id": mro.id,
                }
                for index in range(count)
            ]
        )

    @classmethod
    def _answered_appeals(cls, partners, mro, answered_at, kind="complaint", **vals):
        """Appeals of ``partners`` in ``mro`` answered at ``answered_at`` (set up as the
        superuser: the register is the fixture, not the workflow under test)."""
        tickets = (
            cls.env["helpdesk.ticket"]
            .with_context(**NO_MAIL_NOISE)
            .create(
                [
                    {
                        "name": "Жалоба на начисление",
                        "description": "<p>Прошу пересчитать.</p>",
                        "partner_id": partner.id,
                        "channel_id": cls.channel_post.id,
                        "appeal_kind": kind,
                        "category_id": cls.topic_billing.id,
                        "team_id": cls.team_router.id,
                        "mro_id": mro.id,
                        "date_received": answered_at,
                        **vals,
                    }
                    for partner in partners
                ]
            )
        )
        tickets.write({"stage_id": cls.stage_answered.id})
        tickets._sce_write({"date_answered": answered_at})
        return tickets

    @staticmethod
    def msk(*args):
        return msk(*args)
