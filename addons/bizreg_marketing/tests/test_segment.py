# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import assert_user_writes_then_guarded

from .research_common import ResearchCommon


@tagged("post_install", "-at_install")
class TestSegment(ResearchCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._research_setup()
        cls.Segment = cls.env["bizreg.marketing.segment"]
        plan = cls.Plan.with_user(cls.researcher).create(
            {
                "name": "Segment plan",
                "date_start": date(2026, 3, 1),
                "date_report_due": date(2026, 3, 31),
                "milestone_ids": [
                    Command.create({"name": "Interviews", "date": date(2026, 3, 20)})
                ],
            }
        )
        plan.action_submit()
        plan.with_user(cls.manager).validate_tier()
        plan.invalidate_recordset()
        Report = cls.Report.with_user(cls.researcher)
        cls.published = Report.create({"name": "Published", "plan_id": plan.id})
        cls.published.action_submit()
        cls.published.with_user(cls.manager).validate_tier()
        cls.published.invalidate_recordset()
        cls.published.action_publish()
        cls.draft_report = Report.create({"name": "Draft", "plan_id": plan.id})

    def _segment(self, user=None, **vals):
        base = {
            "name": "Food packaging plants",
            "size": 12.5,
            "size_unit": "100M CNY / year",
            "size_source": "Industry report 2026",
            "potential": 18.0,
            "growth_rate": 12.0,
        }
        base.update(vals)
        return self.Segment.with_user(user or self.researcher).create(base)

    def test_create_with_published_report(self):
        segment = self._segment(report_ids=[Command.set(self.published.ids)])
        self.assertEqual(segment.report_count, 1)
        self.assertEqual(segment.department_id, self.dept)
        self.assertIn(segment, self.published.segment_ids)
        # a shrinking market is a fact, not an error
        segment.write({"growth_rate": -3.5})
        self.assertEqual(segment.growth_rate, -3.5)

    def test_negative_figures_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self._segment(size=-1)
        self.assertIn("Market Size", str(caught.exception))
        segment = self._segment()
        with self.assertRaises(ValidationError) as caught:
            segment.write({"potential": -5})
        self.assertIn("Market Potential", str(caught.exception))
        self.assertEqual(segment.potential, 18.0)
        with self.assertRaises(ValidationError):
            segment.write({"size": "large"})

    def test_only_published_reports(self):
        with self.assertRaises(ValidationError):
            self._segment(report_ids=[Command.set(self.draft_report.ids)])
        segment = self._segment()
        with self.assertRaises(ValidationError):
            segment.write({"report_ids": [Command.link(self.draft_report.id)]})
        self.assertFalse(segment.report_ids)

    def test_scope_and_engine_fields(self):
        segment = self._segment()
        self.assertFalse(
            self.Segment.with_user(self.stranger).search([("id", "=", segment.id)])
        )
        with self.assertRaises(AccessError):
            segment.with_user(self.colleague).write({"name": "Mine now"})
        self.assertTrue(
            self.Segment.with_user(self.auditor).search([("id", "=", segment.id)])
        )
        with self.assertRaises(AccessError):
            segment.with_user(self.auditor).write({"name": "Audited"})
        with self.assertRaises(AccessError):
            self.Segment.with_user(self.auditor).create({"name": "Audit market"})
        assert_user_writes_then_guarded(
            self, segment, self.researcher, {"growth_rate": 5.0}, ("department_id",)
        )
