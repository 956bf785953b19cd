"""End-to-end: appeals over real HTTP to a running Odoo, mail through a real SMTP server."""

import shutil
import subprocess
import tempfile
import uuid

import pytest
from conftest import RpcError


def _channel(admin, code):
    return admin.call("helpdesk.ticket.channel", "search", [["sce_code", "=", code]])[0]


def _customer(admin, **vals):
    unique = uuid.uuid4().hex[:8]
    values = {
        "sce_surname": "Цаллагова",
        "sce_first_name": "Мадина",
        "sce_patronymic": "Георгиевна",
        "sce_customer_group": "1",
        "email": f"m.tsallagova.{unique}@example.ru",
        "phone": "+7 918 700-12-34",
        "lang": "ru_RU",
        "sce_preferred_answer_channel": "email",
    }
    values.update(vals)
    return admin.call("res.partner", "create", values), values["email"]


def _pdf_text(raw):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(raw)
        pdf.flush()
        return subprocess.run(
            [shutil.which("pdftotext"), "-layout", pdf.name, "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout


def test_web4_robot_acknowledgement_reaches_the_customer_over_smtp(admin, mailbox):
    """WEB-4: a question from the internet reception is acknowledged by e-mail, in
    Russian, with its number and the one-working-day term."""
    partner_id, address = _customer(admin)
    ticket_id = admin.call(
        "helpdesk.ticket",
        "create",
        {
            "name": "Как передать показания счётчика?",
            "description": "<p>Подскажите, как передать показания через личный кабинет.</p>",
            "partner_id": partner_id,
            "channel_id": _channel(admin, "internet_reception"),
            "appeal_kind": "inquiry",
        },
    )
    number = admin.call("helpdesk.ticket", "read", [ticket_id], ["number"])[0]["number"]
    admin.call("mail.mail", "process_email_queue")
    [message] = mailbox.wait_for(lambda rcpt, m: address in rcpt and number in m["Subject"])
    body = message.get_body(preferencelist=("html", "plain")).get_content()
    assert "в течение одного рабочего дня" in body
    assert "Мадина Георгиевна" in body


def test_eti3_answer_letter_sent_by_email_and_printable_over_http(
    admin, mailbox, web_session, odoo_server
):
    """ETI-3, FB-3: the answer letter is a PDF on the letterhead, e-mailed to the
    customer through the SMTP server, and printable from the web client."""
    partner_id, address = _customer(admin)
    admin_user = admin.call("res.users", "read", [admin.uid], ["name"])[0]
    ticket_id = admin.call(
        "helpdesk.ticket",
        "create",
        {
            "name": "Не согласна с начислением за октябрь",
            "description": "<p>Начислено 4 800 кВт·ч вместо 480.</p>",
            "partner_id": partner_id,
            "channel_id": _channel(admin, "post"),
            "appeal_kind": "complaint",
            "answer_user_id": admin.uid,
            "answer_stating": "<p>Вы сообщили об ошибке в начислении за октябрь 2026 года.</p>",
            "answer_resolving": "<p>Начисление исправлено, перерасчёт отражён в квитанции.</p>",
        },
    )
    admin.call("helpdesk.ticket", "action_sce_send_answer", [ticket_id])
    number = admin.call("helpdesk.ticket", "read", [ticket_id], ["number"])[0]["number"]
    admin.call("mail.mail", "process_email_queue")
    [message] = mailbox.wait_for(
        lambda rcpt, m: address in rcpt
        and number
        in str(m["Subject"] or "") + m.get_body(preferencelist=("html", "plain")).get_content()
    )
    attachments = [
        part for part in message.iter_attachments() if part.get_content_type() == "application/pdf"
    ]
    assert attachments, "the letter is attached"
    text = _pdf_text(attachments[0].get_content())
    assert "Уважаемая Мадина Георгиевна!" in text
    assert "перерасчёт отражён" in text
    assert admin_user["name"] in text

    response = web_session.get(
        f"{odoo_server}/report/pdf/sce_appeals.report_answer_letter/{ticket_id}", timeout=120
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert "Ошибке в начислении".lower() in _pdf_text(response.content).lower()


def test_invalid_phone_over_rpc_is_a_clear_error_and_nothing_is_created(admin):
    """Bad input gets a clear error and loses nothing."""
    marker = f"Тест-{uuid.uuid4().hex[:6]}"
    with pytest.raises(RpcError) as error:
        admin.call(
            "res.partner", "create", {"name": marker, "phone": "12-34", "sce_customer_group": "1"}
        )
    assert "12-34" in str(error.value)
    assert not admin.call("res.partner", "search", [["name", "=", marker]])


def test_post3_deadline_fields_over_rpc(admin):
    """POST-3 through the API: a post appeal gets 1/10/21-day deadlines stored."""
    ticket_id = admin.call(
        "helpdesk.ticket",
        "create",
        {
            "name": "Письмо о перерасчёте",
            "description": "<p>—</p>",
            "channel_id": _channel(admin, "post"),
            "appeal_kind": "inquiry",
            "date_received": "2025-12-30 07:00:00",
        },
    )
    [ticket] = admin.call(
        "helpdesk.ticket",
        "read",
        [ticket_id],
        ["deadline_registration", "deadline_answer", "deadline_total"],
    )
    assert ticket["deadline_registration"] == "2026-01-12 20:59:59"
    assert ticket["deadline_answer"] == "2026-01-12 20:59:59"
    assert ticket["deadline_total"] == "2026-01-20 20:59:59"


def test_web4_email_appeal_through_the_mail_gateway_is_acknowledged_over_smtp(admin, mailbox):
    """An e-mail to the appeals alias, handed to the server as Odoo's mail gateway script
    does (`mail.thread.message_process` over RPC), is an appeal of channel E-mail with
    its number and deadline, and the robot's answer leaves through the SMTP server."""
    partner_id, address = _customer(admin)
    domain = f"sce-e2e-{uuid.uuid4().hex[:6]}.example"
    domain_id = admin.call("mail.alias.domain", "create", {"name": domain})
    [team] = admin.call(
        "helpdesk.ticket.team",
        "search_read",
        [["sce_is_front_office", "=", True]],
        ["alias_id"],
        limit=1,
    )
    admin.call(
        "mail.alias",
        "write",
        [team["alias_id"][0]],
        {"alias_name": "appeals", "alias_domain_id": domain_id},
    )
    raw = (
        f"From: Мадина Цаллагова <{address}>\n"
        f"To: appeals@{domain}\n"
        "Subject: Не пришла квитанция за октябрь\n"
        f"Message-ID: <{uuid.uuid4().hex}@example.ru>\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n\n"
        "Квитанция за октябрь не пришла, прошу прислать.\n"
    )
    ticket_id = admin.call("mail.thread", "message_process", False, raw)
    [ticket] = admin.call(
        "helpdesk.ticket",
        "read",
        [ticket_id],
        ["number", "channel_id", "partner_id", "deadline_answer", "appeal_kind"],
    )
    assert ticket["channel_id"][0] == _channel(admin, "email")
    assert ticket["partner_id"][0] == partner_id
    assert ticket["deadline_answer"]
    assert not ticket["appeal_kind"], "the front office classifies it"
    admin.call("mail.mail", "process_email_queue")
    [message] = mailbox.wait_for(
        lambda rcpt, m: address in rcpt and ticket["number"] in m["Subject"]
    )
    assert "Мадина Георгиевна" in message.get_body(preferencelist=("html", "plain")).get_content()
