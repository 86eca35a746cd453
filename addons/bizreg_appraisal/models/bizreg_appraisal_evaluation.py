# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.bizreg_base.tools import is_trusted, trusted

from .bizreg_appraisal import CLOSED_STATES

# What the evaluator fills in.
CONTENT_FIELDS = {"line_ids", "strengths", "improvements", "comment"}
# What HR may change on an open form.
ASSIGNMENT_FIELDS = {"evaluator_user_id", "evaluator_partner_id", "deadline"}
# What only the engine writes (besides the fields read-only in their
# definition: state, score, stamps).
ENGINE_FIELDS = {
    "state",
    "score",
    "submitted_date",
    "appraisal_id",
    "evaluation_type",
    "reminded_date",
    "overdue_date",
}
# Cycle states in which evaluations are filled in or assigned.
EVALUATION_STATES = ("draft", "self_assessment", "evaluation")


class BizregAppraisalEvaluation(models.Model):
    """One evaluation form (self, manager, peer or customer) of an appraisal.

    Only its evaluator fills it in; a customer fills it in through a
    tokenised portal link.
    """

    _name = "bizreg.appraisal.evaluation"
    _description = "Appraisal Evaluation"
    _inherit = [
        "portal.mixin",
        "bizreg.escalation.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "bizreg.department.mixin",
    ]
    _bizreg_department_from = "appraisal_id.department_id"
    _bizreg_department_depends = ("appraisal_id.department_id",)
    _order = "deadline, id"

    appraisal_id = fields.Many2one(
        "bizreg.appraisal", required=True, ondelete="cascade", index=True
    )
    cycle_id = fields.Many2one(related="appraisal_id.cycle_id", store=True, index=True)
    cycle_type = fields.Selection(related="appraisal_id.cycle_type")
    period_label = fields.Char(related="cycle_id.period_label", string="Period")
    date_from = fields.Date(related="cycle_id.date_from", store=True, index=True)
    date_to = fields.Date(related="cycle_id.date_to", store=True)
    employee_id = fields.Many2one(
        related="appraisal_id.employee_id", store=True, index=True
    )
    department_id = fields.Many2one(
        "hr.department", compute="_compute_bizreg_department", store=True, index=True
    )
    job_id = fields.Many2one(related="appraisal_id.job_id")
    company_id = fields.Many2one(
        related="appraisal_id.company_id", store=True, index=True
    )
    evaluation_type = fields.Selection(
        [
            ("self", "Self-Assessment"),
            ("manager", "Manager Evaluation"),
            ("peer", "Peer Evaluation"),
            ("customer", "Customer Evaluation"),
        ],
        required=True,
        index=True,
    )
    evaluator_user_id = fields.Many2one(
        "res.users", string="Evaluator", index=True, tracking=True
    )
    evaluator_partner_id = fields.Many2one(
        "res.partner", string="Customer", index=True, tracking=True
    )
    state = fields.Selection(
        [("draft", "To Fill In"), ("submitted", "Submitted"), ("cancel", "Cancelled")],
        default="draft",
        required=True,
        index=True,
        tracking=True,
        readonly=True,
    )
    deadline = fields.Datetime(index=True, tracking=True)
    reminder_date = fields.Datetime(
        compute="_compute_reminder_date", store=True, index=True
    )
    reminded_date = fields.Datetime(readonly=True, copy=False)
    overdue_date = fields.Datetime(string="Overdue Notified", readonly=True, copy=False)
    submitted_date = fields.Datetime(readonly=True, copy=False)
    line_ids = fields.One2many(
        "bizreg.appraisal.evaluation.line", "evaluation_id", string="Criteria"
    )
    score = fields.Float(
        compute="_compute_score",
        store=True,
        aggregator="avg",
        digits=(5, 2),
        help="Mean of the criteria (1-5) on a 0-100 scale.",
    )
    strengths = fields.Text()
    improvements = fields.Text(string="Areas for Improvement")
    comment = fields.Text(string="Comments")

    @api.depends(
        "evaluation_type", "employee_id", "evaluator_user_id", "evaluator_partner_id"
    )
    def _compute_display_name(self):
        labels = dict(self._fields["evaluation_type"]._description_selection(self.env))
        for evaluation in self:
            evaluation.display_name = (
                f"{labels.get(evaluation.evaluation_type, '')}: "
                f"{evaluation.employee_id.name or ''}"
            )

    @api.depends("deadline")
    def _compute_reminder_date(self):
        for evaluation in self:
            evaluation.reminder_date = evaluation.deadline and (
                evaluation.deadline - timedelta(days=1)
            )

    @api.depends("line_ids.score")
    def _compute_score(self):
        # A closed cycle's forms keep their score (a submitted form's
        # criteria no longer change).
        for evaluation in self.filtered(
            lambda e: not e.id or e.cycle_id.state not in CLOSED_STATES
        ):
            answered = [s for s in evaluation.line_ids.mapped("score") if s]
            evaluation.score = (
                round(sum(answered) / len(answered) * 20.0, 2) if answered else 0.0
            )

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for evaluation in self:
            evaluation.access_url = f"/bizreg/appraisal/evaluation/{evaluation.id}"
        return res

    @api.constrains("evaluation_type", "evaluator_user_id", "evaluator_partner_id")
    def _check_evaluator(self):
        for evaluation in self:
            appraisal = evaluation.appraisal_id
            user = evaluation.evaluator_user_id
            if evaluation.evaluation_type == "customer":
                if not evaluation.evaluator_partner_id:
                    raise ValidationError(
                        self.env._("A customer evaluation needs the customer.")
                    )
                continue
            if not user:
                raise ValidationError(self.env._("An evaluation needs its evaluator."))
            if appraisal.company_id not in user.company_ids:
                raise ValidationError(
                    self.env._(
                        "Evaluator %(user)s does not work in company %(company)s.",
                        user=user.name,
                        company=appraisal.company_id.name,
                    )
                )
            is_employee = user == appraisal.employee_id.user_id
            if evaluation.evaluation_type == "self" and not is_employee:
                raise ValidationError(
                    self.env._("A self-assessment is filled in by the employee.")
                )
            if evaluation.evaluation_type != "self" and is_employee:
                raise ValidationError(
                    self.env._(
                        "Employees cannot evaluate themselves except in the "
                        "self-assessment."
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
                self._bizreg_check_engine_fields(vals.keys())
                if set(vals) & (ENGINE_FIELDS - {"appraisal_id", "evaluation_type"}):
                    raise UserError(
                        self.env._("A new evaluation starts empty, to fill in.")
                    )
            appraisals = self.env["bizreg.appraisal"].browse(
                [vals.get("appraisal_id") for vals in vals_list]
            )
            appraisals._bizreg_check_not_own()
            if appraisals.sudo().filtered(lambda a: a.state not in EVALUATION_STATES):
                raise UserError(
                    self.env._(
                        "Evaluations are added while the cycle collects them only."
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and not is_trusted("engine"):
            self._bizreg_check_input(vals)
            # the fields the application sets: the same refusal as on every
            # bizreg model (bizreg_base), before this model's own rules
            self._bizreg_check_engine_fields(vals.keys())
            if set(vals) & ENGINE_FIELDS:
                raise UserError(
                    self.env._("An evaluation changes state only through its buttons.")
                )
            if set(vals) & CONTENT_FIELDS:
                self._bizreg_check_evaluator()
            if set(vals) & ASSIGNMENT_FIELDS:
                if not self.env.user.has_group("hr.group_hr_user"):
                    raise AccessError(
                        self.env._("Only HR assigns evaluators and deadlines.")
                    )
                if any(e.state != "draft" for e in self):
                    raise UserError(
                        self.env._("A submitted evaluation cannot be reassigned.")
                    )
                self.appraisal_id._bizreg_check_not_own()
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            if any(e.state == "submitted" for e in self):
                raise UserError(self.env._("A submitted evaluation cannot be deleted."))
            self.appraisal_id._bizreg_check_not_own()
        return super().unlink()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _bizreg_check_evaluator(self):
        """Only the evaluator fills in an open form (customers: via the portal)."""
        if self.env.su:
            return
        for evaluation in self:
            if evaluation.evaluator_user_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only %(evaluator)s can fill in “%(form)s”.",
                        evaluator=evaluation.evaluator_user_id.name
                        or evaluation.evaluator_partner_id.name,
                        form=evaluation.display_name,
                    )
                )
            if evaluation.state != "draft":
                raise UserError(
                    self.env._("“%s” is already submitted.", evaluation.display_name)
                )
            if evaluation.cycle_id.state not in ("self_assessment", "evaluation"):
                raise UserError(
                    self.env._(
                        "The evaluation period of cycle %s is closed.",
                        evaluation.cycle_id.display_name,
                    )
                )

    def action_submit(self):
        self._bizreg_check_evaluator()
        missing = self.line_ids.filtered(lambda line: not line.score)
        if missing:
            raise UserError(
                self.env._(
                    "Score every criterion from 1 to 5 before submitting "
                    "(missing: %s).",
                    ", ".join(missing.criterion_id.mapped("name")),
                )
            )
        self.sudo()._bizreg_submit()
        return True

    def _bizreg_submit(self):
        with trusted("engine"):
            self.write({"state": "submitted", "submitted_date": fields.Datetime.now()})
        self.activity_ids.filtered(
            lambda a: a.user_id == self.evaluator_user_id
        ).action_feedback()

    def action_send_customer_link(self):
        """E-mail the tokenised evaluation link to the customer."""
        self.check_access("write")
        template = self.env.ref("bizreg_appraisal.mail_template_customer_evaluation")
        for evaluation in self:
            if evaluation.evaluation_type != "customer" or evaluation.state != "draft":
                raise UserError(
                    self.env._(
                        "Only an open customer evaluation can be sent to the customer."
                    )
                )
            evaluation.sudo()._portal_ensure_token()
            evaluation.message_post_with_source(
                template, subtype_xmlid="mail.mt_comment"
            )
        return True

    # ------------------------------------------------------------------
    # Deadlines (bizreg_base escalation mechanism)
    # ------------------------------------------------------------------
    def _bizreg_escalation_levels(self):
        return [
            ("reminder", "reminder_date", "reminded_date", "_bizreg_send_reminder"),
            ("overdue", "deadline", "overdue_date", "_bizreg_escalate_overdue"),
        ]

    def _bizreg_escalation_domain(self):
        return [("state", "=", "draft")]

    def _bizreg_recipient(self):
        self.ensure_one()
        return self.evaluator_user_id or self.cycle_id.user_id

    def _bizreg_notify_evaluator(self):
        for evaluation in self.filtered("evaluator_user_id"):
            evaluation.activity_schedule(
                "bizreg_base.mail_activity_bizreg_followup",
                date_deadline=evaluation.deadline and evaluation.deadline.date(),
                summary=self.env._("Fill in: %s", evaluation.display_name),
                user_id=evaluation.evaluator_user_id.id,
            )

    def _bizreg_send_reminder(self):
        """The evaluator (else the cycle's owner) is reminded the day before."""
        return self._bizreg_escalation_notify(
            "bizreg_base.mail_activity_bizreg_followup",
            "_bizreg_recipient",
            summary=lambda evaluation, _user, _target: evaluation.env._(
                "Reminder: %s is due tomorrow", evaluation.display_name
            ),
            date_deadline=lambda evaluation, _user: fields.Datetime.context_timestamp(
                evaluation, evaluation.deadline
            ).date(),
        )

    def _bizreg_overdue_recipients(self):
        """The cycle's owner and the employee's manager, unless they are the
        late evaluator themselves."""
        self.ensure_one()
        users = self.cycle_id.user_id | self.appraisal_id.manager_user_id
        return (users - self.evaluator_user_id) or self.cycle_id.user_id

    def _bizreg_escalate_overdue(self):
        return self._bizreg_escalation_notify(
            "bizreg_base.mail_activity_bizreg_followup",
            "_bizreg_overdue_recipients",
            summary=lambda evaluation, _user, _target: evaluation.env._(
                "Overdue: %s", evaluation.display_name
            ),
        )

    def _bizreg_run_escalations(self, now=None, limit=None, keys=None):
        # The escalation engine stamps the read-only reminder/overdue dates.
        with trusted("engine"):
            return super()._bizreg_run_escalations(now=now, limit=limit, keys=keys)

    @api.model
    def _cron_deadlines(self):
        return self._bizreg_run_escalations()
