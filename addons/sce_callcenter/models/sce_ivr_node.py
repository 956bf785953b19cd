from contextlib import contextmanager

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# Table 6 of the standard (CC-4): 4 + 1 levels, the fifth being the operator; at most
# 4 positions a level; at most 15 s of information a level; the operator within 40 s.
MAX_MENU_LEVEL = 4
OPERATOR_LEVEL = MAX_MENU_LEVEL + 1
MAX_POSITIONS = 4
MAX_PROMPT_SECONDS = 15
MAX_SECONDS_TO_OPERATOR = 40
BACK_KEY = "*"
MAIN_MENU_KEY = "#"
NAVIGATION = ("back", "main_menu")
KEYS = [(str(digit), str(digit)) for digit in range(10)] + [("*", "*"), ("#", "#")]
SELF_SERVICES = [
    ("meter_reading", "Meter reading"),
    ("debt", "Debt of the account"),
    ("contract_stage", "Stage of the contract application"),
]


class SceIvrNode(models.Model):
    """A node of the IVR menu tree (CC-4, CC-5): the main menu is a root, its items are
    submenus, information, self-service or the operator, each on a key. The tree keeps
    the limits of the standard's Table 6 and is exported as JSON for the PBX."""

    _name = "sce.ivr.node"
    _description = "IVR menu node"
    _parent_store = True
    _order = "parent_path, sequence, key, id"

    name = fields.Char(required=True)
    code = fields.Char(
        help="Of a main menu: how the PBX asks for it (the export names it so).",
    )
    parent_id = fields.Many2one(
        "sce.ivr.node", string="Parent menu", index=True, ondelete="cascade"
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("sce.ivr.node", "parent_id", string="Items")
    sequence = fields.Integer(default=10)
    key = fields.Selection(
        KEYS,
        help="The tone key that chooses this item in its menu.",
    )
    node_type = fields.Selection(
        [
            ("menu", "Menu"),
            ("info", "Information"),
            ("self_service", "Self-service"),
            ("operator", "Operator"),
            ("back", "Back"),
            ("main_menu", "Main menu"),
        ],
        string="Type",
        required=True,
        default="menu",
    )
    prompt = fields.Text(help="What the IVR says on this node.")
    prompt_duration = fields.Integer(
        string="Prompt (s)",
        help="How long the prompt lasts, in seconds: at most 15 a level (Table 6).",
    )
    queue = fields.Char(
        help="Of an operator item (and of the main menu, for callers without tone dialing): "
        "the PBX queue that takes the call.",
    )
    service = fields.Selection(SELF_SERVICES, string="Self-service")
    level = fields.Integer(compute="_compute_level", help="1 for the main menu.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "Another main menu of the company has this code.",
        ),
        (
            "prompt_duration_positive",
            "CHECK(prompt_duration >= 0)",
            "A prompt cannot last less than nothing.",
        ),
    ]

    @api.depends("parent_path")
    def _compute_level(self):
        for node in self:
            node.level = (
                len((node.parent_path or "").strip("/").split("/")) if node.parent_path else 1
            )

    # ------------------------------------------------------------------ CRUD

    @contextmanager
    def _sce_tree_change(self):
        """Items given with their menu (one form, nested commands) are created by nested
        calls: the tree is checked once, when the outermost change is done. The depth
        lives on the cursor, not in the context a client could set."""
        cr = self.env.cr
        depth = getattr(cr, "_sce_ivr_depth", 0)
        cr._sce_ivr_depth = depth + 1
        try:
            yield depth == 0
        finally:
            cr._sce_ivr_depth = depth

    @api.model_create_multi
    def create(self, vals_list):
        with self._sce_tree_change() as outermost:
            nodes = super().create(vals_list)
            nodes._sce_add_navigation()
        if outermost:
            (nodes | nodes.parent_id)._sce_check_trees()
        return nodes

    def write(self, vals):
        with self._sce_tree_change() as outermost:
            result = super().write(vals)
            if "node_type" in vals or "parent_id" in vals:
                self._sce_add_navigation()
        if outermost:
            self._sce_check_trees()
        return result

    def _sce_add_navigation(self):
        """Every submenu gets its "back" and "main menu" items (Table 6: from any position
        back to the previous level or to the root)."""
        submenus = self.filtered(lambda n: n.node_type == "menu" and n.parent_id)
        # Named in the administrator's language, also when no language is in the context.
        nav_env = self.with_context(lang=self.env.lang or self.env.user.lang).env
        navigation = [
            {
                "name": nav_env._("Back") if kind == "back" else nav_env._("Main menu"),
                "parent_id": menu.id,
                "node_type": kind,
                "key": BACK_KEY if kind == "back" else MAIN_MENU_KEY,
                "sequence": 90 if kind == "back" else 91,
                "company_id": menu.company_id.id,
            }
            for menu in submenus
            for kind in NAVIGATION
            if not menu.child_ids.filtered(lambda c, kind=kind: c.node_type == kind)
        ]
        if navigation:
            self.create(navigation)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_navigation(self):
        doomed = self.ids
        for node in self.filtered(lambda n: n.node_type in NAVIGATION):
            if node.parent_id and node.parent_id.id not in doomed:
                raise UserError(
                    self.env._(
                        "The item “%(item)s” of the menu “%(menu)s” cannot be deleted: every "
                        "level must let the caller go back and return to the main menu "
                        "(Table 6 of the standard).",
                        item=node.name,
                        menu=node.parent_id.name,
                    )
                )

    def unlink(self):
        roots = self.browse({node._sce_root().id for node in self}) - self
        with self._sce_tree_change() as outermost:
            result = super().unlink()
        if outermost:
            roots.exists()._sce_check_trees()
        return result

    # ------------------------------------------------------------------ the rules

    def _sce_root(self):
        self.ensure_one()
        return self.browse(int(self.parent_path.split("/")[0])) if self.parent_path else self

    def _sce_check_trees(self):
        """Check the whole trees of these nodes against Table 6; the first broken rule is
        raised as a clear error."""
        self.flush_model()
        roots = self.browse({node._sce_root().id for node in self.exists()})
        for root in roots.filtered("active"):
            errors = root._sce_tree_errors()
            if errors:
                raise ValidationError("\n".join(errors))

    def _sce_tree_errors(self):
        """Every rule of Table 6 this tree (``self``: its main menu) breaks, in Russian for
        a Russian administrator."""
        self.ensure_one()
        errors = []
        if self.node_type != "menu":
            errors.append(self.env._("The main menu “%(menu)s” must be a menu.", menu=self.name))
        if not self.queue:
            errors.append(
                self.env._(
                    "The main menu “%(menu)s” needs the queue of callers without tone "
                    "dialing: they wait for an operator (Table 6).",
                    menu=self.name,
                )
            )
        nodes = self.search([("id", "child_of", self.id)])
        for node in nodes:
            items = node.child_ids.filtered("active")
            positions = items.filtered(lambda n: n.node_type not in NAVIGATION)
            if node.prompt_duration > MAX_PROMPT_SECONDS:
                errors.append(
                    self.env._(
                        "“%(node)s”: the prompt lasts %(seconds)s s; at most %(limit)s s of "
                        "information a level (Table 6).",
                        node=node.name,
                        seconds=node.prompt_duration,
                        limit=MAX_PROMPT_SECONDS,
                    )
                )
            if node.node_type == "menu" and node.level > MAX_MENU_LEVEL:
                errors.append(
                    self.env._(
                        "“%(node)s” would be a menu on level %(level)s: at most %(limit)s "
                        "levels of menus, the fifth is the connection with an operator "
                        "(Table 6).",
                        node=node.name,
                        level=node.level,
                        limit=MAX_MENU_LEVEL,
                    )
                )
            if node.level >= OPERATOR_LEVEL and node.node_type not in ("operator", *NAVIGATION):
                errors.append(
                    self.env._(
                        "“%(node)s”: the fifth level is only the connection with an operator "
                        "(Table 6).",
                        node=node.name,
                    )
                )
            if node.node_type != "menu" and items:
                errors.append(
                    self.env._("“%(node)s” is not a menu and cannot have items.", node=node.name)
                )
            if node.node_type == "operator" and not node.queue:
                errors.append(
                    self.env._("The operator item “%(node)s” needs its queue.", node=node.name)
                )
            if node.node_type == "self_service" and not node.service:
                errors.append(
                    self.env._(
                        "The self-service item “%(node)s” needs its service.", node=node.name
                    )
                )
            if node.parent_id and not node.key:
                errors.append(self.env._("The item “%(node)s” needs its key.", node=node.name))
            if node.node_type in NAVIGATION and not node.parent_id:
                errors.append(
                    self.env._("“%(node)s” can only be an item of a menu.", node=node.name)
                )
            if node.node_type != "menu":
                continue
            if len(positions) > MAX_POSITIONS:
                errors.append(
                    self.env._(
                        "The menu “%(menu)s” has %(count)s items: at most %(limit)s a level "
                        "(Table 6).",
                        menu=node.name,
                        count=len(positions),
                        limit=MAX_POSITIONS,
                    )
                )
            keys = [item.key for item in items if item.key]
            if len(keys) != len(set(keys)):
                errors.append(
                    self.env._("Two items of the menu “%(menu)s” share a key.", menu=node.name)
                )
            for item in positions:
                if item.key in (BACK_KEY, MAIN_MENU_KEY):
                    errors.append(
                        self.env._(
                            "“%(item)s”: the keys * and # are “back” and “main menu” on every "
                            "level.",
                            item=item.name,
                        )
                    )
            if node.parent_id:
                for kind, label in (
                    ("back", self.env._("back")),
                    ("main_menu", self.env._("main menu")),
                ):
                    if not items.filtered(lambda i, kind=kind: i.node_type == kind):
                        errors.append(
                            self.env._(
                                "The menu “%(menu)s” has no “%(item)s” item: the caller must "
                                "be able to go back or to the main menu from any level "
                                "(Table 6).",
                                menu=node.name,
                                item=label,
                            )
                        )
        seconds = self._sce_seconds_to_operator()
        if seconds is None:
            errors.append(
                self.env._("The menu “%(menu)s” offers no way to an operator.", menu=self.name)
            )
        elif seconds > MAX_SECONDS_TO_OPERATOR:
            errors.append(
                self.env._(
                    "From the main menu “%(menu)s” the nearest operator takes %(seconds)s s "
                    "of prompts: at most %(limit)s s (CC-4).",
                    menu=self.name,
                    seconds=seconds,
                    limit=MAX_SECONDS_TO_OPERATOR,
                )
            )
        return list(dict.fromkeys(errors))

    def _sce_seconds_to_operator(self):
        """Seconds of menu prompts a caller hears before the nearest operator item of
        this menu, or None when there is none."""
        self.ensure_one()
        items = self.child_ids.filtered("active")
        if items.filtered(lambda n: n.node_type == "operator"):
            return self.prompt_duration
        below = [
            seconds
            for item in items.filtered(lambda n: n.node_type == "menu")
            if (seconds := item._sce_seconds_to_operator()) is not None
        ]
        return self.prompt_duration + min(below) if below else None

    # ------------------------------------------------------------------ export

    def _sce_export(self):
        """The menu tree as the PBX reads it (``self``: a main menu)."""
        self.ensure_one()
        return {
            "menu": self.code or str(self.id),
            "name": self.name,
            "version": fields.Datetime.to_string(
                max(self.search([("id", "child_of", self.id)]).mapped("write_date"))
            ),
            "navigation": {"back": BACK_KEY, "main_menu": MAIN_MENU_KEY},
            "no_input": {"action": "operator", "queue": self.queue or ""},
            "limits": {
                "levels": f"{MAX_MENU_LEVEL}+1",
                "positions": MAX_POSITIONS,
                "prompt_seconds": MAX_PROMPT_SECONDS,
                "seconds_to_operator": MAX_SECONDS_TO_OPERATOR,
            },
            "root": self._sce_export_node(),
        }

    def _sce_export_node(self):
        self.ensure_one()
        node = {
            "id": self.id,
            "key": self.key or None,
            "type": self.node_type,
            "name": self.name,
            "prompt": self.prompt or "",
            "prompt_seconds": self.prompt_duration,
        }
        if self.node_type == "operator":
            node["queue"] = self.queue
        if self.node_type == "self_service":
            node["service"] = self.service
            node["endpoint"] = f"/sce/cti/v1/self-service/{self.service.replace('_', '-')}"
        if self.node_type == "menu":
            node["items"] = [item._sce_export_node() for item in self.child_ids.filtered("active")]
        return node

    def action_download_json(self):
        """The administrator's download of the menu tree as JSON for the PBX."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/sce/callcenter/ivr/{self._sce_root().id}/menu.json",
            "target": "self",
        }
