"""The clock and language of the halls: the time zone the service centers work in and
the language of their public pages (kiosk)."""

import pytz

from odoo import fields

# Languages of the kiosk page, in order of preference: the hall is Russian-speaking.
KIOSK_LANGS = ("ru_RU",)


def hall_tz(env):
    """The time zone of the halls, whoever looks at them (a call-center operator books
    in the hall's time): the company's, else Moscow time (North Ossetia)."""
    return pytz.timezone(env.company.partner_id.tz or "Europe/Moscow")


def hall_today(env):
    """Today's date on the halls' clock."""
    return pytz.utc.localize(fields.Datetime.now()).astimezone(hall_tz(env)).date()
