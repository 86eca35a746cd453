# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.bizreg_base.tools import any_trusted, trusted

_logger = logging.getLogger(__name__)

USER_GROUP = "bizreg_rnd.group_bizreg_rnd_user"
MANAGER_GROUP = "bizreg_rnd.group_bizreg_rnd_manager"
OPEN_STATES = ("new", "confirmed", "fixing")


class BizregRndDefect(models.Model):
    """A defect (缺陷) found in a release, tracked until closed."""

    _name = "bizreg.rnd.defect"
    _description = "Defect"
    _inherit = [
        "bizreg.record.mixin",
        "bizreg.escalation.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "id desc"

    name = fields.Char(string="Summary", required=True, tracking=True)
    # the owner is the assignee who fixes the defect
    user_id = fields.Many2one(string="Assignee")
    severity = fields.Selection(
        [
            ("blocker", "Blocker"),
            ("critical", "Critical"),
            ("major", "Major"),
            ("minor", "Minor"),
        ],
        required=True,
        default="major",
        index=True,
        tracking=True,
    )
    state = fields.Selection(
        [
            ("new", "New"),
            ("confirmed", "Confirmed"),
            ("fixing", "Fixing"),
            ("fixed", "Fixed"),
            ("verified", "Verified"),
            ("closed", "Closed"),
        ],
        default="new",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    found_in_release_id = fields.Many2one(
        "bizreg.rnd.release", string="Found In", index=True, tracking=True
    )
    fixed_in_release_id = fields.Many2one(
        "bizreg.rnd.release", string="Fixed In", index=True, tracking=True
    )
    requirement_id = fields.Many2one("bizreg.rnd.requirement", index="btree_not_null")
    ticket_id = fields.Many2one("helpdesk.ticket", index="btree_not_null")
    test_result_id = fields.Many2one(
        "bizreg.rnd.test.result",
        string="Found by Test",
        index="btree_not_null",
        ondelete="set null",
    )
    steps_to_reproduce = fields.Text()
    expected_behavior = fields.Text()
    actual_behavior = fields.Text()
    reporter_id = fields.Many2one(
        "res.users",
        string="Reported By",
        default=lambda self: self.env.user,
        readonly=True,
        index=True,
    )
    date_reported = fields.Datetime(
        string="Reported On",
        default=fields.Datetime.now,
        readonly=True,
        required=True,
        copy=False,
        help="The deadline to fix runs from here.",
    )
    fixer_id = fields.Many2one(
        "res.users", string="Fixed By", readonly=True, copy=False
    )
    date_fixed = fields.Datetime(string="Fixed On", readonly=True, copy=False)
    verifier_id = fields.Many2one(
        "res.users", string="Verified By", readonly=True, copy=False
    )
    date_closed = fields.Datetime(string="Closed On", readonly=True, copy=False)
    reopen_count = fields.Integer(
        string="Reopened", readonly=True, copy=False, aggregator="sum"
    )
    reopen_reason = fields.Text(string="Last Reopen Reason", readonly=True, copy=False)
    policy_id = fields.Many2one(
        "bizreg.rnd.defect.policy",
        string="Deadline Policy",
        compute="_compute_deadlines",
        store=True,
    )
    date_deadline = fields.Datetime(
        string="Fix Deadline",
        compute="_compute_deadlines",
        store=True,
        index=True,
        help="Working hours of the severity's policy after the report, on "
        "the company calendar. Level 1 (the assignee) fires here.",
    )
    escalation_l2_deadline = fields.Datetime(
        string="Level 2 on", compute="_compute_deadlines", store=True, index=True
    )
    escalation_l3_deadline = fields.Datetime(
        string="Level 3 on", compute="_compute_deadlines", store=True, index=True
    )
    escalation_l1_date = fields.Datetime(
        string="Assignee Reminded on", readonly=True, copy=False
    )
    escalation_l2_date = fields.Datetime(
        string="Escalated to Manager on", readonly=True, copy=False
    )
    escalation_l3_date = fields.Datetime(
        string="Escalated to Director on", readonly=True, copy=False
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue", string="Overdue"
    )
    found_after_release = fields.Boolean(
        compute="_compute_found_after_release",
        store=True,
        index=True,
        help="Found in a release already released, after its release date "
        "(a KPI of R&D).",
    )

    # ------------------------------------------------------------------
    # Deadlines
    # ------------------------------------------------------------------
    @api.depends("severity", "date_reported", "company_id.resource_calendar_id")
    def _compute_deadlines(self):
        policies = self.env["bizreg.rnd.defect.policy"]._policy_map(
            self.company_id or self.env.company
        )
        for defect in self:
            company = defect.company_id or self.env.company
            policy = policies.get((company.id, defect.severity))
            defect.policy_id = policy
            if not policy or not defect.date_reported:
                defect.date_deadline = False
                defect.escalation_l2_deadline = False
                defect.escalation_l3_deadline = False
                continue
            calendar = company.resource_calendar_id
            deadline = calendar._bizreg_add_working_hours(
                defect.date_reported, policy.fix_hours
            )
            defect.date_deadline = deadline
            defect.escalation_l2_deadline = calendar._bizreg_add_working_hours(
                deadline, policy.level2_delay_hours
            )
            defect.escalation_l3_deadline = calendar._bizreg_add_working_hours(
                deadline, policy.level3_delay_hours
            )

    @api.depends("date_deadline", "state")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for defect in self:
            defect.is_overdue = bool(
                defect.state in OPEN_STATES
                and defect.date_deadline
                and defect.date_deadline < now
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("“Overdue”: unsupported search."))
        domain = [
            ("state", "in", OPEN_STATES),
            ("date_deadline", "<", fields.Datetime.now()),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    @api.depends(
        "date_reported",
        "found_in_release_id.state",
        "found_in_release_id.date_released",
    )
    def _compute_found_after_release(self):
        for defect in self:
            release = defect.found_in_release_id
            defect.found_after_release = bool(
                release
                and release.state == "released"
                and release.date_released
                and defect.date_reported
                and defect.date_reported >= release.date_released
            )

    # ------------------------------------------------------------------
    # Who may do what
    # ------------------------------------------------------------------
    def _is_owner_manager(self, user):
        """``user`` manages the assignee (R&D Manager group, or the manager
        of the assignee's department or employee)."""
        self.ensure_one()
        if user.has_group(MANAGER_GROUP):
            return True
        employee = self.user_id.sudo().employee_id
        managers = (
            employee.parent_id.user_id | employee.department_id.manager_id.user_id
        )
        return user in managers

    def _check_transition(self, from_states, who):
        """Check the state of every defect and that the current user may act
        (``who(defect, user)`` returns an error message or ``None``)."""
        self.check_access("write")
        user = self.env.user
        labels = dict(self._fields["state"]._description_selection(self.env))
        for defect in self:
            if defect.state not in from_states:
                raise UserError(
                    self.env._(
                        "“Status”: the defect “%(defect)s” is %(state)s; this "
                        "step is not possible.",
                        defect=defect.display_name,
                        state=labels[defect.state],
                    )
                )
            problem = who(defect, user)
            if problem:
                raise AccessError(problem)

    def _who_manager(self, defect, user):
        if not defect._is_owner_manager(user):
            return self.env._(
                "Only the R&D Manager or the assignee's manager confirms and "
                "assigns defects."
            )

    def _who_owner(self, defect, user):
        if defect.user_id != user:
            return self.env._(
                "Only the assignee (%s) works on the fix of this defect.",
                defect.user_id.name or "-",
            )

    def _who_tester(self, defect, user):
        if not user.has_group(USER_GROUP):
            return self.env._("Only R&D staff verify and close defects.")
        if user in (defect.fixer_id | defect.user_id):
            return self.env._(
                "You fixed this defect: another member of R&D verifies and closes it."
            )

    def write(self, vals):
        if "user_id" in vals and not self.env.su and not any_trusted():
            # assigning is the decision of the R&D Manager or the manager
            for defect in self:
                if defect.user_id.id != vals["user_id"] and not (
                    defect._is_owner_manager(self.env.user)
                ):
                    raise AccessError(self._who_manager(defect, self.env.user))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------
    def action_confirm(self):
        self._check_transition(("new",), self._who_manager)
        self._bizreg_engine_write({"state": "confirmed"})
        return True

    def action_start_fixing(self):
        self._check_transition(("confirmed",), self._who_owner)
        self._bizreg_engine_write({"state": "fixing"})
        return True

    def action_fixed(self):
        self._check_transition(("fixing",), self._who_owner)
        for defect in self:
            if not defect.fixed_in_release_id:
                raise UserError(
                    self.env._(
                        "“Fixed In”: name the release that brings the fix of “%s”.",
                        defect.display_name,
                    )
                )
        self._bizreg_engine_write(
            {
                "state": "fixed",
                "fixer_id": self.env.uid,
                "date_fixed": fields.Datetime.now(),
            }
        )
        return True

    def action_verify(self):
        self._check_transition(("fixed",), self._who_tester)
        self._bizreg_engine_write({"state": "verified", "verifier_id": self.env.uid})
        return True

    def action_close(self):
        self._check_transition(("verified",), self._who_tester)
        self._bizreg_engine_write(
            {"state": "closed", "date_closed": fields.Datetime.now()}
        )
        return True

    def action_reopen(self):
        """Ask for the reason (wizard)."""
        self._check_transition(("fixed", "verified", "closed"), self._who_reopen)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reopen Defect"),
            "res_model": "bizreg.rnd.defect.reopen.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    def _who_reopen(self, defect, user):
        if not user.has_group(USER_GROUP):
            return self.env._("Only R&D staff reopen defects.")

    def _rnd_reopen(self, reason):
        """Back to confirmed with a reason, counted; the deadline levels fire
        again if the deadline has passed."""
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("“Reason”: say why the defect is reopened."))
        self._check_transition(("fixed", "verified", "closed"), self._who_reopen)
        for defect in self:
            defect._bizreg_engine_write(
                {
                    "state": "confirmed",
                    "reopen_count": defect.reopen_count + 1,
                    "reopen_reason": reason,
                    "fixer_id": False,
                    "verifier_id": False,
                    "date_fixed": False,
                    "date_closed": False,
                    "escalation_l1_date": False,
                    "escalation_l2_date": False,
                    "escalation_l3_date": False,
                }
            )
            defect.message_post(
                body=self.env._("Reopened: %s", reason),
                subtype_xmlid="mail.mt_note",
            )
        return True

    # ------------------------------------------------------------------
    # Escalation: 1 assignee, 2 R&D Manager, 3 Director
    # ------------------------------------------------------------------
    def _bizreg_escalation_levels(self):
        return [
            ("level1", "date_deadline", "escalation_l1_date", "_escalate_level1"),
            (
                "level2",
                "escalation_l2_deadline",
                "escalation_l2_date",
                "_escalate_level2",
            ),
            (
                "level3",
                "escalation_l3_deadline",
                "escalation_l3_date",
                "_escalate_level3",
            ),
        ]

    def _bizreg_escalation_domain(self):
        return [("state", "in", OPEN_STATES)]

    def _bizreg_escalation_managers(self):
        manager = self.sudo().department_id.manager_id.user_id
        if manager:
            return manager
        return self.env.ref(MANAGER_GROUP).sudo()

    def _escalate(self, level):
        return self._bizreg_escalation_ladder(
            level,
            lambda defect, action: defect.env._(
                "Escalation level %(level)s: the fix deadline (%(deadline)s) of "
                "this defect has passed. %(action)s",
                level=level,
                deadline=defect._bizreg_escalation_time(defect.date_deadline),
                action=action,
            ),
            lambda defect: defect.env._("Reminder: the defect is overdue."),
        )

    def _escalate_level1(self):
        return self._escalate(1)

    def _escalate_level2(self):
        return self._escalate(2)

    def _escalate_level3(self):
        return self._escalate(3)

    @api.model
    def _cron_rnd_defect_deadlines(self):
        with trusted("engine"):
            fired = self._bizreg_run_escalations()
        _logger.info("Defect escalations fired: %s", fired)
        return fired
