# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import AccessError

ONBOARDING_STEPS = ("areas", "roles", "numbering", "chains", "backup")


class ResCompany(models.Model):
    _inherit = "res.company"

    bizreg_chains_reviewed_date = fields.Datetime(
        string="Approval Chains Reviewed On", readonly=True, copy=False
    )
    bizreg_chains_reviewed_uid = fields.Many2one(
        "res.users", string="Approval Chains Reviewed By", readonly=True, copy=False
    )

    # ------------------------------------------------------------------
    # Onboarding checklist: each step read from the live configuration
    # ------------------------------------------------------------------
    def bizreg_onboarding_steps(self):
        """``{step: (done, what is missing)}`` for the company's onboarding
        checklist; each step is checked against the configuration as it is
        now (a step done once is undone by a later change)."""
        self.ensure_one()
        return {
            step: getattr(self, f"_bizreg_onboarding_{step}")()
            for step in ONBOARDING_STEPS
        }

    def _bizreg_onboarding_areas(self):
        """Every active business area has at least one department."""
        areas = self.env["bizreg.area"].sudo().search([])
        missing = areas.filtered(lambda area: not area.department_ids)
        return not missing, ", ".join(missing.mapped("name"))

    def _bizreg_onboarding_roles(self):
        """Every role of the regulation is held by an active internal user:
        each area's user and manager groups, review, Director, Auditor and
        Regulation Administrator."""
        areas = self.env["bizreg.area"].sudo().search([])
        groups = areas.user_group_id | areas.manager_group_id
        for xmlid in (
            "bizreg_base.group_bizreg_legal",
            "bizreg_base.group_bizreg_finance",
            "bizreg_base.group_bizreg_risk",
            "bizreg_base.group_bizreg_director",
            "bizreg_base.group_bizreg_auditor",
            "bizreg_base.group_bizreg_admin",
        ):
            groups |= self.env.ref(xmlid)
        missing = groups.sudo().filtered(
            lambda group: (
                not group.users.filtered(
                    lambda user: not user.share and self in user.company_ids
                )
            )
        )
        return not missing, ", ".join(missing.mapped("full_name"))

    def _bizreg_onboarding_numbering(self):
        """Every kind of numbered record has an active numbering rule for
        the company (or for every company)."""
        registry = self.env.registry
        numbered = sorted(
            name
            for name in registry.descendants(["bizreg.numbering.mixin"], "_inherit")
            if not registry[name]._abstract and not registry[name]._transient
        )
        ruled = set(
            self.env["bizreg.numbering.rule"]
            .sudo()
            .search([("company_id", "in", [False, self.id])])
            .mapped("model")
        )
        missing = [name for name in numbered if name not in ruled]
        labels = self.env["ir.model"].sudo().search([("model", "in", missing)])
        return not missing, ", ".join(labels.mapped("name"))

    def _bizreg_onboarding_chains(self):
        """The approval chains were reviewed after their last change."""
        Definition = self.env["tier.definition"].sudo().with_context(active_test=False)
        [[last_change]] = Definition._read_group(
            [("company_id", "in", [False, self.id])], [], ["write_date:max"]
        )
        reviewed = self.bizreg_chains_reviewed_date
        done = bool(reviewed and (not last_change or last_change <= reviewed))
        if done:
            return True, ""
        if reviewed:
            return False, self.env._("changed after the last review")
        return False, self.env._("never reviewed")

    def _bizreg_onboarding_backup(self):
        """An active backup destination of the company passed its last
        connection test."""
        destinations = (
            self.env["bizreg.data.destination"]
            .sudo()
            .search([("company_id", "in", [False, self.id])])
        )
        if destinations.filtered("last_test_ok"):
            return True, ""
        if destinations:
            return False, self.env._("no destination passed its connection test")
        return False, self.env._("no backup destination")

    def bizreg_mark_chains_reviewed(self):
        """A Regulation Administrator confirms he reviewed the approval
        chains as they are now."""
        if not self.env.user.has_group("bizreg_base.group_bizreg_admin"):
            raise AccessError(
                self.env._(
                    "Only a Regulation Administrator may confirm the review of the "
                    "approval chains."
                )
            )
        self.sudo().write(
            {
                "bizreg_chains_reviewed_date": fields.Datetime.now(),
                "bizreg_chains_reviewed_uid": self.env.uid,
            }
        )
        return True
