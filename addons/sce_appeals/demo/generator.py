"""Generated demo data of «Севкавказэнерго»: customers with personal accounts, meters,
readings, charges and payments, and a year of appeals moved through their workflow by the
real ORM code (routing, deadlines, extensions, refusals, answers).

The fixed records (company, MROs, territorial units, staff, teams, knowledge base) are
data files beside this one. This module is no Odoo model: the addon's post_init_hook runs
it only when the module is installed with demo data. It is deterministic for a given seed
and day, creates records in batches, and takes its volume as parameters::

    DemoGenerator(env, individuals=36, appeals_per_month=25).generate()
"""

import csv
import logging
import random
from datetime import date, datetime, timedelta
from pathlib import Path

from markupsafe import Markup
from passlib.hash import pbkdf2_sha512

from odoo import fields

_logger = logging.getLogger(__name__)

VOCABULARY = Path(__file__).resolve().parent / "vocabulary"


def _vocabulary(name):
    """The rows (header skipped) of demo/vocabulary/<name>.csv: the words of the demo
    data are data, the generator only combines them."""
    with (VOCABULARY / f"{name}.csv").open(encoding="utf-8", newline="") as rows:
        return list(csv.reader(rows))[1:]


DEMO_SEED = 2026
# Demo passwords equal the logins; Odoo's 600,000 PBKDF2 rounds would take a second each.
DEMO_PASSWORD_ROUNDS = 25_000
DEMO_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "no_reset_password": True,
}
BATCH = 1000
MSK = timedelta(hours=3)  # Europe/Moscow, no daylight saving time
X = "sce_appeals."
MRO_KEYS = ["vladikavkaz", "mozdok", "alagir", "digora", "beslan", "ardon"]

# ---------------------------------------------------------------------- geography

VLADIKAVKAZ_STREETS = [s for area, s in _vocabulary("streets") if area == "vladikavkaz"]
DISTRICT_STREETS = [s for area, s in _vocabulary("streets") if area == "district"]

# key: (name, zip, MRO key, is a territorial unit, area code, rural tariff)
SETTLEMENTS = {
    "vladikavkaz": ("г. Владикавказ", "362040", "vladikavkaz", False, "8672", False),
    "zavodskoy": ("пос. Заводской", "362045", "vladikavkaz", True, "8672", False),
    "mikhaylovskoye": ("с. Михайловское", "363130", "vladikavkaz", True, "86738", True),
    "oktyabrskoye": ("с. Октябрьское", "363131", "vladikavkaz", True, "86738", True),
    "nogir": ("пос. Ногир", "363110", "vladikavkaz", True, "86738", True),
    "mozdok": ("г. Моздок", "363750", "mozdok", False, "86736", False),
    "pavlodolskaya": ("ст. Павлодольская", "363741", "mozdok", True, "86736", True),
    "lukovskaya": ("ст. Луковская", "363760", "mozdok", True, "86736", True),
    "troitskoye": ("с. Троицкое", "363742", "mozdok", True, "86736", True),
    "alagir": ("г. Алагир", "363240", "alagir", False, "86731", False),
    "buron": ("пос. Бурон", "363220", "alagir", True, "86731", True),
    "mizur": ("пос. Мизур", "363210", "alagir", True, "86731", True),
    "digora": ("г. Дигора", "363410", "digora", False, "86733", False),
    "chikola": ("с. Чикола", "363500", "digora", True, "86734", True),
    "mostizdakh": ("с. Мостиздах", "363422", "digora", True, "86733", True),
    "beslan": ("г. Беслан", "363020", "beslan", False, "86737", False),
    "olginskoye": ("с. Ольгинское", "363025", "beslan", True, "86737", True),
    "zamankul": ("с. Заманкул", "363013", "beslan", True, "86737", True),
    "ardon": ("г. Ардон", "363330", "ardon", False, "86732", False),
    "elkhotovo": ("с. Эльхотово", "363600", "ardon", True, "86735", True),
    "zmeyskaya": ("ст. Змейская", "363610", "ardon", True, "86735", True),
}
# Where individual customers live: Vladikavkaz first, then the districts.
SETTLEMENT_WEIGHTS = {
    "vladikavkaz": 14,
    "zavodskoy": 1,
    "mikhaylovskoye": 1,
    "oktyabrskoye": 1,
    "nogir": 1,
    "mozdok": 3,
    "pavlodolskaya": 1,
    "lukovskaya": 1,
    "troitskoye": 1,
    "alagir": 2,
    "buron": 1,
    "mizur": 1,
    "digora": 2,
    "chikola": 1,
    "mostizdakh": 1,
    "beslan": 3,
    "olginskoye": 1,
    "zamankul": 1,
    "ardon": 2,
    "elkhotovo": 1,
    "zmeyskaya": 1,
}

# key, name, code, head-office address, phone, seat settlement
# ---------------------------------------------------------------------- people

OSSETIAN_SURNAMES = [(m, f) for origin, m, f in _vocabulary("surnames") if origin == "ossetian"]
RUSSIAN_SURNAMES = [(m, f) for origin, m, f in _vocabulary("surnames") if origin == "russian"]
OSSETIAN_MALE = (
    "Алан Азамат Батраз Сослан Таймураз Казбек Георгий Аслан Руслан Хетаг Заур Эльбрус Артур Олег"
).split()
OSSETIAN_FEMALE = "Залина Фатима Зарина Мадина Алина Диана Агунда Зарема Луиза Елена Ирина".split()
RUSSIAN_MALE = ["Сергей", "Владимир", "Николай", "Игорь", "Андрей", "Александр"]
RUSSIAN_FEMALE = ["Ирина", "Елена", "Людмила", "Светлана", "Ольга", "Татьяна", "Анна"]
OSSETIAN_PATRONYMICS = [
    (m, f) for origin, m, f in _vocabulary("patronymics") if origin == "ossetian"
]
RUSSIAN_PATRONYMICS = [(m, f) for origin, m, f in _vocabulary("patronymics") if origin == "russian"]
TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya".split(),
        strict=True,
    )
)

# login, surname, first name, patronymic, groups, position, department, teams, MRO
TEAM_XMLIDS = {
    "front_office": "helpdesk_ticket_team_front_office",
    "complaint_router": "helpdesk_ticket_team_complaint_router",
    "billing": "helpdesk_ticket_team_billing",
    "metering": "helpdesk_ticket_team_metering",
    "contracts": "helpdesk_ticket_team_contracts",
    "grid": "helpdesk_ticket_team_grid",
    "client_service": "helpdesk_ticket_team_client_service",
}

# Legal entities of groups 2–5: group, name, settlement, INN, small business, email
COMPANIES = [
    ("2", "УК «Жилсервис»", "vladikavkaz", "1513045120", False, "zhilservis"),
    ("2", "ООО «Управдом-Владикавказ»", "vladikavkaz", "1515067342", False, "upravdom"),
    ("2", "ТСЖ «Весна»", "vladikavkaz", "1516012876", True, "tszh.vesna"),
    ("2", "ЖСК «Металлург»", "vladikavkaz", "1502031457", True, None),
    ("2", "ООО «УК Моздокжилсервис»", "mozdok", "1510018233", False, "mozdokzhil"),
    ("3", "ООО «Алания-Агро»", "mozdok", "1510021785", True, "alania.agro"),
    ("3", "ИП Габуев Алан Казбекович", "beslan", "151100458312", True, None),
    ("3", "ИП Тедеева Фатима Руслановна", "vladikavkaz", "151500982147", True, "tedeeva.ip"),
    ("3", "ООО «Иристон-Строй»", "vladikavkaz", "1513077219", True, "iriston.stroy"),
    ("3", "ООО «Дигорский хлебозавод»", "digora", "1507004561", True, "digora.hleb"),
    ("3", "ООО «Фиагдон-Тур»", "alagir", "1505013398", True, "fiagdon.tour"),
    ("3", "ГБОУ «СОШ № 2 г. Ардона»", "ardon", "1506003127", False, "school2.ardon"),
    ("3", "ООО «Эльхотовский сыродельный завод»", "elkhotovo", "1508006674", True, None),
    (
        "4",
        "ООО «Моздокская энергосбытовая компания»",
        "mozdok",
        "1510024911",
        False,
        "mozdok.energosbyt",
    ),
    ("4", "АО «Иристонэнергосбыт»", "vladikavkaz", "1513059902", False, "irenergosbyt"),
    (
        "5",
        "ПАО «Россети Северный Кавказ» — филиал «Севкавказэнерго»",
        "vladikavkaz",
        "2632082033",
        False,
        "sevkavkazenergo.grid",
    ),
    ("5", "МУП «Моздокские электрические сети»", "mozdok", "1510000540", False, "mozdok.seti"),
]

# ---------------------------------------------------------------------- metering

HOUSEHOLD_METERS = [
    "Меркурий 201.5",
    "Энергомера СЕ101",
    "Нева 103",
    "Энергомера СЕ102М",
    "Меркурий 206 RN",
]
COMMERCIAL_METERS = ["Меркурий 234 ARTM", "Энергомера СЕ301", "СЭТ-4ТМ.03М", "Милур 307"]
# Household tariff, ₽/kWh with VAT (regional tariff service of RNO–Alania), by date of
# indexation; rural population pays 0.7 of it.
HOUSEHOLD_TARIFFS = [
    (date(2024, 7, 1), 5.42),
    (date(2025, 7, 1), 5.96),
    (date(2026, 1, 1), 6.35),
    (date(2026, 10, 1), 6.89),
]
RURAL_FACTOR = 0.7
COMMERCIAL_TARIFF = 9.84
RESALE_TARIFF = 4.27
SEASON = dict(
    enumerate([1.45, 1.35, 1.15, 1.0, 0.9, 0.95, 1.15, 1.2, 0.95, 1.05, 1.25, 1.45], start=1)
)
MONTHS = ("январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь").split()
READING_SOURCES = ["portal", "portal", "ivr", "ivr", "operator", "cashier", "import"]

# ---------------------------------------------------------------------- appeals

# sce_code → channel xml id
CHANNELS = {
    "central_office": X + "helpdesk_ticket_channel_central_office",
    "mro_center": X + "helpdesk_ticket_channel_mro_center",
    "territorial_unit": X + "helpdesk_ticket_channel_territorial_unit",
    "phone": "helpdesk_mgmt.helpdesk_ticket_channel_phone",
    "fax": X + "helpdesk_ticket_channel_fax",
    "voicemail": X + "helpdesk_ticket_channel_voicemail",
    "sms": X + "helpdesk_ticket_channel_sms",
    "post": X + "helpdesk_ticket_channel_post",
    "client_box": X + "helpdesk_ticket_channel_client_box",
    "email": "helpdesk_mgmt.helpdesk_ticket_channel_email",
    "internet_reception": "helpdesk_mgmt.helpdesk_ticket_channel_web",
    "personal_cabinet": X + "helpdesk_ticket_channel_personal_cabinet",
}
CHANNEL_WEIGHTS = {
    "phone": 20,
    "central_office": 12,
    "mro_center": 12,
    "territorial_unit": 8,
    "internet_reception": 10,
    "personal_cabinet": 8,
    "email": 8,
    "post": 8,
    "client_box": 4,
    "voicemail": 4,
    "sms": 4,
    "fax": 2,
}
IN_OFFICE_CHANNELS = {
    "central_office",
    "mro_center",
    "territorial_unit",
    "post",
    "client_box",
    "fax",
}
CHANNEL_CODES = list(CHANNEL_WEIGHTS)
CHANNEL_WEIGHT_LIST = list(CHANNEL_WEIGHTS.values())
REFUSAL_CHANNELS = ["post", "client_box", "email", "internet_reception", "fax"]
OPEN_STATES = ("registered", "routed", "review", "extended")
# State by age (days since receipt, upper limit): fresh appeals are open, older ones answered
# or closed; a few forgotten ones stay open past their deadline (overdue).
STATE_BY_AGE = [
    (0.1, {"registered": 1}),
    (1, {"registered": 7, "routed": 3}),
    (3, {"registered": 1, "routed": 4, "review": 5}),
    (10, {"routed": 1, "review": 6, "extended": 1, "answered": 2}),
    (20, {"review": 4, "extended": 3, "answered": 2, "closed": 1}),
    (45, {"routed": 1, "review": 6, "answered": 15, "closed": 77, "refused": 1}),
    (None, {"closed": 98.5, "refused": 1.5}),
]
# Ages (days) at which a state is given to an appeal when the draw left it out.
STATE_AGES = {
    "registered": (0, 1),
    "routed": (0, 3),
    "review": (1, 10),
    "extended": (10, 20),
    "answered": (3, 20),
    "closed": (20, 400),
    "refused": (20, 400),
}
# Who works each team's appeals (logins of res_users_demo.xml, dots as underscores).
TEAM_USERS = {
    "billing": "specialist_billing",
    "metering": "specialist_metering",
    "contracts": "specialist_contracts",
    "grid": "specialist_grid",
    "client_service": "specialist_service",
    "complaint_router": "router",
    "front_office": "operator",
}
CATEGORY_TEAM = {
    "billing": "billing",
    "payment": "billing",
    "tariffs": "billing",
    "readings": "metering",
    "meters": "metering",
    "contract": "contracts",
    "extra_services": "contracts",
    "restriction": "grid",
    "quality": "grid",
    "cabinet": "client_service",
    "service": "client_service",
}
KIND_WEIGHTS = {
    "complaint": 26,
    "inquiry": 36,
    "service_request": 14,
    "contract": 10,
    "feedback": 7,
    "suggestion": 7,
}

# kind, category, who ("any", "person", "company"), title, description, resolving part:
# demo/vocabulary/appeal_topics.csv
TOPICS = [tuple(row) for row in _vocabulary("appeal_topics")]

CATEGORY_FACTS = dict(_vocabulary("category_facts"))
EXTENSION_REASONS = [reason for (reason,) in _vocabulary("extension_reasons")]
ANONYMOUS = [
    ("Марат", "marat.k@example.com"),
    ("Наталья Петренко", "n.petrenko@example.com"),
    ("Житель ул. Весенней", False),
    ("Оксана", "oksana.vlk@example.com"),
]


def household_street(rng, settlement_key):
    """A household's street and house (a flat in most of Vladikavkaz's houses)."""
    if settlement_key != "vladikavkaz":
        return f"{rng.choice(DISTRICT_STREETS)}, д. {rng.randint(1, 90)}"
    street = f"{rng.choice(VLADIKAVKAZ_STREETS)}, д. {rng.randint(1, 120)}"
    if rng.random() < 0.7:
        street += f", кв. {rng.randint(1, 160)}"
    return street


def topic_placeholders(rng, previous_month, street, settlement):
    """The placeholders of an appeal's texts ({month}, {day}, {amount}, {address}, …) for a
    customer without an account; callers fill in the account's when there is one."""
    return {
        "month": MONTHS[previous_month - 1],
        "day": rng.randint(15, 25),
        "amount": f"{rng.randint(900, 4800)},{rng.randint(0, 99):02d}",
        "street": street,
        "settlement": settlement,
        "account": "—",
        "meter": "—",
        "address": f"{settlement}, {street}, д. {rng.randint(1, 60)}",
    }


class DemoGenerator:
    """Generates the variable part of the demo data set through the ORM.

    :param individuals: households (customer group 1); the legal entities of groups 2–5
        are the fixed list COMPANIES
    :param appeals_per_month: appeals received in each of the last twelve months
    :param seed: the random seed; the same seed on the same day gives the same data
    :param now: the moment the demo year ends (default: now)
    """

    def __init__(self, env, individuals=36, appeals_per_month=25, seed=DEMO_SEED, now=None):
        self.env = env(su=True, context=dict(env.context, **DEMO_CONTEXT))
        self.individuals = individuals
        self.appeals_per_month = appeals_per_month
        self.rng = random.Random(seed)
        self.now = (now or fields.Datetime.now()).replace(microsecond=0)
        self.today = (self.now + MSK).date()
        lang = self.env["res.lang"]._lang_get("ru_RU")
        self.lang = "ru_RU" if lang and lang.active else False

    def generate(self):
        """Create the generated demo data; return the appeals created."""
        rng = self.rng
        mros = {key: self.env.ref(f"{X}sce_mro_{key}") for key in MRO_KEYS}
        units = {
            key: self.env.ref(f"{X}sce_territorial_unit_{key}")
            for key, settlement in SETTLEMENTS.items()
            if settlement[3]
        }
        self._staff()
        customers = self._customers(rng, mros, self.lang)
        accounts = self._accounts(rng, customers, mros, units)
        meters = self._meters(rng, accounts)
        self._readings_and_moves(rng, accounts, meters)
        return self._appeals(rng, customers, accounts, meters)

    # ------------------------------------------------------------------ helpers

    def _create(self, model, vals_list):
        """Create in batches of BATCH records; return the records in order."""
        records = self.env[model].browse()
        for start in range(0, len(vals_list), BATCH):
            records |= self.env[model].create(vals_list[start : start + BATCH])
            self.env.flush_all()
        return records

    def _staff(self):
        """The staff users come from res_users_demo.xml; their password equals the login,
        hashed with fewer rounds than Odoo's default so that the demo installs fast."""
        users = self.env["ir.model.data"].search(
            [("module", "=", "sce_appeals"), ("model", "=", "res.users")]
        )
        hasher = pbkdf2_sha512.using(rounds=DEMO_PASSWORD_ROUNDS)
        for user in self.env["res.users"].browse(users.mapped("res_id")).exists():
            user._set_encrypted_password(user.id, hasher.hash(user.login))
            if self.lang:
                user.lang = self.lang

    def _xmlids(self, records_by_name):
        self.env["ir.model.data"]._update_xmlids(
            [
                {"xml_id": X + name, "record": record, "noupdate": True}
                for name, record in records_by_name.items()
            ]
        )

    def _phone(self, rng, area):
        digits = "".join(rng.choice("0123456789") for _ in range(10 - len(area) - 1))
        number = rng.choice("2345") + digits
        if len(area) == 4:
            return f"+7 {area} {number[:2]}-{number[2:4]}-{number[4:]}"
        return f"+7 {area} {number[0]}-{number[1:3]}-{number[3:]}"

    def _mobile(self, rng):
        code = rng.choice(["918", "928", "938", "988", "961", "906"])
        n = "".join(rng.choice("0123456789") for _ in range(7))
        return f"+7 {code} {n[:3]}-{n[3:5]}-{n[5:]}"

    def _translit(self, text):
        return "".join(TRANSLIT.get(ch, ch) for ch in text.lower()).replace("_", "")

    # ------------------------------------------------------------------ customers

    def _customers(self, rng, mros, lang):
        """``individuals`` households (group 1) with ETI-1 names and the legal entities of
        groups 2–5 (GEN-4)."""
        country = self.env.ref("base.ru")
        state = self.env.ref("base.state_ru_se", raise_if_not_found=False)
        channel_ids = [
            self.env.ref(CHANNELS[c]).id
            for c in ("central_office", "mro_center", "personal_cabinet", "territorial_unit")
        ]
        today = self.today
        settlement_keys = list(SETTLEMENT_WEIGHTS)
        settlement_weights = list(SETTLEMENT_WEIGHTS.values())
        vals_list, meta = [], []
        used_names = set()
        for index in range(self.individuals):
            russian = index % 6 == 5
            female = rng.random() < 0.5
            pick = 1 if female else 0
            surnames = RUSSIAN_SURNAMES if russian else OSSETIAN_SURNAMES
            if russian:
                firsts = RUSSIAN_FEMALE if female else RUSSIAN_MALE
                patronymics = RUSSIAN_PATRONYMICS
            else:
                firsts = OSSETIAN_FEMALE if female else OSSETIAN_MALE
                patronymics = OSSETIAN_PATRONYMICS
            for _attempt in range(20):  # namesakes only once the names run out
                surname = rng.choice(surnames)[pick]
                first = rng.choice(firsts)
                if (surname, first) not in used_names:
                    break
            used_names.add((surname, first))
            patronymic = rng.choice(patronymics)[pick]
            key = rng.choices(settlement_keys, settlement_weights)[0]
            town, zip_code, mro_key, _unit, area, _rural = SETTLEMENTS[key]
            street = household_street(rng, key)
            has_email = rng.random() < 0.5
            consent_date = today - timedelta(days=rng.randint(30, 2400))
            vals = {
                "sce_customer_group": "1",
                "sce_surname": surname,
                "sce_first_name": first,
                "sce_patronymic": patronymic,
                "street": street,
                "city": town,
                "zip": zip_code,
                "country_id": country.id,
                "mobile": self._mobile(rng) if rng.random() < 0.9 else False,
                "phone": self._phone(rng, area) if rng.random() < 0.45 else False,
                "email": (
                    f"{self._translit(first)}.{self._translit(surname)}"
                    f"{rng.randint(1, 99)}@example.com"
                    if has_email
                    else False
                ),
                "sce_birth_date": date(
                    rng.randint(1938, 2001), rng.randint(1, 12), rng.randint(1, 28)
                ),
                "sce_is_disabled": index % 12 == 3,
                "sce_is_veteran": index % 12 == 8,
                "sce_is_socially_vulnerable": index % 9 == 5,
                "sce_consent_date": consent_date,
                "sce_consent_channel_id": rng.choice(channel_ids),
                "sce_consent_document": f"Согласие на обработку персональных данных "
                f"№ {consent_date.year}/{rng.randint(100, 9999)} "
                f"от {consent_date.strftime('%d.%m.%Y')}",
                "sce_preferred_answer_channel": (
                    rng.choice(["email", "email", "cabinet"])
                    if has_email
                    else rng.choice(["post", "post", "phone", "sms", "in_person", False])
                ),
                "sce_home_mro_id": mros[mro_key].id,
            }
            if not vals["mobile"] and not vals["phone"]:
                vals["phone"] = self._phone(rng, area)
            if state:
                vals["state_id"] = state.id
            if lang:
                vals["lang"] = lang
            vals_list.append(vals)
            meta.append({"key": key, "company": False, "group": "1"})
        for group, name, key, inn, small, mailbox in COMPANIES:
            town, zip_code, mro_key, _unit, area, _rural = SETTLEMENTS[key]
            streets = VLADIKAVKAZ_STREETS if key == "vladikavkaz" else DISTRICT_STREETS
            vals = {
                "is_company": True,
                "name": name,
                "sce_customer_group": group,
                "vat": inn,
                "street": f"{rng.choice(streets)}, д. {rng.randint(1, 90)}",
                "city": town,
                "zip": zip_code,
                "country_id": country.id,
                "phone": self._phone(rng, area),
                "mobile": self._mobile(rng) if small else False,
                "email": f"{mailbox}@example.com" if mailbox else False,
                "sce_is_small_business": small,
                "sce_preferred_answer_channel": "email" if mailbox else "post",
                "sce_home_mro_id": mros[mro_key].id,
            }
            if state:
                vals["state_id"] = state.id
            if lang:
                vals["lang"] = lang
            vals_list.append(vals)
            meta.append({"key": key, "company": True, "group": group})
        partners = self._create("res.partner", vals_list)
        customers = []
        for partner, info in zip(partners, meta, strict=True):
            info["partner"] = partner
            customers.append(info)
        self._xmlids(
            {f"res_partner_sce_demo_{i:02d}": c["partner"] for i, c in enumerate(customers, 1)}
        )
        return customers

    def _accounts(self, rng, customers, mros, units):
        mro_index = {key: i for i, key in enumerate(MRO_KEYS, start=1)}
        used_numbers = set()
        vals_list, meta = [], []
        for customer in customers:
            partner = customer["partner"]
            count = 1
            if customer["company"]:
                count = {"2": 2, "3": rng.choice([1, 1, 2]), "4": 1, "5": 2}[customer["group"]]
            elif rng.random() < 0.12:
                count = 2  # a summer house (дача) in a village
            for n in range(count):
                key = customer["key"]
                address = f"{partner.zip}, РСО-Алания, {partner.city}, {partner.street}"
                if n:
                    key = rng.choice([k for k, s in SETTLEMENTS.items() if s[3]])
                    town, zip_code = SETTLEMENTS[key][0], SETTLEMENTS[key][1]
                    if customer["company"]:
                        address = (
                            f"{zip_code}, РСО-Алания, {town}, "
                            f"{rng.choice(DISTRICT_STREETS)}, д. {rng.randint(1, 60)}"
                        )
                    else:
                        address = (
                            f"{zip_code}, РСО-Алания, {town}, СНТ «Дружба», "
                            f"участок {rng.randint(1, 200)}"
                        )
                mro_key = SETTLEMENTS[key][2]
                while True:
                    number = f"15{mro_index[mro_key]:02d}{rng.randint(0, 99999999):08d}"
                    if number not in used_numbers:
                        used_numbers.add(number)
                        break
                unit = units.get(key)
                vals_list.append(
                    {
                        "name": number,
                        "partner_id": partner.id,
                        "supply_address": address,
                        "mro_id": mros[mro_key].id,
                        "territorial_unit_id": unit.id if unit else False,
                        "contract_state": "active",
                        "contract_date": date(
                            rng.randint(2007, 2025), rng.randint(1, 12), rng.randint(1, 28)
                        ),
                    }
                )
                meta.append({"customer": customer, "key": key})
        # A few accounts in other contract states, for realism.
        other_states = {4: "suspended", 19: "suspended", 27: "draft", 33: "terminated"}
        for index, vals in enumerate(vals_list):
            state = other_states.get(index % 40)
            if state:
                vals["contract_state"] = state
                if state == "draft":
                    vals["contract_date"] = False
        records = self._create("sce.account", vals_list)
        accounts = []
        for record, info in zip(records, meta, strict=True):
            info["account"] = record
            info["rural"] = SETTLEMENTS[info["key"]][5]
            accounts.append(info)
        return accounts

    def _meters(self, rng, accounts):
        vals_list, meta = [], []
        for info in accounts:
            if info["account"].contract_state == "draft":
                continue
            commercial = info["customer"]["company"]
            model = rng.choice(COMMERCIAL_METERS if commercial else HOUSEHOLD_METERS)
            install = date(rng.randint(2012, 2024), rng.randint(1, 12), rng.randint(1, 28))
            vals_list.append(
                {
                    "name": f"{rng.randint(10**7, 10**8 - 1)}",
                    "model_name": model,
                    "account_id": info["account"].id,
                    "install_date": install,
                    "verification_date": install.replace(year=install.year + 16),
                }
            )
            meta.append(info)
        records = self._create("sce.meter", vals_list)
        meters = {}
        for record, info in zip(records, meta, strict=True):
            meters[info["account"].id] = record
        return meters

    def _tariff(self, info, day):
        group = info["customer"]["group"]
        if group in ("4", "5"):
            return RESALE_TARIFF
        if group in ("2", "3"):
            return COMMERCIAL_TARIFF
        tariffs = [price for start, price in HOUSEHOLD_TARIFFS if start <= day]
        tariff = tariffs[-1] if tariffs else HOUSEHOLD_TARIFFS[0][1]
        return round(tariff * RURAL_FACTOR, 2) if info["rural"] else tariff

    def _months_back(self, count):
        """The first days of the ``count`` months before the current one and of the
        current one, oldest first."""
        year, month = self.today.year, self.today.month
        months = []
        for _index in range(count + 1):
            months.append(date(year, month, 1))
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        return months[::-1]

    def _readings_and_moves(self, rng, accounts, meters):
        """Monthly readings on the 25th over the last thirteen months, charges for the
        closed months and payments a week or two later; a few debtors stop paying."""
        today = self.today
        months = self._months_back(13)
        reading_vals, move_vals = [], []
        for info in accounts:
            account = info["account"]
            meter = meters.get(account.id)
            if not meter:
                continue
            group = info["customer"]["group"]
            base = {
                "1": rng.uniform(140, 320),
                "2": rng.uniform(2500, 9000),
                "3": rng.uniform(1500, 14000),
                "4": rng.uniform(150000, 300000),
                "5": rng.uniform(400000, 900000),
            }[group]
            value = round(rng.uniform(3000, 40000) if group == "1" else base * 20, 0)
            reading_vals.append(
                {
                    "meter_id": meter.id,
                    "date": months[0].replace(day=25),
                    "value": value,
                    "source": "import",
                }
            )
            debtor = account.contract_state == "suspended" or rng.random() < 0.08
            for index, first_day in enumerate(months[1:]):
                months_ago = len(months) - 2 - index
                day = first_day.replace(day=25)
                if day > today:
                    continue
                consumption = round(base * SEASON[day.month] * rng.uniform(0.85, 1.15), 0)
                value += consumption
                reading_vals.append(
                    {
                        "meter_id": meter.id,
                        "date": day,
                        "value": value,
                        "source": rng.choice(READING_SOURCES) if group == "1" else "import",
                    }
                )
                month_end = (first_day + timedelta(days=32)).replace(day=1) - timedelta(days=1)
                if month_end >= today:
                    continue
                period = f"{day.year}-{day.month:02d}"
                amount = round(consumption * self._tariff(info, day), 2)
                move_vals.append(
                    {
                        "account_id": account.id,
                        "date": month_end,
                        "move_type": "charge",
                        "period": period,
                        "amount": amount,
                        "consumption_kwh": consumption,
                        "reference": f"Н-{account.name}-{period}",
                    }
                )
                pay_day = month_end + timedelta(days=rng.randint(5, 20))
                if pay_day > today or (debtor and months_ago <= 5):
                    continue
                paid = amount if rng.random() < 0.7 else round(amount / 100 + 0.5) * 100
                move_vals.append(
                    {
                        "account_id": account.id,
                        "date": pay_day,
                        "move_type": "payment",
                        "period": period,
                        "amount": paid,
                        "reference": f"П-{account.name}-{period}",
                    }
                )
        self._create("sce.meter.reading", reading_vals)
        self._create("sce.account.move", move_vals)

    def _slots(self, rng):
        """Receipt moments of the appeals: ``appeals_per_month`` in each of the last twelve
        months (the current one in proportion to its elapsed part) plus today's inflow.
        The first appeals of each month come through each channel family in turn (in person,
        remote, interactive), cycling through the family's channels so that every channel
        is used. Return (received, forced channel or None) pairs."""
        now = self.now
        families = {}
        for code in CHANNEL_WEIGHTS:
            family = self.env.ref(CHANNELS[code]).sce_service_form
            families.setdefault(family, []).append(code)
        cycles = {family: 0 for family in families}
        slots = []
        for first_day in self._months_back(11):
            start = datetime.combine(first_day, datetime.min.time()) - MSK
            next_month = (first_day + timedelta(days=32)).replace(day=1)
            end = min(datetime.combine(next_month, datetime.min.time()) - MSK, now)
            count = self.appeals_per_month
            if end == now:
                count = max(len(families), round(count * (end - start) / timedelta(days=30.4)))
            for index in range(count):
                forced = None
                if index < len(families):
                    family = sorted(families)[index]
                    codes = families[family]
                    forced = codes[cycles[family] % len(codes)]
                    cycles[family] += 1
                channel = forced or rng.choices(CHANNEL_CODES, CHANNEL_WEIGHT_LIST)[0]
                moment = start + (end - start) * rng.random()
                slots.append((self._office_receipt(rng, moment, channel, start, end), forced))
        for _index in range(max(3, self.appeals_per_month // 4)):  # today's inflow
            slots.append((now - timedelta(days=rng.uniform(0.01, 0.9)), None))
        return slots

    def _office_receipt(self, rng, moment, channel, start, end):
        """Appeals handed in at an office or by post arrive in office hours, not on Sunday."""
        if channel in IN_OFFICE_CHANNELS:
            local = moment + MSK
            if local.weekday() == 6:
                local -= timedelta(days=1)
            local = local.replace(hour=rng.randint(9, 17), minute=rng.randint(0, 59))
            if start <= local - MSK <= end:
                moment = local - MSK
        return moment.replace(microsecond=0)

    def _state_for_age(self, rng, age_days):
        for limit, weights in STATE_BY_AGE:
            if limit is None or age_days < limit:
                return rng.choices(list(weights), list(weights.values()))[0]
        return "closed"

    def _fit(self, rng, plan, forced):
        """Make state, kind and channel consistent with the workflow rules; a channel that
        was forced for coverage stays, the state or the kind gives way."""
        state, kind, channel = plan["state"], plan["kind"], plan["channel"]
        if state == "refused":
            kind = rng.choice(["complaint", "inquiry", "suggestion"])
            if channel not in REFUSAL_CHANNELS:
                if forced:
                    state = "closed"
                else:
                    channel = rng.choice(REFUSAL_CHANNELS)
        # the 30-minute callback cannot be extended: extended appeals came in writing
        if channel == "phone" and (
            state == "extended" or (state == "closed" and kind == "inquiry")
        ):
            if not forced:
                channel = rng.choice(["post", "central_office", "personal_cabinet"])
            elif state == "extended":
                state = "review"
            else:
                kind = "complaint"
        if state == "registered" and kind == "complaint":
            kind = "inquiry"  # complaints are routed to the router as soon as registered
        if state in OPEN_STATES and channel == "phone" and kind == "inquiry":
            # a phone inquiry is answered within the call or by a 30-minute callback
            if state == "registered":
                kind = "service_request"
            elif rng.random() < 0.85:
                kind = "complaint"
        plan.update(state=state, kind=kind, channel=channel)

    def _appeals(self, rng, customers, accounts, meters):
        """A year of appeals over every channel, kind and state."""
        now = self.now
        teams = {key: self.env.ref(X + xmlid) for key, xmlid in TEAM_XMLIDS.items()}
        team_user = {key: self.env.ref(f"{X}user_sce_{login}") for key, login in TEAM_USERS.items()}
        plans = self._appeal_plans(rng, customers)
        vals_list = self._appeal_vals(rng, plans, accounts, meters, team_user)
        tickets = self._create("helpdesk.ticket", vals_list)
        for plan, ticket in zip(plans, tickets, strict=True):
            plan["ticket"] = ticket
        _logger.info("sce demo: %s appeals created", len(tickets))
        self._assign(plans, teams, team_user)
        self._extend(rng, plans, now)
        self._progress(rng, plans, now)
        self._refuse(rng, plans, now)
        self._justify(rng, plans)
        tickets._sce_refresh_deadline_state()
        # as the hourly cron would have: reminders before deadlines, breaches escalated
        self.env["helpdesk.ticket"]._cron_sce_deadlines()
        return tickets

    def _appeal_plans(self, rng, customers):
        """What each appeal is: receipt time, state (by age), channel, kind, topic and
        customer; sorted by receipt so that registration numbers follow the dates."""
        kinds = list(KIND_WEIGHTS)
        kind_weights = list(KIND_WEIGHTS.values())
        # households appeal most; resellers and grid organisations seldom
        customer_weights = [{"1": 3, "2": 2, "3": 2}.get(c["group"], 1) for c in customers]
        individuals = [c for c in customers if c["group"] == "1"]
        plans = []
        forced_count = 0
        for received, forced in self._slots(rng):
            age = (self.now - received).total_seconds() / 86400
            if forced:
                kind = kinds[forced_count % len(kinds)]  # every kind in every season
                forced_count += 1
                channel = forced
            else:
                kind = rng.choices(kinds, kind_weights)[0]
                channel = rng.choices(CHANNEL_CODES, CHANNEL_WEIGHT_LIST)[0]
            plan = {
                "received": received,
                "age": age,
                "forced": forced,
                "state": self._state_for_age(rng, age),
                "kind": kind,
                "channel": channel,
            }
            self._fit(rng, plan, forced)
            plans.append(plan)
        self._cover_states(rng, plans)
        anonymous_left = 2
        for plan in plans:
            anonymous = False
            if (
                plan["state"] == "refused"
                and anonymous_left
                and plan["channel"]
                in (
                    "post",
                    "client_box",
                )
            ):
                anonymous, anonymous_left = "no_contact", anonymous_left - 1
            elif plan["channel"] == "phone" and rng.random() < 0.2:
                anonymous = "guest"  # a caller who gave only a name
            customer = None if anonymous else rng.choices(customers, customer_weights)[0]
            topics = self._topics(plan["kind"], customer)
            if not topics:
                customer = rng.choice(individuals)
                topics = self._topics(plan["kind"], customer)
            plan.update(topic=rng.choice(topics), customer=customer, anonymous=anonymous)
        plans.sort(key=lambda p: p["received"])
        return plans

    def _cover_states(self, rng, plans):
        """Every workflow state is present whatever the volume: a missing state is given
        to an appeal of a fitting age."""
        for state, (low, high) in STATE_AGES.items():
            if any(plan["state"] == state for plan in plans):
                continue
            candidates = [
                plan
                for plan in plans
                if low <= plan["age"] < high and not plan["forced"] and plan["channel"] != "phone"
            ]
            if state == "refused":
                candidates = [p for p in candidates if p["channel"] in REFUSAL_CHANNELS]
            if candidates:
                plan = rng.choice(candidates)
                plan["state"] = state
                self._fit(rng, plan, plan["forced"])

    def _appeal_vals(self, rng, plans, accounts, meters, team_user):
        channels = {code: self.env.ref(xmlid) for code, xmlid in CHANNELS.items()}
        categories = {
            key: self.env.ref(X + "helpdesk_ticket_category_" + key) for key in CATEGORY_TEAM
        }
        accounts_by_partner = {}
        for info in accounts:
            accounts_by_partner.setdefault(info["customer"]["partner"].id, []).append(info)
        vals_list = []
        for plan in plans:
            kind, category_key, _who, title, description, _resolving = plan["topic"]
            customer = plan["customer"]
            account_info = None
            if customer:
                account_info = rng.choice(accounts_by_partner[customer["partner"].id])
            ctx = self._topic_context(rng, plan, account_info, meters)
            plan["ctx"] = ctx
            vals = {
                "name": title.format(**ctx),
                "description": Markup("<p>%s</p>") % description.format(**ctx),
                "channel_id": channels[plan["channel"]].id,
                "appeal_kind": kind,
                "date_received": plan["received"],
                "answer_user_id": team_user[CATEGORY_TEAM[category_key]].id,
                "priority": "1",
            }
            if plan["state"] != "registered":
                vals["category_id"] = categories[category_key].id
            if customer:
                partner = customer["partner"]
                account = account_info["account"]
                vals.update(
                    {
                        "partner_id": partner.id,
                        "partner_name": partner.name,
                        "partner_email": partner.email or False,
                        "account_id": account.id,
                        "mro_id": account.mro_id.id,
                        "territorial_unit_id": account.territorial_unit_id.id,
                    }
                )
                if partner.sce_needs_priority:
                    vals["priority"] = "2"
            elif plan["anonymous"] == "guest":
                name, email = rng.choice(ANONYMOUS)
                vals.update({"partner_name": name, "partner_email": email})
            if kind == "complaint" and category_key == "restriction":
                vals["priority"] = "3"
            vals_list.append(vals)
        return vals_list

    def _topics(self, kind, customer):
        """The topics of ``kind`` that fit the customer: resellers and grid organisations
        (groups 4 and 5) write about contracts, charges and payments only."""
        if not customer:
            who_ok = ("any",)
        elif customer["company"]:
            who_ok = ("any", "company")
        else:
            who_ok = ("any", "person")
        topics = [t for t in TOPICS if t[0] == kind and t[2] in who_ok]
        if customer and customer["group"] in ("4", "5"):
            topics = [t for t in topics if t[2] == "company" or t[1] in ("billing", "payment")]
        return topics

    def _topic_context(self, rng, plan, account_info, meters):
        received = plan["received"]
        previous = (received.replace(day=1) - timedelta(days=1)).month
        street = rng.choice(DISTRICT_STREETS + VLADIKAVKAZ_STREETS)
        settlement = SETTLEMENTS[rng.choice(list(SETTLEMENTS))][0]
        ctx = topic_placeholders(rng, previous, street, settlement)
        if account_info:
            account = account_info["account"]
            meter = meters.get(account.id)
            ctx.update(
                {
                    "account": account.name,
                    "meter": meter.name if meter else "—",
                    "address": account.supply_address,
                    # supply address: "zip, РСО-Алания, settlement, street, house"
                    "street": account.supply_address.split(", ")[3],
                    "settlement": account.supply_address.split(", ")[2],
                }
            )
        return ctx

    def _assign(self, plans, teams, team_user):
        """Complaints past routing went from the router to the competent department; every
        classified appeal has its specialist."""
        groups = {}
        for plan in plans:
            category_team = CATEGORY_TEAM[plan["topic"][1]]
            if plan["state"] == "registered":
                team_key = "front_office"
            elif plan["kind"] == "complaint" and plan["state"] == "routed":
                team_key = "complaint_router"
            else:
                team_key = category_team
            groups.setdefault(team_key, []).append(plan["ticket"].id)
        for team_key, ids in groups.items():
            self.env["helpdesk.ticket"].browse(ids).write(
                {"team_id": teams[team_key].id, "user_id": team_user[team_key].id}
            )

    def _extend(self, rng, plans, now):
        """Extended appeals (POST-3): all in the 'extended' state and some closed later."""
        for plan in plans:
            ticket = plan["ticket"]
            wanted = plan["state"] == "extended" or (
                plan["state"] == "closed" and plan["kind"] != "inquiry" and rng.random() < 0.08
            )
            limit = ticket.sla_policy_id.extension_limit
            if not wanted or not limit or not ticket.deadline_answer or not ticket.partner_id:
                continue
            original = ticket.deadline_answer
            ticket._sce_extend(rng.randint(min(5, limit), limit), rng.choice(EXTENSION_REASONS))
            span = max(min(original, now) - ticket.date_received, timedelta(hours=2))
            extended_on = ticket.date_received + span * rng.uniform(0.6, 0.95)
            plan["extended_on"] = extended_on.replace(microsecond=0)
            plan["original_deadline"] = original

    def _answer_texts(self, plan):
        kind, category_key, _who, title, _description, resolving = plan["topic"]
        ctx = plan["ctx"]
        ticket = plan["ticket"]
        received = (ticket.date_received + MSK).strftime("%d.%m.%Y")
        stating = Markup("<p>%s</p><p>%s</p>") % (
            f"Ваше обращение № {ticket.number} от {received} по вопросу "
            f"«{title.format(**ctx)}» рассмотрено.",
            CATEGORY_FACTS[category_key].format(**ctx),
        )
        return stating, Markup("<p>%s</p>") % resolving.format(**ctx)

    def _progress(self, rng, plans, now):
        """Move appeals to their states, then write realistic dates and the answers."""
        tickets = self.env["helpdesk.ticket"]
        by_state = {}
        for plan in plans:
            by_state.setdefault(plan["state"], tickets)
            by_state[plan["state"]] |= plan["ticket"]
        stage = tickets._sce_stage
        for state in ("review", "answered", "closed"):
            if by_state.get(state):
                by_state[state].write({"stage_id": stage(state).id})
        for plan in plans:
            ticket, state = plan["ticket"], plan["state"]
            received = ticket.date_received
            phone = plan["channel"] == "phone"
            vals = {}
            if state != "registered":
                if phone:
                    routed = received + timedelta(minutes=rng.randint(1, 5))
                else:
                    routed = self._office_time(
                        rng,
                        received + timedelta(minutes=rng.randint(15, 20 * 60)),
                        received + timedelta(minutes=5),
                        now,
                    )
                vals["date_routed"] = min(routed, now)
                vals["assigned_date"] = vals["date_routed"]
            if plan.get("extended_on"):
                vals["extension_date"] = plan["extended_on"]
            if state in ("answered", "closed"):
                answered = self._answer_moment(rng, plan, now)
                floor = vals["date_routed"] + timedelta(minutes=5)
                ceiling = now - timedelta(minutes=5)
                deadline = ticket.deadline_answer
                if deadline and answered > deadline:
                    floor = max(floor, deadline + timedelta(minutes=1))  # stays late
                elif deadline:
                    ceiling = min(ceiling, deadline)  # stays on time
                if phone and plan["kind"] == "inquiry":
                    answered = min(max(answered, floor), ceiling).replace(microsecond=0)
                else:
                    answered = self._office_time(rng, answered, floor, ceiling)
                stating, resolving = self._answer_texts(plan)
                vals.update(
                    {
                        "date_answered": answered,
                        "answer_sent_date": answered,
                        "answer_stating": stating,
                        "answer_resolving": resolving,
                        "last_stage_update": answered,
                    }
                )
                if state == "closed":
                    closed = self._office_time(
                        rng,
                        answered + timedelta(hours=rng.randint(1, 72)),
                        answered + timedelta(minutes=10),
                        now,
                    )
                    vals.update({"closed_date": closed, "last_stage_update": closed})
            elif state in ("routed", "review", "extended"):
                vals["last_stage_update"] = self._office_time(
                    rng,
                    vals["date_routed"] + timedelta(hours=rng.randint(1, 30)),
                    vals["date_routed"],
                    now,
                )
            if vals:
                ticket.write(vals)

    def _office_time(self, rng, moment, floor, ceiling):
        """``moment`` moved into office hours (9:00–18:00 Moscow time, Monday to Friday)
        of its day or of the Friday before, if that stays between ``floor`` and
        ``ceiling``; otherwise ``moment`` kept within them."""
        local = moment + MSK
        if local.weekday() >= 5:
            local -= timedelta(days=local.weekday() - 4)
        local = local.replace(
            hour=rng.randint(9, 17),
            minute=rng.randint(0, 59),
            second=rng.randint(0, 59),
            microsecond=0,
        )
        candidate = local - MSK
        if floor <= candidate <= ceiling:
            return candidate
        return min(max(moment, floor), ceiling).replace(microsecond=0)

    def _answer_moment(self, rng, plan, now):
        ticket = plan["ticket"]
        received, deadline = ticket.date_received, ticket.deadline_answer
        if not deadline:
            return received + timedelta(days=rng.uniform(1, 5))
        if plan["channel"] == "phone" and plan["kind"] == "inquiry":
            late = rng.random() < 0.1
            return received + timedelta(minutes=rng.randint(35, 90) if late else rng.randint(3, 25))
        if deadline < now - timedelta(hours=6) and rng.random() < 0.12:
            overrun = min((now - deadline).total_seconds() / 86400, 5)
            return deadline + timedelta(days=rng.uniform(0.1, overrun))
        if plan.get("original_deadline"):
            start = plan["original_deadline"]
            return start + (min(deadline, now) - start) * rng.uniform(0.2, 0.9)
        return received + (min(deadline, now) - received) * rng.uniform(0.15, 0.9)

    def _refuse(self, rng, plans, now):
        """POST-4 refusals through the real action: the anonymous letters without contact
        data get no answer; the others get the refusal letter (rendered as PDF)."""
        grounds = ["obscene", "repeated", "unreadable"]
        comments = {
            "obscene": "Текст обращения содержит нецензурные выражения и угрозы в адрес "
            "сотрудников.",
            "repeated": "Ответ по существу дан ранее; новых доводов обращение не содержит.",
            "unreadable": "Текст письма не поддаётся прочтению.",
            "no_contact": "Анонимное письмо без подписи и обратного адреса.",
        }
        for plan in plans:
            if plan["state"] != "refused":
                continue
            ticket = plan["ticket"]
            if plan["anonymous"] == "no_contact":
                ground = "no_contact"
            else:
                ground = grounds[0]
                grounds.append(grounds.pop(0))
            try:
                with self.env.cr.savepoint():
                    ticket._sce_refuse(ground, comments[ground])
            except Exception:  # noqa: BLE001 - a demo must install without a PDF engine
                _logger.warning(
                    "sce demo: refusal letter of %s not rendered", ticket.number, exc_info=True
                )
                ticket.write(
                    {
                        "refusal_ground": ground,
                        "refusal_comment": comments[ground],
                        "stage_id": ticket._sce_stage("refused").id,
                    }
                )
            answered = self._office_time(
                rng,
                ticket.date_received + timedelta(days=rng.uniform(0.5, 4)),
                ticket.date_received + timedelta(hours=1),
                now,
            )
            ticket.write(
                {"date_answered": answered, "closed_date": answered, "last_stage_update": answered}
            )

    def _justify(self, rng, plans):
        """About a quarter of the answered complaints are justified (GEN-5)."""
        out_of_court = self.env["helpdesk.ticket"]
        court = []
        for plan in plans:
            if plan["kind"] != "complaint" or plan["state"] not in ("answered", "closed"):
                continue
            if "не установлено" in plan["topic"][5]:
                continue  # the answer found no fault of the supplier
            roll = rng.random()
            if roll < 0.04:
                court.append(plan["ticket"])
            elif roll < 0.28:
                out_of_court |= plan["ticket"]
        out_of_court.write({"justified": True, "justified_basis": "out_of_court"})
        for ticket in court:
            ticket.write(
                {
                    "justified": True,
                    "justified_basis": "court",
                    "justified_reference": f"Решение мирового судьи судебного участка № "
                    f"{rng.randint(1, 30)} г. Владикавказа по делу № 2-{rng.randint(100, 2999)}"
                    f"/{ticket.date_received.year}",
                }
            )
