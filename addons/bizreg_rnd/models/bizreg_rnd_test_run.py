# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError


class BizregRndTestRun(models.Model):
    """A test run (测试执行) of a release: the results its tester records,
    one line per test case.  Once done, its results are locked."""

    _name = "bizreg.rnd.test.run"
    _description = "Test Run"
    _inherit = ["bizreg.record.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(required=True, tracking=True)
    release_id = fields.Many2one(
        "bizreg.rnd.release",
        required=True,
        index=True,
        tracking=True,
        ondelete="cascade",
    )
    plan_id = fields.Many2one(
        "bizreg.rnd.test.plan",
        string="Test Plan",
        index="btree_not_null",
        domain="[('release_id', '=', release_id)]",
        ondelete="set null",
    )
    # the owner of the run is its tester
    user_id = fields.Many2one(string="Tester")
    date = fields.Date(default=fields.Date.context_today, required=True)
    state = fields.Selection(
        [("draft", "Draft"), ("in_progress", "In Progress"), ("done", "Done")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    result_ids = fields.One2many("bizreg.rnd.test.result", "run_id", string="Results")
    passed_count = fields.Integer(compute="_compute_counts", string="Passed")
    failed_count = fields.Integer(compute="_compute_counts", string="Failed")
    result_count = fields.Integer(compute="_compute_counts", string="Results Recorded")

    @api.depends("result_ids.result")
    def _compute_counts(self):
        for run in self:
            results = run.result_ids.mapped("result")
            run.passed_count = results.count("passed")
            run.failed_count = results.count("failed") + results.count("blocked")
            run.result_count = len(results)

    @api.constrains("plan_id", "release_id")
    def _check_plan_release(self):
        for run in self:
            if run.plan_id and run.plan_id.release_id != run.release_id:
                raise UserError(
                    self.env._(
                        "“Test Plan”: the plan %(plan)s is for another release "
                        "than %(release)s.",
                        plan=run.plan_id.display_name,
                        release=run.release_id.display_name,
                    )
                )

    def _check_state(self, expected):
        self.check_access("write")
        for run in self:
            if run.state not in expected:
                raise UserError(
                    self.env._(
                        "The test run “%(run)s” is %(state)s: this step is not "
                        "possible.",
                        run=run.display_name,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[run.state],
                    )
                )

    def action_start(self):
        self._check_state(("draft",))
        self._bizreg_engine_write({"state": "in_progress"})
        return True

    def action_done(self):
        self._check_state(("in_progress",))
        for run in self:
            if not run.result_ids:
                raise UserError(
                    self.env._(
                        "“Results”: the test run “%s” has no result.",
                        run.display_name,
                    )
                )
        self._bizreg_engine_write({"state": "done"})
        return True

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------
    @api.model
    def _demo_rnd_testing_flow(self, run_xmlid):
        """Demo: 孙琪 records the first run of V2.0 (a failure, a waiver
        that 徐明 approves), and the defects of V2.0 go through their
        states with the people who act on them."""
        ref = self.env.ref
        tester = ref("bizreg_rnd.user_rnd_user2")
        developer = ref("bizreg_rnd.user_rnd_user")
        manager = ref("bizreg_base.user_rnd_manager")
        run = ref(run_xmlid).with_user(tester)
        release = run.release_id
        Result = self.env["bizreg.rnd.test.result"].with_user(tester)
        run.action_start()
        Result.create(
            [
                {
                    "run_id": run.id,
                    "case_id": ref("bizreg_rnd.test_case_demo_power").id,
                    "result": "passed",
                },
                {
                    "run_id": run.id,
                    "case_id": ref("bizreg_rnd.test_case_demo_boot_time").id,
                    "result": "passed",
                    "notes": "平均延时 0.6 秒。",
                },
                {
                    "run_id": run.id,
                    "case_id": ref("bizreg_rnd.test_case_demo_disclosure").id,
                    "result": "waived",
                    "waiver_reason": "串口输出在量产固件中关闭,本版本只验证面板显示;"
                    "安全测试在 V2.1 中补做。",
                },
            ]
        )
        failed = Result.create(
            {
                "run_id": run.id,
                "case_id": ref("bizreg_rnd.test_case_demo_comm").id,
                "result": "failed",
                "notes": "E03 闪烁约 2 秒后消失,面板回到待机画面。",
            }
        )
        run.action_done()
        run.result_ids.filtered(
            lambda line: line.waiver_state == "requested"
        ).with_user(manager).action_approve_waiver()
        # defects: from the failed result (being fixed), new, fixed, closed
        Defect = self.env["bizreg.rnd.defect"].with_user(tester)
        context = failed.action_create_defect()["context"]
        fixing = Defect.with_context(**context).create(
            {"severity": "critical", "user_id": developer.id}
        )
        new = Defect.create(
            {
                "name": "开机自检偶发超时",
                "severity": "major",
                "found_in_release_id": release.id,
                "user_id": developer.id,
                "steps_to_reproduce": "连续开机 100 次",
                "expected_behavior": "每次 3 秒内完成自检",
                "actual_behavior": "第 37 次开机自检耗时 5 秒",
            }
        )
        closed = Defect.create(
            {
                "name": "故障代码表缺少 E07",
                "severity": "minor",
                "found_in_release_id": release.id,
                "user_id": developer.id,
                "requirement_id": ref("bizreg_rnd.requirement_demo_selftest").id,
            }
        )
        fixed = Defect.create(
            {
                "name": "存储模块故障时错误显示 E01",
                "severity": "major",
                "found_in_release_id": release.id,
                "user_id": developer.id,
            }
        )
        (fixing | closed | fixed).with_user(manager).action_confirm()
        for defect in fixing | closed | fixed:
            defect = defect.with_user(developer)
            defect.action_start_fixing()
            if defect != fixing:
                defect.fixed_in_release_id = release
                defect.action_fixed()
        closed.with_user(tester).action_verify()
        closed.with_user(tester)._rnd_reopen("用户手册附录仍未列出 E07。")
        closed = closed.with_user(developer)
        closed.action_start_fixing()
        closed.action_fixed()
        closed.with_user(tester).action_verify()
        closed.with_user(tester).action_close()
        return new
