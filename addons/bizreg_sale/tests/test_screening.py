# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

from odoo.addons.bizreg_base.tests.common import bizreg_test_user

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

    # Development channels: UTM mediums with a kind ---------------------------
    def _channel_lead(self, vals):
        return (
            self.env["crm.lead"]
            .with_user(self.salesman)
            .create(dict({"type": "lead", "user_id": self.salesman.id}, **vals))
        )

    def test_referral_needs_referred_by(self):
        referral = self.env.ref("bizreg_sale.utm_medium_referral")
        self.assertEqual(referral.bizreg_channel_type, "referral")
        label = self.env["crm.lead"]._fields["referred"].string
        for referred in (False, "  "):
            with self.assertRaises(ValidationError) as caught:
                self._channel_lead(
                    {"name": "Referred", "medium_id": referral.id, "referred": referred}
                )
            self.assertIn(f"“{label}”", str(caught.exception))
        self.assertFalse(
            self.env["crm.lead"].search([("name", "=", "Referred")]),
        )
        lead = self._channel_lead(
            {"name": "Referred", "medium_id": referral.id, "referred": "Mr Wang"}
        )
        self.assertEqual(lead.bizreg_channel_type, "referral")
        # nor cleared later, nor a lead moved to the referral channel without it
        with self.assertRaises(ValidationError):
            lead.with_user(self.salesman).write({"referred": False})
        self.assertEqual(lead.referred, "Mr Wang")
        plain = self._channel_lead({"name": "Plain"})
        with self.assertRaises(ValidationError):
            plain.with_user(self.salesman).write({"medium_id": referral.id})
        self.assertFalse(plain.medium_id)

    def test_exhibition_needs_source(self):
        exhibition = self.env.ref("bizreg_sale.utm_medium_exhibition")
        self.assertEqual(exhibition.bizreg_channel_type, "exhibition")
        label = self.env["crm.lead"]._fields["source_id"].string
        with self.assertRaises(ValidationError) as caught:
            self._channel_lead({"name": "Fair", "medium_id": exhibition.id})
        self.assertIn(f"“{label}”", str(caught.exception))
        self.assertFalse(self.env["crm.lead"].search([("name", "=", "Fair")]))
        # the salesperson names the exhibition: a UTM source
        fair = (
            self.env["utm.source"]
            .with_user(self.salesman)
            .create({"name": "T Industrial Fair 2026"})
        )
        lead = self._channel_lead(
            {"name": "Fair", "medium_id": exhibition.id, "source_id": fair.id}
        )
        self.assertEqual(lead.source_id, fair)
        with self.assertRaises(ValidationError):
            lead.with_user(self.salesman).write({"source_id": False})
        self.assertEqual(lead.source_id, fair)

    def test_promotion_needs_nothing_more(self):
        for xmlid in ("bizreg_sale.utm_medium_promotion", "utm.utm_medium_banner"):
            promotion = self.env.ref(xmlid)
            self.assertEqual(promotion.bizreg_channel_type, "promotion", xmlid)
            lead = self._channel_lead({"name": "Ad", "medium_id": promotion.id})
            self.assertEqual(lead.medium_id, promotion)
            self.assertFalse(lead.referred or lead.source_id)
        # Odoo's inbound mediums stay "other"
        self.assertEqual(
            self.env.ref("utm.utm_medium_website").bizreg_channel_type, "other"
        )

    def test_channel_kind_shown_on_lead(self):
        field = self.env["crm.lead"]._fields["bizreg_channel_type"]
        self.assertEqual(field.related, "medium_id.bizreg_channel_type")
        self.assertTrue(field.readonly)
        referral = self.env.ref("bizreg_sale.utm_medium_referral")
        Lead = self.env["crm.lead"].with_user(self.salesman)
        with Form(Lead.with_context(default_type="lead")) as form:
            form.name = "Referred in the form"
            form.medium_id = referral
            self.assertEqual(form.bizreg_channel_type, "referral")
            form.referred = "Mr Wang"
        lead = form.record
        self.assertEqual(lead.bizreg_channel_type, "referral")
        # read-only on the lead: the kind is the medium's
        with self.assertRaises(AccessError):
            lead.with_user(self.salesman).write({"bizreg_channel_type": "other"})
        self.assertEqual(referral.bizreg_channel_type, "referral")

    def test_channel_kind_is_configuration(self):
        """Any employee may add a medium (Odoo's UTM); only the Regulation
        Administrator decides what a lead of it needs."""
        referral = self.env.ref("bizreg_sale.utm_medium_referral")
        Medium = self.env["utm.medium"].with_user(self.salesman)
        with self.assertRaises(AccessError):
            referral.with_user(self.salesman).bizreg_channel_type = "other"
        self.assertEqual(referral.bizreg_channel_type, "referral")
        with self.assertRaises(AccessError):
            Medium.create(
                {"name": "T Partner Fair", "bizreg_channel_type": "exhibition"}
            )
        with self.assertRaises(AccessError):
            Medium.with_context(default_bizreg_channel_type="referral").create(
                {"name": "T Partner Referral"}
            )
        plain = Medium.create({"name": "T Flyer"})
        self.assertEqual(plain.bizreg_channel_type, "other")
        plain.name = "T Flyers"
        reg_admin = bizreg_test_user(
            self.env, "t_xs_regadmin_utm", ["bizreg_base.group_bizreg_admin"]
        )
        plain.with_user(reg_admin).bizreg_channel_type = "promotion"
        self.assertEqual(plain.bizreg_channel_type, "promotion")

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
