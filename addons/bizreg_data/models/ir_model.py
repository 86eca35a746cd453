# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError

DATA_MANAGER = "bizreg_data.group_bizreg_data_manager"
CLASSIFICATION = [
    ("public", "Public"),
    ("internal", "Internal"),
    ("confidential", "Confidential"),
    ("secret", "Secret"),
]
# the order of the levels: an export is classified at its highest level
LEVELS = {key: rank for rank, (key, _label) in enumerate(CLASSIFICATION)}


def check_classification_write(records, vals):
    """Only the Data Administrator sets a classification; he writes nothing
    else of Odoo's metadata through it.  Returns the values to write as the
    superuser, or None when the write is not a classification."""
    if "bizreg_classification" not in vals or records.env.su:
        return None
    env = records.env
    if not env.user.has_group(DATA_MANAGER):
        raise AccessError(
            env._(
                "Only the Data Administrator sets the “%s” of data.",
                records._fields["bizreg_classification"]._description_string(env),
            )
        )
    others = set(vals) - {"bizreg_classification"}
    if others and not env.user.has_group("base.group_system"):
        raise AccessError(
            env._(
                "The Data Administrator changes only the classification of "
                "models and fields."
            )
        )
    return vals


def check_classification_created(model, vals_list):
    """A model or field created with another classification than the
    default one (in its values or by a ``default_`` context key) is refused
    unless the Data Administrator (or the application) creates it; checked
    before anything is created (a field's creation changes the registry)."""
    env = model.env
    if env.su or env.user.has_group(DATA_MANAGER):
        return
    default = env.context.get("default_bizreg_classification")
    if any(
        vals.get("bizreg_classification", default) not in (None, False, "internal")
        for vals in vals_list
    ):
        raise AccessError(
            env._(
                "Only the Data Administrator sets the “%s” of data.",
                model._fields["bizreg_classification"]._description_string(env),
            )
        )


class IrModel(models.Model):
    _inherit = "ir.model"

    bizreg_classification = fields.Selection(
        CLASSIFICATION,
        string="Classification",
        default="internal",
        help="How sensitive the records of this model are: exports of "
        "confidential or secret data need the right “Data: Export confidential "
        "data”, and every export is logged.",
    )

    @api.model
    @tools.ormcache()
    def _bizreg_classification_map(self):
        """``{model name: level}`` of the models not classified internal."""
        self.flush_model(["bizreg_classification"])
        self.env.cr.execute(
            "SELECT model, bizreg_classification FROM ir_model "
            "WHERE bizreg_classification IS NOT NULL "
            "AND bizreg_classification != 'internal'"
        )
        return dict(self.env.cr.fetchall())

    def init(self):
        # Odoo reflects models and fields with SQL: their new rows get the
        # default from the database
        self.env.cr.execute(
            "ALTER TABLE ir_model "
            "ALTER COLUMN bizreg_classification SET DEFAULT 'internal'"
        )
        self.env.cr.execute(
            "UPDATE ir_model SET bizreg_classification = 'internal' "
            "WHERE bizreg_classification IS NULL"
        )

    @api.model_create_multi
    def create(self, vals_list):
        check_classification_created(self, vals_list)
        return super().create(vals_list)

    def write(self, vals):
        checked = check_classification_write(self, vals)
        if checked is not None:
            self.check_access("read")
            res = super(IrModel, self.sudo()).write(checked)
        else:
            res = super().write(vals)
        if "bizreg_classification" in vals:
            self.env.registry.clear_cache()
        return res
