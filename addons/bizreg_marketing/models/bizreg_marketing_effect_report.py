# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models, tools
from odoo.tools import SQL


class BizregMarketingEffectReport(models.Model):
    """Effect analysis: one row per marketing activity with its budget, actual
    cost, participants and what its campaign brought (leads, opportunities,
    won opportunities, revenue of confirmed orders), for pivot and graph
    views."""

    _name = "bizreg.marketing.effect.report"
    _description = "Marketing Effect Analysis"
    _auto = False
    _order = "date_start desc, id desc"
    _rec_name = "activity_id"

    activity_id = fields.Many2one("bizreg.marketing.activity", readonly=True)
    plan_id = fields.Many2one(
        "bizreg.marketing.plan", string="Marketing Plan", readonly=True
    )
    segment_id = fields.Many2one(
        "bizreg.marketing.segment", string="Target Market", readonly=True
    )
    campaign_id = fields.Many2one("utm.campaign", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    user_id = fields.Many2one("res.users", string="Responsible", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    plan_user_id = fields.Many2one(
        "res.users", string="Plan Responsible", readonly=True
    )
    plan_department_id = fields.Many2one(
        "hr.department", string="Department of the Plan", readonly=True
    )
    kind = fields.Selection(
        [
            ("brand", "Brand Promotion"),
            ("promotion", "Sales Promotion"),
            ("channel", "Channel Building"),
        ],
        readonly=True,
    )
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("preparing", "Preparing"),
            ("running", "Running"),
            ("done", "Done"),
            ("cancel", "Cancelled"),
        ],
        string="Status",
        readonly=True,
    )
    date_start = fields.Date(string="Start Date", readonly=True)
    date_end = fields.Date(string="End Date", readonly=True)
    is_on_time = fields.Boolean(string="Completed on Time", readonly=True)
    budget_amount = fields.Monetary(string="Budget", readonly=True)
    cost_amount = fields.Monetary(string="Actual Cost", readonly=True)
    participant_count = fields.Integer(string="Participants", readonly=True)
    lead_count = fields.Integer(string="Leads", readonly=True)
    opportunity_count = fields.Integer(string="Opportunities", readonly=True)
    won_count = fields.Integer(string="Won Opportunities", readonly=True)
    revenue = fields.Monetary(readonly=True)
    conversion_rate = fields.Float(
        string="Conversion Rate (%)", readonly=True, aggregator="avg"
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT a.id AS id,
                           a.id AS activity_id,
                           a.plan_id AS plan_id,
                           p.segment_id AS segment_id,
                           c.id AS campaign_id,
                           a.company_id AS company_id,
                           p.currency_id AS currency_id,
                           a.user_id AS user_id,
                           a.department_id AS department_id,
                           p.user_id AS plan_user_id,
                           p.department_id AS plan_department_id,
                           a.kind AS kind,
                           a.state AS state,
                           a.date_start AS date_start,
                           a.date_end AS date_end,
                           COALESCE(a.is_on_time, FALSE) AS is_on_time,
                           COALESCE(a.budget_amount, 0) AS budget_amount,
                           COALESCE(a.cost_amount, 0) AS cost_amount,
                           COALESCE(a.participant_count, 0) AS participant_count,
                           COALESCE(l.lead_count, 0) AS lead_count,
                           COALESCE(l.opportunity_count, 0) AS opportunity_count,
                           COALESCE(l.won_count, 0) AS won_count,
                           COALESCE(s.revenue, 0) AS revenue,
                           CASE WHEN COALESCE(l.lead_count, 0) > 0
                                THEN 100.0 * l.won_count / l.lead_count
                                ELSE 0 END AS conversion_rate
                      FROM bizreg_marketing_activity a
                      JOIN bizreg_marketing_plan p ON p.id = a.plan_id
                 LEFT JOIN utm_campaign c ON c.id = a.campaign_id
                 LEFT JOIN LATERAL (
                        SELECT COUNT(*) AS lead_count,
                               COUNT(*) FILTER (
                                   WHERE cl.type = 'opportunity'
                               ) AS opportunity_count,
                               COUNT(*) FILTER (
                                   WHERE cl.active AND st.is_won
                               ) AS won_count
                          FROM crm_lead cl
                     LEFT JOIN crm_stage st ON st.id = cl.stage_id
                         WHERE cl.campaign_id = c.id
                 ) l ON TRUE
                 LEFT JOIN LATERAL (
                        SELECT SUM(
                                   so.amount_untaxed
                                   / COALESCE(NULLIF(so.currency_rate, 0), 1)
                               ) AS revenue
                          FROM sale_order so
                         WHERE so.campaign_id = c.id AND so.state = 'sale'
                 ) s ON TRUE
                )
                """,
                SQL.identifier(self._table),
            )
        )
