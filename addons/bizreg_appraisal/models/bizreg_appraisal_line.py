# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.bizreg_base.tools import is_trusted, trusted

from .batch import assign_computed, column, shared_defaults

# What a person may write on a KPI line: the manual value and its comment.
MANUAL_FIELDS = {"actual_value", "comment"}
# The fields of ``_compute_score``.
SCORE_FIELDS = ("score", "achievement", "weighted_score")


class BizregAppraisalLine(models.Model):
    """One KPI of a monthly appraisal: target, actual value, score, and the
    figures the value came from."""

    _name = "bizreg.appraisal.line"
    _description = "Appraisal KPI Line"
    _inherit = ["bizreg.department.mixin"]
    _bizreg_department_from = "appraisal_id.department_id"
    _bizreg_department_depends = ("appraisal_id.department_id",)
    _order = "appraisal_id, sequence, id"

    appraisal_id = fields.Many2one(
        "bizreg.appraisal",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    sequence = fields.Integer(default=10, readonly=True)
    kpi_id = fields.Many2one(
        "bizreg.appraisal.kpi", required=True, ondelete="restrict", readonly=True
    )
    source = fields.Selection(related="kpi_id.source")
    measure_code = fields.Selection(related="kpi_id.measure_code")
    unit = fields.Selection(related="kpi_id.unit")
    direction = fields.Selection(related="kpi_id.direction")
    # Related stored fields read by the record rules.
    employee_id = fields.Many2one(
        related="appraisal_id.employee_id", store=True, index=True
    )
    user_id = fields.Many2one(related="appraisal_id.user_id", store=True, index=True)
    manager_user_id = fields.Many2one(
        related="appraisal_id.manager_user_id", store=True, index=True
    )
    department_id = fields.Many2one(
        "hr.department", compute="_compute_bizreg_department", store=True, index=True
    )
    cycle_id = fields.Many2one(related="appraisal_id.cycle_id", store=True, index=True)
    # not stored: a state change of the cycle would rewrite every KPI line
    # (12,000 in a cycle of 1,000 employees); the record rules search it
    # through the appraisal, whose state is stored and indexed
    state = fields.Selection(related="appraisal_id.state")
    company_id = fields.Many2one(
        related="appraisal_id.company_id", store=True, index=True
    )
    weight = fields.Float(string="Weight (%)", readonly=True)
    target = fields.Float(readonly=True)
    actual_value = fields.Float(string="Actual", digits=(16, 2))
    value_set = fields.Boolean(
        string="Value Entered", readonly=True, help="A value was entered or measured."
    )
    no_data = fields.Boolean(
        readonly=True,
        help="The measure found no record to compute this KPI from: it scores 0.",
    )
    achievement = fields.Float(
        string="Achievement (%)",
        compute="_compute_score",
        store=True,
        digits=(6, 1),
        aggregator="avg",
    )
    score = fields.Float(
        compute="_compute_score", store=True, digits=(5, 2), aggregator="avg"
    )
    weighted_score = fields.Float(compute="_compute_score", store=True, digits=(5, 2))
    explanation = fields.Json(readonly=True, help="Source figures of a measured value.")
    explanation_text = fields.Text(
        string="Source Figures", compute="_compute_explanation_text"
    )
    comment = fields.Char()

    @api.depends(
        "actual_value",
        "no_data",
        "target",
        "weight",
        "kpi_id.direction",
        "kpi_id.scoring",
        "kpi_id.zero_ratio",
        "kpi_id.cap",
        "kpi_id.band_ids.score",
        "kpi_id.band_ids.min_achievement",
    )
    def _compute_score(self):
        # A closed cycle's scores keep their stored values.
        lines = self._bizreg_open_results()
        scores = {}  # the same result within one call
        # the inputs read a column at a time (the cache's bulk read) rather
        # than a field of a line at a time: 12,000 lines in a cycle
        kpis = {kpi.id: kpi for kpi in lines.kpi_id}
        no_kpi = lines.kpi_id.browse()
        values = [
            self._bizreg_score_values(kpi, actual, no_data, target, weight, scores)
            for kpi, actual, no_data, target, weight in zip(
                [kpis.get(kpi_id, no_kpi) for kpi_id in column(lines, "kpi_id")],
                lines.mapped("actual_value"),
                lines.mapped("no_data"),
                lines.mapped("target"),
                lines.mapped("weight"),
                strict=True,
            )
        ]
        assign_computed(
            lines, {name: [v[name] for v in values] for name in SCORE_FIELDS}
        )

    def _bizreg_open_results(self):
        """The lines whose scores may still change: those of the appraisals'
        ``_bizreg_open_results`` (new ones, and a cycle that is not closed),
        their appraisals read a column at a time."""
        if not all(self._ids):
            return self.filtered(
                lambda li: not li.id or li.appraisal_id._bizreg_open_results()
            )
        appraisal_ids = column(self, "appraisal_id")
        appraisals = self.env["bizreg.appraisal"].browse(set(appraisal_ids))
        open_ids = set(appraisals._bizreg_open_results()._ids)
        if len(open_ids) == len(appraisals):
            return self
        return self.browse(
            [
                line_id
                for line_id, appraisal_id in zip(self._ids, appraisal_ids, strict=True)
                if appraisal_id in open_ids
            ]
        )

    @api.model
    def _bizreg_score_values(self, kpi, actual, no_data, target, weight, memo=None):
        """``{field: value}`` of the score fields of a line (see
        ``_compute_score``); ``memo`` shares the results within one call."""
        key = (kpi.id, actual, bool(no_data), target, weight)
        if memo is not None and key in memo:
            return memo[key]
        if no_data:
            score, achievement = 0.0, 0.0
        else:
            score, achievement = kpi._bizreg_score(actual, target)
        values = {
            "score": round(score, 2),
            "achievement": achievement,
            "weighted_score": round(score * weight / 100.0, 2),
        }
        if memo is not None:
            memo[key] = values
        return values

    @api.depends("explanation")
    def _compute_explanation_text(self):
        for line in self:
            line.explanation_text = (
                json.dumps(
                    line.explanation, ensure_ascii=False, indent=1, sort_keys=True
                )
                if line.explanation
                else False
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not is_trusted("engine"):
            raise UserError(self.env._("KPI lines come from the appraisal template."))
        return super().create(vals_list)

    def _add_missing_default_values(self, values):
        # once per batch of the cycle's lines (their defaults are constants)
        return shared_defaults(self, values, super()._add_missing_default_values)

    def write(self, vals):
        if not self.env.su and not is_trusted("engine"):
            self._bizreg_check_input(vals)
            # the fields the application sets: the same refusal as on every
            # bizreg model (bizreg_base), before this model's own rules
            self._bizreg_check_engine_fields(vals.keys())
            self.appraisal_id._bizreg_check_not_own()
            if set(vals) - MANUAL_FIELDS:
                raise UserError(
                    self.env._(
                        "Only the actual value and a comment can be entered on a KPI."
                    )
                )
            if "actual_value" in vals:
                if self.filtered(lambda line: line.source != "manual"):
                    raise UserError(
                        self.env._(
                            "Measured KPI values come from the business records."
                        )
                    )
                if vals["actual_value"] is not False and vals["actual_value"] < 0:
                    raise ValidationError(self.env._("A KPI value cannot be negative."))
                self.cycle_id._bizreg_check_results_open()
                with trusted("engine"):
                    return super().write(dict(vals, value_set=True))
            self.cycle_id._bizreg_check_results_open()
        return super().write(vals)

    def unlink(self):
        if not self.env.su and not is_trusted("engine"):
            self.appraisal_id._bizreg_check_not_own()
            self.cycle_id._bizreg_check_results_open()
        return super().unlink()

    def _bizreg_compute_measures(self):
        """Fill the measured lines: one measure run per (period, company of
        the appraisal), for all employees at once."""
        # the lines' KPI, cycle, company and employee read a column at a time
        # (``batch.column``), the KPIs and cycles once each
        kpi_ids = column(self, "kpi_id")
        codes_of = {
            kpi.id: kpi.measure_code
            for kpi in self.env["bizreg.appraisal.kpi"].browse(set(kpi_ids))
            if kpi.source == "measure"
        }
        cycle_ids = column(self, "cycle_id")
        periods = {
            cycle.id: (cycle.date_from, cycle.date_to)
            for cycle in self.env["bizreg.appraisal.cycle"].browse(set(cycle_ids))
        }
        # {(date from, date to, company id): [(line id, code, employee id)]}
        group_lines = defaultdict(list)
        measured_ids = []
        for line_id, kpi_id, cycle_id, company_id, employee_id in zip(
            self._ids,
            kpi_ids,
            cycle_ids,
            column(self, "company_id"),
            column(self, "employee_id"),
            strict=True,
        ):
            if kpi_id in codes_of:
                measured_ids.append(line_id)
                group_lines[(*periods[cycle_id], company_id)].append(
                    (line_id, codes_of[kpi_id], employee_id)
                )
        measured = self.browse(measured_ids)
        Measure = self.env["bizreg.appraisal.measure"]
        names = ["actual_value", "no_data", "explanation"]
        filled = self.browse().sudo()
        for (date_from, date_to, company_id), entries in group_lines.items():
            employee_ids = sorted({e for _l, _c, e in entries if e})
            results = Measure._bizreg_compute_measures(
                sorted({code for _l, code, _e in entries}),
                self.env["hr.employee"].browse(employee_ids),
                date_from,
                date_to,
                self.env["res.company"].browse(company_id),
            )
            lines = self.browse([line_id for line_id, _c, _e in entries]).sudo()
            # Each line gets its own values: they are set in the cache as a
            # compute does (no write per line), then written for all the lines
            # at once below, which triggers the scores once for the batch.
            found = [
                results.get(code, {}).get(employee_id, (0.0, {"records": 0}))
                for _l, code, employee_id in entries
            ]
            with self.env.protecting([lines._fields[name] for name in names], lines):
                assign_computed(
                    lines,
                    {
                        "actual_value": [value or 0.0 for value, _e in found],
                        "no_data": [value is None for value, _e in found],
                        "explanation": [explanation for _v, explanation in found],
                    },
                )
            filled |= lines
        if filled:
            filled.modified(names)
            filled._validate_fields(names)
            # one write for the batch: write date and author, the model's
            # write rules, and the recomputation of the scores
            filled.write({"value_set": True})
        return measured
