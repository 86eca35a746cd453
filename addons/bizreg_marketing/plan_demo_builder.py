# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo data: the demo marketing plan taken through the real approval and
execution, as the users concerned (called from
``demo/bizreg_marketing_plan_demo.xml`` through
``bizreg.marketing.plan._demo_plan_flow``)."""

from datetime import timedelta

from odoo import fields

from odoo.addons.bizreg_base.tools import approve_as


def submit_and_approve(env, plan_xmlid):
    """The draft plan ``plan_xmlid`` submitted by its owner and approved by
    the Marketing Manager and Finance, each approving where the plan's chain
    (which depends on its budget) asks them. The approved plan, else an
    empty recordset (missing, already submitted, or not approved)."""
    plan = env.ref(plan_xmlid, raise_if_not_found=False)
    if not plan or plan.state != "draft" or plan.review_ids:
        return env["bizreg.marketing.plan"]
    plan.with_user(plan.user_id).action_submit()
    approve_as(
        plan,
        env.ref("bizreg_base.user_marketing_manager")
        | env.ref("bizreg_base.user_finance"),
    )
    return plan if plan.state == "approved" else plan.browse()


def plan_flow(env, plan_xmlid):
    plan = submit_and_approve(env, plan_xmlid)
    if not plan:
        return False
    ref = env.ref
    owner = plan.user_id
    plan.with_user(owner).action_start_execution()
    expo = ref("bizreg_marketing.demo_activity_expo").with_user(owner)
    promotion = ref("bizreg_marketing.demo_activity_promotion").with_user(owner)
    channel = ref("bizreg_marketing.demo_activity_channel").with_user(owner)
    # the expo is done on time, the promotion month late, the channel
    # meeting is being prepared
    for activity, attendees in ((expo, 180), (promotion, 64)):
        activity.action_prepare()
        activity.action_run()
        activity.attendee_count = attendees
        activity.action_done()
    channel.action_prepare()
    expo.action_create_survey()
    # what the campaigns brought
    Lead = env["crm.lead"].sudo()
    salesperson = ref("bizreg_base.user_sale_user")
    leads = Lead.create(
        [
            {
                "name": name,
                "type": lead_type,
                "partner_name": company,
                "campaign_id": activity.campaign_id.id,
                "user_id": salesperson.id,
                "expected_revenue": revenue,
            }
            for name, lead_type, company, activity, revenue in (
                ("工博会:产线数字化咨询", "opportunity", "苏州精工机械", expo, 80000),
                ("工博会:MES 选型", "opportunity", "无锡华光电子", expo, 120000),
                ("工博会:展台留资", "lead", "常州恒达模具", expo, 0),
                ("工博会:展台留资", "lead", "宁波东海塑业", expo, 0),
                (
                    "升级优惠:控制器扩容",
                    "opportunity",
                    "上海宏远包装",
                    promotion,
                    30000,
                ),
                ("升级优惠:询价", "lead", "嘉兴联创纺织", promotion, 0),
            )
        ]
    )
    leads[0].action_set_won()
    leads[1].action_set_lost()
    partner = (
        env["res.partner"]
        .sudo()
        .create({"name": "苏州精工机械有限公司", "is_company": True})
    )
    product = (
        env["product.product"]
        .sudo()
        .create(
            {
                "name": "产线数字化咨询服务",
                "type": "service",
                "list_price": 36000.0,
            }
        )
    )
    order = (
        env["sale.order"]
        .sudo()
        .create(
            {
                "partner_id": partner.id,
                "user_id": owner.id,
                "campaign_id": expo.campaign_id.id,
                "opportunity_id": leads[0].id,
                "order_line": [
                    fields.Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": 1,
                            "price_unit": 36000.0,
                        }
                    )
                ],
            }
        )
    )
    order.action_confirm()
    # actual costs against the budget lines
    Cost = env["bizreg.marketing.cost"].with_user(owner)
    today = fields.Date.context_today(plan)
    Cost.create(
        [
            {
                "budget_line_id": ref(line).id,
                "amount": amount,
                "description": description,
                "date": today - timedelta(days=days),
            }
            for line, amount, description, days in (
                ("bizreg_marketing.demo_line_expo_venue", 30000.0, "展位费", 15),
                ("bizreg_marketing.demo_line_expo_material", 13500.0, "展台搭建", 10),
                ("bizreg_marketing.demo_line_promotion_media", 9800.0, "广告投放", 5),
            )
        ]
    )
    # the channel meeting asks the Sales department for two people
    env["bizreg.marketing.request"].with_user(owner).create(
        {
            "name": "代理商大会需要两名销售工程师",
            "activity_id": channel.id,
            "department_id": ref("bizreg_base.hr_department_sale").id,
            "kind": "people",
            "quantity": 2,
            "date_deadline": today + timedelta(days=10),
        }
    )
    return True
