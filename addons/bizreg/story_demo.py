# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo data: the links of the company story that no area demo makes, taken
through the areas' own flows as the users concerned (called from
``demo/bizreg_story_demo.xml`` through
``bizreg.regulation.clause._demo_story``).

- ``plan``: the marketing plan based on the East China research report (its
  target market), submitted and approved by the Marketing Manager and
  Finance;
- ``contract``: an opportunity of the autumn campaign becomes a contract,
  reviewed, signed and confirmed; the opportunity is won;
- ``release``: V2.0, which brings the requirement raised from the complaint,
  has its critical defect fixed and retested, is approved and released;
- ``appraisal``: the current month of the Marketing, R&D and Project staff
  measured from these records, approved and published, and the current
  quarter rolled up from it, left in calibration."""

from odoo import Command

from odoo.addons.bizreg_appraisal.demo_builder import approve_and_publish
from odoo.addons.bizreg_base.tools import company_today
from odoo.addons.bizreg_marketing.plan_demo_builder import submit_and_approve


def story_plan(env):
    """The plan of the packaging-fair campaign (its target market is based on
    the East China research report) goes through its approval."""
    return bool(submit_and_approve(env, "bizreg.story_plan_packaging"))


def story_contract(env):
    """The autumn campaign's promotion brought an opportunity: its quotation
    carries the campaign and the opportunity and goes through the contract
    review, signing and confirmation; the opportunity is then won."""
    ref = env.ref
    if ref("bizreg.story_order_campaign", raise_if_not_found=False):
        return True
    campaign = ref("bizreg_marketing.demo_activity_promotion").campaign_id
    lead = env["crm.lead"].search(
        [
            ("campaign_id", "=", campaign.id),
            ("type", "=", "opportunity"),
            ("probability", "<", 100),
        ],
        order="id",
        limit=1,
    )
    if not campaign or not lead:
        return False
    salesperson = lead.user_id or ref("bizreg_base.user_sale_user")
    partner = (
        env["res.partner"]
        .sudo()
        .create(
            {
                "name": f"{lead.partner_name or lead.name}有限公司",
                "is_company": True,
                "city": "上海",
                "lang": "zh_CN",
            }
        )
    )
    lead.sudo().partner_id = partner
    order = (
        env["sale.order"]
        .with_user(salesperson)
        .create(
            {
                "partner_id": partner.id,
                "user_id": salesperson.id,
                "opportunity_id": lead.id,
                "campaign_id": campaign.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": ref("bizreg_sale.demo_product_controller").id,
                            "product_uom_qty": 2,
                            "price_unit": 12000.0,
                        }
                    ),
                    Command.create(
                        {
                            "product_id": ref("bizreg_sale.demo_product_service").id,
                            "product_uom_qty": 2,
                            "price_unit": 3000.0,
                        }
                    ),
                ],
            }
        )
    )
    env["ir.model.data"]._update_xmlids(
        [
            {
                "xml_id": "bizreg.story_order_campaign",
                "record": order.sudo(),
                "noupdate": True,
            }
        ]
    )
    env["sale.order"]._bizreg_demo_contract_flow(
        "bizreg.story_order_campaign",
        [
            "bizreg_base.user_legal",
            "bizreg_base.user_finance",
            "bizreg_base.user_risk",
        ],
        "周宏远",
        "confirm",
    )
    order.invalidate_recordset()
    if order.state == "sale":
        lead.with_user(salesperson).action_set_won()
    return order.state == "sale"


def story_release(env):
    """V2.0 brings the self-test requirement raised from the complaint: 赵磊
    fixes its critical defect, 孙琪 verifies it and passes the failed case in
    a second run; V2.0 is then approved and released (the R&D demo's own
    release flow)."""
    ref = env.ref
    release = ref("bizreg_rnd.release_demo_v2")
    if release.state != "draft":
        return True
    developer = ref("bizreg_rnd.user_rnd_user")
    tester = ref("bizreg_rnd.user_rnd_user2")
    manager = ref("bizreg_base.user_rnd_manager")
    Defect = env["bizreg.rnd.defect"]
    blockers = Defect.search(
        [
            ("found_in_release_id", "=", release.id),
            ("severity", "in", ("blocker", "critical")),
            ("state", "not in", ("verified", "closed")),
        ]
    )
    for defect in blockers:
        if defect.state == "new":
            defect.with_user(manager).action_confirm()
        if defect.state == "confirmed":
            defect.with_user(defect.user_id or developer).action_start_fixing()
        if defect.state == "fixing":
            defect.sudo().fixed_in_release_id = release
            defect.with_user(defect.user_id or developer).action_fixed()
        defect.with_user(tester).action_verify()
        defect.with_user(tester).action_close()
    run = (
        env["bizreg.rnd.test.run"]
        .with_user(tester)
        .create(
            {
                "name": "V2.0 第二轮测试(回归)",
                "release_id": release.id,
                "plan_id": ref("bizreg_rnd.test_plan_demo_v2").id,
                "user_id": tester.id,
            }
        )
    )
    run.action_start()
    env["bizreg.rnd.test.result"].with_user(tester).create(
        {
            "run_id": run.id,
            "case_id": ref("bizreg_rnd.test_case_demo_comm").id,
            "result": "passed",
            "notes": "修复后 E03 持续显示,直至通信模块恢复。",
        }
    )
    run.action_done()
    env["ir.model.data"]._update_xmlids(
        [
            {
                "xml_id": "bizreg.story_test_run_v2_round2",
                "record": run.sudo(),
                "noupdate": True,
            }
        ]
    )
    env["bizreg.rnd.release"]._demo_release_flow("bizreg_rnd.release_demo_v2", True)
    release.invalidate_recordset()
    return release.state == "released"


def _story_cycle(env, cycle_type, period, departments):
    today = company_today(env.company)
    Cycle = env["bizreg.appraisal.cycle"]
    cycle = Cycle.create(
        {
            "cycle_type": cycle_type,
            "year": today.year,
            "period": period,
            "department_ids": [Command.set(departments.ids)],
            "with_evaluations": False,
        }
    )
    cycle._bizreg_add_employees(
        env["hr.employee"].search([("department_id", "in", departments.ids)])
    )
    cycle.action_start()
    cycle.action_open_evaluations()
    cycle.action_calibrate()
    return cycle


def story_appraisal(env):
    """The Marketing, R&D and Project staff: the current month measured from
    the records of the story (research, campaigns, release, acceptances),
    approved by HR and the Director and published; the
    current quarter rolled up from it and left in calibration."""
    ref = env.ref
    if ref("bizreg.story_cycle_quarter", raise_if_not_found=False):
        return True
    departments = (
        ref("bizreg_base.hr_department_marketing")
        | ref("bizreg_base.hr_department_rnd")
        | ref("bizreg_base.hr_department_project")
    )
    today = company_today(env.company)
    # the sales and service staff's month (the appraisal demo's, in
    # calibration) counts the story's contract too: measured again
    env["bizreg.appraisal.cycle"].search(
        [
            ("cycle_type", "=", "monthly"),
            ("year", "=", today.year),
            ("period", "=", today.month),
            ("state", "=", "calibration"),
        ]
    ).action_recompute()
    month = _story_cycle(env, "monthly", today.month, departments)
    # approved by HR and the Director and published, as the appraisal's demo
    approve_and_publish(month, env)
    quarter = _story_cycle(env, "quarterly", (today.month - 1) // 3 + 1, departments)
    env["ir.model.data"]._update_xmlids(
        [
            {
                "xml_id": "bizreg.story_cycle_month",
                "record": month,
                "noupdate": True,
            },
            {
                "xml_id": "bizreg.story_cycle_quarter",
                "record": quarter,
                "noupdate": True,
            },
        ]
    )
    return month.state == "published" and quarter.state == "calibration"


STEPS = {
    "plan": story_plan,
    "contract": story_contract,
    "release": story_release,
    "appraisal": story_appraisal,
}


def story_flow(env, step):
    """Run one link of the story (see the module docstring)."""
    return STEPS[step](env)
