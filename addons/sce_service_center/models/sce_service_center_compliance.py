import math

from odoo import api, fields, models

# Equipment and furniture of the standard's Table 3 (SC-3).
EQUIPMENT_ITEMS = [
    ("electronic_queue", "Electronic queue system"),
    ("pc", "Personal computer"),
    ("phone", "Telephone set"),
    ("mfp", "Multifunction copier-printer"),
    ("scanner", "High-speed scanner"),
    ("color_printer", "Colour printer"),
    ("display", "Visual information display"),
    ("cash_register", "Cash register or payment terminal"),
    ("desk", "Desk with a pedestal"),
    ("office_chair", "Office chair"),
    ("wardrobe", "Wardrobe"),
    ("document_cabinet", "Document cabinet"),
    ("visitor_chair", "Visitor chair"),
    ("visitor_desk", "Visitor desk"),
    ("safe", "Safe"),
    ("equipment_stand", "Office equipment stand"),
    ("info_stand", "Wall information stand"),
]
# Minimal speed (pages per minute, black and white) for a device to count (Table 3)
MIN_SPEED_PPM = {"mfp": 25, "scanner": 34}
CHECK_CATEGORIES = [
    ("location", "Location and parking"),
    ("equipment", "Equipment and furniture"),
    ("premises", "Premises"),
]
# Fields of the center whose change makes its checks stale
COMPLIANCE_FACTS = (
    "tier",
    "transport_distance_m",
    "parking_client_places",
    "parking_staff_places",
    "accessible",
    "staff_administrator_count",
    "staff_consultant_count",
    "staff_cashier_count",
    "staff_other_count",
    "partner_company_ids",
    "offered_service_ids",
    "average_queue_length",
    "equipment_ids",
    "service_zone_area",
    "waiting_area",
    "entrance_area",
    "cash_room_area",
    "meal_room_area",
    "buffet_area",
    "buffet_seats",
    "meeting_room_seats",
    "meeting_room_area",
    "meeting_room_av",
    "corridor_width",
    "new_construction",
    "ceiling_height",
    "corridor_height",
    "residential_building",
)


class SceServiceCenter(models.Model):
    """The register facts of a center (SC-1) and its compliance with the standard's
    norms of equipment (SC-3, Table 3), premises (SC-4), transport and parking."""

    _inherit = "sce.service.center"

    latitude = fields.Float(digits=(10, 7))
    longitude = fields.Float(digits=(10, 7))
    transport_distance_m = fields.Integer(
        string="Distance to public transport (m)",
        help="Walking distance to the nearest public-transport stop.",
    )
    parking_client_places = fields.Integer(string="Free parking places for visitors")
    parking_staff_places = fields.Integer(string="Parking places for staff")
    accessible = fields.Boolean(
        string="Accessible to people with disabilities",
        help="Step-free entrance (ramp or lift) and a route inside for wheelchair users.",
    )
    staff_administrator_count = fields.Integer(string="Administrators")
    staff_consultant_count = fields.Integer(string="Managers-consultants")
    staff_cashier_count = fields.Integer(string="Cashiers")
    staff_other_count = fields.Integer(
        string="Other staff", help="Back office, head of the center, partner companies' staff."
    )
    staff_count = fields.Integer(compute="_compute_staff_count", store=True, string="Staff")
    serving_staff_count = fields.Integer(
        compute="_compute_staff_count",
        store=True,
        string="Staff serving visitors",
        help="Administrators, managers-consultants and cashiers.",
    )
    partner_company_ids = fields.Many2many(
        "res.partner",
        "sce_service_center_partner_company_rel",
        "center_id",
        "partner_id",
        string="Partner companies present",
        domain=[("is_company", "=", True)],
    )
    offered_service_ids = fields.Many2many("sce.center.offered.service", string="Services offered")
    average_queue_length = fields.Float(
        digits=(6, 1), help="Visitors waiting at an average moment; sets the visitor chairs."
    )
    equipment_ids = fields.One2many(
        "sce.service.center.equipment", "center_id", string="Equipment and furniture"
    )
    service_zone_area = fields.Float(string="Service zone (m²)", digits=(8, 2))
    waiting_area = fields.Float(string="Waiting area (m²)", digits=(8, 2))
    entrance_area = fields.Float(string="Entrance group (m²)", digits=(8, 2))
    cash_room_area = fields.Float(string="Cash room (m²)", digits=(8, 2))
    meal_room_area = fields.Float(string="Meal room (m²)", digits=(8, 2))
    buffet_area = fields.Float(string="Buffet (m²)", digits=(8, 2))
    buffet_seats = fields.Integer()
    meeting_room_seats = fields.Integer()
    meeting_room_area = fields.Float(string="Meeting room (m²)", digits=(8, 2))
    meeting_room_av = fields.Boolean(string="Meeting room with audio-visual equipment")
    corridor_width = fields.Float(string="Narrowest corridor (m)", digits=(4, 2))
    new_construction = fields.Boolean(
        help="A new building: corridors of 1.4 m; 1.2 m after a reconstruction."
    )
    ceiling_height = fields.Float(string="Lowest room height (m)", digits=(4, 2))
    corridor_height = fields.Float(string="Lowest corridor or hall height (m)", digits=(4, 2))
    residential_building = fields.Boolean(
        string="In a residential or administrative building",
        help="Heights of 2.2 m are allowed then.",
    )
    check_ids = fields.One2many(
        "sce.service.center.check", "center_id", string="Compliance checks", readonly=True
    )
    check_failed_count = fields.Integer(
        compute="_compute_compliance_state", store=True, string="Failed checks"
    )
    compliance_state = fields.Selection(
        [
            ("not_checked", "Not checked"),
            ("compliant", "Compliant"),
            ("non_compliant", "Not compliant"),
        ],
        compute="_compute_compliance_state",
        store=True,
        string="Compliance",
    )
    checked_at = fields.Datetime(string="Checked on", readonly=True)

    @api.depends(
        "staff_administrator_count",
        "staff_consultant_count",
        "staff_cashier_count",
        "staff_other_count",
    )
    def _compute_staff_count(self):
        for center in self:
            center.serving_staff_count = (
                center.staff_administrator_count
                + center.staff_consultant_count
                + center.staff_cashier_count
            )
            center.staff_count = center.serving_staff_count + center.staff_other_count

    @api.depends("check_ids.passed")
    def _compute_compliance_state(self):
        for center in self:
            failed = len(center.check_ids.filtered(lambda check: not check.passed))
            center.check_failed_count = failed
            if not center.check_ids:
                center.compliance_state = "not_checked"
            else:
                center.compliance_state = "non_compliant" if failed else "compliant"

    @api.model_create_multi
    def create(self, vals_list):
        centers = super().create(vals_list)
        centers.filtered(lambda center: center._sce_has_facts())._sce_check_compliance()
        return centers

    def write(self, vals):
        result = super().write(vals)
        if any(fname in vals for fname in COMPLIANCE_FACTS):
            self._sce_check_compliance()
        return result

    def action_check_compliance(self):
        """Recompute the compliance checks of the centers from their facts."""
        self.check_access("write")
        self._sce_check_compliance()

    def _sce_has_facts(self):
        self.ensure_one()
        return bool(self.staff_count or self.equipment_ids or self.transport_distance_m)

    def _sce_check_compliance(self):
        """Replace each center's check lines by the norms evaluated on its facts now."""
        # derived lines: the callers have checked the user may write the centers
        checks = self.env["sce.service.center.check"].sudo()
        checks.search([("center_id", "in", self.ids)]).unlink()
        vals_list = []
        for center in self:
            for sequence, norm in enumerate(center._sce_norms(), start=1):
                vals_list.append({**norm, "center_id": center.id, "sequence": sequence})
        checks.create(vals_list)
        # the date is no fact: this write does not check again
        self.write({"checked_at": fields.Datetime.now()})

    # ------------------------------------------------------------------ the norms

    def _sce_clause_premises(self):
        return self.env._("Ch. 2, s. 4.3")

    def _sce_clause_table3(self):
        return self.env._("Ch. 2, s. 4.3, Table 3")

    def _sce_equipment_counts(self):
        """{item: quantity} of the center's inventory; MFPs and scanners below Table 3's
        speed do not count."""
        self.ensure_one()
        counts = {key: 0 for key, _label in EQUIPMENT_ITEMS}
        for line in self.equipment_ids:
            minimum = MIN_SPEED_PPM.get(line.item)
            if minimum and line.speed_ppm < minimum:
                continue
            counts[line.item] += line.quantity
        return counts

    def _sce_norms(self):
        """The checks of the center, each a dict of the check model's values."""
        self.ensure_one()
        return self._sce_location_norms() + self._sce_equipment_norms() + self._sce_premises_norms()

    def _sce_norm(self, code, category, name, clause, required, actual, passed, unit="%s"):
        return {
            "code": code,
            "category": category,
            "name": name,
            "clause": clause,
            "required": required,
            "actual": unit % _fmt(actual),
            "passed": passed,
        }

    def _sce_at_least(self, code, category, name, clause, minimum, actual, unit="%s"):
        minimum = round(minimum, 2)
        return self._sce_norm(
            code,
            category,
            name,
            clause,
            "≥ " + unit % _fmt(minimum),
            actual,
            round(actual, 2) >= minimum,
            unit,
        )

    def _sce_location_norms(self):
        central = self.tier == "central"
        max_distance = 300 if central else 500
        norms = [
            self._sce_norm(
                "transport_distance",
                "location",
                self.env._("Distance to the nearest public-transport stop"),
                self._sce_clause_premises(),
                "≤ " + self.env._("%s m", max_distance),
                self.transport_distance_m,
                bool(self.transport_distance_m) and self.transport_distance_m <= max_distance,
                self.env._("%s m"),
            ),
            self._sce_norm(
                "accessible",
                "location",
                self.env._("Unobstructed access for people with disabilities"),
                self._sce_clause_premises(),
                self.env._("Yes"),
                self.env._("Yes") if self.accessible else self.env._("No"),
                self.accessible,
            ),
        ]
        if central:
            norms += [
                self._sce_at_least(
                    "parking_clients",
                    "location",
                    self.env._("Free parking places for visitors"),
                    self._sce_clause_premises(),
                    5,
                    self.parking_client_places,
                ),
                self._sce_at_least(
                    "parking_staff",
                    "location",
                    self.env._("Parking places for staff: 3 per 10 employees"),
                    self._sce_clause_premises(),
                    math.ceil(3 * self.staff_count / 10),
                    self.parking_staff_places,
                ),
            ]
        else:
            norms.append(
                self._sce_at_least(
                    "parking_clients",
                    "location",
                    self.env._("Free parking next to the center"),
                    self._sce_clause_premises(),
                    1,
                    self.parking_client_places,
                )
            )
        return norms

    def _sce_equipment_norms(self):
        counts = self._sce_equipment_counts()
        staff = self.staff_count
        main = self.tier in ("central", "mro")  # central office and MRO centers
        items = dict(
            self.env["sce.service.center.equipment"]
            ._fields["item"]
            ._description_selection(self.env)
        )
        rules = []  # (item, minimum, explanation)
        if main and (
            self.partner_company_ids or any(self.offered_service_ids.mapped("is_additional"))
        ):
            rules.append(
                (
                    "electronic_queue",
                    1,
                    self.env._(
                        "required when additional services or partner companies are present"
                    ),
                )
            )
        rules += [
            ("pc", staff, self.env._("1 per employee")),
            ("phone", staff, self.env._("1 per employee")),
            ("mfp", 1, self.env._("at least 1 per unit, ≥ 25 pages/min")),
            ("cash_register", 1, self.env._("1 per center")),
            ("desk", staff, self.env._("1 per employee")),
            ("office_chair", staff, self.env._("1 per employee")),
            ("wardrobe", math.ceil(staff / 4), self.env._("1 per 4 employees")),
            (
                "visitor_chair",
                self.serving_staff_count + math.ceil(self.average_queue_length / 2),
                self.env._("1 per serving workplace and 1 per 2 people of the average queue"),
            ),
            ("info_stand", 2 if self.tier == "central" else 1, self.env._("wall stands")),
        ]
        if main:
            rules += [
                ("scanner", 1, self.env._("at least 1 per center, ≥ 34 pages/min")),
                ("color_printer", 1, self.env._("for handouts")),
                ("display", 1, self.env._("panel, monitor or running line")),
                ("document_cabinet", math.ceil(staff / 4), self.env._("1 per 4 employees")),
                (
                    "visitor_desk",
                    2 if self.tier == "central" else 1,
                    self.env._("for filling in forms"),
                ),
            ]
        office_equipment = sum(counts[key] for key in ("mfp", "scanner", "color_printer"))
        rules.append(
            ("equipment_stand", office_equipment, self.env._("1 per office equipment unit"))
        )
        return [
            self._sce_at_least(
                f"equipment_{item}",
                "equipment",
                f"{items[item]} ({explanation})",
                self._sce_clause_table3(),
                minimum,
                counts[item],
            )
            for item, minimum, explanation in rules
        ]

    def _sce_premises_norms(self):
        staff = self.staff_count
        m2 = self.env._("%s m²")
        norms = [
            self._sce_at_least(
                "service_zone",
                "premises",
                self.env._("Service zone: 6 m² per employee in it"),
                self._sce_clause_premises(),
                6 * (self.staff_administrator_count + self.staff_consultant_count),
                self.service_zone_area,
                m2,
            ),
            self._sce_at_least(
                "waiting_area",
                "premises",
                self.env._("Waiting area: 6 m² per employee serving visitors"),
                self._sce_clause_premises(),
                6 * self.serving_staff_count,
                self.waiting_area,
                m2,
            ),
            self._sce_at_least(
                "entrance_area",
                "premises",
                self.env._("Entrance group: 0.06 m² per employee + 10 m²"),
                self._sce_clause_premises(),
                0.06 * staff + 10,
                self.entrance_area,
                m2,
            ),
        ]
        if self.staff_cashier_count:
            norms.append(
                self._sce_at_least(
                    "cash_room",
                    "premises",
                    self.env._("Cash room: 6 m² per cashier"),
                    self._sce_clause_premises(),
                    6 * self.staff_cashier_count,
                    self.cash_room_area,
                    m2,
                )
            )
        if staff <= 12:
            norms.append(
                self._sce_at_least(
                    "meal_room",
                    "premises",
                    self.env._("Meal room: 0.8 m² per employee (up to 12 employees)"),
                    self._sce_clause_premises(),
                    0.8 * staff,
                    self.meal_room_area,
                    m2,
                )
            )
        else:
            norms += [
                self._sce_at_least(
                    "buffet_area",
                    "premises",
                    self.env._("Buffet: 12 m² + 8 m² for its staff (over 12 employees)"),
                    self._sce_clause_premises(),
                    20,
                    self.buffet_area,
                    m2,
                ),
                self._sce_at_least(
                    "buffet_seats",
                    "premises",
                    self.env._("Buffet seats: 1 per 4 employees"),
                    self._sce_clause_premises(),
                    math.ceil(staff / 4),
                    self.buffet_seats,
                ),
            ]
        if self.meeting_room_seats:
            max_seats = math.floor(0.1 * staff) + 15
            per_seat = 2.7 if self.meeting_room_av else 2.0
            norms += [
                self._sce_norm(
                    "meeting_seats",
                    "premises",
                    self.env._("Meeting-room seats: at most 10 % of the staff + 15"),
                    self._sce_clause_premises(),
                    f"≤ {max_seats}",
                    self.meeting_room_seats,
                    self.meeting_room_seats <= max_seats,
                ),
                self._sce_at_least(
                    "meeting_area",
                    "premises",
                    self.env._("Meeting room: 2.7 m² per seat with audio-visual means, else 2 m²"),
                    self._sce_clause_premises(),
                    per_seat * self.meeting_room_seats,
                    self.meeting_room_area,
                    m2,
                ),
            ]
        low = self.residential_building
        norms += [
            self._sce_at_least(
                "corridor_width",
                "premises",
                self.env._("Corridor width: 1.4 m in a new building, 1.2 m after reconstruction"),
                self._sce_clause_premises(),
                1.4 if self.new_construction else 1.2,
                self.corridor_width,
                self.env._("%s m"),
            ),
            self._sce_at_least(
                "ceiling_height",
                "premises",
                self.env._("Room height: 3 m (2.2 m in a residential or office building)"),
                self._sce_clause_premises(),
                2.2 if low else 3.0,
                self.ceiling_height,
                self.env._("%s m"),
            ),
            self._sce_at_least(
                "corridor_height",
                "premises",
                self.env._(
                    "Corridor and hall height: 2.4 m (2.2 m in a residential or office building)"
                ),
                self._sce_clause_premises(),
                2.2 if low else 2.4,
                self.corridor_height,
                self.env._("%s m"),
            ),
        ]
        return norms


def _fmt(value):
    """A number as the check shows it: no trailing zeros (6, 6.5, 0.06)."""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)
