# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import calendar
from collections import defaultdict
from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.bizreg_base.tools import trusted

from ..demo_builder import build_closed_quarter, build_measured_month
from .batch import create_computed
from .bizreg_appraisal import CLOSED_STATES

OPEN_STATES = ("draft", "self_assessment", "evaluation", "calibration")
DONE_STATES = ("approved", "published")
# The period and scope of a cycle: set in draft only.
PERIOD_FIELDS = {"cycle_type", "year", "period", "company_id", "department_ids"}
# The rules the results are checked against: fixed once results are frozen.
RULE_FIELDS = {"forced_distribution", "excellent_quota"}
# Who requests the approval of a cycle's results (DEFAULTS.md: HR, then the
# Director approve them; HR runs the cycle and submits it).
REQUESTER_GROUP = "hr.group_hr_user"


class BizregAppraisalCycle(models.Model):
    """One appraisal period (month, quarter or year) for a set of employees.

    draft → self-assessment → evaluations → calibration → (HR, then Director
    approve through bizreg approvals) approved → published.
    """

    _name = "bizreg.appraisal.cycle"
    _description = "Appraisal Cycle"
    _inherit = [
        "bizreg.approval.mixin",
        "bizreg.numbering.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date_from desc, id desc"
    _state_from = ["calibration"]
    _state_to = ["approved", "published"]
    _cancel_state = "cancel"

    name = fields.Char(compute="_compute_period", store=True, index=True)
    cycle_type = fields.Selection(
        [("monthly", "Monthly"), ("quarterly", "Quarterly"), ("annual", "Annual")],
        required=True,
        default="monthly",
        tracking=True,
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.today().year)
    period = fields.Integer(
        string="Month / Quarter",
        help="Month (1-12) of a monthly cycle, quarter (1-4) of a quarterly one.",
        default=1,
    )
    period_label = fields.Char(string="Period", compute="_compute_period", store=True)
    date_from = fields.Date(compute="_compute_period", store=True, index=True)
    date_to = fields.Date(compute="_compute_period", store=True, index=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("self_assessment", "Self-Assessment"),
            ("evaluation", "Evaluations"),
            ("calibration", "Calibration"),
            ("approved", "Approved"),
            ("published", "Published"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    user_id = fields.Many2one(
        "res.users",
        string="HR Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    department_ids = fields.Many2many(
        "hr.department",
        string="Departments",
        help="Departments in scope (with their sub-departments); empty = all.",
    )
    with_evaluations = fields.Boolean(
        string="360 Evaluations",
        default=True,
        help="Collect self, manager, peer and customer evaluations in this cycle. "
        "Without them the final score is the KPI (or roll-up) score.",
    )
    forced_distribution = fields.Boolean(
        default=lambda self: self.env.company.bizreg_appraisal_forced_distribution,
        tracking=True,
    )
    excellent_quota = fields.Float(
        string="Excellent Quota (%)",
        default=lambda self: self.env.company.bizreg_appraisal_excellent_quota,
    )
    self_deadline = fields.Datetime(string="Self-Assessment Deadline")
    evaluation_deadline = fields.Datetime()
    appraisal_ids = fields.One2many("bizreg.appraisal", "cycle_id", string="Appraisals")
    appraisal_count = fields.Integer(compute="_compute_counts")
    evaluation_count = fields.Integer(compute="_compute_counts")
    evaluation_pending_count = fields.Integer(compute="_compute_counts")
    honour_count = fields.Integer(compute="_compute_counts")
    note = fields.Html()

    @api.depends("cycle_type", "year", "period")
    def _compute_period(self):
        for cycle in self:
            year, period = cycle.year, cycle.period
            if not 1900 < year < 3000 or not cycle.cycle_type:
                cycle.date_from = cycle.date_to = False
                cycle.period_label = cycle.name = False
                continue
            if cycle.cycle_type == "monthly" and 1 <= period <= 12:
                start = date(year, period, 1)
                end = date(year, period, calendar.monthrange(year, period)[1])
                label = f"{year}-{period:02d}"
            elif cycle.cycle_type == "quarterly" and 1 <= period <= 4:
                start = date(year, 3 * period - 2, 1)
                end = date(year, 3 * period, calendar.monthrange(year, 3 * period)[1])
                label = f"{year}-Q{period}"
            elif cycle.cycle_type == "annual":
                start, end, label = date(year, 1, 1), date(year, 12, 31), str(year)
            else:
                cycle.date_from = cycle.date_to = False
                cycle.period_label = cycle.name = False
                continue
            cycle.date_from, cycle.date_to = start, end
            cycle.period_label = label
            cycle.name = f"AP-{label}"

    def _compute_counts(self):
        appraisals = dict(
            self.env["bizreg.appraisal"]._read_group(
                [("cycle_id", "in", self.ids)], ["cycle_id"], ["__count"]
            )
        )
        evaluations = defaultdict(dict)
        for cycle, state, count in self.env["bizreg.appraisal.evaluation"]._read_group(
            [("cycle_id", "in", self.ids)], ["cycle_id", "state"], ["__count"]
        ):
            evaluations[cycle.id][state] = count
        honours = dict(
            self.env["bizreg.appraisal.honour"]._read_group(
                [("cycle_id", "in", self.ids)], ["cycle_id"], ["__count"]
            )
        )
        for cycle in self:
            cycle.appraisal_count = appraisals.get(cycle, 0)
            cycle.evaluation_count = sum(evaluations[cycle.id].values())
            cycle.evaluation_pending_count = evaluations[cycle.id].get("draft", 0)
            cycle.honour_count = honours.get(cycle, 0)

    @api.constrains("cycle_type", "year", "period", "excellent_quota", "company_id")
    def _check_period(self):
        for cycle in self:
            if not cycle.date_from:
                raise ValidationError(
                    self.env._(
                        "Invalid period: a monthly cycle needs a month from 1 to 12, "
                        "a quarterly cycle a quarter from 1 to 4, and the year must "
                        "be valid."
                    )
                )
            if not 0 <= cycle.excellent_quota <= 100:
                raise ValidationError(
                    self.env._("The excellent quota is a percentage between 0 and 100.")
                )
            others = self.search(
                [
                    ("id", "!=", cycle.id),
                    ("company_id", "=", cycle.company_id.id),
                    ("cycle_type", "=", cycle.cycle_type),
                    ("date_from", "=", cycle.date_from),
                    ("state", "!=", "cancel"),
                ]
            )
            for other in others:
                if (
                    not other.department_ids
                    or not cycle.department_ids
                    or other.department_ids & cycle.department_ids
                ):
                    raise ValidationError(
                        self.env._(
                            "Cycle %s already appraises these departments.",
                            other.display_name,
                        )
                    )

    # ------------------------------------------------------------------
    # Numbering hooks
    # ------------------------------------------------------------------
    def _bizreg_numbering_date(self):
        return self.date_from or fields.Date.context_today(self)

    def _bizreg_numbering_department(self):
        return self.env["hr.department"]

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        if not self.env.su:
            self._bizreg_check_input(vals)
            if set(vals) & PERIOD_FIELDS and any(c.state != "draft" for c in self):
                raise UserError(
                    self.env._("The period and scope of a cycle change in draft only.")
                )
            if set(vals) & RULE_FIELDS and any(c.state != "draft" for c in self):
                # the distribution rule is set before anyone is graded: not
                # loosened during calibration to fit the grades
                raise UserError(
                    self.env._(
                        "The forced distribution of a cycle is set in draft only."
                    )
                )
        return super().write(vals)

    def unlink(self):
        if any(c.state not in ("draft", "cancel") for c in self):
            raise UserError(
                self.env._("Only draft or cancelled cycles can be deleted.")
            )
        return super().unlink()

    # ------------------------------------------------------------------
    # Approval
    # ------------------------------------------------------------------
    def _bizreg_set_state(self, state):
        if state in CLOSED_STATES:
            # Results freeze with the cycle: compute what is pending first
            # (the scores of a closed cycle are no longer recomputed).
            self.env.flush_all()
        with trusted("engine"):
            return super()._bizreg_set_state(state)

    def _bizreg_check_requester(self):
        """Only HR requests (or restarts) the approval of a cycle's results."""
        if self.env.su:
            return
        self.check_access("write")
        if not self.env.user.has_group(REQUESTER_GROUP):
            raise AccessError(
                self.env._(
                    "Only HR (Employees / Officer) requests the approval of the "
                    "results of an appraisal cycle."
                )
            )

    def request_validation(self):
        self._bizreg_check_requester()
        self._bizreg_check_forced_distribution()
        return super().request_validation()

    def restart_validation(self):
        self._bizreg_check_requester()
        return super().restart_validation()

    def validate_tier(self):
        self._bizreg_check_forced_distribution()
        res = super().validate_tier()
        to_approve = self.sudo().filtered(
            lambda c: c.state == "calibration" and c.validation_status == "validated"
        )
        if to_approve:
            to_approve._bizreg_finalize_approval()
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _bizreg_check_results_open(self):
        """Results can change only in an open cycle that is not under review."""
        for cycle in self:
            if cycle.state not in OPEN_STATES or cycle.validation_status in (
                "waiting",
                "pending",
                "validated",
            ):
                raise UserError(
                    self.env._(
                        "The results of cycle %s are under review or approved: "
                        "they cannot change.",
                        cycle.display_name,
                    )
                )

    def action_start(self):
        """Draft → self-assessment: send the self-assessment forms."""
        self.check_access("write")
        self._bizreg_check_state(["draft"])
        for cycle in self:
            if not cycle.appraisal_ids:
                raise UserError(
                    self.env._(
                        "Cycle %s has no employee to appraise: add employees with "
                        "the Open Cycle wizard first.",
                        cycle.display_name,
                    )
                )
            if cycle.with_evaluations:
                if not cycle.self_deadline:
                    cycle.self_deadline = fields.Datetime.now() + timedelta(
                        days=cycle.company_id.bizreg_appraisal_self_days
                    )
                cycle.appraisal_ids._bizreg_create_evaluations(["self"])
            cycle._bizreg_set_state("self_assessment")
        return True

    def action_open_evaluations(self):
        """Self-assessment → evaluations: managers, peers and customers."""
        self.check_access("write")
        self._bizreg_check_state(["self_assessment"])
        for cycle in self:
            if cycle.with_evaluations:
                if not cycle.evaluation_deadline:
                    cycle.evaluation_deadline = fields.Datetime.now() + timedelta(
                        days=cycle.company_id.bizreg_appraisal_evaluation_days
                    )
                cycle.appraisal_ids._bizreg_create_evaluations(
                    ["manager", "peer", "customer"]
                )
            cycle._bizreg_set_state("evaluation")
        return True

    def action_calibrate(self):
        """Evaluations → calibration: compute KPIs, scores and grades."""
        self.check_access("write")
        self._bizreg_check_state(["evaluation"])
        for cycle in self:
            cycle._bizreg_compute_results()
            cycle._bizreg_set_state("calibration")
        return True

    def action_recompute(self):
        """Recompute measures, scores and grades during calibration."""
        self.check_access("write")
        self._bizreg_check_state(["evaluation", "calibration"])
        self._bizreg_check_results_open()
        for cycle in self:
            cycle._bizreg_compute_results()
        return True

    def action_approve(self):
        """Calibration → approved, once HR and the Director approved the results."""
        self.check_access("read")
        self._bizreg_check_state(["calibration"])
        self._bizreg_check_approved()
        if not self.filtered("review_ids"):
            # No approval rule applies: approving is then HR's decision.
            self.check_access("write")
        self.sudo()._bizreg_finalize_approval()
        return True

    def action_publish(self):
        """Approved → published: employees see their results."""
        self.check_access("write")
        self._bizreg_check_state(["approved"])
        self._bizreg_check_approved()
        self._bizreg_check_forced_distribution()
        for cycle in self:
            cycle._bizreg_set_state("published")
            cycle.appraisal_ids._bizreg_notify_published()
        return True

    def action_cancel(self):
        self.check_access("write")
        self._bizreg_check_state(list(OPEN_STATES))
        for cycle in self:
            cycle.appraisal_ids.evaluation_ids.filtered(
                lambda e: e.state == "draft"
            ).sudo().write({"state": "cancel"})
            cycle._bizreg_void_number(reason=self.env._("Cycle cancelled"))
            cycle._bizreg_set_state("cancel")
        return True

    def action_suggest_peers(self):
        """Choose the top peers of every appraisal that has none yet."""
        self.check_access("write")
        self._bizreg_check_state(["draft", "self_assessment"])
        appraisals = self._bizreg_suggest_peers()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if appraisals else "warning",
                "message": self.env._(
                    "Peers suggested for %s appraisal(s).", len(appraisals)
                )
                if appraisals
                else self.env._(
                    "No peer to suggest: every appraisal already has peers, or "
                    "nobody shared records with the employees in the period."
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_propose_honours(self):
        self.check_access("write")
        self._bizreg_check_state(list(DONE_STATES))
        honours = self._bizreg_propose_honours()
        return honours._bizreg_open_action()

    def action_view_appraisals(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_appraisal.bizreg_appraisal_action"
        )
        action["domain"] = [("cycle_id", "in", self.ids)]
        action["context"] = {"default_cycle_id": self.id}
        return action

    def action_view_evaluations(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_appraisal.bizreg_appraisal_evaluation_action"
        )
        action["domain"] = [("cycle_id", "in", self.ids)]
        action["context"] = {}
        return action

    def action_view_honours(self):
        return (
            self.env["bizreg.appraisal.honour"]
            .search([("cycle_id", "in", self.ids)])
            ._bizreg_open_action()
        )

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _bizreg_employees_in_scope(self):
        self.ensure_one()
        domain = [("company_id", "=", self.company_id.id)]
        if self.department_ids:
            domain.append(("department_id", "child_of", self.department_ids.ids))
        return self.env["hr.employee"].search(domain)

    def _bizreg_add_employees(self, employees):
        """Create the appraisals of ``employees`` (those with a template)."""
        self.ensure_one()
        self._bizreg_check_state(["draft"])
        employees = employees - self.appraisal_ids.employee_id
        templates = self.env["bizreg.appraisal.template"]._bizreg_template_for(
            employees
        )
        Appraisal = self.env["bizreg.appraisal"]
        employees = employees.filtered(lambda employee: employee.id in templates)
        # the KPI lines first: the new appraisals are stored with their scores
        lines = (
            Appraisal._bizreg_new_lines(employees, templates)
            if self.cycle_type == "monthly"
            else {}
        )
        vals_list = [
            Appraisal._bizreg_prepare_vals(
                self, employee, templates[employee.id], lines.get(employee.id, ())
            )
            for employee in employees
        ]
        with trusted("engine"):
            appraisals = create_computed(Appraisal, vals_list)
        appraisals._bizreg_create_lines(lines)
        return appraisals

    def _bizreg_suggest_peers(self):
        """Add the top N suggested peers (N from the company settings) to
        every appraisal of the cycles without peers yet, in a constant number
        of queries for the whole cycle.  Returns the appraisals changed."""
        appraisals = self.appraisal_ids.filtered(lambda a: not a.peer_employee_ids)
        suggestions = appraisals._bizreg_peer_suggestions()
        peers = {
            appraisal.id: [
                employee_id
                for employee_id, _total, _details in suggestions[appraisal.id][
                    : appraisal.company_id.bizreg_appraisal_peer_count
                ]
            ]
            for appraisal in appraisals
        }
        # The top suggestions are the engine's choice, also for the appraisal
        # of whoever runs the cycle (the callers checked the cycle's access).
        with trusted("engine"):
            added = appraisals.sudo()._bizreg_add_peers(peers)
        return added.with_env(self.env)

    def _bizreg_compute_results(self):
        """KPIs (measures), roll-ups, evaluation scores, grades and bonus."""
        self.ensure_one()
        self._bizreg_check_results_open()
        appraisals = self.appraisal_ids.sudo()
        if self.cycle_type == "monthly":
            appraisals.line_ids._bizreg_compute_measures()
        else:
            appraisals._bizreg_compute_rollup()
        # the scores are read from the cache: stored with the grades and
        # bonus in one update of the appraisals
        self._bizreg_assign_grades()

    def _bizreg_assign_grades(self):
        """Grade bands, then the forced distribution per department."""
        self.ensure_one()
        grades = (
            self.env["bizreg.appraisal.grade"].sudo()._bizreg_grades(self.company_id)
        )
        if not grades:
            raise UserError(
                self.env._("Define the appraisal grades in the configuration first.")
            )
        appraisals = self.appraisal_ids.sudo()
        assigned = {a: grades._bizreg_grade_for(a.final_score) for a in appraisals}
        forced = dict.fromkeys(appraisals, False)
        excellent = grades.filtered(lambda g: g.code == "excellent")[:1]
        if self.forced_distribution and excellent:
            below = grades.filtered(lambda g: g.min_score < excellent.min_score).sorted(
                lambda g: -g.min_score
            )[:1]
            by_department = defaultdict(list)
            for appraisal in appraisals:
                by_department[appraisal.department_id.id].append(appraisal)
            for members in by_department.values():
                quota = self._bizreg_excellent_quota(len(members))
                ranked = sorted(
                    (a for a in members if assigned[a] == excellent),
                    key=lambda a: (-a.final_score, -a.kpi_score, a.id),
                )
                for appraisal in ranked[quota:]:
                    assigned[appraisal] = below
                    forced[appraisal] = True
        # one write per (grade, forced down) pair rather than per appraisal
        batches = defaultdict(list)
        for appraisal in appraisals:
            batches[(assigned[appraisal].id, forced[appraisal])].append(appraisal.id)
        with trusted("engine"):
            for (grade_id, forced_down), ids in batches.items():
                appraisals.browse(ids).write(
                    {"grade_id": grade_id, "forced_down": forced_down}
                )

    def _bizreg_excellent_quota(self, count):
        """How many of ``count`` appraisals of a department may be excellent."""
        self.ensure_one()
        return int(count * self.excellent_quota / 100.0 + 1e-9)

    def _bizreg_check_forced_distribution(self):
        """Raise when a department of a cycle with forced distribution has more
        excellent results than its quota, however the grades were written."""
        for cycle in self.sudo():
            if not cycle.forced_distribution:
                continue
            members = defaultdict(int)
            excellent = defaultdict(int)
            for appraisal in cycle.appraisal_ids:
                members[appraisal.department_id] += 1
                if appraisal.grade_id.code == "excellent":
                    excellent[appraisal.department_id] += 1
            for department, found in excellent.items():
                quota = cycle._bizreg_excellent_quota(members[department])
                if found > quota:
                    raise ValidationError(
                        self.env._(
                            "Forced distribution of %(cycle)s: at most %(quota)s of "
                            "the %(count)s appraisals of %(department)s may be "
                            "graded excellent (%(percent)s%%); %(found)s are.",
                            cycle=cycle.display_name,
                            quota=quota,
                            count=members[department],
                            department=department.display_name
                            or self.env._("no department"),
                            percent=f"{cycle.excellent_quota:g}",
                            found=found,
                        )
                    )

    def _bizreg_finalize_approval(self):
        """Approved: promotion priority and training needs."""
        self._bizreg_check_forced_distribution()
        for cycle in self:
            cycle._bizreg_set_state("approved")
            cycle.appraisal_ids._bizreg_compute_promotion()
            cycle.appraisal_ids._bizreg_create_training_needs()

    def _bizreg_propose_honours(self):
        """Honour proposals: best of each department (annual: 优秀员工) and top
        KPI score per business area (quarterly: 业务标兵)."""
        Honour = self.env["bizreg.appraisal.honour"]
        vals_list = []
        for cycle in self:
            appraisals = cycle.appraisal_ids.filtered(
                lambda a: a.grade_id and not a.grade_id.below_standard
            )
            if cycle.cycle_type == "annual":
                honour_type, key, score = (
                    "outstanding_employee",
                    lambda a: a.department_id,
                    lambda a: a.final_score,
                )
            elif cycle.cycle_type == "quarterly":
                honour_type, key, score = (
                    "pacesetter",
                    lambda a: a.department_id.bizreg_area_id,
                    lambda a: a.rollup_score,
                )
            else:
                continue
            best = {}
            for appraisal in appraisals:
                group = key(appraisal)
                if not group:
                    continue
                if group not in best or score(appraisal) > score(best[group]):
                    best[group] = appraisal
            existing = Honour.search(
                [("cycle_id", "=", cycle.id), ("honour_type", "=", honour_type)]
            ).appraisal_id
            for group, appraisal in best.items():
                if appraisal in existing:
                    continue
                vals_list.append(
                    {
                        "honour_type": honour_type,
                        "appraisal_id": appraisal.id,
                        "employee_id": appraisal.employee_id.id,
                        "cycle_id": cycle.id,
                        "company_id": cycle.company_id.id,
                        "reason": self.env._(
                            "Best result of %(group)s in %(period)s: score %(score).1f "
                            "(%(grade)s).",
                            group=group.display_name,
                            period=cycle.period_label,
                            score=score(appraisal),
                            grade=appraisal.grade_id.name,
                        ),
                    }
                )
        return Honour.create(vals_list)

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_demo_closed_quarter(self):
        """Build a closed quarter (three months + the quarter) for the demo
        sales and service teams; manual KPI values are derived from the
        employee so that the results differ."""
        return build_closed_quarter(self.env)

    @api.model
    def _bizreg_demo_measured_month(self):
        """Open (or recompute) the current month of the demo sales and service
        teams from the live demo records; called by the measure bridges."""
        return build_measured_month(self.env)
