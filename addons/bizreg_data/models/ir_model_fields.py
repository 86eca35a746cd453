# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict

from odoo import api, fields, models, tools

from odoo.addons.base.models.ir_model import IrModelFields as BaseIrModelFields

from .ir_model import (
    CLASSIFICATION,
    check_classification_created,
    check_classification_write,
)


class IrModelFields(models.Model):
    _inherit = "ir.model.fields"

    bizreg_classification = fields.Selection(
        CLASSIFICATION,
        string="Classification",
        default="internal",
        help="How sensitive this field's values are: exports of confidential "
        "or secret fields need the right “Data: Export confidential data”, "
        "and every export is logged.",
    )

    @api.model
    @tools.ormcache()
    def _bizreg_classification_map(self):
        """``{model name: {field name: level}}`` of the fields not classified
        internal."""
        self.flush_model(["bizreg_classification"])
        self.env.cr.execute(
            "SELECT model, name, bizreg_classification FROM ir_model_fields "
            "WHERE bizreg_classification IS NOT NULL "
            "AND bizreg_classification != 'internal'"
        )
        result = defaultdict(dict)
        for model, name, level in self.env.cr.fetchall():
            result[model][name] = level
        return dict(result)

    def init(self):
        # Odoo reflects models and fields with SQL: their new rows get the
        # default from the database
        self.env.cr.execute(
            "ALTER TABLE ir_model_fields "
            "ALTER COLUMN bizreg_classification SET DEFAULT 'internal'"
        )
        self.env.cr.execute(
            "UPDATE ir_model_fields SET bizreg_classification = 'internal' "
            "WHERE bizreg_classification IS NULL"
        )

    @api.model_create_multi
    def create(self, vals_list):
        check_classification_created(self, vals_list)
        return super().create(vals_list)

    def write(self, vals):
        checked = check_classification_write(self, vals)
        if checked is None and set(vals) == {"bizreg_classification"}:
            checked = vals  # the superuser's own code (data files)
        if checked is not None and set(checked) == {"bizreg_classification"}:
            # Odoo refuses any change of a field defined in code; the
            # classification is not a property of the field's definition
            self.check_access("read")
            res = super(BaseIrModelFields, self.sudo()).write(checked)
            self.env.registry.clear_cache()
            return res
        res = super().write(vals)
        if "bizreg_classification" in vals:
            self.env.registry.clear_cache()
        return res
