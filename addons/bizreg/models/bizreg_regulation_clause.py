# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.osv import expression

MEASURES = [
    ("contract_reviewed", "Contracts reviewed before signing"),
    ("complaint_on_time", "Complaints resolved within the deadline"),
    ("research_on_time", "Research reports published on time"),
    ("document_reviewed", "Documents reviewed before publishing"),
    ("drill_passed", "Restore drills passed"),
    ("action_on_time", "Meeting action items closed on time"),
]


class BizregRegulationClause(models.Model):
    """A clause of the company's regulation (制度条款), with the Chinese
    source text, the English outline, what implements it in the app and,
    where the app holds the records to tell, a live compliance figure: the
    records the clause applies to, and those that break it."""

    _name = "bizreg.regulation.clause"
    _description = "Regulation Clause"
    _order = "sequence, code, id"
    _rec_names_search = ["code", "name"]

    code = fields.Char(required=True, index=True, help="The clause's number, e.g. 2.3.")
    name = fields.Char(string="Title", required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    parent_id = fields.Many2one(
        "bizreg.regulation.clause",
        string="Section",
        index=True,
        ondelete="cascade",
        domain="[('parent_id', '=', False)]",
    )
    child_ids = fields.One2many(
        "bizreg.regulation.clause", "parent_id", string="Clauses"
    )
    area_id = fields.Many2one("bizreg.area", string="Business Area", index=True)
    source_text = fields.Text(
        string="Regulation Text", help="The clause as the regulation states it."
    )
    outline = fields.Text(string="English Outline")
    link_ids = fields.One2many(
        "bizreg.regulation.link", "clause_id", string="Implemented by"
    )
    link_count = fields.Integer(compute="_compute_link_count")
    measure = fields.Selection(
        selection=MEASURES,
        string="Compliance Measure",
        help="The figure that tells whether the clause is followed, computed "
        "live from the records you may see.",
    )
    compliance_total = fields.Integer(
        string="Records Concerned", compute="_compute_compliance"
    )
    compliance_breaches = fields.Integer(
        string="Breaches", compute="_compute_compliance"
    )
    compliance_rate = fields.Float(
        string="Compliance (%)", compute="_compute_compliance", digits=(5, 1)
    )
    compliance_status = fields.Selection(
        [
            ("none", "No figure"),
            ("empty", "No records yet"),
            ("ok", "Followed"),
            ("breached", "Breached"),
        ],
        compute="_compute_compliance",
    )

    _sql_constraints = [
        ("code_uniq", "unique(code)", "A clause number must be unique."),
    ]

    # ------------------------------------------------------------------
    # Measures
    # ------------------------------------------------------------------
    @api.model
    def _measures(self):
        """``{code: (model, concerned domain, breach domain)}``: the
        records a clause applies to and, among them, those that break it.
        The domains are evaluated now, with the user's rights."""
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        return {
            "contract_reviewed": (
                "sale.order",
                [("bizreg_signed", "=", True)],
                [("validation_status", "!=", "validated")],
            ),
            "complaint_on_time": (
                "helpdesk.ticket",
                [("bizreg_kind", "=", "complaint")]
                + expression.OR(
                    [
                        [
                            (
                                "bizreg_resolution",
                                "in",
                                ("on_time", "late", "unresolved"),
                            )
                        ],
                        [("bizreg_resolution_deadline", "<", now)],
                    ]
                ),
                [("bizreg_resolution", "!=", "on_time")],
            ),
            "research_on_time": (
                "bizreg.marketing.research.report",
                [("date_report_due", "!=", False)]
                + expression.OR(
                    [
                        [("date_published", "!=", False)],
                        [("date_report_due", "<", today)],
                    ]
                ),
                ["|", ("is_late", "=", True), ("date_published", "=", False)],
            ),
            "document_reviewed": (
                "bizreg.document.version",
                [("state", "in", ("published", "superseded"))],
                [("validation_status", "!=", "validated")],
            ),
            "drill_passed": (
                "bizreg.data.drill",
                [("state", "in", ("passed", "failed"))],
                [("state", "=", "failed")],
            ),
            "action_on_time": (
                "bizreg.meeting.action",
                ["|", ("state", "=", "done"), ("is_overdue", "=", True)],
                [
                    "|",
                    "&",
                    ("state", "=", "done"),
                    ("is_on_time", "=", False),
                    ("is_overdue", "=", True),
                ],
            ),
        }

    def _measure_domains(self):
        """(model, concerned domain, breach domain) of the clause's measure."""
        self.ensure_one()
        model, concerned, breach = self._measures()[self.measure]
        return model, concerned, expression.AND([concerned, breach])

    @api.depends("measure")
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_compliance(self):
        figures = {}  # one count per measure, whatever the number of clauses
        for clause in self:
            if not clause.measure:
                clause.compliance_total = 0
                clause.compliance_breaches = 0
                clause.compliance_rate = 0.0
                clause.compliance_status = "none"
                continue
            if clause.measure not in figures:
                model, concerned, breach = clause._measure_domains()
                Model = self.env[model]
                if Model.has_access("read"):
                    figures[clause.measure] = (
                        Model.search_count(concerned),
                        Model.search_count(breach),
                    )
                else:
                    figures[clause.measure] = (0, 0)
            total, breaches = figures[clause.measure]
            clause.compliance_total = total
            clause.compliance_breaches = breaches
            clause.compliance_rate = (
                100.0 * (total - breaches) / total if total else 0.0
            )
            clause.compliance_status = (
                "empty" if not total else "breached" if breaches else "ok"
            )

    @api.depends("link_ids")
    def _compute_link_count(self):
        counts = dict(
            self.env["bizreg.regulation.link"]._read_group(
                [("clause_id", "in", self.ids)], ["clause_id"], ["__count"]
            )
        )
        for clause in self:
            clause.link_count = counts.get(clause, 0)

    def _compute_display_name(self):
        for clause in self:
            clause.display_name = f"{clause.code} {clause.name or ''}".strip()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _open_measured(self, breaches):
        self.ensure_one()
        if not self.measure:
            return False
        model, concerned, breach = self._measure_domains()
        label = dict(self._fields["measure"]._description_selection(self.env))[
            self.measure
        ]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("%(measure)s: breaches", measure=label)
            if breaches
            else label,
            "res_model": model,
            "domain": breach if breaches else concerned,
            "views": [(False, "list"), (False, "form")],
            "context": {"create": False},
            "target": "current",
        }

    def action_open_breaches(self):
        """The records that break the clause, with the user's rights."""
        return self._open_measured(breaches=True)

    def action_open_concerned(self):
        return self._open_measured(breaches=False)
