# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.bizreg_base.tools import any_trusted

# what may still change on a visit done or cancelled: its follow-ups (their
# own model guards them) and the chatter's bookkeeping
_AFTER_DONE = frozenset({"followup_ids", "message_main_attachment_id"})


class BizregPartnerVisit(models.Model):
    """A visit to an external partner and its report: purpose, participants,
    the feedback heard and the follow-ups agreed (bizreg_base's periodic-visit
    mechanism: planned by the communication plans, reminded and escalated
    when overdue, "done as planned" when done by the planned day)."""

    _name = "bizreg.partner.visit"
    _description = "Partner Visit"
    _inherit = ["bizreg.visit.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_planned desc, id desc"
    _rec_name = "partner_id"

    # the visitor does not move his own visit's day (the "done as planned"
    # figure reads it) nor hand it to a colleague: the head of department does
    _bizreg_visit_manager_group = "bizreg_meeting.group_bizreg_meeting_manager"

    user_id = fields.Many2one(string="Visitor")
    partner_class = fields.Selection(
        related="partner_id.bizreg_partner_class",
        store=True,
        string="Partner Class",
    )
    plan_id = fields.Many2one(
        "bizreg.partner.comm.plan",
        string="Communication Plan",
        index=True,
        ondelete="set null",
    )
    visit_type = fields.Selection(
        [
            ("onsite", "On-site Visit"),
            ("reception", "Reception at Our Site"),
            ("online", "Online Meeting"),
            ("phone", "Phone Call"),
        ],
        string="Type",
        default="onsite",
        required=True,
    )
    purpose = fields.Text()
    participant_ids = fields.Many2many(
        "res.users",
        "bizreg_partner_visit_participant_rel",
        "visit_id",
        "user_id",
        string="Our Participants",
        domain="[('share', '=', False)]",
    )
    contact_ids = fields.Many2many(
        "res.partner",
        "bizreg_partner_visit_contact_rel",
        "visit_id",
        "partner_id",
        string="Partner Participants",
    )
    feedback = fields.Text(
        string="Feedback and Opinions",
        help="What the partner said: satisfaction, opinions, requests.",
    )
    followup_ids = fields.One2many(
        "bizreg.partner.visit.followup", "visit_id", string="Agreed Follow-ups"
    )
    followup_open_count = fields.Integer(
        compute="_compute_followup_open_count", string="Open Follow-ups"
    )

    @api.depends("followup_ids.state")
    def _compute_followup_open_count(self):
        for visit in self:
            visit.followup_open_count = len(
                visit.followup_ids.filtered(lambda f: f.state == "open")
            )

    def write(self, vals):
        if not self.env.su and not any_trusted() and set(vals) - _AFTER_DONE:
            for visit in self:
                if visit.state != "planned":
                    raise UserError(
                        self.env._(
                            "The visit to %s is closed: its report can no longer "
                            "change.",
                            visit.partner_id.name,
                        )
                    )
        return super().write(vals)

    def _bizreg_visit_check_done(self):
        res = super()._bizreg_visit_check_done()
        if not (self.feedback or "").strip():
            raise UserError(
                self.env._(
                    "Record the partner's feedback before completing the visit to %s.",
                    self.partner_id.name,
                )
            )
        return res

    # ------------------------------------------------------------------
    # KPI (read by the appraisal bridge bizreg_appraisal_meeting)
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_kpi_visits(self, users, date_from, date_to, company=None):
        """Partner visits planned in a period per visitor and how many of
        them were done as planned (by their planned day).

        ``users``: ``res.users`` records or ids; ``date_from``/``date_to``:
        days (inclusive) of the planned day; cancelled visits do not count.
        Visits of ``company`` (default: the current company) only.  One
        grouped read whatever the number of users; returns
        ``{user_id: {"planned": n, "done_on_time": n}}`` for every user.
        """
        user_ids = list(users.ids if isinstance(users, models.BaseModel) else users)
        company = company or self.env.company
        result = {uid: {"planned": 0, "done_on_time": 0} for uid in user_ids}
        if not user_ids:
            return result
        groups = (
            self.sudo()
            .with_context(active_test=False)
            ._read_group(
                [
                    ("user_id", "in", user_ids),
                    ("company_id", "=", company.id),
                    ("date_planned", ">=", fields.Date.to_date(date_from)),
                    ("date_planned", "<=", fields.Date.to_date(date_to)),
                    ("state", "!=", "cancelled"),
                ],
                ["user_id", "done_on_time"],
                ["__count"],
            )
        )
        for user, on_time, count in groups:
            figures = result[user.id]
            figures["planned"] += count
            if on_time:
                figures["done_on_time"] += count
        return result
