# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.bizreg_base.tools import trusted

DATA_MANAGER = "bizreg_data.group_bizreg_data_manager"


class BizregDataAccessReviewLine(models.Model):
    """One right of one user in an access review: confirmed or revoked by the
    manager of the user's department (or the Data Administrator), removed at
    the deadline when nobody decided."""

    _name = "bizreg.data.access.review.line"
    _description = "Access Review Line"
    _order = "review_id desc, department_id, user_id, group_id"
    _rec_name = "group_id"

    review_id = fields.Many2one(
        "bizreg.data.access.review",
        string="Access Review",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    review_state = fields.Selection(related="review_id.state", string="Review Status")
    date_deadline = fields.Date(related="review_id.date_deadline")
    user_id = fields.Many2one("res.users", required=True, readonly=True, index=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True, index=True)
    group_id = fields.Many2one(
        "res.groups",
        string="Right",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    implied_group_ids = fields.Many2many(
        "res.groups",
        string="Includes",
        compute="_compute_implied_group_ids",
        help="The rights this right brings with it: they go with it when it "
        "is revoked or removed, unless another right the user keeps brings "
        "them too.",
    )
    decider_id = fields.Many2one(
        "res.users",
        string="Decided By (Manager)",
        readonly=True,
        index=True,
        help="The manager of the user's department (the one above, or a "
        "Director, for the manager's own rights); the Data Administrator may "
        "decide too.",
    )
    decision = fields.Selection(
        [
            ("pending", "To Decide"),
            ("confirmed", "Confirmed"),
            ("revoked", "Revoked"),
            ("removed", "Removed at Deadline"),
        ],
        default="pending",
        required=True,
        readonly=True,
        index=True,
    )
    decided_by_id = fields.Many2one(
        "res.users", string="Decision By", readonly=True, index=True
    )
    decided_date = fields.Datetime(string="Decided On", readonly=True)
    note = fields.Text(
        string="Comment", help="Why the right is kept or revoked (optional)."
    )

    _sql_constraints = [
        (
            "review_user_group_uniq",
            "unique(review_id, user_id, group_id)",
            "A right is reviewed once per campaign.",
        ),
    ]

    def _compute_display_name(self):
        for line in self:
            line.display_name = "%s: %s" % (
                line.sudo().user_id.name or "",
                line.sudo().group_id.full_name or "",
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def unlink(self):
        if not self.env.su and any(line.review_id.state != "draft" for line in self):
            raise UserError(
                self.env._("The lines of a started access review are kept.")
            )
        return super().unlink()

    # ------------------------------------------------------------------
    # Decisions
    # ------------------------------------------------------------------
    def _bizreg_check_decide(self):
        is_admin = self.env.user.has_group(DATA_MANAGER)
        for line in self:
            if line.review_id.state != "running":
                raise UserError(
                    self.env._(
                        "Access review “%s” is not running: its rights are not "
                        "decided now.",
                        line.review_id.name,
                    )
                )
            if line.decision != "pending":
                raise UserError(
                    self.env._("“%s” was decided already.", line.display_name)
                )
            if line.user_id == self.env.user:
                raise AccessError(
                    self.env._(
                        "Nobody decides his own rights: “%s” is decided by your "
                        "manager.",
                        line.display_name,
                    )
                )
            if line.decider_id != self.env.user and not is_admin:
                raise AccessError(
                    self.env._(
                        "Only the manager of the user's department, or the Data "
                        "Administrator, decides “%s”.",
                        line.display_name,
                    )
                )

    def action_confirm(self):
        """The manager confirms the right: the user keeps it."""
        self._bizreg_check_decide()
        self._bizreg_engine_write(
            {
                "decision": "confirmed",
                "decided_by_id": self.env.uid,
                "decided_date": fields.Datetime.now(),
            }
        )
        self._bizreg_after_decision()
        return True

    def action_revoke(self):
        """The manager revokes the right: it is removed from the user now."""
        self._bizreg_check_decide()
        self._bizreg_remove_right("revoked", fields.Datetime.now(), self.env.user)
        self._bizreg_after_decision()
        return True

    def _compute_implied_group_ids(self):
        user_types = self.env.ref("base.module_category_user_type")
        for line in self:
            line.implied_group_ids = line.group_id.sudo().trans_implied_ids.filtered(
                lambda group: group.category_id != user_types
            )

    def _bizreg_remove_right(self, decision, when, by=None):
        """Take the right away from its user, with the rights it brought
        that no right he keeps brings too (Odoo stores the implied groups on
        the user: removing the group alone would leave its effect), and
        stamp the line.  The user type (internal user) is never removed."""
        for line in self.sudo():
            user = line.user_id
            held = user.groups_id
            if line.group_id not in held:
                continue
            dropped = line.group_id | line.implied_group_ids
            kept = held - dropped
            kept |= kept.trans_implied_ids
            removed = held & dropped - kept
            user.write({"groups_id": [Command.unlink(g.id) for g in removed]})
        with trusted("engine"):
            self.sudo().write(
                {
                    "decision": decision,
                    "decided_by_id": by.id if by else False,
                    "decided_date": when,
                }
            )
        for review in self.review_id:
            lines = self.filtered(lambda line, r=review: line.review_id == r)
            review.sudo().message_post(
                body=self.env._(
                    "%(rights)s: %(decision)s by %(user)s.",
                    rights=", ".join(lines.mapped("display_name")),
                    decision=dict(
                        self._fields["decision"]._description_selection(self.env)
                    )[decision],
                    user=by.name if by else self.env._("the deadline"),
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _bizreg_after_decision(self):
        """A manager with nothing left to decide has his activity done."""
        for review in self.sudo().review_id:
            waiting = review._bizreg_pending_deciders()
            done = review.activity_ids.filtered(
                lambda a, waiting=waiting: a.user_id not in waiting
            )
            if done:
                done.action_feedback(
                    feedback=self.env._("Every right of the staff decided.")
                )
