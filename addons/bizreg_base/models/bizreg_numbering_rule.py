# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import calendar
import re
import string
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError

PLACEHOLDERS = {"code", "dept", "year", "month", "seq"}


class BizregNumberingRule(models.Model):
    """How documents of one type (and optionally one category) are numbered.

    The serial comes from a counter per reset period
    (``bizreg.numbering.counter``) drawn in the transaction that uses it:
    gapless (a rollback gives the serial back), never handed out twice, and a
    voided number is never live again.
    """

    _name = "bizreg.numbering.rule"
    _description = "Numbering Rule"
    _inherit = ["mail.thread"]
    _order = "model_id, category_key, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, tracking=True, help="Replaces {code}, e.g. SC.")
    model_id = fields.Many2one(
        "ir.model",
        string="Document Type",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("transient", "=", False)],
    )
    model = fields.Char(related="model_id.model", store=True, index=True)
    category_key = fields.Char(
        string="Category",
        help="Technical key of a document category with its own rule; empty "
        "for the rule of the whole document type.",
    )
    pattern = fields.Char(
        required=True,
        default="{code}-{dept}-{year}-{seq}",
        tracking=True,
        help="Placeholders: {code}, {dept} (department code), {year}, {month}, "
        "{seq} (the serial, padded).",
    )
    padding = fields.Integer(default=4, required=True, tracking=True)
    reset_period = fields.Selection(
        [("never", "Never"), ("year", "Every year"), ("month", "Every month")],
        string="Serial Restarts",
        default="year",
        required=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    counter_ids = fields.One2many(
        "bizreg.numbering.counter", "rule_id", string="Counters", readonly=True
    )
    active = fields.Boolean(default=True)
    void_ids = fields.One2many(
        "bizreg.numbering.void", "rule_id", string="Voided Numbers"
    )
    void_count = fields.Integer(compute="_compute_void_count")
    preview = fields.Char(compute="_compute_preview")

    _sql_constraints = [
        (
            "model_category_company_uniq",
            "unique(model_id, category_key, company_id)",
            "A document type (and category) has one numbering rule per company.",
        ),
    ]

    @api.depends("void_ids")
    def _compute_void_count(self):
        counts = dict(
            self.env["bizreg.numbering.void"]._read_group(
                [("rule_id", "in", self.ids)], ["rule_id"], ["__count"]
            )
        )
        for rule in self:
            rule.void_count = counts.get(rule, 0)

    @api.depends("pattern", "code", "padding")
    def _compute_preview(self):
        today = fields.Date.context_today(self)
        for rule in self:
            try:
                rule.preview = rule._format(today, "XS", 1)
            except (KeyError, ValueError, IndexError):
                rule.preview = False

    @api.constrains("pattern", "padding", "code")
    def _check_pattern(self):
        for rule in self:
            if not 1 <= rule.padding <= 10:
                raise ValidationError(
                    self.env._("The serial padding must be between 1 and 10 digits.")
                )
            if any(ch.isspace() for ch in rule.code):
                raise ValidationError(
                    self.env._("A numbering code cannot contain spaces.")
                )
            try:
                names = {
                    field
                    for _text, field, _spec, _conv in string.Formatter().parse(
                        rule.pattern
                    )
                    if field is not None
                }
            except ValueError as exc:
                raise ValidationError(
                    self.env._("The pattern “%s” is not valid.", rule.pattern)
                ) from exc
            if "seq" not in names:
                raise ValidationError(self.env._("The pattern must contain {seq}."))
            unknown = names - PLACEHOLDERS
            if unknown:
                raise ValidationError(
                    self.env._(
                        "Unknown placeholder(s) in the pattern: %s",
                        ", ".join(sorted(unknown)),
                    )
                )

    # ------------------------------------------------------------------
    # Numbers
    # ------------------------------------------------------------------
    def _format(self, on_date, dept_code, serial):
        """The number for ``serial``; without a department code the
        ``{dept}`` placeholder goes with the separator before it."""
        self.ensure_one()
        pattern = self.pattern
        if not dept_code:
            pattern = re.sub(r"[-_/.]?\{dept\}", "", pattern, count=1)
        return pattern.format(
            code=self.code,
            dept=dept_code or "",
            year=on_date.year,
            month=f"{on_date.month:02d}",
            seq=str(serial).zfill(self.padding),
        )

    def _period(self, on_date):
        self.ensure_one()
        if self.reset_period == "month":
            last = calendar.monthrange(on_date.year, on_date.month)[1]
            return date(on_date.year, on_date.month, 1), date(
                on_date.year, on_date.month, last
            )
        if self.reset_period == "year":
            return date(on_date.year, 1, 1), date(on_date.year, 12, 31)
        return date(2000, 1, 1), date(9999, 12, 31)

    def _next_number(self, on_date=None, dept_code=""):
        """Hand out the next number of this rule for a document dated
        ``on_date``, in the current transaction (gapless)."""
        self.ensure_one()
        on_date = on_date or fields.Date.context_today(self)
        serial = (
            self.env["bizreg.numbering.counter"]
            .sudo()
            ._draw(self, self._period(on_date)[0])
        )
        return self._format(on_date, dept_code, serial)

    @api.model
    def _rule_for(self, model_name, company, category_key=False):
        """The active rule of a document type (category rule first)."""
        domain = [("model", "=", model_name), ("company_id", "=", company.id)]
        rules = self.sudo().search(domain)
        if category_key:
            by_category = rules.filtered(lambda r: r.category_key == category_key)
            if by_category:
                return by_category[:1]
        return rules.filtered(lambda r: not r.category_key)[:1]

    def action_view_voids(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_base.bizreg_numbering_void_action"
        )
        action["domain"] = [("rule_id", "=", self.id)]
        return action
