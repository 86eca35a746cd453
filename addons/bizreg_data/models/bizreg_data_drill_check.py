# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class BizregDataDrillCheck(models.Model):
    """One verification of a restore drill: what was expected, what the
    restore showed (written by the engine)."""

    _name = "bizreg.data.drill.check"
    _description = "Restore Drill Check"
    _order = "drill_id, sequence, id"

    drill_id = fields.Many2one(
        "bizreg.data.drill",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    company_id = fields.Many2one(related="drill_id.company_id", store=True, index=True)
    sequence = fields.Integer(readonly=True)
    name = fields.Char(
        string="Check Name",
        required=True,
        readonly=True,
        help="The name the backup engine gives the check (in English).",
    )
    label = fields.Char(string="Check", compute="_compute_label")
    expected = fields.Char(readonly=True)
    found = fields.Char(readonly=True)
    passed = fields.Boolean(readonly=True)

    @api.depends("name")
    @api.depends_context("lang")
    def _compute_label(self):
        """The engine's check names, in the reader's language."""
        _ = self.env._
        fixed = {
            "Manifest checksum": _("Manifest checksum"),
            "Encryption key": _("Encryption key"),
            "Manifest authenticity (HMAC)": _("Manifest authenticity (HMAC)"),
            "Database restore (decrypt + pg_restore)": _(
                "Database restore (decrypt + pg_restore)"
            ),
            "Filestore restore (decrypt + untar)": _(
                "Filestore restore (decrypt + untar)"
            ),
            "Row counts of every table": _("Row counts of every table"),
            "Odoo registry loads": _("Odoo registry loads"),
        }
        for check in self:
            name = check.name or ""
            if name in fixed:
                check.label = fixed[name]
            elif name.startswith("Checksum "):
                check.label = _("Checksum of %s", name[len("Checksum ") :])
            elif name.startswith("Sample of "):
                table = name[len("Sample of ") :].split(" ", 1)[0]
                check.label = _("Sample of the first records of %s", table)
            else:
                check.label = name
