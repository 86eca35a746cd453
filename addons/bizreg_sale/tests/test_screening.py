# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

from .common import BizregSaleCommon


@tagged("post_install", "-at_install")
class TestScreening(BizregSaleCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_sale_setup()
        cls.company.bizreg_sale_qualify_threshold = 60.0
        # a salesperson of no Sales-area department (no employee)
        cls.outsider = new_test_user(
            cls.env,
            login="t_xs_lead_out",
            groups="sales_team.group_sale_salesman_all_leads",
        )

    def _lead(self, ratings):
        lead = (
            self.env["crm.lead"]
            .with_user(self.salesman)
            .create({"name": "Prospect", "type": "lead", "user_id": self.salesman.id})
        )
        for line in lead.bizreg_score_ids:
            line.rating = str(ratings.get(line.criterion_id, 0))
        return lead

    def _all(self, rating):
        criteria = self.env["bizreg.sale.score.criterion"].search([])
        return dict.fromkeys(criteria, rating)

    def test_scorecard_weighted_score(self):
        criteria = self.env["bizreg.sale.score.criterion"].search([])
        self.assertTrue(criteria)
        lead = self._lead(self._all(5))
        self.assertEqual(len(lead.bizreg_score_ids), len(criteria))
        self.assertEqual(lead.bizreg_score, 100.0)
        self.assertTrue(lead.bizreg_qualified)
        # Half of the weight rated 0: the score follows the weights.
        heavy = criteria.sorted("weight", reverse=True)[0]
        ratings = self._all(5)
        ratings[heavy] = 0
        lead2 = self._lead(ratings)
        total = sum(criteria.mapped("weight"))
        self.assertAlmostEqual(
            lead2.bizreg_score, round((total - heavy.weight) / total * 100, 1)
        )

    def test_unqualified_lead_cannot_be_converted(self):
        lead = self._lead(self._all(1))
        self.assertFalse(lead.bizreg_qualified)
        with self.assertRaises(UserError):
            lead.with_user(self.salesman).convert_opportunity(self.partner)
        # Nor by writing the type directly (RPC style).
        with self.assertRaises(UserError):
            lead.with_user(self.salesman).write({"type": "opportunity"})
        self.assertEqual(lead.type, "lead")

    def test_qualified_lead_is_converted(self):
        lead = self._lead(self._all(4))
        lead.with_user(self.salesman).convert_opportunity(self.partner)
        self.assertEqual(lead.type, "opportunity")

    def test_manager_override_with_reason(self):
        lead = self._lead(self._all(1))
        # The salesperson cannot override, neither through the method nor by writing.
        with self.assertRaises(AccessError):
            lead.with_user(self.salesman)._bizreg_override_screening("my reason")
        with self.assertRaises(AccessError):
            lead.with_user(self.salesman).write({"bizreg_screening_override": True})
        # The manager must give a reason.
        wizard = self.env["bizreg.sale.screening.override.wizard"].with_user(
            self.manager
        )
        with self.assertRaises(UserError):
            wizard.create({"lead_id": lead.id, "reason": "   "}).action_override()
        self.assertFalse(lead.bizreg_screening_override)
        wizard.create(
            {"lead_id": lead.id, "reason": "Strategic account in a new region"}
        ).action_override()
        self.assertTrue(lead.bizreg_screening_override)
        self.assertEqual(lead.bizreg_override_user_id, self.manager)
        self.assertEqual(
            lead.bizreg_override_reason, "Strategic account in a new region"
        )
        lead.with_user(self.salesman).convert_opportunity(self.partner)
        self.assertEqual(lead.type, "opportunity")

    def test_channel_needs_referrer_or_exhibition(self):
        Lead = self.env["crm.lead"].with_user(self.salesman)
        referral = self.env.ref("bizreg_sale.channel_referral")
        exhibition = self.env.ref("bizreg_sale.channel_exhibition")
        with self.assertRaises(ValidationError):
            Lead.create({"name": "Referred", "bizreg_channel_id": referral.id})
        with self.assertRaises(ValidationError):
            Lead.create({"name": "Fair", "bizreg_channel_id": exhibition.id})
        self.assertFalse(Lead.search([("name", "in", ["Referred", "Fair"])]))
        lead = Lead.create(
            {
                "name": "Referred",
                "bizreg_channel_id": referral.id,
                "bizreg_referrer_id": self.partner2.id,
            }
        )
        self.assertEqual(lead.bizreg_channel_type, "referral")

    def test_bad_threshold_is_refused(self):
        with self.assertRaises(ValidationError):
            self.company.bizreg_sale_qualify_threshold = 150.0
        self.company.invalidate_recordset()
        self.assertEqual(self.company.bizreg_sale_qualify_threshold, 60.0)
        with self.assertRaises(ValidationError):
            self.env["bizreg.sale.score.criterion"].create(
                {"name": "Bad", "weight": -1}
            )
        self.assertFalse(
            self.env["bizreg.sale.score.criterion"].search([("name", "=", "Bad")])
        )

    def _unrated(self, creator, salesperson):
        return (
            self.env["crm.lead"]
            .with_user(creator)
            .create({"name": "Unrated", "type": "lead", "user_id": salesperson.id})
        )

    def test_outsider_leads_convert_as_in_odoo(self):
        """Leads nobody of the Sales-area departments makes, owns or converts
        are not screened: Odoo's own lead flows work unchanged."""
        lead = self._unrated(self.outsider, self.outsider)
        self.assertFalse(lead.bizreg_qualified)
        self.assertFalse(lead.with_user(self.outsider)._bizreg_screening_scope())
        lead.with_user(self.outsider).convert_opportunity(self.partner)
        self.assertEqual(lead.type, "opportunity")
        # the same lead handled by a Sales-department salesperson is screened
        lead2 = self._unrated(self.outsider, self.outsider)
        self.assertTrue(lead2.with_user(self.salesman)._bizreg_screening_scope())

    def test_sales_leads_stay_screened_whoever_converts(self):
        # made by an outsider for a salesperson of the Sales department
        lead = self._unrated(self.outsider, self.salesman)
        with self.assertRaises(UserError):
            lead.with_user(self.outsider).convert_opportunity(self.partner)
        self.assertEqual(lead.type, "lead")
        # made by a salesperson, handed to an outsider in the converting write
        lead = self._unrated(self.salesman, self.salesman)
        with self.assertRaises(UserError):
            lead.with_user(self.salesman).write(
                {"type": "opportunity", "user_id": self.outsider.id}
            )
        self.assertEqual((lead.type, lead.user_id), ("lead", self.salesman))
        # made by a salesperson, converted by an outsider who takes it over
        lead = self._unrated(self.salesman, self.salesman)
        with self.assertRaises(UserError):
            lead.with_user(self.outsider).write(
                {"type": "opportunity", "user_id": self.outsider.id}
            )
        self.assertEqual(lead.type, "lead")

    def test_outsider_uses_the_lead_form(self):
        """A user of Odoo's Sales groups only (no bizreg role) opens, fills and
        reads leads as in plain Odoo: the scorecard and negotiation rounds,
        which he may not read, are not on his form."""
        with Form(self.env["crm.lead"].with_user(self.outsider)) as form:
            form.name = "Walk-in prospect"
            form.partner_id = self.partner
        lead = form.record
        values = lead.with_user(self.outsider).read()[0]
        self.assertNotIn("bizreg_score_ids", values)
        self.assertNotIn("bizreg_negotiation_ids", values)
        self.assertFalse(lead.sudo().bizreg_score_ids)  # out of scope: no scorecard
        lead.with_user(self.outsider).convert_opportunity(self.partner)
        self.assertEqual(lead.type, "opportunity")
