"""Amounts and dates as Russian words, for the autodialler's voice (FB-6: the phone reads
money, dates and quantities aloud). Whole numbers come from ``num2words`` (a dependency of
Odoo itself); the grammatical forms of roubles, kopecks and ordinal dates are ours."""

from num2words import num2words

MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
# Ordinals in the genitive ("двадцать пятого"): units, teens and round tens.
ORD_UNITS = (
    "",
    "первого",
    "второго",
    "третьего",
    "четвёртого",
    "пятого",
    "шестого",
    "седьмого",
    "восьмого",
    "девятого",
)
ORD_TEENS = (
    "десятого",
    "одиннадцатого",
    "двенадцатого",
    "тринадцатого",
    "четырнадцатого",
    "пятнадцатого",
    "шестнадцатого",
    "семнадцатого",
    "восемнадцатого",
    "девятнадцатого",
)
ORD_TENS = (
    "",
    "",
    "двадцатого",
    "тридцатого",
    "сорокового",
    "пятидесятого",
    "шестидесятого",
    "семидесятого",
    "восьмидесятого",
    "девяностого",
)
CARD_TENS = (
    "",
    "",
    "двадцать",
    "тридцать",
    "сорок",
    "пятьдесят",
    "шестьдесят",
    "семьдесят",
    "восемьдесят",
    "девяносто",
)


def plural_ru(number, one, few, many):
    """The noun form after ``number``: 1 рубль, 2 рубля, 5 рублей (11–14: many)."""
    number = abs(int(number))
    if number % 100 in (11, 12, 13, 14):
        return many
    if number % 10 == 1:
        return one
    if number % 10 in (2, 3, 4):
        return few
    return many


def cardinal_ru(number, feminine=False):
    """A whole number in words; ``feminine`` for копейка/тысяча (одна, две)."""
    words = num2words(int(number), lang="ru")
    if feminine:
        if words.endswith("один"):
            words = words[: -len("один")] + "одна"
        elif words.endswith("два"):
            words = words[: -len("два")] + "две"
    return words


def amount_to_words_ru(amount):
    """1234.56 → «одна тысяча двести тридцать четыре рубля пятьдесят шесть копеек»."""
    cents = round(abs(amount) * 100)
    rubles, kopecks = divmod(cents, 100)
    text = "{} {} {} {}".format(
        cardinal_ru(rubles),
        plural_ru(rubles, "рубль", "рубля", "рублей"),
        cardinal_ru(kopecks, feminine=True),
        plural_ru(kopecks, "копейка", "копейки", "копеек"),
    )
    return ("минус " + text) if amount < 0 else text


def ordinal_genitive_ru(number):
    """1..99 as a genitive ordinal: 26 → «двадцать шестого»."""
    if not 0 < number < 100:
        raise ValueError(number)
    if number < 10:
        return ORD_UNITS[number]
    if number < 20:
        return ORD_TEENS[number - 10]
    tens, units = divmod(number, 10)
    if not units:
        return ORD_TENS[tens]
    return f"{CARD_TENS[tens]} {ORD_UNITS[units]}"


def year_genitive_ru(year):
    """2026 → «две тысячи двадцать шестого» (the years this service will see)."""
    thousands, rest = divmod(year, 1000)
    if rest == 0:
        return {2: "двухтысячного", 3: "трёхтысячного"}.get(thousands) or str(year)
    hundreds, last = divmod(rest, 100)
    head = cardinal_ru(thousands * 1000 + hundreds * 100, feminine=True)
    if not last:
        return f"{head} {num2words(year, lang='ru', to='ordinal')}"
    return f"{head} {ordinal_genitive_ru(last)}"


def date_to_words_ru(date):
    """2026-11-26 → «двадцать шестого ноября две тысячи двадцать шестого года»."""
    day, month = ordinal_genitive_ru(date.day), MONTHS_GENITIVE[date.month - 1]
    return f"{day} {month} {year_genitive_ru(date.year)} года"


def time_to_words_ru(hour, minute):
    """9:05 → «девять часов пять минут»."""
    text = "{} {}".format(cardinal_ru(hour), plural_ru(hour, "час", "часа", "часов"))
    if minute:
        text += " {} {}".format(
            cardinal_ru(minute, feminine=True), plural_ru(minute, "минута", "минуты", "минут")
        )
    return text
