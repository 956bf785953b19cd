import io

from openpyxl import load_workbook

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common import QueueCommon

X = "sce_service_center."


@tagged("post_install", "-at_install")
class TestCenterCompliance(QueueCommon, TransactionCase):
    """SC-1, SC-3, SC-4: a center described with the standard's own numbers passes every
    check; breaking one norm fails exactly that check, with its clause."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_queue()
        cls.partner_company = cls.env["res.partner"].create(
            {"name": "ООО «Водоканал-Сервис»", "is_company": True}
        )

    def _equipment(self, **overrides):
        """Table 3 for 12 staff, 6 of them serving, average queue 8."""
        quantities = {
            "electronic_queue": 1,
            "pc": 12,
            "phone": 12,
            "mfp": 1,
            "scanner": 1,
            "color_printer": 1,
            "display": 1,
            "cash_register": 1,
            "desk": 12,
            "office_chair": 12,
            "wardrobe": 3,
            "document_cabinet": 3,
            "visitor_chair": 6 + 4,
            "visitor_desk": 2,
            "equipment_stand": 3,
            "info_stand": 2,
        }
        quantities.update(overrides)
        speeds = {"mfp": 25, "scanner": 34}
        return [
            (0, 0, {"item": item, "quantity": quantity, "speed_ppm": speeds.get(item, 0)})
            for item, quantity in quantities.items()
            if quantity
        ]

    def _central_office(self, **overrides):
        """The central office at the standard's limits: 12 staff (1 administrator, 4
        managers-consultants, 1 cashier, 6 others), a partner company present."""
        vals = {
            "name": "ЦОК по нормам",
            "tier": "central",
            "transport_distance_m": 300,
            "parking_client_places": 5,
            "parking_staff_places": 4,  # 3 per 10 of 12 employees, rounded up
            "accessible": True,
            "staff_administrator_count": 1,
            "staff_consultant_count": 4,
            "staff_cashier_count": 1,
            "staff_other_count": 6,
            "partner_company_ids": [(6, 0, self.partner_company.ids)],
            "average_queue_length": 8,
            "equipment_ids": self._equipment(),
            "service_zone_area": 30,  # 6 m² x 5
            "waiting_area": 36,  # 6 m² x 6 serving
            "entrance_area": 10.72,  # 0.06 x 12 + 10
            "cash_room_area": 6,
            "meal_room_area": 9.6,  # 0.8 x 12
            "meeting_room_seats": 16,  # 10 % of 12 + 15
            "meeting_room_area": 43.2,  # 2.7 x 16
            "meeting_room_av": True,
            "corridor_width": 1.4,
            "new_construction": True,
            "ceiling_height": 3.0,
            "corridor_height": 2.4,
            # 9:00-18:00 on the working days, no lunch break (SC-1)
            "opening_hour_ids": [
                (0, 0, {"weekday": str(day), "hour_from": 9.0, "hour_to": 18.0}) for day in range(5)
            ],
        }
        vals.update(overrides)
        return self.env["sce.service.center"].with_user(self.head).create(vals)

    def setUp(self):
        super().setUp()
        # the clauses as the head reads them, in their language
        centers = self.env["sce.service.center"].with_user(self.head)
        self.table3 = centers._sce_clause_table3()
        self.premises = centers._sce_clause_premises()
        self.metres = centers.env._("%s m", 300)

    def _failed(self, center):
        return {check.code: check.clause for check in center.check_ids if not check.passed}

    def test_sc1_sc3_sc4_center_with_the_standards_numbers_complies(self):
        center = self._central_office()
        self.assertEqual(self._failed(center), {})
        self.assertEqual(center.compliance_state, "compliant")
        self.assertEqual(center.staff_count, 12)
        codes = set(center.check_ids.mapped("code"))
        self.assertTrue(
            {
                "transport_distance",
                "parking_clients",
                "parking_staff",
                "accessible",
                "equipment_electronic_queue",
                "equipment_visitor_chair",
                "service_zone",
                "waiting_area",
                "entrance_area",
                "cash_room",
                "meal_room",
                "meeting_seats",
                "meeting_area",
                "corridor_width",
                "ceiling_height",
                "corridor_height",
            }
            <= codes,
            codes,
        )
        chairs = center.check_ids.filtered(lambda c: c.code == "equipment_visitor_chair")
        self.assertEqual((chairs.required, chairs.actual), ("≥ 10", "10"))

    def test_sc1_sc3_sc4_each_violated_norm_fails_with_its_clause(self):
        equipment = {
            "equipment_electronic_queue": {"electronic_queue": 0},
            "equipment_pc": {"pc": 11},
            "equipment_phone": {"phone": 11},
            "equipment_cash_register": {"cash_register": 0},
            "equipment_scanner": {"scanner": 0},
            "equipment_color_printer": {"color_printer": 0},
            "equipment_display": {"display": 0},
            "equipment_desk": {"desk": 11},
            "equipment_office_chair": {"office_chair": 11},
            "equipment_wardrobe": {"wardrobe": 2},
            "equipment_document_cabinet": {"document_cabinet": 2},
            "equipment_visitor_chair": {"visitor_chair": 9},
            "equipment_visitor_desk": {"visitor_desk": 1},
            "equipment_info_stand": {"info_stand": 1},
            "equipment_equipment_stand": {"equipment_stand": 2},
        }
        premises = {
            "transport_distance": {"transport_distance_m": 301},
            "parking_clients": {"parking_client_places": 4},
            "parking_staff": {"parking_staff_places": 3},
            "accessible": {"accessible": False},
            "service_zone": {"service_zone_area": 29.9},
            "waiting_area": {"waiting_area": 35.9},
            "entrance_area": {"entrance_area": 10.7},
            "cash_room": {"cash_room_area": 5.9},
            "meal_room": {"meal_room_area": 9.5},
            "meeting_seats": {"meeting_room_seats": 17, "meeting_room_area": 50},
            "meeting_area": {"meeting_room_area": 43.1},
            "corridor_width": {"corridor_width": 1.39},
            "ceiling_height": {"ceiling_height": 2.99},
            "corridor_height": {"corridor_height": 2.39},
        }
        for code, overrides in equipment.items():
            with self.subTest(code=code):
                center = self._central_office(equipment_ids=self._equipment(**overrides))
                self.assertEqual(self._failed(center), {code: self.table3})
                self.assertEqual(center.compliance_state, "non_compliant")
        for code, overrides in premises.items():
            with self.subTest(code=code):
                center = self._central_office(**overrides)
                self.assertEqual(self._failed(center), {code: self.premises})

    def test_sc3_slow_mfp_does_not_count(self):
        """SC-3: a copier-printer below 25 pages a minute is not the MFP of Table 3."""
        center = self._central_office()
        mfp = center.equipment_ids.filtered(lambda line: line.item == "mfp")
        mfp.with_user(self.head).speed_ppm = 24
        self.assertEqual(self._failed(center), {"equipment_mfp": self.table3})

    def test_sc3_electronic_queue_only_with_additional_services_or_partners(self):
        """SC-3: Table 3 requires the electronic queue in central and MRO centers only when
        additional services or partner companies are present."""
        center = self._central_office(
            partner_company_ids=[], equipment_ids=self._equipment(electronic_queue=0)
        )
        self.assertEqual(self._failed(center), {})
        self.assertNotIn("equipment_electronic_queue", center.check_ids.mapped("code"))
        additional = self.env.ref(X + "sce_center_offered_service_meter")
        center.with_user(self.head).offered_service_ids = additional
        self.assertEqual(self._failed(center), {"equipment_electronic_queue": self.table3})
        center.with_user(self.head).tier = "territorial"
        self.assertNotIn("equipment_electronic_queue", self._failed(center))

    def test_sc4_over_twelve_staff_need_a_buffet(self):
        """SC-4: above 12 employees a buffet of 12 + 8 m² with a seat per 4 employees."""
        center = self._central_office(staff_other_count=7, buffet_area=20, buffet_seats=4)
        codes = center.check_ids.mapped("code")
        self.assertNotIn("meal_room", codes)
        self.assertIn("buffet_area", codes)
        self.assertEqual(self._failed(center).get("buffet_seats"), None)
        center.with_user(self.head).write({"buffet_area": 19.9, "buffet_seats": 3})
        self.assertEqual(
            set(self._failed(center)) & {"buffet_area", "buffet_seats"},
            {"buffet_area", "buffet_seats"},
        )

    def test_sc1_territorial_unit_limits(self):
        """SC-1: 500 m to public transport for a territorial unit; heights of 2.2 m in a
        residential building; corridors of 1.2 m after a reconstruction."""
        center = self._central_office(
            tier="territorial",
            transport_distance_m=500,
            new_construction=False,
            corridor_width=1.2,
            residential_building=True,
            ceiling_height=2.2,
            corridor_height=2.2,
        )
        failed = self._failed(center)
        for code in ("transport_distance", "corridor_width", "ceiling_height", "corridor_height"):
            self.assertNotIn(code, failed)
        center.with_user(self.head).transport_distance_m = 501
        self.assertIn("transport_distance", self._failed(center))

    def test_sc1_only_the_head_rechecks_and_staff_read(self):
        center = self._central_office()
        with self.assertRaises(AccessError):
            center.with_user(self.consultant).action_check_compliance()
        self.assertEqual(center.with_user(self.consultant).compliance_state, "compliant")

    def test_sc1_compliance_report_pdf_and_xlsx(self):
        good = self._central_office()
        bad = self._central_office(name="ЦОК с нарушением", transport_distance_m=700)
        centers = (good | bad).with_user(self.head)
        reports = self.env["ir.actions.report"].with_user(self.head)
        html, _format = reports._render_qweb_html(
            X + "action_report_sce_center_compliance", centers.ids
        )
        html = html.decode()
        self.assertIn("ЦОК с нарушением", html)
        self.assertIn(f"≤ {self.metres}", html)
        content, report_format = reports._render_xlsx(
            X + "action_report_sce_center_compliance_xlsx", centers.ids, data=None
        )
        self.assertEqual(report_format, "xlsx")
        book = load_workbook(io.BytesIO(content))
        self.assertEqual(len(book.sheetnames), 3)
        summary = book[book.sheetnames[0]]
        rows = {row[0]: row for row in summary.iter_rows(min_row=4, values_only=True)}
        self.assertEqual(rows["ЦОК с нарушением"][4], 1)
        self.assertEqual(rows["ЦОК по нормам"][4], 0)

    def test_sc1_working_time_without_a_lunch_break_on_the_production_calendar(self):
        """SC-1 (s. 4.3): the working time is checked on the weekly schedule: a lunch
        break fails "without a lunch break", a working weekday of the production
        calendar without hours fails "every working day"; adjoining periods are no
        break; editing the hours checks the center again."""
        center = self._central_office()
        codes = set(center.check_ids.mapped("code"))
        self.assertLessEqual({"schedule_no_break", "schedule_calendar"}, codes)
        self.assertEqual(self._failed(center), {})
        hours = self.env["sce.service.center.hours"].with_user(self.head)
        monday = center.opening_hour_ids.filtered(lambda h: h.weekday == "0")
        monday.with_user(self.head).hour_to = 13.0
        hours.create({"center_id": center.id, "weekday": "0", "hour_from": 14.0, "hour_to": 18.0})
        self.assertEqual(self._failed(center), {"schedule_no_break": self.premises})
        lunch = center.check_ids.filtered(lambda c: c.code == "schedule_no_break")
        self.assertIn("13:00–14:00", lunch.actual)
        self.assertEqual(lunch.category, "schedule")
        monday.with_user(self.head).hour_to = 14.0  # adjoining: one period
        self.assertEqual(self._failed(center), {})
        center.opening_hour_ids.filtered(lambda h: h.weekday == "4").with_user(self.head).unlink()
        self.assertEqual(self._failed(center), {"schedule_calendar": self.premises})
        self.assertEqual(center.compliance_state, "non_compliant")
