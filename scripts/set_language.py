"""Make Russian the language of every user and customer of a database.

Usage: python set_language.py ODOO_CONF DB
"""

import sys

import odoo
from odoo.api import Environment
from odoo.modules.registry import Registry


def main(conf, db):
    odoo.tools.config.parse_config(["-c", conf])
    registry = Registry(db)
    with registry.cursor() as cr:
        env = Environment(cr, odoo.SUPERUSER_ID, {})
        env["res.lang"]._activate_lang("ru_RU")
        users = env["res.users"].with_context(active_test=False).search([])
        users.write({"lang": "ru_RU", "tz": "Europe/Moscow"})
        env["res.partner"].with_context(active_test=False).search([]).write({"lang": "ru_RU"})
        env["ir.default"].set("res.partner", "lang", "ru_RU")
        if "website" in env:  # the public site (WEB-1) speaks Russian to every visitor
            russian = env["res.lang"]._lang_get("ru_RU")
            env["website"].search([]).write(
                {"language_ids": [(4, russian.id)], "default_lang_id": russian.id}
            )


if __name__ == "__main__":
    main(*sys.argv[1:3])
