# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models
from odoo.exceptions import UserError


class BizregDepartmentMixin(models.AbstractModel):
    """The department a record belongs to: the scope of the department rules.

    One mechanism for every bizreg model and every Odoo/OCA model bizreg
    extends.  A model inheriting this mixin declares its department field
    (``department_id`` on bizreg's own models, ``bizreg_department_id`` on
    Odoo/OCA models) as::

        department_id = fields.Many2one(
            "hr.department",
            compute="_compute_bizreg_department",
            store=True,
            index=True,
        )

    and says where the department comes from:

    - ``_bizreg_department_field``: the name of that field;
    - ``_bizreg_department_from``: a field path read on the record (the
      default is the responsible user's employee department);
    - ``_bizreg_department_depends``: what recomputes it (the default is
      the first field of the path: the department is taken when the record's
      owner is set, it does not follow later moves in HR);
    - or :meth:`_bizreg_department_source` for anything a path cannot say.

    The department is stored and indexed (the rules filter on it), computed,
    and therefore engine-owned: who sees a record is not its author's choice.
    When the source has no department, the record keeps the one it had.
    """

    _name = "bizreg.department.mixin"
    _description = "Department Scope"

    _bizreg_department_field = "department_id"
    _bizreg_department_from = "user_id.employee_id.department_id"
    _bizreg_department_depends = None

    @api.model
    def _bizreg_department_dependencies(self):
        if self._bizreg_department_depends is not None:
            return self._bizreg_department_depends
        return (self._bizreg_department_from.split(".")[0],)

    def _bizreg_department_source(self):
        """The department of one record, read from its source (as superuser:
        the department must not depend on who triggered the recompute)."""
        self.ensure_one()
        return self.sudo().mapped(self._bizreg_department_from)[:1]

    @api.depends(lambda self: self._bizreg_department_dependencies())
    def _compute_bizreg_department(self):
        fname = self._bizreg_department_field
        for record in self:
            department = record._bizreg_department_source()
            if department or not record[fname]:
                record[fname] = department

    # "In my department": a model that offers the filter declares
    #     in_my_department = fields.Boolean(
    #         compute="_compute_in_my_department",
    #         search="_search_in_my_department",
    #     )
    def _compute_in_my_department(self):
        mine = self.env.user.bizreg_department_ids
        scope = (
            self.env["hr.department"].sudo().search([("id", "child_of", mine.ids)])
            if mine
            else self.env["hr.department"]
        )
        fname = self._bizreg_department_field
        for record in self:
            record.in_my_department = bool(record[fname] and record[fname] in scope)

    def _search_in_my_department(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Operation not supported"))
        domain = [
            (
                self._bizreg_department_field,
                "child_of",
                self.env.user.bizreg_department_ids.ids,
            )
        ]
        if (operator == "=") != value:
            return ["!"] + domain
        return domain
