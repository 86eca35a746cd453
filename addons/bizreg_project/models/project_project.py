# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.bizreg_base.tools import period_bounds

# health of a regulated project (portfolio): schedule, cost, risk
HEALTH = [("green", "Green"), ("amber", "Amber"), ("red", "Red")]
HEALTH_RANK = {"green": 0, "amber": 1, "red": 2}
COST_AMBER_RATIO = 1.1  # actual or forecast up to 10 % over the budget
SCHEDULE_AMBER_DAYS = 7  # milestones late by up to a week


class ProjectProject(models.Model):
    """A project under the regulation: created from an approved project
    request (立项申请), it goes through planning, execution, acceptance and
    closing.  Projects that no request created (``bizreg_request_id`` empty)
    are outside the regulation's scope: none of its gates applies to them."""

    # the escalation mixin: reminders of the periodic checks (plans block)
    _name = "project.project"
    _inherit = ["project.project", "bizreg.escalation.mixin"]

    bizreg_request_id = fields.Many2one(
        "bizreg.project.request",
        string="Project Request",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The approved initiation request this project was created from.",
    )
    bizreg_phase = fields.Selection(
        [
            ("planning", "Planning"),
            ("execution", "Execution"),
            ("acceptance", "Acceptance"),
            ("closed", "Closed"),
        ],
        string="Regulated Phase",
        readonly=True,
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="Where the project stands in the regulation's flow: the plan set is "
        "approved (execution), the acceptance is requested (acceptance), the "
        "project is accepted, evaluated and closed.",
    )
    bizreg_department_id = fields.Many2one(
        "hr.department",
        string="Responsible Department",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    bizreg_accepting_department_id = fields.Many2one(
        "hr.department",
        string="Accepting Department",
        readonly=True,
        copy=False,
        help="The department whose manager accepts the project's results.",
    )
    bizreg_budget_total = fields.Monetary(
        string="Approved Budget",
        readonly=True,
        copy=False,
        currency_field="currency_id",
    )

    # --- initiation (project request) ----------------------------------
    bizreg_request_budget_html = fields.Html(
        string="Approved Budget by Category",
        compute="_compute_bizreg_request_budget_html",
        sanitize=False,
        help="The budget of the approved project request, by cost category.",
    )

    def _compute_bizreg_request_budget_html(self):
        # read as the engine: the approved budget stays visible on the
        # project to whoever reads the project, not only to the request's
        # readers
        for project in self:
            request = project.sudo().bizreg_request_id
            project.bizreg_request_budget_html = (
                request._bizreg_budget_html() if request else False
            )

    def action_bizreg_view_request(self):
        """Smart button: the approved project request."""
        self.ensure_one()
        request = self.bizreg_request_id
        if not request:
            return False
        request.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "bizreg.project.request",
            "res_id": request.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------------
    # Risks, costs against the budget, schedule and health (portfolio)
    # ------------------------------------------------------------------
    bizreg_risk_ids = fields.One2many(
        "bizreg.project.risk", "project_id", string="Risks"
    )
    bizreg_expense_ids = fields.One2many(
        "bizreg.project.expense", "project_id", string="Expenses"
    )
    bizreg_risk_count = fields.Integer(
        string="Risk Count", compute="_compute_bizreg_risk_count"
    )
    bizreg_expense_count = fields.Integer(
        string="Expense Count", compute="_compute_bizreg_risk_count"
    )
    bizreg_risk_high_count = fields.Integer(
        string="Open High Risks",
        compute="_compute_bizreg_risk_health",
        store=True,
    )
    bizreg_risk_medium_count = fields.Integer(
        string="Open Medium Risks",
        compute="_compute_bizreg_risk_health",
        store=True,
    )
    bizreg_risk_health = fields.Selection(
        HEALTH,
        string="Risk Health",
        compute="_compute_bizreg_risk_health",
        store=True,
        index="btree_not_null",
        help="Red with an open high risk, amber with an open medium risk.",
    )
    bizreg_cost_actual = fields.Monetary(
        string="Actual Cost",
        compute="_compute_bizreg_figures",
        currency_field="currency_id",
        help="Posted expenses plus the timesheet cost (the employees' hourly cost).",
    )
    bizreg_cost_variance = fields.Monetary(
        string="Cost Variance",
        compute="_compute_bizreg_figures",
        currency_field="currency_id",
        help="Budget minus actual cost: negative when overspent.",
    )
    bizreg_cost_variance_pct = fields.Float(
        string="Cost Variance (%)",
        compute="_compute_bizreg_figures",
        digits=(16, 1),
        help="The cost variance in percent of the budget: negative when overspent.",
    )
    bizreg_cost_forecast = fields.Monetary(
        string="Forecast at Completion",
        compute="_compute_bizreg_figures",
        currency_field="currency_id",
        help="Actual cost divided by the progress (the budget while nothing is done).",
    )
    bizreg_progress = fields.Float(
        string="Progress (%)",
        compute="_compute_bizreg_figures",
        digits=(16, 1),
        help="Share of the project's tasks done (of its milestones reached when "
        "it has no task).",
    )
    bizreg_schedule_slip = fields.Integer(
        string="Slip (Days)",
        compute="_compute_bizreg_figures",
        help="The longest delay of a milestone against its baseline date.",
    )
    bizreg_milestone_late_count = fields.Integer(
        string="Late Milestones", compute="_compute_bizreg_figures"
    )
    bizreg_cost_health = fields.Selection(
        HEALTH,
        string="Cost Health",
        compute="_compute_bizreg_figures",
        search="_search_bizreg_cost_health",
        help="Green within the budget, amber up to 10 % over it (actual or "
        "forecast), red beyond.",
    )
    bizreg_schedule_health = fields.Selection(
        HEALTH,
        string="Schedule Health",
        compute="_compute_bizreg_figures",
        search="_search_bizreg_schedule_health",
        help="Green without late milestones, amber when late by up to "
        "7 days, red beyond.",
    )
    bizreg_health = fields.Selection(
        HEALTH,
        string="Health",
        compute="_compute_bizreg_figures",
        search="_search_bizreg_health",
        help="The worst of the schedule, cost and risk health.",
    )

    bizreg_in_my_department = fields.Boolean(
        string="In My Department",
        compute="_compute_bizreg_in_my_department",
        search="_search_bizreg_in_my_department",
    )

    def _compute_bizreg_in_my_department(self):
        mine = self.search(self._search_bizreg_in_my_department("=", True))
        for project in self:
            project.bizreg_in_my_department = project in mine

    def _search_bizreg_in_my_department(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Operation not supported"))
        departments = self.env.user.bizreg_department_ids.ids
        positive = (operator == "=") == value
        domain = [("bizreg_department_id", "child_of", departments)]
        return domain if positive else ["!", *domain]

    def _compute_bizreg_risk_count(self):
        risks = dict(
            self.env["bizreg.project.risk"]._read_group(
                [("project_id", "in", self.ids)], ["project_id"], ["__count"]
            )
        )
        expenses = dict(
            self.env["bizreg.project.expense"]._read_group(
                [("project_id", "in", self.ids)], ["project_id"], ["__count"]
            )
        )
        for project in self:
            project.bizreg_risk_count = risks.get(project, 0)
            project.bizreg_expense_count = expenses.get(project, 0)

    @api.depends("bizreg_risk_ids.level", "bizreg_risk_ids.state")
    def _compute_bizreg_risk_health(self):
        counts = defaultdict(int)
        if self.ids:
            for project, level, count in (
                self.env["bizreg.project.risk"]
                .sudo()
                ._read_group(
                    [
                        ("project_id", "in", self.ids),
                        ("state", "in", ("open", "monitoring")),
                        ("level", "in", ("medium", "high")),
                    ],
                    ["project_id", "level"],
                    ["__count"],
                )
            ):
                counts[project.id, level] = count
        for project in self:
            high = counts[project.id, "high"]
            medium = counts[project.id, "medium"]
            project.bizreg_risk_high_count = high
            project.bizreg_risk_medium_count = medium
            project.bizreg_risk_health = project.bizreg_phase and (
                "red" if high else "amber" if medium else "green"
            )

    def _compute_bizreg_figures(self):
        regulated = self.filtered("bizreg_phase")
        schedule = regulated._bizreg_schedule_figures()
        cost = regulated._bizreg_cost_figures(schedule=schedule)
        for project in self:
            figures = cost.get(project.id)
            if not figures:
                project.update(
                    {
                        "bizreg_cost_actual": 0.0,
                        "bizreg_cost_variance": 0.0,
                        "bizreg_cost_variance_pct": 0.0,
                        "bizreg_cost_forecast": 0.0,
                        "bizreg_progress": 0.0,
                        "bizreg_schedule_slip": 0,
                        "bizreg_milestone_late_count": 0,
                        "bizreg_cost_health": False,
                        "bizreg_schedule_health": False,
                        "bizreg_health": False,
                    }
                )
                continue
            plan = schedule[project.id]
            healths = (
                figures["health"],
                plan["health"],
                project.bizreg_risk_health or "green",
            )
            project.update(
                {
                    "bizreg_cost_actual": figures["actual"],
                    "bizreg_cost_variance": figures["variance"],
                    "bizreg_cost_variance_pct": figures["variance_pct"],
                    "bizreg_cost_forecast": figures["forecast"],
                    "bizreg_progress": figures["progress"],
                    "bizreg_schedule_slip": plan["slip"],
                    "bizreg_milestone_late_count": plan["late"],
                    "bizreg_cost_health": figures["health"],
                    "bizreg_schedule_health": plan["health"],
                    "bizreg_health": max(healths, key=HEALTH_RANK.get),
                }
            )

    def _bizreg_search_health(self, fname, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(self.env._("Operation not supported"))
        values = value if isinstance(value, (list, tuple)) else [value]
        regulated = self.search([("bizreg_phase", "!=", False)])
        matching = [p.id for p in regulated if p[fname] in values]
        if operator in ("=", "in"):
            return [("id", "in", matching)]
        return [("id", "not in", matching)]

    def _search_bizreg_cost_health(self, operator, value):
        return self._bizreg_search_health("bizreg_cost_health", operator, value)

    def _search_bizreg_schedule_health(self, operator, value):
        return self._bizreg_search_health("bizreg_schedule_health", operator, value)

    def _search_bizreg_health(self, operator, value):
        return self._bizreg_search_health("bizreg_health", operator, value)

    def _bizreg_budget_by_category(self, requests):
        """``{project_id: {category_id: amount}}`` of the budget lines of the
        projects' approved requests (one query); ``requests``:
        ``{project_id: request_id}``."""
        result = defaultdict(lambda: defaultdict(float))
        Request = self.env.get("bizreg.project.request")
        field = Request is not None and Request._fields.get("budget_line_ids")
        by_request = defaultdict(list)
        for project_id, request_id in requests.items():
            if request_id:
                by_request[request_id].append(project_id)
        if not field or not by_request:
            return result
        Line = self.env[field.comodel_name].sudo()
        inverse = field.inverse_name
        for request, category, amount in Line._read_group(
            [(inverse, "in", list(by_request))],
            [inverse, "category_id"],
            ["amount:sum"],
        ):
            for project_id in by_request[request.id]:
                result[project_id][category.id] += amount or 0.0
        return result

    def _bizreg_cost_figures(self, schedule=None):
        """The cost figures of the regulated projects of ``self``, in a
        constant number of queries whatever their number::

            {project_id: {
                "budget": approved budget,
                "actual": posted expenses + timesheet cost,
                "variance": budget - actual (negative when overspent),
                "variance_pct": variance in % of the budget (0 without budget),
                "progress": % of the tasks done (of the milestones reached
                            without tasks),
                "forecast": cost at completion (actual / progress; the budget,
                            or the actual cost if higher, at progress 0),
                "health": "green" / "amber" / "red",
                "by_category": {category_id: {"budget": .., "actual": ..}},
            }}

        The figures are the project's, whoever asks: the aggregates are read
        as superuser (a project user sees only his own timesheets).
        ``schedule``: the result of :meth:`_bizreg_schedule_figures` when the
        caller has it already (else it is read: one more query).
        """
        if not self.ids:
            return {}
        # one query whatever the number of projects (the ORM's fetch goes by
        # batches of 1,000 records)
        self.flush_model(["bizreg_phase", "bizreg_request_id", "bizreg_budget_total"])
        self.env.cr.execute(
            SQL(
                "SELECT id, bizreg_request_id, bizreg_budget_total "
                "FROM project_project WHERE id = ANY(%s) AND bizreg_phase IS NOT NULL",
                self.ids,
            )
        )
        rows = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        if not rows:
            return {}
        ids = [project_id for project_id in self.ids if project_id in rows]
        projects = self.browse(ids)
        labour = (
            self.env["bizreg.project.cost.category"]
            .sudo()
            .search(
                [
                    ("is_labour", "=", True),
                    ("company_id", "in", [False, *self.env.companies.ids]),
                ],
                limit=1,
            )
        )
        budgets = projects._bizreg_budget_by_category(
            {project_id: row[0] for project_id, row in rows.items()}
        )
        actual = defaultdict(lambda: defaultdict(float))
        for project, amount in (
            self.env["account.analytic.line"]
            .sudo()
            ._read_group([("project_id", "in", ids)], ["project_id"], ["amount:sum"])
        ):
            actual[project.id][labour.id] += -(amount or 0.0)
        for project, category, amount in (
            self.env["bizreg.project.expense"]
            .sudo()
            ._read_group(
                [("project_id", "in", ids), ("state", "=", "posted")],
                ["project_id", "category_id"],
                ["amount:sum"],
            )
        ):
            actual[project.id][category.id] += amount or 0.0
        tasks = defaultdict(lambda: [0, 0])  # [done, counted]
        for project, state, count in (
            self.env["project.task"]
            .sudo()
            ._read_group(
                [("project_id", "in", ids)], ["project_id", "state"], ["__count"]
            )
        ):
            if state == "1_canceled":
                continue
            tasks[project.id][1] += count
            if state == "1_done":
                tasks[project.id][0] += count
        milestones = schedule or projects._bizreg_schedule_figures()
        result = {}
        for project_id in ids:
            lines = budgets.get(project_id, {})
            costs = actual.get(project_id, {})
            budget = rows[project_id][1] or sum(lines.values())
            spent = sum(costs.values())
            done, counted = tasks.get(project_id, (0, 0))
            plan = milestones.get(project_id) or {"total": 0, "reached": 0}
            if counted:
                progress = 100.0 * done / counted
            elif plan["total"]:
                progress = 100.0 * plan["reached"] / plan["total"]
            else:
                progress = 0.0
            forecast = spent * 100.0 / progress if progress else max(budget, spent)
            variance = budget - spent
            if not budget:
                health = "green"
            else:
                ratio = max(spent, forecast) / budget
                health = (
                    "green"
                    if ratio <= 1.0
                    else "amber"
                    if ratio <= COST_AMBER_RATIO
                    else "red"
                )
            result[project_id] = {
                "budget": budget,
                "actual": spent,
                "variance": variance,
                "variance_pct": 100.0 * variance / budget if budget else 0.0,
                "progress": progress,
                "forecast": forecast,
                "health": health,
                "by_category": {
                    category_id: {
                        "budget": lines.get(category_id, 0.0),
                        "actual": costs.get(category_id, 0.0),
                    }
                    for category_id in set(lines) | set(costs)
                },
            }
        return result

    def _bizreg_schedule_figures(self):
        """``{project_id: {"total", "reached", "late", "slip", "health"}}``
        of the milestones of ``self`` in one query: a milestone is late when
        its baseline date (its deadline without a baseline) passed and it is
        not reached, or when it was reached after it; the slip is the
        longest delay in days."""
        result = {
            project_id: {
                "total": 0,
                "reached": 0,
                "late": 0,
                "slip": 0,
                "health": "green",
            }
            for project_id in self.ids
        }
        if not self.ids:
            return result
        self.env["project.milestone"].flush_model(
            [
                "project_id",
                "deadline",
                "bizreg_baseline_date",
                "is_reached",
                "reached_date",
            ]
        )
        today = fields.Date.context_today(self)
        self.env.cr.execute(
            SQL(
                """
            WITH m AS (
                SELECT project_id, COALESCE(is_reached, FALSE) AS reached,
                       COALESCE(bizreg_baseline_date, deadline) AS ref,
                       CASE WHEN COALESCE(is_reached, FALSE)
                            THEN reached_date ELSE %(today)s::date END AS seen
                  FROM project_milestone
                 WHERE project_id = ANY(%(ids)s)
            )
            SELECT project_id, count(*), count(*) FILTER (WHERE reached),
                   count(*) FILTER (WHERE seen > ref),
                   COALESCE(max(seen - ref) FILTER (WHERE seen > ref), 0)
              FROM m
             GROUP BY project_id
            """,
                today=today,
                ids=self.ids,
            )
        )
        for project_id, total, reached, late, slip in self.env.cr.fetchall():
            result[project_id].update(
                total=total,
                reached=reached,
                late=late,
                slip=slip,
                health="green"
                if not late
                else "amber"
                if slip <= SCHEDULE_AMBER_DAYS
                else "red",
            )
        return result

    def action_bizreg_view_risks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_project.bizreg_project_risk_action"
        )
        action["domain"] = [("project_id", "=", self.id)]
        action["context"] = {"default_project_id": self.id}
        return action

    def action_bizreg_view_expenses(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_project.bizreg_project_expense_action"
        )
        action["domain"] = [("project_id", "=", self.id)]
        action["context"] = {"default_project_id": self.id}
        return action

    def action_bizreg_view_costs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_project.bizreg_project_cost_report_action"
        )
        action["domain"] = [("project_id", "=", self.id)]
        action["context"] = {"group_by": ["category_id"]}
        return action

    def _bizreg_demo_risks_costs(self):
        """Demo risks (one high), expenses and timesheets of a demo project."""
        self.ensure_one()
        ref = self.env.ref
        users = [
            ref("bizreg_project.user_project_user", raise_if_not_found=False),
            ref("bizreg_project.user_project_user2", raise_if_not_found=False),
        ]
        owner = users[0] or self.user_id
        Risk = self.env["bizreg.project.risk"].with_context(tracking_disable=True)
        today = fields.Date.context_today(self)
        Risk.create(
            [
                {
                    "project_id": self.id,
                    "name": "关键供应商交付延迟",
                    "description": "PLC 模块供应商产能不足，可能推迟联调。",
                    "probability": 4,
                    "impact": 4,
                    "strategy": "mitigate",
                    "response": "锁定第二供应商并提前下单安全库存。",
                    "user_id": owner.id,
                    "review_date": today + timedelta(days=7),
                },
                {
                    "project_id": self.id,
                    "name": "需求变更频繁",
                    "probability": 3,
                    "impact": 3,
                    "strategy": "avoid",
                    "response": "需求冻结后的变更走变更评审。",
                    "user_id": (users[1] or owner).id,
                    "review_date": today + timedelta(days=14),
                },
                {
                    "project_id": self.id,
                    "name": "现场网络环境不稳定",
                    "probability": 2,
                    "impact": 2,
                    "strategy": "accept",
                    "user_id": owner.id,
                },
            ]
        )
        Expense = self.env["bizreg.project.expense"].with_context(tracking_disable=True)
        expenses = Expense.create(
            [
                {
                    "project_id": self.id,
                    "name": "测试工装采购",
                    "category_id": ref("bizreg_project.cost_category_equipment").id,
                    "amount": 12000.0,
                    "user_id": owner.id,
                    "date": today - timedelta(days=20),
                },
                {
                    "project_id": self.id,
                    "name": "客户现场差旅",
                    "category_id": ref("bizreg_project.cost_category_travel").id,
                    "amount": 3600.0,
                    "user_id": owner.id,
                    "date": today - timedelta(days=10),
                },
                {
                    "project_id": self.id,
                    "name": "线缆与接插件",
                    "category_id": ref("bizreg_project.cost_category_material").id,
                    "amount": 2400.0,
                    "user_id": owner.id,
                    "date": today - timedelta(days=3),
                },
            ]
        )
        expenses[:2].action_post()
        employees = [u.employee_id for u in users if u and u.employee_id]
        if self.allow_timesheets and employees:
            self.env["account.analytic.line"].create(
                [
                    {
                        "project_id": self.id,
                        "employee_id": employee.id,
                        "name": "方案设计与联调",
                        "unit_amount": 6.0 + i % 3,
                        "date": today - timedelta(days=2 * i + 1),
                    }
                    for i in range(8)
                    for employee in employees
                ]
            )
        return True

    # ------------------------------------------------------------------
    # Acceptance, lessons learned, evaluation and closing (helper D)
    # ------------------------------------------------------------------
    bizreg_date_closed = fields.Datetime(
        string="Closed On",
        readonly=True,
        copy=False,
        help="When the project was closed under the regulation.",
    )
    bizreg_acceptance_count = fields.Integer(
        string="Acceptances", compute="_compute_bizreg_closing_counts"
    )
    bizreg_lesson_count = fields.Integer(
        string="Lessons Learned", compute="_compute_bizreg_closing_counts"
    )
    bizreg_evaluation_count = fields.Integer(
        string="Evaluations", compute="_compute_bizreg_closing_counts"
    )
    bizreg_closing_issues = fields.Text(
        string="Closing Formalities",
        compute="_compute_bizreg_closing_issues_text",
        help="What still stands between the project and its closing.",
    )

    def _compute_bizreg_closing_counts(self):
        counts = {}
        for model, fname in (
            ("bizreg.project.acceptance", "bizreg_acceptance_count"),
            ("bizreg.project.lesson", "bizreg_lesson_count"),
            ("bizreg.project.evaluation", "bizreg_evaluation_count"),
        ):
            counts[fname] = dict(
                self.env[model]
                .sudo()
                ._read_group(
                    [("project_id", "in", self.ids)], ["project_id"], ["__count"]
                )
            )
        for project in self:
            for fname, by_project in counts.items():
                project[fname] = by_project.get(project, 0)

    def _compute_bizreg_closing_issues_text(self):
        for project in self:
            issues = project.bizreg_phase and project.sudo()._bizreg_closing_issues()
            project.bizreg_closing_issues = (
                "\n".join(f"• {issue}" for issue in issues) if issues else ""
            )

    def unlink(self):
        """A project created by an approved request is part of what was
        approved (its budget, team, plans, acceptance): it is archived, not
        deleted."""
        if not self.env.su and self.filtered("bizreg_request_id"):
            raise UserError(
                self.env._(
                    "Project “%s” was created by an approved project request: "
                    "archive it instead of deleting it.",
                    self.filtered("bizreg_request_id")[0].display_name,
                )
            )
        return super().unlink()

    def _bizreg_closing_issues(self):
        """The closing formalities still open for one regulated project, as
        translated sentences (empty: the project may close).  Other parts of
        the module add theirs (call super and extend the list)."""
        self.ensure_one()
        project = self.sudo()
        issues = []
        open_tasks = (
            self.env["project.task"]
            .sudo()
            .search_count(
                [
                    ("project_id", "=", project.id),
                    ("state", "not in", ("1_done", "1_canceled")),
                ]
            )
        )
        if open_tasks:
            issues.append(
                self.env._(
                    "%s task(s) are still open: finish or cancel them.", open_tasks
                )
            )
        Acceptance = self.env["bizreg.project.acceptance"].sudo()
        if not Acceptance.search_count(
            [("project_id", "=", project.id), ("state", "=", "accepted")]
        ):
            issues.append(
                self.env._("The accepting department has not accepted the project.")
            )
        if (
            not self.env["bizreg.project.lesson"]
            .sudo()
            .search_count([("project_id", "=", project.id)])
        ):
            issues.append(self.env._("No lessons-learned record has been written."))
        drafts = (
            self.env["bizreg.project.expense"]
            .sudo()
            .search_count([("project_id", "=", project.id), ("state", "=", "draft")])
        )
        if drafts:
            issues.append(
                self.env._("%s expense(s) are not posted: post or delete them.", drafts)
            )
        if (
            not self.env["bizreg.project.evaluation"]
            .sudo()
            .search_count([("project_id", "=", project.id)])
        ):
            issues.append(
                self.env._(
                    "The Project Management Manager has not evaluated the project."
                )
            )
        return issues

    def action_bizreg_close(self):
        """Close regulated projects (the project's manager or a Project
        Management Manager): refused with the open closing formalities listed.
        The project's stage and archiving stay the users' choice."""
        manager_group = "bizreg_project.group_bizreg_project_manager"
        is_manager = self.env.user.has_group(manager_group)
        for project in self:
            if not project.bizreg_phase:
                raise UserError(
                    self.env._(
                        "Project “%s” was not created from a project request: the "
                        "regulation does not close it.",
                        project.display_name,
                    )
                )
            if project.bizreg_phase == "closed":
                raise UserError(
                    self.env._("Project “%s” is already closed.", project.display_name)
                )
            if not is_manager and project.user_id != self.env.user:
                raise UserError(
                    self.env._(
                        "Only the project's manager or a Project Management "
                        "Manager closes project “%s”.",
                        project.display_name,
                    )
                )
            issues = project._bizreg_closing_issues()
            if issues:
                raise UserError(
                    self.env._(
                        "Project “%(project)s” cannot close yet:\n%(issues)s",
                        project=project.display_name,
                        issues="\n".join(f"• {issue}" for issue in issues),
                    )
                )
        self.sudo()._bizreg_engine_write(
            {"bizreg_phase": "closed", "bizreg_date_closed": fields.Datetime.now()}
        )
        for project in self.sudo():
            project.message_post(
                body=self.env._("Project closed by %s.", self.env.user.name),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _bizreg_closing_action(self, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("project_id", "=", self.id)]
        action["context"] = {"default_project_id": self.id}
        return action

    def action_bizreg_view_acceptances(self):
        return self._bizreg_closing_action(
            "bizreg_project.bizreg_project_acceptance_action"
        )

    def action_bizreg_view_lessons(self):
        return self._bizreg_closing_action(
            "bizreg_project.bizreg_project_lesson_action"
        )

    def action_bizreg_view_evaluations(self):
        return self._bizreg_closing_action(
            "bizreg_project.bizreg_project_evaluation_action"
        )

    # ------------------------------------------------------------------
    # Plans, periodic checks and quality checks (bizreg_project_plan):
    # the approved plan set, the deadline of the next project update (the
    # plan's status-update cadence) with its reminder and escalations.
    # ------------------------------------------------------------------
    bizreg_plan_id = fields.Many2one(
        "bizreg.project.plan",
        string="Approved Plan",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The plan set in force: the last approved version.",
    )
    bizreg_plan_count = fields.Integer(
        string="Plan Count", compute="_compute_bizreg_plan_count"
    )
    bizreg_quality_check_count = fields.Integer(
        string="Quality Check Count", compute="_compute_bizreg_plan_count"
    )
    bizreg_update_due = fields.Datetime(
        string="Next Check Due",
        compute="_compute_bizreg_update_due",
        store=True,
        index="btree_not_null",
        help="The last project update (else the plan's approval) plus the "
        "cadence of the plan's status update; the project manager is "
        "reminded then.",
    )
    bizreg_update_escalation_due = fields.Datetime(
        string="Check Escalation on",
        compute="_compute_bizreg_update_due",
        store=True,
        index="btree_not_null",
        help="2 working days after the due date: the responsible department's "
        "manager is told.",
    )
    bizreg_update_director_due = fields.Datetime(
        string="Check Escalation to Director on",
        compute="_compute_bizreg_update_due",
        store=True,
        index="btree_not_null",
        help="5 working days after the due date: the Director is told.",
    )
    bizreg_update_reminded_date = fields.Datetime(
        string="Check Reminded on", readonly=True, copy=False
    )
    bizreg_update_escalated_date = fields.Datetime(
        string="Check Escalated on", readonly=True, copy=False
    )
    bizreg_update_director_date = fields.Datetime(
        string="Check Escalated to Director on", readonly=True, copy=False
    )

    def _compute_bizreg_plan_count(self):
        plans = dict(
            self.env["bizreg.project.plan"]._read_group(
                [("project_id", "in", self.ids)], ["project_id"], ["__count"]
            )
        )
        checks = dict(
            self.env["bizreg.project.quality.check"]._read_group(
                [("project_id", "in", self.ids)], ["project_id"], ["__count"]
            )
        )
        for project in self:
            project.bizreg_plan_count = plans.get(project, 0)
            project.bizreg_quality_check_count = checks.get(project, 0)

    @api.depends(
        "bizreg_phase",
        "bizreg_plan_id.bizreg_validated_date",
        "bizreg_plan_id.communication_ids.kind",
        "bizreg_plan_id.communication_ids.cadence_days",
        "last_update_id.date",
        "company_id.resource_calendar_id",
    )
    def _compute_bizreg_update_due(self):
        for project in self:
            plan = project.sudo().bizreg_plan_id
            cadence = plan.update_cadence_days if plan else 0
            if project.bizreg_phase != "execution" or not cadence:
                project.bizreg_update_due = False
                project.bizreg_update_escalation_due = False
                project.bizreg_update_director_due = False
                continue
            company = project.company_id or self.env.company
            start = plan.bizreg_validated_date or plan.write_date
            last = project.sudo().last_update_id
            if last.date:
                last_start = period_bounds(company, last.date, last.date)[0]
                start = max(start, last_start) if start else last_start
            due = start + timedelta(days=cadence)
            calendar = company.resource_calendar_id
            project.bizreg_update_due = due
            project.bizreg_update_escalation_due = calendar._bizreg_add_working_days(
                due, 2
            )
            project.bizreg_update_director_due = calendar._bizreg_add_working_days(
                due, 5
            )

    def _bizreg_update_posted(self):
        """A project update was posted: the reminders start again from it."""
        self._bizreg_engine_write(
            {
                "bizreg_update_reminded_date": False,
                "bizreg_update_escalated_date": False,
                "bizreg_update_director_date": False,
            }
        )
        self.activity_feedback(
            ["bizreg_project.mail_activity_bizreg_project_update"],
            feedback=self.env._("Project update posted."),
        )

    # escalation levels of the periodic check (only projects in execution)
    def _bizreg_escalation_levels(self):
        return super()._bizreg_escalation_levels() + [
            (
                "update_reminder",
                "bizreg_update_due",
                "bizreg_update_reminded_date",
                "_bizreg_remind_update",
            ),
            (
                "update_manager",
                "bizreg_update_escalation_due",
                "bizreg_update_escalated_date",
                "_bizreg_escalate_update_manager",
            ),
            (
                "update_director",
                "bizreg_update_director_due",
                "bizreg_update_director_date",
                "_bizreg_escalate_update_director",
            ),
        ]

    def _bizreg_escalation_domain(self):
        return super()._bizreg_escalation_domain() + [
            ("bizreg_phase", "=", "execution")
        ]

    def _bizreg_pm_managers(self):
        return self.env.ref("bizreg_project.group_bizreg_project_manager").sudo()

    def _bizreg_update_message(self, level_text):
        def message(project, _user, target):
            return project.env._(
                "The periodic check (project update) of %(project)s was due on "
                "%(due)s. %(action)s",
                project=project.name,
                due=project._bizreg_escalation_time(project.bizreg_update_due),
                action=level_text(project, target),
            )

        return message

    def _bizreg_update_notify(self, recipients, level_text):
        message = self._bizreg_update_message(level_text)
        return self._bizreg_escalation_notify(
            "bizreg_project.mail_activity_bizreg_project_update",
            recipients,
            summary=lambda project, _user, _target: project.env._(
                "Project update due: %s", project.name
            ),
            note=message,
            post=message,
        )

    def _bizreg_remind_update(self):
        return self._bizreg_update_notify(
            lambda p: p.user_id or p._bizreg_pm_managers(),
            lambda p, _target: p.env._("Post the project update now."),
        )

    def _bizreg_escalate_update_manager(self):
        return self._bizreg_update_notify(
            lambda p: (
                p.bizreg_department_id.manager_id.user_id or p._bizreg_pm_managers()
            ),
            lambda p, target: p.env._("Escalated to %s.", target),
        )

    def _bizreg_escalate_update_director(self):
        director = self.env.ref("bizreg_base.group_bizreg_director").sudo()
        return self._bizreg_update_notify(
            lambda p: director,
            lambda p, target: p.env._("Escalated to %s.", target),
        )

    @api.model
    def _cron_bizreg_project_updates(self):
        return self._bizreg_run_escalations(
            keys=("update_reminder", "update_manager", "update_director")
        )

    def action_bizreg_view_plans(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_project.bizreg_project_plan_action"
        )
        action["domain"] = [("project_id", "=", self.id)]
        action["context"] = {"default_project_id": self.id}
        return action

    def action_bizreg_view_quality_checks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_project.bizreg_project_quality_check_action"
        )
        action["domain"] = [("project_id", "=", self.id)]
        action["context"] = {"search_default_project_id": self.id}
        return action
