# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

SUPPORTED_TYPES = (
    "char",
    "text",
    "integer",
    "float",
    "monetary",
    "boolean",
    "selection",
    "date",
    "datetime",
    "many2one",
)


class BizregFourEyesRule(models.Model):
    """Important data (regulation 6.1): a change is applied only after a second
    authorised user confirms it."""

    _name = "bizreg.four.eyes.rule"
    _description = "Important Data Rule"
    _inherit = ["mail.thread", "bizreg.cached.config.mixin"]
    _order = "model_id, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    model_id = fields.Many2one(
        "ir.model",
        string="Applies To",
        required=True,
        ondelete="cascade",
        domain=[("transient", "=", False), ("abstract", "=", False)],
        tracking=True,
    )
    model = fields.Char(related="model_id.model", store=True, index=True)
    field_ids = fields.Many2many(
        "ir.model.fields",
        string="Important Fields",
        required=True,
        domain="[('model_id', '=', model_id), ('store', '=', True), "
        "('ttype', 'in', %s)]" % (list(SUPPORTED_TYPES),),
    )
    confirm_group_id = fields.Many2one(
        "res.groups",
        string="Confirmed By",
        required=True,
        default=lambda self: self.env.ref(
            "bizreg_base.group_bizreg_admin", raise_if_not_found=False
        ),
        help="Members of this group (other than the author) confirm the changes.",
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)
    pending_count = fields.Integer(compute="_compute_pending_count")

    def _compute_pending_count(self):
        counts = dict(
            self.env["bizreg.pending.change"]._read_group(
                [("rule_id", "in", self.ids), ("state", "=", "pending")],
                ["rule_id"],
                ["__count"],
            )
        )
        for rule in self:
            rule.pending_count = counts.get(rule, 0)

    @api.constrains("model_id", "field_ids")
    def _check_fields(self):
        for rule in self:
            wrong = rule.field_ids.filtered(
                lambda f, rule=rule: (
                    f.model_id != rule.model_id
                    or f.ttype not in SUPPORTED_TYPES
                    or not f.store
                )
            )
            if wrong:
                raise ValidationError(
                    self.env._(
                        "These fields cannot be guarded by a four-eyes rule of "
                        "%(model)s: %(fields)s",
                        model=rule.model_id.name,
                        fields=", ".join(wrong.mapped("field_description")),
                    )
                )

    # Cached lookup used on every write --------------------------------
    @api.model
    @tools.ormcache()
    def _bizreg_guarded_map(self):
        """``{model: {field: ((rule id, company id), ...)}}`` of active rules."""
        result = {}
        for rule in self.sudo().search([]):
            for field in rule.field_ids:
                result.setdefault(rule.model, {}).setdefault(field.name, []).append(
                    (rule.id, rule.company_id.id)
                )
        return {
            model: {name: tuple(rules) for name, rules in by_field.items()}
            for model, by_field in result.items()
        }
