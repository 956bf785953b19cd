from .phone import normalize_phone
from .trigram import ensure_trigram_indexes
from .working_days import add_working_days, next_working_day, working_day_predicate
