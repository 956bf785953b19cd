from .phone import normalize_phone
from .working_days import add_working_days, next_working_day, working_day_predicate
from .trigram import ensure_trigram_indexes
