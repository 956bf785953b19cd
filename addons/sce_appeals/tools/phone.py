"""E.164 normalisation of phone numbers (region RU by default)."""

import phonenumbers


def normalize_phone(number, region="RU"):
    """Return ``number`` in E.164 (``+78672123456``) or raise ``ValueError``.

    A Russian number may be written as 8 867 2..., +7 (867) 2..., 867 2... .
    """
    if not number or not number.strip():
        raise ValueError("empty phone number")
    text = number.strip()
    # The domestic trunk prefix 8 before a 10-digit number means +7.
    digits = "".join(ch for ch in text if ch.isdigit())
    if region == "RU" and not text.startswith("+") and len(digits) == 11:
        if digits[0] == "8":
            text = "+7" + digits[1:]
        elif digits[0] == "7":
            text = "+" + digits
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(str(exc)) from exc
    if not phonenumbers.is_valid_number(parsed):
        raise ValueError("not a valid phone number")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
