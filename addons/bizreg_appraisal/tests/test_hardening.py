# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The routes around the appraisal's rules, tried as the people who would try
them: a manager on his own appraisal, grades beyond the forced distribution,
approval requested by someone else than HR, the peer-suggestion wizard used
by an employee, engine-owned fields and bad input."""

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase, tagged

from .common import AppraisalCommon


@tagged("post_install", "-at_install")
class TestAppraisalHardening(AppraisalCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._appraisal_setup()

    def _snapshot(self, records, fnames):
        records.invalidate_recordset()
        return [
            {f: rec._fields[f].convert_to_read(rec[f], rec) for f in fnames}
            for rec in records.sudo()
        ]

    def _calibrated(self, month, values, **cycle_vals):
        cycle = self._open_cycle("monthly", 2026, month)
        if cycle_vals:
            cycle.write(cycle_vals)
        self._set_values(cycle, values)
        cycle.action_start()
        cycle.action_open_evaluations()
        cycle.action_calibrate()
        return cycle

    # 2. Nobody writes his own appraisal ---------------------------------
    def test_manager_never_writes_own_appraisal(self):
        cycle = self._open_cycle("monthly", 2026, 8)
        own = self._appraisal(cycle, self.emp_manager)
        team = self._appraisal(cycle, self.emp1)
        self.assertTrue(own and team)
        fields_seen = ["calibration_note", "bonus_base", "peer_employee_ids"]
        before = self._snapshot(own, fields_seen)
        line = own.line_ids.filtered(lambda li: li.kpi_id == self.kpi_revenue)
        mine = own.with_user(self.manager)
        for vals in (
            {"calibration_note": "I deserve more"},
            {"bonus_base": 99999.0},
            {"peer_employee_ids": [Command.link(self.emp1.id)]},
        ):
            with self.assertRaises(AccessError, msg=vals):
                mine.write(vals)
        with self.assertRaises(AccessError):
            line.with_user(self.manager).write({"actual_value": 500.0})
        with self.assertRaises(AccessError):
            mine.action_suggest_peers()
        with self.assertRaises(AccessError):
            mine._bizreg_add_peers({own.id: [self.emp1.id]})
        with self.assertRaises(AccessError):
            mine.unlink()
        self.assertEqual(self._snapshot(own, fields_seen), before)
        self.assertFalse(line.actual_value)
        # His team's KPIs are his to fill in.
        team.line_ids.with_user(self.manager).filtered(
            lambda li: li.kpi_id == self.kpi_revenue
        ).write({"actual_value": 90.0})
        # In calibration: not his grade, nor his bonus.
        self._set_values(cycle, {self.emp1: (100, 8), self.emp2: (80, 9)})
        cycle.action_start()
        cycle.action_open_evaluations()
        cycle.action_calibrate()
        before = self._snapshot(own, ["grade_id", "bonus_base", "bonus_amount"])
        for vals in (
            {"grade_id": self.grade["excellent"].id},
            {"bonus_base": 5000.0},
        ):
            with self.assertRaises(AccessError, msg=vals):
                own.with_user(self.manager).write(vals)
        self.assertEqual(
            self._snapshot(own, ["grade_id", "bonus_base", "bonus_amount"]), before
        )
        # The manager still calibrates his team.
        team.with_user(self.manager).write({"calibration_note": "Good month"})

    def test_hr_officer_never_writes_own_appraisal(self):
        self.env["hr.employee"].create(
            {
                "name": "T Ap Hr1",
                "user_id": self.hr1.id,
                "department_id": self.dept_sales.id,
            }
        )
        cycle = self._open_cycle("monthly", 2026, 8)
        own = self._appraisal(cycle, self.hr1.employee_id)
        self.assertTrue(own)
        with self.assertRaises(AccessError):
            own.with_user(self.hr1).write({"bonus_base": 99999.0})
        with self.assertRaises(AccessError):
            own.line_ids[:1].with_user(self.hr1).write({"actual_value": 99.0})
        cycle.write({"with_evaluations": True})
        cycle.action_start()
        cycle.action_open_evaluations()
        # Nor adds an evaluation of his own appraisal by a friend.
        count = len(own.evaluation_ids)
        with self.assertRaises(AccessError):
            self.env["bizreg.appraisal.evaluation"].with_user(self.hr1).create(
                {
                    "appraisal_id": own.id,
                    "evaluation_type": "peer",
                    "evaluator_user_id": self.user1.id,
                }
            )
        own.invalidate_recordset()
        self.assertEqual(len(own.evaluation_ids), count)
        self.assertEqual(own.bonus_base, 1000.0)

    # 3. Forced distribution --------------------------------------------
    def test_forced_distribution_enforced_on_grade_write_and_approval(self):
        extra = self.env["hr.employee"].create(
            {"name": "T Seller X", "department_id": self.dept_sales.id}
        )
        values = {e: (100, 8) for e in (self.emp1, self.emp2, extra)}
        cycle = self._open_cycle("monthly", 2026, 9)
        cycle.write({"forced_distribution": True, "excellent_quota": 25})
        self._set_values(cycle, values)
        self._set_values_as(self.hr1, cycle, {self.emp_manager: (100, 8)})
        cycle.action_start()
        cycle.action_open_evaluations()
        cycle.action_calibrate()
        # 4 in the department, 25%: one excellent.
        excellent = cycle.appraisal_ids.filtered(lambda a: a.grade_code == "excellent")
        self.assertEqual(len(excellent), 1)
        lowered = (cycle.appraisal_ids - excellent).filtered(
            lambda a: a.employee_id != self.emp_manager
        )[:1]
        for user in (self.manager, self.hr1):
            with self.assertRaises(ValidationError, msg=user.login):
                lowered.with_user(user).write({"grade_id": self.grade["excellent"].id})
        lowered.invalidate_recordset()
        self.assertEqual(lowered.grade_id, self.grade["good"])
        # Swapping is allowed: lower the excellent one first, then raise.
        excellent.with_user(self.hr1).write({"grade_id": self.grade["good"].id})
        lowered.with_user(self.hr1).write({"grade_id": self.grade["excellent"].id})
        self.assertEqual(lowered.grade_code, "excellent")
        excellent = lowered
        # Grades changed behind the ORM's back are caught at the request...
        self.env.cr.execute(
            "UPDATE bizreg_appraisal SET grade_id = %s WHERE cycle_id = %s",
            (self.grade["excellent"].id, cycle.id),
        )
        cycle.appraisal_ids.invalidate_recordset()
        with self.assertRaises(UserError):
            cycle.with_user(self.hr1).request_validation()
        cycle.invalidate_recordset()
        self.assertFalse(cycle.review_ids)
        # ...and at each approval step.
        self.env.cr.execute(
            "UPDATE bizreg_appraisal SET grade_id = %s "
            "WHERE cycle_id = %s AND id != %s",
            (self.grade["good"].id, cycle.id, excellent.id),
        )
        cycle.appraisal_ids.invalidate_recordset()
        cycle.with_user(self.hr1).request_validation()
        cycle.invalidate_recordset()
        cycle.with_user(self.hr2).validate_tier()
        self.env.cr.execute(
            "UPDATE bizreg_appraisal SET grade_id = %s WHERE cycle_id = %s",
            (self.grade["excellent"].id, cycle.id),
        )
        cycle.appraisal_ids.invalidate_recordset()
        with self.assertRaises(UserError):
            cycle.with_user(self.director).validate_tier()
        cycle.invalidate_recordset()
        self.assertEqual(cycle.state, "calibration")
        self.assertNotEqual(cycle.validation_status, "validated")

    def _set_values_as(self, user, cycle, values):
        for employee, (revenue, hours) in values.items():
            lines = self._appraisal(cycle, employee).line_ids.with_user(user)
            lines.filtered(lambda li: li.kpi_id == self.kpi_revenue).write(
                {"actual_value": revenue}
            )
            lines.filtered(lambda li: li.kpi_id == self.kpi_response).write(
                {"actual_value": hours}
            )

    def test_forced_distribution_checked_at_publication(self):
        # Three in the department, 50%: one excellent.
        cycle = self._calibrated(
            10,
            {self.emp1: (100, 8), self.emp2: (100, 8)},
            forced_distribution=True,
            excellent_quota=50,
        )
        self.assertEqual(cycle.appraisal_ids.mapped("grade_code").count("excellent"), 1)
        self._approve(cycle)
        self.assertEqual(cycle.state, "approved")
        self.env.cr.execute(
            "UPDATE bizreg_appraisal SET grade_id = %s WHERE cycle_id = %s",
            (self.grade["excellent"].id, cycle.id),
        )
        cycle.appraisal_ids.invalidate_recordset()
        with self.assertRaises(UserError):
            cycle.with_user(self.hr1).action_publish()
        cycle.invalidate_recordset()
        self.assertEqual(cycle.state, "approved")

    # 4. Only HR requests the approval of a cycle ------------------------
    def test_only_hr_requests_validation(self):
        cycle = self._calibrated(11, {self.emp1: (100, 8)})
        for user in (self.user1, self.manager, self.director, self.auditor):
            with self.assertRaises(AccessError, msg=user.login):
                cycle.with_user(user).request_validation()
            cycle.invalidate_recordset()
            self.assertFalse(cycle.review_ids, user.login)
        cycle.with_user(self.hr1).request_validation()
        cycle.invalidate_recordset()
        reviews = cycle.review_ids
        self.assertTrue(reviews)
        # Nor may they restart the review to throw the approvals away.
        cycle.with_user(self.hr2).validate_tier()
        for user in (self.user1, self.manager):
            with self.assertRaises(AccessError, msg=user.login):
                cycle.with_user(user).restart_validation()
        cycle.invalidate_recordset()
        self.assertEqual(cycle.review_ids, reviews)
        self.assertIn("approved", cycle.review_ids.mapped("status"))

    # 5. The peer-suggestion wizard ---------------------------------------
    def test_peer_wizard_only_for_who_may_apply_it(self):
        cycle = self._open_cycle("monthly", 2026, 12, with_evaluations=True)
        appraisal = self._appraisal(cycle, self.emp1)
        Wizard = self.env["bizreg.appraisal.peer.suggest"]
        Line = self.env["bizreg.appraisal.peer.suggest.line"]
        # An employee cannot make one...
        with self.assertRaises(AccessError):
            Wizard.with_user(self.user2).create({"appraisal_id": appraisal.id})
        # ...nor read, change or extend the one HR opened.
        action = appraisal.with_user(self.hr1).action_suggest_peers()
        wizard = Wizard.browse(action["res_id"])
        with self.assertRaises(AccessError):
            Wizard.with_user(self.user2).search([])
        with self.assertRaises(AccessError):
            wizard.with_user(self.user2).read(["appraisal_id"])
        with self.assertRaises(AccessError):
            Line.with_user(self.user2).create(
                {
                    "wizard_id": wizard.id,
                    "employee_id": self.emp2.id,
                    "selected": True,
                }
            )
        with self.assertRaises(AccessError):
            wizard.with_user(self.user2).write(
                {
                    "line_ids": [
                        Command.create({"employee_id": self.emp2.id, "selected": True})
                    ]
                }
            )
        with self.assertRaises(AccessError):
            wizard.with_user(self.user2).action_apply()
        # Another manager may not use HR's wizard either.
        with self.assertRaises(AccessError):
            wizard.with_user(self.manager).action_apply()
        # A manager's own wizard for an appraisal he does not manage is refused.
        own = self._appraisal(cycle, self.emp_manager)
        with self.assertRaises(AccessError):
            own.with_user(self.manager).action_suggest_peers()
        service_manager = self._service_manager()
        with self.assertRaises(AccessError):
            appraisal.with_user(service_manager).action_suggest_peers()
        forged = (
            Wizard.with_user(service_manager)
            .sudo()
            .create(
                {
                    "appraisal_id": appraisal.id,
                    "line_ids": [
                        Command.create(
                            {"employee_id": self.emp_peer.id, "selected": True}
                        )
                    ],
                }
            )
        )
        with self.assertRaises(AccessError):
            forged.sudo(False).with_user(service_manager).action_apply()
        appraisal.invalidate_recordset()
        self.assertFalse(appraisal.peer_employee_ids)
        self.assertFalse(own.peer_employee_ids)

    def _service_manager(self):
        usr = self.env["res.users"].create(
            {
                "name": "T Ap Service Manager",
                "login": "t_ap_service_mgr",
                "groups_id": [
                    Command.set(
                        [
                            self.env.ref("base.group_user").id,
                            self.env.ref("bizreg_base.group_bizreg_area_manager").id,
                        ]
                    )
                ],
            }
        )
        self.env["hr.employee"].create(
            {
                "name": usr.name,
                "user_id": usr.id,
                "department_id": self.dept_service.id,
            }
        )
        return usr

    # 6. Engine-owned fields ---------------------------------------------
    def test_engine_fields_are_read_only_in_their_definition(self):
        engine = {
            "bizreg.appraisal": [
                "cycle_id",
                "employee_id",
                "template_id",
                "user_id",
                "department_id",
                "job_id",
                "state",
                "kpi_score",
                "rollup_score",
                "evaluation_score",
                "final_score",
                "grade_code",
                "forced_down",
                "bonus_coefficient",
                "bonus_amount",
                "deduction_amount",
                "below_standard",
                "promotion_priority",
            ],
            "bizreg.appraisal.line": [
                "appraisal_id",
                "kpi_id",
                "weight",
                "target",
                "value_set",
                "no_data",
                "achievement",
                "score",
                "weighted_score",
                "explanation",
            ],
            "bizreg.appraisal.evaluation": [
                "state",
                "score",
                "submitted_date",
                "reminded_date",
                "overdue_date",
            ],
            "bizreg.appraisal.peer.suggest": ["appraisal_id"],
            "bizreg.appraisal.peer.suggest.line": ["wizard_id", "employee_id"],
            "bizreg.appraisal.training": ["state"],
        }
        for model, fnames in engine.items():
            for fname in fnames:
                self.assertTrue(
                    self.env[model]._fields[fname].readonly, f"{model}.{fname}"
                )

    def test_scores_and_grades_not_writable(self):
        cycle = self._calibrated(5, {self.emp1: (80, 9), self.emp2: (80, 9)})
        appraisal = self._appraisal(cycle, self.emp1)
        fnames = [
            "final_score",
            "kpi_score",
            "grade_code",
            "bonus_amount",
            "bonus_coefficient",
            "state",
            "employee_id",
            "template_id",
        ]
        before = self._snapshot(appraisal, fnames)
        for user in (self.manager, self.hr1):
            for vals in (
                {"final_score": 100.0},
                {"kpi_score": 100.0},
                {"grade_code": "excellent"},
                {"bonus_amount": 99999.0},
                {"bonus_coefficient": 9.0},
                {"state": "published"},
                {"employee_id": self.emp2.id},
                {"template_id": self.template.copy().id},
            ):
                with self.assertRaises(UserError, msg=(user.login, vals)):
                    appraisal.with_user(user).write(vals)
        self.assertEqual(self._snapshot(appraisal, fnames), before)

    def test_evaluation_score_written_by_nobody(self):
        cycle = self._open_cycle("quarterly", 2026, 2, with_evaluations=True)
        appraisal = self._appraisal(cycle, self.emp1)
        cycle.action_start()
        cycle.action_open_evaluations()
        form = appraisal.evaluation_ids.filtered(
            lambda e: e.evaluation_type == "manager"
        )
        # The evaluator fills in the criteria; the score follows them.
        with self.assertRaises(UserError):
            form.with_user(self.manager).write({"score": 100.0})
        form.line_ids.with_user(self.manager).write({"score": 3})
        self.assertAlmostEqual(form.score, 60.0)
        form.with_user(self.manager).action_submit()
        # Submitted: nobody changes it, by any route.
        for user in (self.manager, self.hr1):
            with self.assertRaises(UserError, msg=user.login):
                form.with_user(user).write({"score": 100.0})
            with self.assertRaises(UserError, msg=user.login):
                form.line_ids[:1].with_user(user).write({"score": 5})
            with self.assertRaises(UserError, msg=user.login):
                self.env["bizreg.appraisal.evaluation.line"].with_user(user).create(
                    {
                        "evaluation_id": form.id,
                        "criterion_id": form.line_ids[:1].criterion_id.id,
                        "score": 5,
                    }
                )
        # HR cannot slip in a submitted form either.
        criterion = form.line_ids[:1].criterion_id
        count = len(appraisal.evaluation_ids)
        with self.assertRaises(UserError):
            self.env["bizreg.appraisal.evaluation"].with_user(self.hr1).create(
                {
                    "appraisal_id": appraisal.id,
                    "evaluation_type": "peer",
                    "evaluator_user_id": self.peer.id,
                    "state": "submitted",
                    "line_ids": [
                        Command.create({"criterion_id": criterion.id, "score": 5})
                    ],
                }
            )
        appraisal.invalidate_recordset()
        self.assertEqual(len(appraisal.evaluation_ids), count)
        form.invalidate_recordset()
        self.assertAlmostEqual(form.score, 60.0)
        self.assertEqual(set(form.line_ids.mapped("score")), {3})

    def test_closed_results_do_not_follow_configuration(self):
        cycle = self._run_monthly(6, {self.emp1: (90, 9)})
        appraisal = self._appraisal(cycle, self.emp1)
        fnames = ["kpi_score", "final_score", "bonus_amount", "bonus_coefficient"]
        before = self._snapshot(appraisal, fnames)
        line_before = self._snapshot(appraisal.line_ids, ["score", "weighted_score"])
        self.kpi_revenue.with_user(self.hr1).write({"target": 50.0})
        appraisal.line_ids.sudo().write({"target": 50.0})
        self.grade["excellent"].with_user(self.hr1).write({"coefficient": 9.0})
        self.grade["good"].with_user(self.hr1).write({"coefficient": 9.0})
        self.template.with_user(self.hr1).write({"kpi_share": 10.0})
        appraisal.env.flush_all()
        self.assertEqual(self._snapshot(appraisal, fnames), before)
        self.assertEqual(
            self._snapshot(appraisal.line_ids, ["score", "weighted_score"]),
            line_before,
        )

    # 7. Bad input --------------------------------------------------------
    def test_bad_input_is_a_translated_validation_error(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        cycle = self._open_cycle("quarterly", 2026, 3, with_evaluations=True)
        monthly = self._open_cycle("monthly", 2026, 7)
        appraisal = self._appraisal(cycle, self.emp1)
        cycle.action_start()
        cycle.action_open_evaluations()
        form = appraisal.evaluation_ids.filtered(
            lambda e: e.evaluation_type == "manager"
        )
        line = form.line_ids[:1]
        kpi_line = self._appraisal(monthly, self.emp1).line_ids.filtered(
            lambda li: li.kpi_id == self.kpi_revenue
        )
        zh = {"lang": "zh_CN"}
        cases = [
            (kpi_line.with_user(self.manager), {"actual_value": "abc"}, "实际值"),
            (kpi_line.with_user(self.manager), {"actual_value": [1]}, "实际值"),
            (line.with_user(self.manager), {"score": 3.5}, None),
            (line.with_user(self.manager), {"score": "four"}, None),
            (line.with_user(self.manager), {"score_stars": "9"}, None),
            (appraisal.with_user(self.hr1), {"bonus_base": "lots"}, None),
            (cycle.with_user(self.hr1), {"excellent_quota": "x"}, None),
            (cycle.with_user(self.hr1), {"forced_distribution": "yes"}, None),
            (cycle.with_user(self.hr1), {"self_deadline": "tomorrow"}, None),
        ]
        for record, vals, label in cases:
            (fname,) = vals
            label = label or record._fields[fname]._description_string(
                record.with_context(**zh).env
            )
            before = self._snapshot(record, [fname])
            with self.assertRaises(ValidationError, msg=vals) as caught:
                record.with_context(**zh).write(vals)
            message = str(caught.exception)
            self.assertIn(label, message, vals)
            self.assertIn("无效", message, vals)
            self.assertEqual(self._snapshot(record, [fname]), before, vals)
        Cycle = self.env["bizreg.appraisal.cycle"].with_user(self.hr1)
        count = Cycle.search_count([])
        for vals in (
            {"cycle_type": "weekly", "year": 2027, "period": 1},
            {"cycle_type": "monthly", "year": "2027a", "period": 1},
            {"cycle_type": "monthly", "year": 2027, "period": 1.5},
        ):
            with self.assertRaises(ValidationError, msg=vals):
                Cycle.with_context(**zh).create(vals)
        self.assertEqual(Cycle.search_count([]), count)
        # Good values of the right type still pass.
        line.with_user(self.manager).write({"score": 4.0})
        self.assertEqual(line.score, 4)
        kpi_line.with_user(self.manager).write({"actual_value": 12})
        self.assertEqual(kpi_line.actual_value, 12.0)


@tagged("post_install", "-at_install")
class TestEvaluationFormViews(AppraisalCommon, TransactionCase):
    """The evaluation forms load, and every widget of the appraisal views is
    used on a field type it supports (a wrong pair crashes the web client)."""

    # Field types each widget supports, from Odoo 18's field registry
    # (web/static/src/views/fields/*/…_field.js ``supportedTypes``, hr and mail
    # for the avatars).  A widget missing here fails the test: add it with the
    # types its source declares.
    WIDGET_TYPES = {
        "badge": {"selection", "many2one", "char"},
        "boolean_toggle": {"boolean"},
        "handle": {"integer"},
        "many2many_tags": {"many2many"},
        "many2one_avatar_employee": {"many2one"},
        "many2one_avatar_user": {"many2one"},
        "priority": {"selection"},
        "remaining_days": {"date", "datetime"},
        "statinfo": {"float", "integer", "monetary"},
        "statusbar": {"many2one", "selection"},
        # Odoo's colour picker (web) and OCA base_tier_validation's reviews
        "color": {"char"},
        "tier_validation": {"one2many"},
        "percentage": {"integer", "float"},
        "progressbar": {"integer", "float"},
        "radio": {"many2one", "selection"},
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._appraisal_setup()

    def _widget_pairs(self, model, node, pairs):
        for child in node:
            if child.tag == "field":
                field = self.env[model]._fields.get(child.get("name"))
                if field is None:
                    continue
                if child.get("widget"):
                    pairs.append((model, field.name, field.type, child.get("widget")))
                if field.relational:
                    self._widget_pairs(field.comodel_name, child, pairs)
            else:
                self._widget_pairs(model, child, pairs)

    def test_widgets_fit_their_field_types(self):
        modules = (
            "bizreg_appraisal",
            "bizreg_appraisal_sale",
            "bizreg_appraisal_helpdesk",
            "bizreg_appraisal_project",
        )
        views = (
            self.env["ir.model.data"]
            .search(
                [
                    ("module", "in", modules),
                    ("model", "=", "ir.ui.view"),
                ]
            )
            .mapped(lambda d: self.env["ir.ui.view"].browse(d.res_id))
            .filtered(lambda v: v.type != "qweb")
        )
        self.assertTrue(views)
        pairs = []
        for view in views:
            if view.mode == "extension" and not view.model.startswith("bizreg."):
                # An extension of another app's view: only what it adds.
                arch = view.arch
            else:
                arch = self.env[view.model].get_view(view.id, view.type)["arch"]
            self._widget_pairs(view.model, etree.fromstring(arch), pairs)
        self.assertIn(
            (
                "bizreg.appraisal.evaluation.line",
                "score_stars",
                "selection",
                "priority",
            ),
            pairs,
        )
        wrong = [
            pair
            for pair in pairs
            if pair[2] not in self.WIDGET_TYPES.get(pair[3], {pair[2]})
        ]
        self.assertFalse(wrong, "widgets on field types they do not support")
        self.assertNotIn(
            ("bizreg.appraisal.evaluation.line", "score", "integer", "priority"), pairs
        )
        unknown = {pair[3] for pair in pairs} - set(self.WIDGET_TYPES)
        self.assertFalse(
            unknown, f"add these widgets' supported types to the test: {pairs}"
        )

    def test_evaluation_forms_filled_in_through_the_form(self):
        cycle = self._open_cycle("quarterly", 2026, 4, with_evaluations=True)
        appraisal = self._appraisal(cycle, self.emp1)
        appraisal.with_user(self.hr1).peer_employee_ids = self.emp_peer
        cycle.action_start()
        cycle.action_open_evaluations()
        views = {
            "self": "bizreg_appraisal.bizreg_appraisal_evaluation_view_form_self",
            "manager": "bizreg_appraisal.bizreg_appraisal_evaluation_view_form_manager",
            "peer": "bizreg_appraisal.bizreg_appraisal_evaluation_view_form_peer",
        }
        stars = {"self": "5", "manager": "4", "peer": "2"}
        for evaluation in appraisal.evaluation_ids:
            kind = evaluation.evaluation_type
            evaluator = evaluation.evaluator_user_id
            with Form(evaluation.with_user(evaluator), view=views[kind]) as form:
                for index in range(len(form.line_ids)):
                    with form.line_ids.edit(index) as line:
                        line.score_stars = stars[kind]
                form.strengths = "Reliable"
            evaluation.invalidate_recordset()
            self.assertEqual(
                set(evaluation.line_ids.mapped("score")), {int(stars[kind])}
            )
            self.assertEqual(
                set(evaluation.line_ids.mapped("score_stars")), {stars[kind]}
            )
            evaluation.with_user(evaluator).action_submit()
            self.assertAlmostEqual(evaluation.score, int(stars[kind]) * 20.0)
