# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import assert_area_roles

from .research_common import MANAGER, USER, ResearchCommon

# What the Auditor reads of market research and target markets, through this
# module's access rows and "all" rules (not through a Marketing group).
AUDITOR_READS = (
    "bizreg.marketing.research.method",
    "bizreg.marketing.research.plan",
    "bizreg.marketing.research.milestone",
    "bizreg.marketing.research.entry",
    "bizreg.marketing.research.report",
    "bizreg.marketing.segment",
)


@tagged("post_install", "-at_install")
class TestAreaGroups(ResearchCommon, TransactionCase):
    """The Marketing area's groups belong to bizreg_marketing: its manager is
    an Area Manager, the Director implies it, the Auditor reads the area on
    its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._research_setup()

    def test_area_roles(self):
        assert_area_roles(
            self,
            "bizreg_base.bizreg_area_marketing",
            USER,
            MANAGER,
            {
                "manager": self.manager,
                "user": self.researcher,
                "director": self.director,
                "auditor": self.auditor,
            },
            AUDITOR_READS,
        )

    def test_research_methods_configured_by_managers(self):
        Method = self.env["bizreg.marketing.research.method"]
        self.assertFalse(Method.with_user(self.researcher).has_access("create"))
        self.assertTrue(Method.with_user(self.manager).has_access("create"))
        admin = self.env.ref("bizreg_base.group_bizreg_admin")
        self.assertTrue(
            self.env["ir.model.access"].search_count(
                [
                    ("model_id.model", "=", Method._name),
                    ("group_id", "=", admin.id),
                    ("perm_write", "=", True),
                ]
            )
        )

    def test_demo_story(self):
        """The demo data went through the real flow."""
        ref = self.env.ref
        east = ref("bizreg_marketing.demo_research_plan_east", raise_if_not_found=False)
        if not east:
            self.skipTest("installed without demo data")
        self.assertEqual(east.state, "approved")
        self.assertEqual(east.validation_status, "validated")
        self.assertEqual(east.user_id, ref("bizreg_base.user_marketing_user"))
        self.assertGreaterEqual(len(set(east.entry_ids.mapped("kind"))), 3)
        report = ref("bizreg_marketing.demo_research_report_east")
        self.assertEqual(report.state, "published")
        self.assertRegex(report.bizreg_number, r"^MR-\d{4}-\d{4}$")
        self.assertFalse(report.is_late)
        self.assertTrue(ref("bizreg_marketing.demo_research_report_service").is_late)
        self.assertEqual(
            ref("bizreg_marketing.demo_research_plan_draft").state, "draft"
        )
        self.assertEqual(len(report.segment_ids), 2)
