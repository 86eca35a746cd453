# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

# What record rules and document numbers rely on: only HR managers and the
# regulation administrator change it.
STRUCTURE_FIELDS = frozenset(
    {"parent_id", "manager_id", "company_id", "active", "bizreg_area_id", "bizreg_code"}
)
STRUCTURE_GROUPS = ("hr.group_hr_manager", "bizreg_base.group_bizreg_admin")


class HrDepartment(models.Model):
    _inherit = "hr.department"

    bizreg_area_id = fields.Many2one(
        "bizreg.area",
        string="Business Area",
        index=True,
        tracking=True,
        help="The business area of the regulation this department belongs to.",
    )
    parent_id = fields.Many2one(tracking=True)
    bizreg_code = fields.Char(
        string="Department Code",
        tracking=True,
        help="Code used in document numbers ({dept}); defaults to the business "
        "area's code.",
    )

    # Odoo stores ``complete_name`` once, in the language of whoever computed
    # it: search the translated name too, and show the path in the reader's
    # language (a Chinese user types and reads 销售部, not "Sales Department").
    _rec_names_search = ["complete_name", "name"]

    @api.depends_context("hierarchical_naming", "lang")
    def _compute_display_name(self):
        if not self.env.context.get("hierarchical_naming", True):
            return super()._compute_display_name()
        for department in self:
            names, current, seen = [], department.sudo(), set()
            while current and current.id not in seen:
                seen.add(current.id)
                names.append(current.name or "")
                current = current.parent_id
            department.display_name = " / ".join(reversed(names))

    @api.constrains("bizreg_code")
    def _check_bizreg_code(self):
        for dept in self:
            if dept.bizreg_code and any(ch.isspace() for ch in dept.bizreg_code):
                raise ValidationError(
                    self.env._("A department code cannot contain spaces.")
                )

    @api.model
    def _bizreg_check_structure_write(self, names):
        """The structure security depends on changes only by HR managers or
        the regulation administrator, whatever the route."""
        if self.env.su or not STRUCTURE_FIELDS.intersection(names):
            return
        if any(self.env.user.has_group(group) for group in STRUCTURE_GROUPS):
            return
        raise AccessError(
            self.env._(
                "Only HR managers and the regulation administrator can change "
                "the department structure (parent, manager, business area, "
                "code, company, archiving)."
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._bizreg_check_structure_write(vals)
        departments = super().create(vals_list)
        self.env.registry.clear_cache()  # caches derived from the structure
        return departments

    def write(self, vals):
        self._bizreg_check_structure_write(vals)
        res = super().write(vals)
        if STRUCTURE_FIELDS.intersection(vals):
            self.env.registry.clear_cache()  # caches derived from the structure
        return res

    def unlink(self):
        self._bizreg_check_structure_write(STRUCTURE_FIELDS)
        res = super().unlink()
        self.env.registry.clear_cache()  # caches derived from the structure
        return res

    def _bizreg_numbering_code(self):
        """Code of the department for document numbers (its own, else its area's)."""
        self.ensure_one()
        return self.bizreg_code or self.bizreg_area_id.code or ""
