# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

SEVERITIES = [
    ("blocker", "Blocker"),
    ("critical", "Critical"),
    ("major", "Major"),
    ("minor", "Minor"),
]


class BizregRndDefectPolicy(models.Model):
    """How long a defect of a severity may stay unfixed, in working hours
    of the company calendar, and when it escalates to the R&D Manager and
    the Director.  A policy applies to defects reported (or given that
    severity) after it is set."""

    _name = "bizreg.rnd.defect.policy"
    _description = "Defect Deadline Policy"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    severity = fields.Selection(SEVERITIES, required=True, index=True)
    fix_hours = fields.Float(
        string="Hours to Fix",
        required=True,
        help="Working hours of the company calendar from the report to the "
        "fix (a working day has the calendar's hours per day, 8 by default). "
        "Level 1 (the assignee is reminded) fires at this deadline.",
    )
    level2_delay_hours = fields.Float(
        string="Level 2 After (h)",
        default=8.0,
        help="Working hours after the deadline when the R&D Manager is told.",
    )
    level3_delay_hours = fields.Float(
        string="Level 3 After (h)",
        default=24.0,
        help="Working hours after the deadline when the Director is told.",
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty for every company; a company's own policy wins.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "hours_positive",
            "CHECK(fix_hours > 0 AND level2_delay_hours >= 0 "
            "AND level3_delay_hours >= level2_delay_hours)",
            "The hours to fix must be positive and level 3 must come after level 2.",
        ),
    ]

    def _compute_display_name(self):
        labels = dict(self._fields["severity"]._description_selection(self.env))
        for policy in self:
            policy.display_name = self.env._(
                "%(severity)s: %(hours)s h",
                severity=labels.get(policy.severity, ""),
                hours=policy.fix_hours,
            )

    def _policy_map(self, companies):
        """``{(company id, severity): policy}``: the company's policy, else
        the policy for every company (one query)."""
        policies = self.sudo().search(
            [("company_id", "in", [False, *companies.ids])],
            order="sequence, id",
        )
        found = {}
        for company in companies:
            for policy in policies:  # the first by sequence, a company's first
                key = (company.id, policy.severity)
                if not policy.company_id:
                    found.setdefault(key, policy)
                elif policy.company_id == company and (
                    key not in found or not found[key].company_id
                ):
                    found[key] = policy
        return found
