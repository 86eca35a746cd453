# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.bizreg_base.tools import any_trusted

MANAGER_GROUP = "bizreg_rnd.group_bizreg_rnd_manager"
# what the tester records: a change restarts the waiver and the execution stamp
RESULT_FIELDS = {"case_id", "release_id", "result", "waiver_reason"}


class BizregRndTestResult(models.Model):
    """The result of one test case in one release (a line of a test run)."""

    _name = "bizreg.rnd.test.result"
    _description = "Test Result"
    _inherit = ["bizreg.record.mixin"]
    _order = "id desc"

    case_id = fields.Many2one(
        "bizreg.rnd.test.case",
        string="Test Case",
        required=True,
        index=True,
        ondelete="cascade",
    )
    release_id = fields.Many2one(
        "bizreg.rnd.release",
        required=True,
        index=True,
        ondelete="cascade",
    )
    result = fields.Selection(
        [
            ("passed", "Passed"),
            ("failed", "Failed"),
            ("blocked", "Blocked"),
            ("waived", "Waived"),
        ],
        required=True,
        index=True,
    )
    run_id = fields.Many2one(
        "bizreg.rnd.test.run",
        string="Test Run",
        index="btree_not_null",
        ondelete="cascade",
    )
    requirement_id = fields.Many2one(
        related="case_id.requirement_id", store=True, index=True
    )
    test_type = fields.Selection(related="case_id.test_type")
    tester_id = fields.Many2one(
        "res.users",
        readonly=True,
        copy=False,
        help="Who recorded the result (set by the application).",
    )
    executed_on = fields.Datetime(readonly=True, copy=False)
    notes = fields.Text()
    defect_ids = fields.One2many(
        "bizreg.rnd.defect", "test_result_id", string="Defects"
    )
    defect_count = fields.Integer(compute="_compute_defect_count")
    waiver_reason = fields.Text(
        help="Why the test case need not pass in this release (required for a "
        "waiver, which the R&D Manager approves)."
    )
    waiver_state = fields.Selection(
        [
            ("requested", "Requested"),
            ("approved", "Approved"),
            ("refused", "Refused"),
        ],
        string="Waiver Status",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    waiver_user_id = fields.Many2one(
        "res.users", string="Waiver Decided By", readonly=True, copy=False
    )
    waiver_date = fields.Datetime(string="Waiver Decided On", readonly=True, copy=False)
    run_state = fields.Selection(related="run_id.state", string="Run Status")

    def _valid_field_parameter(self, field, name):
        # a line without chatter: the owner fields of the record mixin ask
        # for tracking, which has no effect here
        return name == "tracking" or super()._valid_field_parameter(field, name)

    @api.depends("defect_ids")
    @api.depends("case_id.name", "release_id.name")
    def _compute_display_name(self):
        for line in self:
            line.display_name = (
                f"{line.case_id.name} ({line.release_id.name})"
                if line.case_id and line.release_id
                else line.case_id.name or ""
            )

    def _compute_defect_count(self):
        for line in self:
            line.defect_count = len(line.defect_ids)

    @api.constrains("result", "waiver_reason")
    def _check_waiver_reason(self):
        for line in self:
            if line.result == "waived" and not (line.waiver_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "“Waiver Reason”: a waived result of “%s” needs a reason.",
                        line.case_id.display_name,
                    )
                )

    @api.constrains("run_id", "release_id")
    def _check_run_release(self):
        for line in self:
            if line.run_id and line.run_id.release_id != line.release_id:
                raise ValidationError(
                    self.env._(
                        "“Release”: a result of the test run “%(run)s” is for its "
                        "release %(release)s.",
                        run=line.run_id.display_name,
                        release=line.run_id.release_id.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # A done run's results are locked; recording stamps tester and time
    # ------------------------------------------------------------------
    def _check_run_open(self, runs=None):
        """Nobody edits, adds or deletes the results of a done test run
        (the application itself may: waiver decisions)."""
        if any_trusted() or self.env.su:
            return
        runs = (runs if runs is not None else self.run_id).filtered(
            lambda r: r.state == "done"
        )
        if runs:
            raise AccessError(
                self.env._(
                    "The test run “%s” is done: its results can no longer be changed.",
                    runs[0].display_name,
                )
            )

    def _recording_vals(self):
        """Engine values going with a recorded result: the tester, the time,
        and a new waiver request when the result is "waived" (any change
        of a waived result asks again)."""
        self.ensure_one()
        return {
            "tester_id": self.env.uid,
            "executed_on": fields.Datetime.now(),
            "waiver_state": "requested" if self.result == "waived" else False,
            "waiver_user_id": False,
            "waiver_date": False,
        }

    @api.model_create_multi
    def create(self, vals_list):
        runs = self.env["bizreg.rnd.test.run"].browse(
            {vals["run_id"] for vals in vals_list if vals.get("run_id")}
        )
        self._check_run_open(runs.sudo())
        for vals in vals_list:
            run = runs.browse(vals.get("run_id")).sudo()
            if run and not vals.get("release_id"):
                vals["release_id"] = run.release_id.id
        lines = super().create(vals_list)
        stamp = {"tester_id": self.env.uid, "executed_on": fields.Datetime.now()}
        waived = lines.filtered(lambda line: line.result == "waived")
        if waived:
            waived._bizreg_engine_write(dict(stamp, waiver_state="requested"))
        if lines - waived:
            (lines - waived)._bizreg_engine_write(stamp)
        return lines

    def write(self, vals):
        self._check_run_open()
        if vals.get("run_id"):
            self._check_run_open(
                self.env["bizreg.rnd.test.run"].browse(vals["run_id"]).sudo()
            )
        res = super().write(vals)
        if RESULT_FIELDS.intersection(vals) and not any_trusted():
            for line in self:
                line._bizreg_engine_write(line._recording_vals())
        return res

    def unlink(self):
        self._check_run_open()
        return super().unlink()

    # ------------------------------------------------------------------
    # Waiver: approved by an R&D Manager other than the tester
    # ------------------------------------------------------------------
    def _check_can_decide_waiver(self):
        self.check_access("write")
        user = self.env.user
        if not user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only the R&D Manager decides on waivers of test results.")
            )
        for line in self:
            if line.result != "waived" or line.waiver_state != "requested":
                raise UserError(
                    self.env._(
                        "“Waiver Status”: the result of “%s” has no waiver to decide.",
                        line.case_id.display_name,
                    )
                )
            if user in (line.tester_id | line.create_uid):
                raise AccessError(
                    self.env._(
                        "You recorded the waived result of “%s”: another R&D "
                        "Manager decides on its waiver.",
                        line.case_id.display_name,
                    )
                )

    def action_approve_waiver(self):
        self._check_can_decide_waiver()
        self._bizreg_engine_write(
            {
                "waiver_state": "approved",
                "waiver_user_id": self.env.uid,
                "waiver_date": fields.Datetime.now(),
            }
        )
        return True

    def action_refuse_waiver(self):
        self._check_can_decide_waiver()
        self._bizreg_engine_write(
            {
                "waiver_state": "refused",
                "waiver_user_id": self.env.uid,
                "waiver_date": fields.Datetime.now(),
            }
        )
        return True

    # ------------------------------------------------------------------
    # Latest result per case and release (coverage, release figures)
    # ------------------------------------------------------------------
    @api.model
    def _rnd_latest_results(self, domain, release_ids):
        """``{(release id, case id): outcome}`` of the latest result (the
        last recorded) of each case in each of ``release_ids``, among the
        results matching ``domain``; outcome: passed, waived (approved
        waiver), pending_waiver (waived, not approved), failed or blocked.
        One query, whatever the number of releases and cases."""
        if not release_ids:
            return {}
        rows = self.sudo()._read_group(
            [*domain, ("release_id", "in", list(release_ids))],
            ["release_id", "case_id", "result", "waiver_state"],
            ["id:max"],
        )
        latest = {}
        for release, case, result, waiver_state, max_id in rows:
            key = (release.id, case.id)
            if key in latest and latest[key][0] > max_id:
                continue
            if result == "waived":
                result = "waived" if waiver_state == "approved" else "pending_waiver"
            latest[key] = (max_id, result)
        return {key: outcome for key, (_id, outcome) in latest.items()}

    # ------------------------------------------------------------------
    # Failed result: create a defect, prefilled
    # ------------------------------------------------------------------
    def action_create_defect(self):
        self.ensure_one()
        if self.result not in ("failed", "blocked"):
            raise UserError(
                self.env._("Only a failed or blocked result opens a defect.")
            )
        case = self.case_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Defect"),
            "res_model": "bizreg.rnd.defect",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_name": self.env._(
                    "%(case)s fails in %(release)s",
                    case=case.name,
                    release=self.release_id.name,
                ),
                "default_test_result_id": self.id,
                "default_found_in_release_id": self.release_id.id,
                "default_requirement_id": case.requirement_id.id,
                "default_steps_to_reproduce": case.steps or False,
                "default_expected_behavior": case.expected_result or False,
                "default_actual_behavior": self.notes or False,
                "default_severity": "major",
            },
        }

    def action_view_defects(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Defects"),
            "res_model": "bizreg.rnd.defect",
            "view_mode": "list,form",
            "domain": [("test_result_id", "=", self.id)],
            "context": {"default_test_result_id": self.id},
        }
