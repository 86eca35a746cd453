# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BizregMarketingSegment(models.Model):
    """A target market (regulation 1.2): its features, size, potential and
    growth (each figure with its unit and source), the entry strategy, the
    positioning and the differentiation, supported by published research
    reports.  Marketing plans are made for a target market."""

    _name = "bizreg.marketing.segment"
    _description = "Target Market"
    _inherit = ["bizreg.record.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "name, id"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    description = fields.Html(
        string="Features", help="Who the customers are, what they need, how they buy."
    )
    size = fields.Float(string="Market Size", tracking=True)
    size_unit = fields.Char(help="E.g. 10k CNY per year, units per year, companies.")
    size_source = fields.Char()
    potential = fields.Float(string="Market Potential", tracking=True)
    potential_unit = fields.Char()
    potential_source = fields.Char()
    growth_rate = fields.Float(
        string="Growth Rate (%)", tracking=True, help="Yearly growth, in percent."
    )
    growth_source = fields.Char()
    entry_strategy = fields.Html()
    positioning = fields.Html()
    differentiation = fields.Html(
        help="What sets the company's offer apart from the competitors' in this market."
    )
    report_ids = fields.Many2many(
        "bizreg.marketing.research.report",
        "bizreg_marketing_segment_report_rel",
        "segment_id",
        "report_id",
        string="Supporting Reports",
        domain="[('state', '=', 'published')]",
        help="Published research reports this target market is based on.",
    )
    report_count = fields.Integer(compute="_compute_report_count")

    @api.constrains("size", "potential")
    def _check_figures(self):
        for segment in self:
            for name in ("size", "potential"):
                if segment[name] < 0:
                    raise ValidationError(
                        self.env._(
                            "“%(field)s” of target market %(market)s cannot be "
                            "negative.",
                            field=self._fields[name]._description_string(self.env),
                            market=segment.display_name,
                        )
                    )

    @api.constrains("report_ids")
    def _check_reports_published(self):
        for segment in self:
            drafts = segment.sudo().report_ids.filtered(
                lambda r: r.state != "published"
            )
            if drafts:
                raise ValidationError(
                    self.env._(
                        "“Supporting Reports” of target market %(market)s may only "
                        "list published research reports; %(report)s is not "
                        "published.",
                        market=segment.display_name,
                        report=drafts[0].display_name,
                    )
                )

    @api.depends("report_ids")
    def _compute_report_count(self):
        for segment in self:
            segment.report_count = len(segment.report_ids)
