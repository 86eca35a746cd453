# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.bizreg_base.tools import is_trusted

from .batch import assign_computed, column, create_computed

EVALUATION_TYPES = ("self", "manager", "peer", "customer")
# Cycle states in which peers may still be chosen (their forms come after).
PEER_STATES = ("draft", "self_assessment")
# Cycle states whose results are final: their scores no longer follow the
# configuration (KPI targets, weights, grade coefficients).
CLOSED_STATES = ("approved", "published", "cancel")
# What HR alone may change, in a draft cycle.
HR_FIELDS = {"manager_user_id"}
PROMOTION_FIELD = {
    "monthly": "bizreg_appraisal_promotion_months",
    "quarterly": "bizreg_appraisal_promotion_quarters",
    "annual": "bizreg_appraisal_promotion_years",
}


class BizregAppraisal(models.Model):
    """The appraisal of one employee in one cycle."""

    _name = "bizreg.appraisal"
    _description = "Appraisal"
    _inherit = ["mail.thread", "mail.activity.mixin", "bizreg.department.mixin"]
    _order = "date_from desc, department_id, employee_id, id"
    # the employee's department when the cycle opened
    _bizreg_department_from = "employee_id.department_id"
    _rec_names_search = ["employee_id", "cycle_id"]

    cycle_id = fields.Many2one(
        "bizreg.appraisal.cycle",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    cycle_type = fields.Selection(related="cycle_id.cycle_type", store=True, index=True)
    date_from = fields.Date(related="cycle_id.date_from", store=True, index=True)
    date_to = fields.Date(related="cycle_id.date_to", store=True)
    state = fields.Selection(related="cycle_id.state", store=True, index=True)
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, ondelete="restrict", readonly=True
    )
    user_id = fields.Many2one(
        "res.users", string="Employee User", index=True, readonly=True
    )
    manager_user_id = fields.Many2one(
        "res.users", string="Manager", index=True, tracking=True
    )
    department_id = fields.Many2one(
        "hr.department", compute="_compute_bizreg_department", store=True, index=True
    )
    job_id = fields.Many2one("hr.job", string="Job Position", readonly=True)
    company_id = fields.Many2one(related="cycle_id.company_id", store=True, index=True)
    template_id = fields.Many2one(
        "bizreg.appraisal.template", required=True, ondelete="restrict", readonly=True
    )
    line_ids = fields.One2many("bizreg.appraisal.line", "appraisal_id", string="KPIs")
    evaluation_ids = fields.One2many(
        "bizreg.appraisal.evaluation", "appraisal_id", string="Evaluations"
    )
    peer_employee_ids = fields.Many2many(
        "hr.employee",
        "bizreg_appraisal_peer_rel",
        "appraisal_id",
        "employee_id",
        string="Peers",
        help="Colleagues (often of other departments) who worked with the employee "
        "in the period and evaluate the cooperation.",
    )
    customer_partner_ids = fields.Many2many(
        "res.partner",
        string="Evaluating Customers",
        help="Customers who evaluate the employee (customer-facing jobs).",
    )
    customer_facing = fields.Boolean(related="template_id.customer_facing")
    kpi_score = fields.Float(
        compute="_compute_kpi_score", store=True, aggregator="avg", digits=(5, 2)
    )
    rollup_score = fields.Float(
        string="Roll-up Score",
        readonly=True,
        aggregator="avg",
        digits=(5, 2),
        help="Mean of the monthly (quarter) or quarterly (year) final scores.",
    )
    rollup_count = fields.Integer(string="Results Rolled Up", readonly=True)
    evaluation_score = fields.Float(
        compute="_compute_evaluation_score", store=True, aggregator="avg", digits=(5, 2)
    )
    final_score = fields.Float(
        compute="_compute_final_score",
        store=True,
        aggregator="avg",
        digits=(5, 2),
        index=True,
    )
    grade_id = fields.Many2one(
        "bizreg.appraisal.grade", index=True, tracking=True, ondelete="restrict"
    )
    grade_code = fields.Selection(related="grade_id.code", store=True, index=True)
    forced_down = fields.Boolean(string="Lowered by Forced Distribution", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    bonus_base = fields.Monetary(tracking=True)
    bonus_coefficient = fields.Float(
        compute="_compute_bonus", store=True, digits=(4, 2)
    )
    bonus_amount = fields.Monetary(compute="_compute_bonus", store=True)
    deduction_amount = fields.Monetary(
        string="Deduction", compute="_compute_bonus", store=True
    )
    below_standard = fields.Boolean(compute="_compute_bonus", store=True)
    promotion_priority = fields.Boolean(readonly=True, tracking=True)
    training_ids = fields.One2many("bizreg.appraisal.training", "appraisal_id")
    calibration_note = fields.Text()
    evaluation_pending_count = fields.Integer(compute="_compute_evaluation_pending")

    _sql_constraints = [
        (
            "employee_cycle_uniq",
            "unique(cycle_id, employee_id)",
            "An employee is appraised once per cycle.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("employee_id", "cycle_id")
    def _compute_display_name(self):
        for appraisal in self:
            appraisal.display_name = (
                f"{appraisal.employee_id.name or ''} · "
                f"{appraisal.cycle_id.period_label or ''}"
            )

    def _bizreg_open_results(self):
        """The appraisals whose scores may still change: a closed cycle's
        results keep their stored values whatever the configuration becomes
        (not assigning a stored computed field keeps its value)."""
        return self.filtered(lambda a: not a.id or a.state not in CLOSED_STATES)

    @api.depends("line_ids.weighted_score")
    def _compute_kpi_score(self):
        appraisals = self._bizreg_open_results()
        lines = appraisals.line_ids
        if all(appraisals._ids) and all(lines._ids):
            # the lines of all the appraisals read at once (a cycle's 12,000)
            totals = defaultdict(float)
            for appraisal_id, weighted in zip(
                column(lines, "appraisal_id"),
                lines.mapped("weighted_score"),
                strict=True,
            ):
                totals[appraisal_id] += weighted
            scores = [totals[appraisal_id] for appraisal_id in appraisals._ids]
        else:  # a form's new records
            scores = [sum(a.line_ids.mapped("weighted_score")) for a in appraisals]
        assign_computed(appraisals, {"kpi_score": scores})

    @api.depends(
        "evaluation_ids.state",
        "evaluation_ids.score",
        "template_id.weight_self",
        "template_id.weight_manager",
        "template_id.weight_peer",
        "template_id.weight_customer",
    )
    def _compute_evaluation_score(self):
        for appraisal in self._bizreg_open_results():
            appraisal.evaluation_score = appraisal._bizreg_evaluation_score()[0]

    def _bizreg_evaluation_score(self):
        """(score, has_evaluations): weighted mean per evaluation type of the
        submitted evaluations; the weights of missing types are spread over
        the others."""
        self.ensure_one()
        scores = defaultdict(list)
        for evaluation in self.evaluation_ids:
            if evaluation.state == "submitted":
                scores[evaluation.evaluation_type].append(evaluation.score)
        total = weight_sum = 0.0
        for evaluation_type in EVALUATION_TYPES:
            weight = self.template_id[f"weight_{evaluation_type}"]
            if scores[evaluation_type] and weight:
                mean = sum(scores[evaluation_type]) / len(scores[evaluation_type])
                total += weight * mean
                weight_sum += weight
        if not weight_sum:
            return 0.0, False
        return total / weight_sum, True

    @api.depends(
        "kpi_score",
        "rollup_score",
        "evaluation_score",
        "cycle_type",
        "template_id.kpi_share",
        "template_id.quarter_share",
        "template_id.annual_share",
    )
    def _compute_final_score(self):
        appraisals = self._bizreg_open_results()
        assign_computed(
            appraisals,
            {"final_score": [a._bizreg_final_score() for a in appraisals]},
        )

    def _bizreg_final_score(self):
        self.ensure_one()
        base = self.kpi_score if self.cycle_type == "monthly" else self.rollup_score
        share = {
            "monthly": self.template_id.kpi_share,
            "quarterly": self.template_id.quarter_share,
            "annual": self.template_id.annual_share,
        }.get(self.cycle_type, 100.0) / 100.0
        evaluation, has_evaluations = self._bizreg_evaluation_score()
        if has_evaluations:
            return round(share * base + (1.0 - share) * evaluation, 2)
        return round(base, 2)

    @api.depends("grade_id.coefficient", "grade_id.below_standard", "bonus_base")
    def _compute_bonus(self):
        for appraisal in self._bizreg_open_results():
            grade = appraisal.grade_id
            coefficient = grade.coefficient if grade else 0.0
            appraisal.bonus_coefficient = coefficient
            appraisal.bonus_amount = appraisal.bonus_base * coefficient
            appraisal.below_standard = bool(grade.below_standard)
            appraisal.deduction_amount = (
                appraisal.bonus_base * (1.0 - coefficient)
                if grade.below_standard and coefficient < 1.0
                else 0.0
            )

    def _compute_evaluation_pending(self):
        groups = dict(
            self.env["bizreg.appraisal.evaluation"]._read_group(
                [("appraisal_id", "in", self.ids), ("state", "=", "draft")],
                ["appraisal_id"],
                ["__count"],
            )
        )
        for appraisal in self:
            appraisal.evaluation_pending_count = groups.get(appraisal, 0)

    @api.constrains("peer_employee_ids", "employee_id", "bonus_base")
    def _check_appraisal(self):
        for appraisal in self:
            if appraisal.employee_id in appraisal.peer_employee_ids:
                raise ValidationError(
                    self.env._("An employee cannot be their own peer evaluator.")
                )
            if appraisal.bonus_base < 0:
                raise ValidationError(self.env._("The bonus base cannot be negative."))
            outside = appraisal.peer_employee_ids.filtered(
                lambda e, a=appraisal: e.company_id != a.company_id
            )
            if outside:
                raise ValidationError(
                    self.env._(
                        "Peer evaluators must work in the company of the cycle: %s.",
                        ", ".join(outside.mapped("name")),
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not is_trusted("engine"):
            for vals in vals_list:
                self._bizreg_check_input(vals)
            employees = (
                self.env["hr.employee"]
                .sudo()
                .browse(
                    [
                        vals.get("employee_id")
                        for vals in vals_list
                        if vals.get("employee_id")
                    ]
                )
            )
            if self.env.user in employees.user_id:
                raise AccessError(
                    self.env._("Nobody creates or changes their own appraisal.")
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and not is_trusted("engine"):
            self._bizreg_check_input(vals)
            self._bizreg_check_engine_fields(vals.keys())
            self._bizreg_check_not_own()
            self.cycle_id._bizreg_check_results_open()
            if "grade_id" in vals and any(a.state != "calibration" for a in self):
                raise UserError(
                    self.env._("Grades can be adjusted during calibration only.")
                )
            if set(vals) & HR_FIELDS:
                if not self.env.user.has_group("hr.group_hr_user"):
                    raise AccessError(
                        self.env._("Only HR changes who manages an appraisal.")
                    )
                if any(a.state != "draft" for a in self):
                    raise UserError(
                        self.env._(
                            "The manager of an appraisal changes in draft cycles only."
                        )
                    )
        res = super().write(vals)
        if "grade_id" in vals and not is_trusted("engine"):
            self.cycle_id._bizreg_check_forced_distribution()
        return res

    def unlink(self):
        if not self.env.su:
            self._bizreg_check_not_own()
            if any(a.state != "draft" for a in self):
                raise UserError(
                    self.env._("Appraisals can be removed from draft cycles only.")
                )
        return super().unlink()

    def _bizreg_check_not_own(self):
        """Nobody changes their own appraisal, by any route: not its KPI
        values, evaluators, peers, grade or bonus (HR and managers included;
        the appraisal's own code runs in the engine scope)."""
        if self.env.su or is_trusted("engine"):
            return
        user = self.env.user
        own = self.sudo().filtered(
            lambda a: user in (a.user_id | a.employee_id.user_id)
        )
        if own:
            raise AccessError(
                self.env._(
                    "Nobody creates or changes their own appraisal: “%s” is yours.",
                    own[0].display_name,
                )
            )

    def _bizreg_check_manageable(self):
        """Raise unless the current user may manage these appraisals: write
        access (HR, the department's manager, the Director) and not their own."""
        self.check_access("write")
        self._bizreg_check_not_own()

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_prepare_vals(self, cycle, employee, template, lines=()):
        """The values of a new appraisal; ``lines``: the values of its new
        KPI lines (see ``_bizreg_new_lines``), for its scores."""
        manager = employee.parent_id or employee.department_id.manager_id
        if manager == employee:
            manager = employee.department_id.parent_id.manager_id
        kpi_score = sum(line["weighted_score"] for line in lines)
        return {
            "cycle_id": cycle.id,
            "employee_id": employee.id,
            "user_id": employee.user_id.id,
            "manager_user_id": manager.user_id.id,
            "job_id": employee.job_id.id,
            "template_id": template.id,
            "bonus_base": cycle.company_id.bizreg_appraisal_bonus_base,
            # the stored related and department fields, as computed on a new
            # appraisal (see ``create_computed``)
            "cycle_type": cycle.cycle_type,
            "date_from": cycle.date_from,
            "date_to": cycle.date_to,
            "state": cycle.state,
            "company_id": cycle.company_id.id,
            "department_id": employee.sudo().department_id.id,
            # its scores and bonus as computed with its new KPI lines, no
            # evaluation, no roll-up and no grade yet (stored with the row,
            # instead of an update of every appraisal after its lines)
            "kpi_score": kpi_score,
            "evaluation_score": 0.0,
            "final_score": round(
                kpi_score if cycle.cycle_type == "monthly" else 0.0, 2
            ),
            "grade_code": False,
            "bonus_coefficient": 0.0,
            "bonus_amount": 0.0,
            "deduction_amount": 0.0,
            "below_standard": False,
        }

    @api.model
    def _bizreg_new_lines(self, employees, templates):
        """``{employee_id: [values of a new KPI line]}`` for monthly
        appraisals of ``employees`` with ``templates`` (``{employee_id:
        template}``): KPI, weight, target (the employee's own, else the
        template's or the KPI's) and the score fields as their compute sets
        them on a new line (no value entered yet)."""
        Template = self.env["bizreg.appraisal.template"].sudo()
        kpis = Template.browse({t.id for t in templates.values()}).line_ids.kpi_id
        targets = (
            self.env["bizreg.appraisal.target"].sudo()._bizreg_targets(employees, kpis)
        )
        Line = self.env["bizreg.appraisal.line"].sudo()
        scores = {}
        lines = {}
        for employee in employees:
            lines[employee.id] = vals_list = []
            for tline in Template.browse(templates[employee.id].id).line_ids:
                kpi = tline.kpi_id
                target = targets.get((employee.id, kpi.id), tline.target or kpi.target)
                vals_list.append(
                    dict(
                        kpi_id=kpi.id,
                        sequence=tline.sequence,
                        weight=tline.weight,
                        target=target,
                        **Line._bizreg_score_values(
                            kpi, 0.0, False, target, tline.weight, scores
                        ),
                    )
                )
        return lines

    def _bizreg_create_lines(self, lines=None):
        """KPI lines of monthly appraisals from their template and targets;
        ``lines``: their values by employee if already prepared (see
        ``_bizreg_new_lines``)."""
        monthly = self.filtered(lambda a: a.cycle_type == "monthly").sudo()
        Line = self.env["bizreg.appraisal.line"].sudo()
        if not monthly:
            return Line
        if lines is None:
            lines = self._bizreg_new_lines(
                monthly.employee_id, {a.employee_id.id: a.template_id for a in monthly}
            )
        vals_list = []
        for appraisal in monthly:
            # the line's stored related and department fields, as computed
            # on a new line
            common = {
                "appraisal_id": appraisal.id,
                "employee_id": appraisal.employee_id.id,
                "user_id": appraisal.user_id.id,
                "manager_user_id": appraisal.manager_user_id.id,
                "cycle_id": appraisal.cycle_id.id,
                "company_id": appraisal.company_id.id,
                "department_id": appraisal.department_id.id,
            }
            vals_list.extend(
                dict(common, **vals) for vals in lines[appraisal.employee_id.id]
            )
        return create_computed(Line, vals_list, same_defaults=True)

    def _bizreg_create_evaluations(self, types):
        """Create the evaluation forms of ``types`` with their criteria."""
        Evaluation = self.env["bizreg.appraisal.evaluation"].sudo()
        vals_list = []
        criteria_of = {}  # (template, type): criteria, looked up once per cycle
        for appraisal in self:
            cycle = appraisal.cycle_id
            deadline = (
                cycle.self_deadline if types == ["self"] else cycle.evaluation_deadline
            )
            existing = {
                (e.evaluation_type, e.evaluator_user_id.id, e.evaluator_partner_id.id)
                for e in appraisal.evaluation_ids
            }
            evaluators = []
            if "self" in types and appraisal.user_id:
                evaluators.append(("self", appraisal.user_id, False))
            if (
                "manager" in types
                and appraisal.manager_user_id
                and appraisal.manager_user_id != appraisal.user_id
            ):
                evaluators.append(("manager", appraisal.manager_user_id, False))
            if "peer" in types:
                for peer in appraisal.peer_employee_ids.filtered("user_id"):
                    evaluators.append(("peer", peer.user_id, False))
            if "customer" in types and appraisal.customer_facing:
                for partner in appraisal.customer_partner_ids:
                    evaluators.append(("customer", False, partner))
            for evaluation_type, user, partner in evaluators:
                key = (
                    evaluation_type,
                    user.id if user else False,
                    partner.id if partner else False,
                )
                if key in existing:
                    continue
                criteria_key = (appraisal.template_id, evaluation_type)
                if criteria_key not in criteria_of:
                    criteria_of[criteria_key] = appraisal.template_id._bizreg_criteria(
                        evaluation_type
                    )
                criteria = criteria_of[criteria_key]
                vals_list.append(
                    {
                        "appraisal_id": appraisal.id,
                        "evaluation_type": evaluation_type,
                        "evaluator_user_id": user.id if user else False,
                        "evaluator_partner_id": partner.id if partner else False,
                        "deadline": deadline,
                        "line_ids": [
                            Command.create({"criterion_id": c.id}) for c in criteria
                        ],
                    }
                )
        evaluations = Evaluation.create(vals_list)
        evaluations._bizreg_notify_evaluator()
        return evaluations

    def _bizreg_compute_rollup(self):
        """Quarter: mean of the monthly final scores; year: of the quarterly ones."""
        by_type = defaultdict(lambda: self.browse())
        for appraisal in self:
            by_type[appraisal.cycle_type] |= appraisal
        source_type = {"quarterly": "monthly", "annual": "quarterly"}
        for cycle_type, appraisals in by_type.items():
            if cycle_type not in source_type:
                continue
            date_from = min(appraisals.mapped("date_from"))
            date_to = max(appraisals.mapped("date_to"))
            groups = self.sudo()._read_group(
                [
                    ("employee_id", "in", appraisals.employee_id.ids),
                    ("cycle_type", "=", source_type[cycle_type]),
                    ("state", "in", ("approved", "published")),
                    ("date_from", ">=", date_from),
                    ("date_to", "<=", date_to),
                    ("company_id", "in", appraisals.company_id.ids),
                ],
                ["employee_id"],
                ["final_score:avg", "__count"],
            )
            found = {employee: (avg, count) for employee, avg, count in groups}
            for appraisal in appraisals:
                avg, count = found.get(appraisal.employee_id, (0.0, 0))
                appraisal.sudo().write(
                    {"rollup_score": round(avg or 0.0, 2), "rollup_count": count}
                )

    def _bizreg_compute_promotion(self):
        """Promotion priority after N consecutive 'excellent' results of the
        same cycle type (N from the company settings; 0 = never)."""
        if not self:
            return
        history = self.sudo().search(
            [
                ("employee_id", "in", self.employee_id.ids),
                ("cycle_type", "in", list(set(self.mapped("cycle_type")))),
                ("state", "in", ("approved", "published")),
                ("date_from", "<=", max(self.mapped("date_from"))),
            ],
            order="date_from desc",
        )
        by_key = defaultdict(list)
        for appraisal in history:
            by_key[(appraisal.employee_id.id, appraisal.cycle_type)].append(appraisal)
        for appraisal in self:
            needed = appraisal.company_id[PROMOTION_FIELD[appraisal.cycle_type]]
            flag = False
            if needed:
                results = [
                    a
                    for a in by_key[(appraisal.employee_id.id, appraisal.cycle_type)]
                    if a.date_from <= appraisal.date_from
                ][:needed]
                flag = len(results) == needed and all(
                    a.grade_code == "excellent" for a in results
                )
                # Consecutive periods: no gap between the results.
                for newer, older in zip(results, results[1:], strict=False):
                    if older.date_to + timedelta(days=1) != newer.date_from:
                        flag = False
            appraisal.sudo().write({"promotion_priority": flag})

    def _bizreg_create_training_needs(self):
        Training = self.env["bizreg.appraisal.training"].sudo()
        existing = Training.search([("appraisal_id", "in", self.ids)]).appraisal_id
        langs = {code for code, _name in self.env["res.lang"].get_installed()}
        langs.add("en_US")
        vals_list = []
        names = []
        for appraisal in self:
            if not appraisal.below_standard or appraisal in existing:
                continue
            weak = appraisal.line_ids.filtered(lambda line: line.score < 60)
            # The name in every active language (not the one of whoever
            # computed the results): each reader sees it in his own.
            names.append(
                {lang: appraisal._bizreg_training_name(lang) for lang in langs}
            )
            vals_list.append(
                {
                    "appraisal_id": appraisal.id,
                    "employee_id": appraisal.employee_id.id,
                    "company_id": appraisal.company_id.id,
                    "user_id": appraisal.manager_user_id.id,
                    "kpi_ids": [Command.set(weak.kpi_id.ids)],
                    "name": appraisal._bizreg_training_name("en_US"),
                }
            )
        trainings = Training.with_context(lang="en_US").create(vals_list)
        for training, translations in zip(trainings, names, strict=True):
            training.update_field_translations("name", translations)
        return trainings

    def _bizreg_training_name(self, lang):
        """The name of the training need of this appraisal, in ``lang``."""
        self.ensure_one()
        appraisal = self.with_context(lang=lang)
        return appraisal.env._(
            "Below standard in %(period)s (%(grade)s, score %(score).1f)",
            period=appraisal.cycle_id.period_label,
            grade=appraisal.grade_id.name,
            score=appraisal.final_score,
        )

    def _bizreg_notify_published(self):
        for appraisal in self.filtered("user_id"):
            appraisal.sudo().message_notify(
                partner_ids=appraisal.user_id.partner_id.ids,
                subject=self.env._("Your appraisal result is published"),
                body=self.env._(
                    "Your appraisal for %(period)s is published: %(grade)s.",
                    period=appraisal.cycle_id.period_label,
                    grade=appraisal.grade_id.name or "-",
                ),
            )

    # ------------------------------------------------------------------
    # Peer suggestions
    # ------------------------------------------------------------------
    def _bizreg_check_peers_editable(self):
        """Peers change while the cycle is in draft or self-assessment, by
        whoever may write the appraisal (HR, the department's manager), never
        on their own appraisal."""
        self._bizreg_check_manageable()
        for appraisal in self:
            if appraisal.state not in PEER_STATES:
                raise UserError(
                    self.env._(
                        "Peers of %s can be chosen in draft or self-assessment only.",
                        appraisal.display_name,
                    )
                )
        self.cycle_id._bizreg_check_results_open()

    def _bizreg_peer_suggestions(self):
        """``{appraisal_id: [(employee_id, shared_total, {source: count})]}``.

        Colleagues the employee shared records with during the cycle's
        period, other departments first (see
        ``bizreg.appraisal.collaboration._bizreg_collaborators``); the
        appraisal's manager and colleagues of another company than the
        cycle's are left out.  One call of the sources per period, whatever
        the number of appraisals.
        """
        by_period = defaultdict(lambda: self.browse())
        for appraisal in self:
            by_period[(appraisal.date_from, appraisal.date_to)] |= appraisal
        Collaboration = self.env["bizreg.appraisal.collaboration"]
        result = {}
        for (date_from, date_to), appraisals in by_period.items():
            found = Collaboration._bizreg_collaborators(
                appraisals.employee_id,
                date_from,
                date_to,
                companies={a.employee_id.id: a.company_id.id for a in appraisals},
                managers={a.employee_id.id: a.manager_user_id.id for a in appraisals},
            )
            for appraisal in appraisals:
                result[appraisal.id] = found.get(appraisal.employee_id.id, [])
        return result

    def _bizreg_add_peers(self, peers):
        """Add peers to many appraisals at once: ``peers`` is
        ``{appraisal_id: [employee_id, ...]}``.

        ``write()`` saves a Many2many one record at a time (a query per
        appraisal); this goes through the field's batch write, which inserts
        the links of every appraisal in one query, with the same checks as
        ``write()`` (access, open cycle) and the same constraints.
        """
        peers = {key: ids for key, ids in peers.items() if ids}
        appraisals = self.browse(list(peers))
        if not appraisals:
            return appraisals
        appraisals._bizreg_check_peers_editable()
        field = self._fields["peer_employee_ids"]
        field.write_batch(
            [
                (
                    self.browse(appraisal_id),
                    [Command.link(employee_id) for employee_id in ids],
                )
                for appraisal_id, ids in peers.items()
            ]
        )
        appraisals.modified(["peer_employee_ids"])
        appraisals._validate_fields(["peer_employee_ids"])
        return appraisals

    def action_suggest_peers(self):
        """Open the suggestions of peer evaluators for this appraisal."""
        self.ensure_one()
        self._bizreg_check_peers_editable()
        return self.env["bizreg.appraisal.peer.suggest"]._bizreg_open(self)

    def action_print_sheet(self):
        return self.env.ref(
            "bizreg_appraisal.bizreg_appraisal_sheet_report"
        ).report_action(self)
