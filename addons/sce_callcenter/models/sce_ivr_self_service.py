import math
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

READING_TEXT = re.compile(r"^\d{1,9}([.,]\d{1,2})?$")
MAX_READING = 10**9


class SceSelfServiceError(Exception):
    """A self-service request the IVR gets a 4xx JSON answer for; nothing is written."""

    def __init__(self, status, code, message):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


class SceIvrSelfService(models.AbstractModel):
    """The self-service the IVR offers callers (CC-2, CC-5): a meter reading given by
    account number, validated like every other reading; the debt of an account; the
    stage of its contract application. Called by the signed CTI API with sudo() after the
    PBX's signature was verified: a caller only names an account number, and gets back
    what the IVR says about that account, never who holds it."""

    _name = "sce.ivr.self.service"
    _description = "IVR self-service"

    @api.model
    def _sce_account(self, number):
        """The active account of ``number`` (exact, as keyed in), or a 404 error."""
        if not isinstance(number, str | int) or isinstance(number, bool):
            raise SceSelfServiceError(
                422, "invalid_account", self.env._("Give the account number.")
            )
        number = str(number).strip()
        if not number or len(number) > 64:
            raise SceSelfServiceError(
                422, "invalid_account", self.env._("Give the account number.")
            )
        account = self.env["sce.account"].search([("name", "=", number)], limit=1)
        if not account:
            raise SceSelfServiceError(
                404, "unknown_account", self.env._("No personal account has the number %s.", number)
            )
        return account

    @api.model
    def _sce_debt(self, number):
        """The balance and the debt of an account: one query for the account, one for
        its charges and payments."""
        account = self._sce_account(number)
        balance = account.balance
        return {
            "account": account.name,
            "balance": round(balance, 2),
            "debt": round(max(-balance, 0.0), 2),
            "currency": account.currency_id.name,
        }

    @api.model
    def _sce_contract_stage(self, number):
        """The contract state of an account and its newest contract application (an
        appeal of kind "contract application") with its stage and answer deadline."""
        account = self._sce_account(number)
        application = self.env["helpdesk.ticket"].search(
            [("account_id", "=", account.id), ("appeal_kind", "=", "contract")],
            order="date_received desc, id desc",
            limit=1,
        )
        states = dict(account._fields["contract_state"]._description_selection(self.env))
        result = {
            "account": account.name,
            "contract_state": account.contract_state,
            "contract_state_label": states[account.contract_state],
            "application": None,
        }
        if application:
            result["application"] = {
                "number": application.number,
                "received": fields.Date.to_string(application.date_received),
                "stage": application.stage_id.name,
                "state": application.sce_state or None,
                "answer_deadline": fields.Date.to_string(application.deadline_answer),
                "closed": bool(application.closed),
            }
        return result

    @api.model
    def _sce_reading_value(self, value):
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise SceSelfServiceError(
                422, "invalid_reading", self.env._("The reading must be a number.")
            )
        if isinstance(value, str):
            if not READING_TEXT.match(value.strip()):
                raise SceSelfServiceError(
                    422, "invalid_reading", self.env._("The reading must be a number.")
                )
            value = float(value.strip().replace(",", "."))
        if not math.isfinite(value) or value < 0 or value >= MAX_READING:
            raise SceSelfServiceError(
                422,
                "invalid_reading",
                self.env._("The reading must be a number from 0 to 999 999 999."),
            )
        return round(float(value), 2)

    @api.model
    def _sce_submit_reading(self, number, value, meter=None, today=None):
        """A reading given through the IVR: on the account's only active meter (or the
        one whose serial number is ``meter``), checked by the rules of
        ``sce.meter.reading`` like a reading from any other channel. Refused readings
        leave nothing behind."""
        account = self._sce_account(number)
        value = self._sce_reading_value(value)
        meters = account.meter_ids.filtered("active")
        if meter not in (None, ""):
            meters = meters.filtered(lambda m: m.name == str(meter).strip())
            if not meters:
                raise SceSelfServiceError(
                    422,
                    "unknown_meter",
                    self.env._("The account %s has no meter with this number.", account.name),
                )
        if not meters:
            raise SceSelfServiceError(
                422, "no_meter", self.env._("The account %s has no meter.", account.name)
            )
        if len(meters) > 1:
            raise SceSelfServiceError(
                422,
                "meter_required",
                self.env._("The account %s has several meters: name the meter.", account.name),
            )
        try:
            with self.env.cr.savepoint():
                reading = self.env["sce.meter.reading"].create(
                    {
                        "meter_id": meters.id,
                        "value": value,
                        "source": "ivr",
                        "date": today or fields.Date.context_today(self),
                    }
                )
        except ValidationError as error:
            raise SceSelfServiceError(422, "invalid_reading", error.args[0]) from error
        return {
            "status": "accepted",
            "account": account.name,
            "meter": meters.name,
            "reading_id": reading.id,
            "date": fields.Date.to_string(reading.date),
            "value": reading.value,
        }
