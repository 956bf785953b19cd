from .phone import normalize_phone
from .trigram import ensure_trigram_indexes
