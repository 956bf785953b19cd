from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import request
from odoo.tools import email_normalize

from odoo.addons.payment import utils as payment_utils
from odoo.addons.payment.controllers.portal import PaymentPortal

from ..models.helpdesk_ticket import HONEYPOT_FIELD
from ..models.sce_portal_attempt import FACTOR_KINDS, parse_amount

PROOF_FIELDS = ("account_number", "factor_kind", "factor_value", HONEYPOT_FIELD)
PERSON_FIELDS = ("surname", "first_name", "patronymic", "email", "consent")
MOVES_SHOWN = 24
CONSENT_KINDS = ("answer_channel", "inform_email", "inform_sms", "inform_phone", "personal_data")


class SceCabinet(PaymentPortal):
    """The personal cabinet (WEB-3): registration bound to a personal account, the
    accounts with charges, payments, readings, receipt and card payment, and the
    customer's contacts and consents. Every /my route reads the account as the logged-in
    customer, so the portal record rules decide; another customer's account is a 404."""

    # ---------------------------------------------------------------- helpers

    def _sce_ip(self):
        return request.httprequest.remote_addr

    def _sce_my_accounts(self):
        """The accounts in the logged-in login's cabinet, read as that login."""
        accounts = request.env["sce.account"]
        if not accounts.has_access("read"):
            return accounts
        return accounts.search([("sce_portal_link_ids.user_id", "=", request.env.uid)])

    def _sce_account(self, account_id):
        """One account of the cabinet, or 404 (missing, another customer's, no access)."""
        accounts = request.env["sce.account"]
        if not accounts.has_access("read"):
            raise NotFound()
        account = accounts.search(
            [("id", "=", account_id), ("sce_portal_link_ids.user_id", "=", request.env.uid)]
        )
        if not account:
            raise NotFound()
        return account

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "sce_account_count" in counters:
            values["sce_account_count"] = len(self._sce_my_accounts())
        return values

    def _sce_proof_errors(self, data):
        if data.get(HONEYPOT_FIELD):
            return [request.env._("The form could not be accepted. Please try again later.")]
        errors = []
        if not data.get("account_number"):
            errors.append(request.env._("Enter the personal account number."))
        if data.get("factor_kind") not in FACTOR_KINDS or not data.get("factor_value"):
            errors.append(request.env._("Choose the second factor and enter its value."))
        return errors

    def _sce_person_errors(self, data):
        errors = []
        if not (data.get("surname") and data.get("first_name")):
            errors.append(request.env._("Enter the surname and first name."))
        if not email_normalize(data.get("email") or ""):
            errors.append(request.env._("Enter a valid e-mail address: the login is sent there."))
        if not data.get("consent"):
            errors.append(
                request.env._("Registration needs your consent to the processing of personal data.")
            )
        return errors

    # ----------------------------------------------------------- registration

    def _sce_render_register(self, kind, values, errors=(), done=False):
        return request.render(
            "sce_portal.cabinet_register_page",
            {
                "kind": kind,
                "values": values,
                "errors": list(errors),
                "done": done,
                "honeypot_field": HONEYPOT_FIELD,
            },
        )

    @http.route("/cabinet/register", type="http", auth="public", website=True, sitemap=True)
    def cabinet_register_choice(self, **kw):
        if not request.env.user._is_public():
            return request.redirect("/my/accounts/link")
        return request.render("sce_portal.cabinet_register_choice_page", {})

    @http.route(
        "/cabinet/register/<any(person,organisation):kind>",
        type="http",
        auth="public",
        website=True,
        methods=["GET", "POST"],
        sitemap=True,
    )
    def cabinet_register(self, kind, **kw):
        if not request.env.user._is_public():
            return request.redirect("/my/accounts/link")
        if request.httprequest.method != "POST":
            factor = "meter" if kind == "person" else "inn"
            return self._sce_render_register(kind, {"factor_kind": factor})
        data = {name: (kw.get(name) or "").strip() for name in PROOF_FIELDS + PERSON_FIELDS}
        errors = self._sce_proof_errors(data) or self._sce_person_errors(data)
        if not errors:
            account, error = request.env["sce.portal.attempt"]._sce_prove_account(
                data["account_number"],
                data["factor_kind"],
                data["factor_value"],
                self._sce_ip(),
                kind,
            )
            if account:
                names = (data["surname"], data["first_name"], data["patronymic"])
                user, error = request.env["res.users"]._sce_portal_register(
                    account, data["email"], names
                )
                if user:
                    user.partner_id._sce_set_consents(
                        {"personal_data": "yes"}, "registration", self._sce_ip()
                    )
                    return self._sce_render_register(kind, {"email": data["email"]}, done=True)
            errors = [error]
        data.pop(HONEYPOT_FIELD)
        data.pop("factor_value")  # the secret is typed again, never echoed back
        return self._sce_render_register(kind, data, errors)

    @http.route(
        "/my/accounts/link", type="http", auth="user", website=True, methods=["GET", "POST"]
    )
    def cabinet_link_account(self, **kw):
        """Add another personal account to the cabinet, proved the same way."""
        kind = (
            "organisation"
            if request.env.user.partner_id.sce_customer_group
            not in (
                False,
                "1",
            )
            else "person"
        )
        if request.httprequest.method != "POST":
            factor = "meter" if kind == "person" else "inn"
            return self._sce_render_register(f"link_{kind}", {"factor_kind": factor})
        data = {name: (kw.get(name) or "").strip() for name in PROOF_FIELDS}
        errors = self._sce_proof_errors(data)
        if not errors:
            account, error = request.env["sce.portal.attempt"]._sce_prove_account(
                data["account_number"],
                data["factor_kind"],
                data["factor_value"],
                self._sce_ip(),
                kind,
            )
            if account:
                request.env.user._sce_portal_link_account(account)
                return request.redirect(f"/my/accounts/{account.id}")
            errors = [error]
        data.pop(HONEYPOT_FIELD)
        data.pop("factor_value")
        return self._sce_render_register(f"link_{kind}", data, errors)

    # --------------------------------------------------------------- accounts

    @http.route("/my/accounts", type="http", auth="user", website=True)
    def cabinet_accounts(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update({"accounts": self._sce_my_accounts(), "page_name": "sce_accounts"})
        return request.render("sce_portal.portal_my_accounts", values)

    def _sce_render_account(self, account, errors=(), reading_values=None, saved=None):
        values = self._prepare_portal_layout_values()
        meters = account.meter_ids
        readings = (
            request.env["sce.meter.reading"]
            .with_context(active_test=False)
            .search([("account_id", "=", account.id)], limit=36)
        )
        values.update(
            {
                "account": account,
                "is_organisation": account._sce_is_organisation(),
                "amount_due": account._sce_amount_due(),
                "months": account._sce_monthly_totals(),
                "moves": request.env["sce.account.move"].search(
                    [("account_id", "=", account.id)], limit=MOVES_SHOWN
                ),
                "meters": meters,
                "readings": readings,
                "errors": list(errors),
                "reading_values": reading_values or {},
                "saved": saved,
                "page_name": "sce_account",
            }
        )
        return request.render("sce_portal.portal_my_account", values)

    @http.route("/my/accounts/<int:account_id>", type="http", auth="user", website=True)
    def cabinet_account(self, account_id, saved=None, **kw):
        return self._sce_render_account(self._sce_account(account_id), saved=saved)

    @http.route(
        "/my/accounts/<int:account_id>/reading",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def cabinet_reading(self, account_id, meter_id=None, value=None, **kw):
        account = self._sce_account(account_id)
        meter = request.env["sce.meter"].search(
            [
                ("id", "=", int(meter_id) if (meter_id or "").isdigit() else 0),
                ("account_id", "=", account.id),
            ]
        )
        if not meter:
            raise NotFound()
        reading, error = request.env["sce.meter.reading"]._sce_portal_submit(meter, value)
        if error:
            return self._sce_render_account(
                account, [error], {"meter_id": meter.id, "value": value or ""}
            )
        return request.redirect(f"/my/accounts/{account.id}?saved={reading.id}#readings")

    @http.route("/my/accounts/<int:account_id>/receipt", type="http", auth="user", website=True)
    def cabinet_receipt(self, account_id, **kw):
        account = self._sce_account(account_id)
        # The report reads the company's requisites and the holder: rendered as
        # superuser only for the account the customer was just shown to own.
        content, report_type = (
            request.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("sce_portal.action_report_sce_account_receipt", account.ids)
        )
        mimetype = "application/pdf" if report_type == "pdf" else "text/html; charset=utf-8"
        filename = f"receipt-{account.name}.{report_type}"
        return request.make_response(
            content,
            headers=[
                ("Content-Type", mimetype),
                ("Content-Length", len(content)),
                ("Content-Disposition", f'inline; filename="{filename}"'),
            ],
        )

    # ----------------------------------------------------------- card payment

    @http.route("/my/accounts/<int:account_id>/pay", type="http", auth="user", website=True)
    def cabinet_pay(self, account_id, amount=None, **kw):
        account = self._sce_account(account_id)
        amount = parse_amount(amount) if amount else account._sce_amount_due()
        if not amount:
            return request.redirect(f"/my/accounts/{account.id}")
        partner = request.env.user.partner_id
        currency = account.currency_id
        return self.payment_pay(
            reference=f"LS{account.name}",
            amount=amount,
            currency_id=currency.id,
            partner_id=partner.id,
            access_token=payment_utils.generate_access_token(partner.id, amount, currency.id),
            sce_account_id=account.id,
        )

    def _get_extra_payment_form_values(self, sce_account_id=None, **kwargs):
        values = super()._get_extra_payment_form_values(**kwargs)
        if sce_account_id:
            account = self._sce_account(self._cast_as_int(sce_account_id) or 0)
            values.update(
                {
                    "transaction_route": f"/my/accounts/{account.id}/transaction",
                    "landing_route": f"/my/accounts/{account.id}",
                    "sce_account": account,
                }
            )
        return values

    @http.route("/my/accounts/<int:account_id>/transaction", type="json", auth="user")
    def cabinet_transaction(self, account_id, access_token, **kwargs):
        """The card payment's transaction, tied to the account it pays."""
        account = self._sce_account(account_id)
        partner = request.env.user.partner_id
        amount = kwargs.get("amount") and float(kwargs["amount"])
        if not payment_utils.check_access_token(
            access_token, partner.id, amount, account.currency_id.id
        ):
            raise ValidationError(request.env._("The access token is invalid."))
        self._validate_transaction_kwargs(kwargs)
        kwargs.pop("amount")
        tx_sudo = self._create_transaction(
            amount=amount,
            currency_id=account.currency_id.id,
            partner_id=partner.id,
            reference_prefix=f"LS{account.name}",
            custom_create_values={"sce_account_id": account.id},
            **kwargs,
        )
        self._update_landing_route(tx_sudo, access_token)
        return tx_sudo._get_processing_values()

    # ---------------------------------------------------- contacts and consents

    @http.route("/my/consents", type="http", auth="user", website=True, methods=["GET", "POST"])
    def cabinet_consents(self, **kw):
        partner = request.env.user.partner_id
        saved = False
        if request.httprequest.method == "POST":
            wanted = {
                "answer_channel": kw.get("answer_channel") or "",
                **{
                    kind: "yes" if kw.get(kind) else "no"
                    for kind in CONSENT_KINDS
                    if kind != "answer_channel"
                },
            }
            partner._sce_set_consents(wanted, "cabinet", self._sce_ip())
            saved = True
        logs = request.env["sce.consent.log"].search([("partner_id", "=", partner.id)], limit=50)
        russian = request.env["sce.consent.log"]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "state": partner._sce_consent_state(),
                "channels": partner._sce_answer_channels_for_portal(),
                "logs": logs,
                "kinds": dict(russian._fields["kind"]._description_selection(request.env)),
                "sources": dict(russian._fields["source"]._description_selection(request.env)),
                "saved": saved,
                "page_name": "sce_consents",
            }
        )
        return request.render("sce_portal.portal_my_consents", values)
