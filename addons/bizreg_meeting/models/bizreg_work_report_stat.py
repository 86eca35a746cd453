# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models, tools
from odoo.tools import SQL


class BizregWorkReportStat(models.Model):
    """Work report statistics: one row per report already due (or submitted
    early) with its submission figures, for pivot and graph views by
    department, employee and period.  The submission rate of a group is the
    average of the rows' 0/100 values."""

    _name = "bizreg.work.report.stat"
    _description = "Work Report Statistics"
    _auto = False
    _order = "date_due desc, id desc"
    _rec_name = "report_id"

    report_id = fields.Many2one("bizreg.work.report", readonly=True)
    template_id = fields.Many2one("bizreg.work.report.template", readonly=True)
    frequency = fields.Selection(
        [("daily", "Daily"), ("weekly", "Weekly"), ("monthly", "Monthly")],
        readonly=True,
    )
    user_id = fields.Many2one("res.users", string="Author", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date_from = fields.Date(string="Period Start", readonly=True)
    date_to = fields.Date(string="Period End", readonly=True)
    date_due = fields.Datetime(string="Due", readonly=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("commented", "Commented"),
        ],
        string="Status",
        readonly=True,
    )
    expected_count = fields.Integer(string="Expected", readonly=True)
    submitted_count = fields.Integer(string="Submitted", readonly=True)
    on_time_count = fields.Integer(string="On Time", readonly=True)
    late_count = fields.Integer(string="Late", readonly=True)
    missing_count = fields.Integer(string="Missing", readonly=True)
    commented_count = fields.Integer(string="Commented", readonly=True)
    submission_rate = fields.Float(
        string="Submission Rate (%)", readonly=True, aggregator="avg"
    )
    on_time_rate = fields.Float(
        string="On-Time Rate (%)", readonly=True, aggregator="avg"
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT r.id AS id,
                           r.id AS report_id,
                           r.template_id AS template_id,
                           r.frequency AS frequency,
                           r.user_id AS user_id,
                           r.department_id AS department_id,
                           r.company_id AS company_id,
                           r.date_from AS date_from,
                           r.date_to AS date_to,
                           r.date_due AS date_due,
                           r.state AS state,
                           1 AS expected_count,
                           CASE WHEN r.state != 'draft' THEN 1 ELSE 0 END
                               AS submitted_count,
                           CASE WHEN r.state != 'draft'
                                     AND NOT COALESCE(r.is_late, FALSE)
                                THEN 1 ELSE 0 END AS on_time_count,
                           CASE WHEN COALESCE(r.is_late, FALSE)
                                THEN 1 ELSE 0 END AS late_count,
                           CASE WHEN r.state = 'draft' THEN 1 ELSE 0 END
                               AS missing_count,
                           CASE WHEN r.state = 'commented' THEN 1 ELSE 0 END
                               AS commented_count,
                           CASE WHEN r.state != 'draft' THEN 100.0 ELSE 0.0 END
                               AS submission_rate,
                           CASE WHEN r.state != 'draft'
                                     AND NOT COALESCE(r.is_late, FALSE)
                                THEN 100.0 ELSE 0.0 END AS on_time_rate
                      FROM bizreg_work_report r
                     WHERE r.date_due IS NOT NULL
                       AND (r.date_due <= (now() AT TIME ZONE 'UTC')
                            OR r.state != 'draft')
                )
                """,
                SQL.identifier(self._table),
            )
        )
