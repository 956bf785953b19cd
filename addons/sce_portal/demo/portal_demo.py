"""Demo service requests and published answers to complaints (WEB-2, WEB-5)."""

from odoo import fields

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"

# Anonymised summaries by topic: the complaint and the answer in general terms.
SUMMARIES = {
    "sce_appeals.helpdesk_ticket_category_billing": (
        "Потребитель не согласился с начислением за месяц, в котором показания не "
        "передавались. Начисление было выполнено по среднемесячному расходу; после "
        "передачи фактических показаний сделан перерасчёт, переплата учтена в следующем "
        "платёжном документе."
    ),
    "sce_appeals.helpdesk_ticket_category_quality": (
        "Жалоба на пониженное напряжение в вечерние часы в частном секторе. Замеры "
        "сетевой организации подтвердили отклонение; после перераспределения нагрузки "
        "по фазам напряжение в норме, размер платы за период снижен."
    ),
    "sce_appeals.helpdesk_ticket_category_restriction": (
        "Потребитель сообщил, что уведомление об ограничении пришло после оплаты "
        "задолженности. Платёж поступил до даты ограничения, ограничение отменено, "
        "уведомление отозвано."
    ),
    "sce_appeals.helpdesk_ticket_category_meters": (
        "Жалоба на срок замены прибора учёта с истёкшим межповерочным интервалом. "
        "Прибор заменён, начисления за период ожидания пересчитаны по нормативу без "
        "повышающего коэффициента."
    ),
    "sce_appeals.helpdesk_ticket_category_payment": (
        "Оплата через банковское приложение не отразилась на лицевом счёте. Платёж "
        "найден в реестре банка и зачислен датой оплаты, пени не начисляются."
    ),
}

REQUESTS = (
    (
        "sce_portal.sce_portal_service_meter_replacement",
        {
            "Meter number": "0812345",
            "Address of the meter": "Владикавказ, ул. Кирова, 31, кв. 9",
            "Preferred date": "",
        },
        "Счётчик не светится индикатор, показания не меняются.",
    ),
    (
        "sce_portal.sce_portal_service_contract_reregistration",
        {"New holder's full name": "Цаллагова Зарина Таймуразовна", "Document type": ""},
        "Квартира куплена в сентябре, прошу переоформить лицевой счёт.",
    ),
)


def _customers(env):
    """The demo portal customer (personal cabinet channel), then a visitor of the
    internet reception who is a known customer."""
    portal = env.ref("sce_portal.user_portal_customer")
    known = env["res.partner"].search(
        [
            ("sce_customer_group", "=", "1"),
            ("email", "!=", False),
            ("sce_surname", "!=", False),
            ("id", "!=", portal.partner_id.id),
        ],
        limit=1,
    )
    return [(portal, portal.partner_id), (env.ref("base.public_user"), known)]


def _service_requests(env):
    for (user, partner), (xmlid, answers, text) in zip(_customers(env), REQUESTS, strict=True):
        tickets = env["helpdesk.ticket"].with_user(user).with_context(lang="ru_RU")
        service = env.ref(xmlid).with_context(lang="ru_RU")
        values = {}
        for field in service.field_ids:
            value = answers.get(field.with_context(lang="en_US").name, "")
            if field.field_type == "date":
                value = fields.Date.to_string(fields.Date.add(fields.Date.today(), days=10))
            elif field.field_type == "selection" and not value:
                value = field._sce_options()[0]
            values[field.id] = value
        uploads = {
            document.id: [
                (f"{document.name}.{'jpg' if index % 2 else 'pdf'}", JPEG if index % 2 else PDF)
            ]
            for index, document in enumerate(service.document_ids)
            if document.required
        }
        data = {
            "surname": partner.sce_surname or partner.name,
            "first_name": partner.sce_first_name or partner.name,
            "patronymic": partner.sce_patronymic or "",
            "email": partner.email or "",
            "phone": "",
            "text": text,
        }
        _appeal, errors = tickets._sce_service_submit(service, data, values, uploads, "192.0.2.10")
        if errors:
            raise ValueError(errors)
    # One request whose originals came in: the checklist shows what was received.
    done = env["helpdesk.ticket"].search([("appeal_kind", "=", "service_request")], limit=1)
    done.sce_service_document_ids[:1].write(
        {"original_received": True, "date_original_received": fields.Date.today()}
    )


def _published_answers(env):
    tickets = env["helpdesk.ticket"]
    for xmlid, summary in SUMMARIES.items():
        complaint = tickets.search(
            [
                ("appeal_kind", "=", "complaint"),
                ("sce_state", "in", ("answered", "closed")),
                ("category_id", "=", env.ref(xmlid).id),
            ],
            order="date_answered desc",
            limit=1,
        )
        if complaint:
            complaint.write({"sce_summary_published": True, "sce_public_summary": summary})


def generate(env):
    _service_requests(env)
    _published_answers(env)
