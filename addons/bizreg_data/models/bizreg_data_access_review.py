# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.bizreg_base.tools import company_today, period_bounds, trusted

DATA_MANAGER = "bizreg_data.group_bizreg_data_manager"
# deciders are reminded this many days before the deadline
REMINDER_DAYS = 3


def quarter_of(day):
    start = day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)
    return start, start + relativedelta(months=3, days=-1)


class BizregDataAccessReview(models.Model):
    """A quarterly access review (权限复核): every manager confirms or revokes
    the regulation-relevant rights of his staff by the deadline; the rights
    nobody confirmed are removed at the deadline.  The campaign keeps who
    decided what, and when."""

    _name = "bizreg.data.access.review"
    _description = "Access Review"
    _inherit = ["mail.thread", "mail.activity.mixin", "bizreg.escalation.mixin"]
    _order = "date_from desc, id desc"

    name = fields.Char(
        required=True, tracking=True, default=lambda self: self._default_name()
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    date_from = fields.Date(
        string="Period Start",
        required=True,
        default=lambda self: self._default_period()[0],
    )
    date_to = fields.Date(
        string="Period End",
        required=True,
        default=lambda self: self._default_period()[1],
    )
    date_deadline = fields.Date(
        string="Deadline",
        required=True,
        tracking=True,
        default=lambda self: self._default_period()[2] + timedelta(days=14),
        help="Rights not confirmed by the end of this day are removed.",
    )
    reminder_due = fields.Datetime(compute="_compute_deadlines", store=True, index=True)
    deadline_due = fields.Datetime(
        string="Rights Removed At",
        compute="_compute_deadlines",
        store=True,
        index=True,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("running", "Running"), ("closed", "Closed")],
        string="Status",
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    started_date = fields.Datetime(string="Started On", readonly=True, copy=False)
    started_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    reminded_date = fields.Datetime(string="Reminded On", readonly=True, copy=False)
    closed_date = fields.Datetime(string="Closed On", readonly=True, copy=False)
    line_ids = fields.One2many(
        "bizreg.data.access.review.line", "review_id", string="Rights", readonly=True
    )
    line_count = fields.Integer(string="Rights Reviewed", compute="_compute_counts")
    pending_count = fields.Integer(string="To Decide", compute="_compute_counts")
    confirmed_count = fields.Integer(string="Confirmed", compute="_compute_counts")
    revoked_count = fields.Integer(string="Revoked", compute="_compute_counts")
    removed_count = fields.Integer(
        string="Removed at Deadline", compute="_compute_counts"
    )

    _sql_constraints = [
        (
            "dates_check",
            "CHECK(date_from <= date_to)",
            "The period end must not be before its start.",
        ),
    ]

    # ------------------------------------------------------------------
    # Defaults, computes
    # ------------------------------------------------------------------
    @api.model
    def _default_period(self):
        today = company_today(self.env.company)
        start, end = quarter_of(today)
        return start, end, today

    @api.model
    def _default_name(self):
        start = self._default_period()[0]
        return self.env._(
            "Access review %(year)s Q%(quarter)s",
            year=start.year,
            quarter=(start.month - 1) // 3 + 1,
        )

    @api.depends("date_deadline", "company_id")
    def _compute_deadlines(self):
        for review in self:
            if not review.date_deadline:
                review.reminder_due = review.deadline_due = False
                continue
            company = review.company_id or self.env.company
            deadline = review.date_deadline
            reminder = deadline - timedelta(days=REMINDER_DAYS)
            review.reminder_due = period_bounds(company, reminder, reminder)[0]
            review.deadline_due = period_bounds(company, deadline, deadline)[1]

    def _compute_counts(self):
        groups = self.env["bizreg.data.access.review.line"]._read_group(
            [("review_id", "in", self.ids)],
            ["review_id", "decision"],
            ["__count"],
        )
        counts = {}
        for review, decision, count in groups:
            counts.setdefault(review.id, {})[decision] = count
        for review in self:
            found = counts.get(review.id, {})
            review.line_count = sum(found.values())
            review.pending_count = found.get("pending", 0)
            review.confirmed_count = found.get("confirmed", 0)
            review.revoked_count = found.get("revoked", 0)
            review.removed_count = found.get("removed", 0)

    @api.constrains("date_deadline", "date_from")
    def _check_deadline(self):
        for review in self:
            if review.date_deadline < review.date_from:
                raise ValidationError(
                    self.env._(
                        "“%s” must not be before the start of the period.",
                        self._fields["date_deadline"]._description_string(self.env),
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        if not self.env.su and set(vals) & {"date_from", "date_to", "company_id"}:
            if any(review.state != "draft" for review in self):
                raise UserError(
                    self.env._(
                        "The period and company of a started access review "
                        "cannot change."
                    )
                )
        return super().write(vals)

    def unlink(self):
        if not self.env.su and any(review.state != "draft" for review in self):
            raise UserError(
                self.env._("A started access review is a record: it cannot be deleted.")
            )
        return super().unlink()

    # ------------------------------------------------------------------
    # Who is reviewed
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_relevant_groups(self):
        """The groups the regulation cares about: those of the Business
        Regulation category, and Odoo's Settings and Access Rights."""
        category = self.env.ref("bizreg_base.module_category_bizreg")
        groups = (
            self.env["res.groups"].sudo().search([("category_id", "=", category.id)])
        )
        for xmlid in ("base.group_system", "base.group_erp_manager"):
            groups |= self.env.ref(xmlid)
        return groups

    @api.model
    def _bizreg_decider(self, user, department):
        """Who decides ``user``'s rights: the manager of his department, the
        manager above when he is the manager himself, else a Director; never
        the user himself."""
        department = department.sudo()
        while department:
            manager = department.manager_id.user_id
            if manager and manager != user:
                return manager
            department = department.parent_id
        directors = self.env.ref("bizreg_base.group_bizreg_director").sudo().users
        return (directors.filtered(lambda u: not u.share) - user).sorted("id")[:1]

    def _bizreg_prepare_lines(self):
        """The lines of the campaign: one per (user, right) of the internal
        users with an employee in a department that has a manager (the
        technical administrator accounts excepted)."""
        self.ensure_one()
        relevant = self._bizreg_relevant_groups()
        skip = self.env.ref("base.user_root") | self.env.ref(
            "base.user_admin", raise_if_not_found=False
        )
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    ("user_id", "!=", False),
                    ("user_id.share", "=", False),
                    ("user_id", "not in", skip.ids),
                    ("department_id", "!=", False),
                    ("company_id", "=", self.company_id.id),
                ],
                order="id",
            )
        )
        vals_list, seen = [], set()
        for employee in employees:
            user = employee.user_id
            if user.id in seen or not employee.department_id.manager_id:
                continue
            seen.add(user.id)
            held = user.groups_id & relevant
            implied = held.trans_implied_ids
            decider = self._bizreg_decider(user, employee.department_id)
            for group in (held - implied).sorted("id"):
                vals_list.append(
                    {
                        "review_id": self.id,
                        "user_id": user.id,
                        "employee_id": employee.id,
                        "department_id": employee.department_id.id,
                        "group_id": group.id,
                        "decider_id": decider.id,
                    }
                )
        return vals_list

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _bizreg_check_data_manager(self):
        if not self.env.su and not self.env.user.has_group(DATA_MANAGER):
            raise AccessError(
                self.env._("Only the Data Administrator runs access reviews.")
            )
        self.check_access("write")

    def action_start(self):
        """Draft → running: a line for each right to review and an activity
        for each manager who decides."""
        self._bizreg_check_data_manager()
        for review in self:
            if review.state != "draft":
                raise UserError(
                    self.env._("Access review “%s” was started already.", review.name)
                )
            Line = self.env["bizreg.data.access.review.line"].sudo()
            with trusted("engine"):
                Line.create(review._bizreg_prepare_lines())
            review._bizreg_engine_write(
                {
                    "state": "running",
                    "started_date": fields.Datetime.now(),
                    "started_by_id": self.env.uid,
                }
            )
            review._bizreg_notify_deciders(first=True)
        return True

    def action_close(self):
        """Running → closed, once every right is decided (the deadline
        closes it otherwise)."""
        self._bizreg_check_data_manager()
        for review in self:
            if review.state != "running":
                raise UserError(
                    self.env._("Access review “%s” is not running.", review.name)
                )
            if review.pending_count:
                raise UserError(
                    self.env._(
                        "Access review “%(review)s” still has %(count)s rights to "
                        "decide: they are removed at the deadline.",
                        review=review.name,
                        count=review.pending_count,
                    )
                )
        self._bizreg_engine_write(
            {"state": "closed", "closed_date": fields.Datetime.now()}
        )
        return True

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_data.bizreg_data_access_review_line_action"
        )
        action["domain"] = [("review_id", "=", self.id)]
        action["context"] = {"search_default_group_department": 1}
        return action

    def action_print(self):
        return self.env.ref(
            "bizreg_data.bizreg_data_access_review_report_action"
        ).report_action(self)

    # ------------------------------------------------------------------
    # Reminders and the deadline (escalation mechanism)
    # ------------------------------------------------------------------
    def _bizreg_escalation_levels(self):
        return [
            ("reminder", "reminder_due", "reminded_date", "_bizreg_remind_deciders"),
            ("deadline", "deadline_due", "closed_date", "_bizreg_on_deadline"),
        ]

    def _bizreg_escalation_domain(self):
        return [("state", "=", "running")]

    def _bizreg_pending_deciders(self):
        """The users who still have rights to decide in the review (the Data
        Administrators for the lines nobody else decides)."""
        self.ensure_one()
        pending = self.line_ids.sudo().filtered(lambda line: line.decision == "pending")
        deciders = pending.decider_id
        if pending.filtered(lambda line: not line.decider_id):
            deciders |= (
                self.env.ref(DATA_MANAGER).sudo().users.filtered(lambda u: not u.share)
            )
        return deciders

    def _bizreg_notify_deciders(self, first=False):
        def summary(review, _user, _target):
            if first:
                return review.env._(
                    "Access review: confirm or revoke your staff's rights by %s",
                    review.date_deadline,
                )
            return review.env._(
                "Reminder: rights not decided by %s are removed",
                review.date_deadline,
            )

        return self._bizreg_escalation_notify(
            "bizreg_base.mail_activity_bizreg_followup",
            lambda review: review._bizreg_pending_deciders(),
            summary=summary,
            note=lambda review, _user, _target: review.env._(
                "Open “My Access Reviews” and confirm or revoke each right of your "
                "staff. Rights nobody confirmed by the deadline are removed."
            ),
            post=lambda review, _user, target: review.env._(
                "Managers asked to decide: %s", target
            ),
            date_deadline=lambda review, _user: review.date_deadline,
        )

    def _bizreg_remind_deciders(self):
        return self._bizreg_notify_deciders()

    def _bizreg_on_deadline(self):
        """At the deadline: every right nobody confirmed is removed from its
        user, the line stamped; the campaign closes."""
        now = fields.Datetime.now()
        for review in self:
            pending = review.line_ids.sudo().filtered(
                lambda line: line.decision == "pending"
            )
            pending._bizreg_remove_right("removed", now)
            with trusted("engine"):
                review.write({"state": "closed"})
            if pending:
                body = Markup("<p>%s</p><ul>%s</ul>") % (
                    self.env._("Rights removed at the deadline (not confirmed):"),
                    Markup("").join(
                        Markup("<li>%s: %s</li>")
                        % (line.user_id.name, line.group_id.full_name)
                        for line in pending
                    ),
                )
            else:
                body = self.env._("Every right was decided before the deadline.")
            review.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")
        # the deciders' open reminders are moot
        self.sudo().activity_ids.unlink()
        return True

    @api.model
    def _cron_deadlines(self):
        return self._bizreg_run_escalations()
