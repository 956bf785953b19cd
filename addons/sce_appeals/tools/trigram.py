"""GIN trigram indexes that keep ``ilike '%fragment%'`` lookups indexed (GEN-3)."""

import logging

import psycopg2

from odoo.modules.db import FunctionStatus
from odoo.tools import sql

_logger = logging.getLogger(__name__)


def _pg_trgm_available(cr):
    """Install pg_trgm if we may; a database user without the right keeps working."""
    try:
        with cr.savepoint(flush=False):
            cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except psycopg2.Error as exc:
        _logger.info("pg_trgm could not be installed (%s): fragment search is not indexed", exc)
    cr.execute("SELECT 1 FROM pg_opclass WHERE opcname = 'gin_trgm_ops'")
    return bool(cr.fetchone())


def ensure_trigram_indexes(env, table, columns):
    """Create ``<table>_sce_<column>_trgm_idx`` for each column, the way the ORM builds
    ``ilike`` conditions (through ``unaccent`` when it is installed and indexable)."""
    cr = env.cr
    if not _pg_trgm_available(cr):
        return False
    for column in columns:
        expression = f'"{column}"'
        if env.registry.has_unaccent == FunctionStatus.INDEXABLE:
            expression = env.registry.unaccent(expression)
        try:
            with cr.savepoint(flush=False):
                sql.create_index(
                    cr,
                    f"{table}_sce_{column}_trgm_idx",
                    table,
                    [f"{expression} gin_trgm_ops"],
                    "gin",
                )
        except psycopg2.Error as exc:
            _logger.warning("Trigram index on %s.%s not created: %s", table, column, exc)
    return True
