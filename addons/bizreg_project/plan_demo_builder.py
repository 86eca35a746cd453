# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo data: the plan set of a demo project (schedule, quality plan,
risk-management plan, communication plan) taken through the real approval,
and its first periodic check (called from
``demo/bizreg_project_plan_demo.xml`` through
``bizreg.project.plan._bizreg_demo_plan``)."""

from datetime import datetime, time, timedelta

from odoo import Command, fields


def plan_flow(env, xmlid, approver_xmlid="bizreg_base.user_project_manager"):
    """``xmlid``: a project, or a project request (the project its approval
    created).  Nothing happens when there is no such regulated project or it
    has a plan already."""
    record = env.ref(xmlid, raise_if_not_found=False)
    project = (
        record.project_id
        if record is not None and record._name == "bizreg.project.request"
        else record
    )
    if not project or project.bizreg_phase != "planning":
        return False
    Plan = env["bizreg.project.plan"]
    if Plan.search_count([("project_id", "=", project.id)]):
        return False
    manager = project.user_id
    project.write({"allow_milestones": True, "allow_task_dependencies": True})
    today = fields.Date.context_today(project)
    start = project.date_start or today - timedelta(days=14)
    Milestone = env["project.milestone"].with_context(tracking_disable=True)
    m_req, m_live, m_train = Milestone.create(
        [
            {
                "name": "需求确认",
                "project_id": project.id,
                "deadline": today - timedelta(days=4),
            },
            {
                "name": "系统上线",
                "project_id": project.id,
                "deadline": start + timedelta(days=100),
            },
            {
                "name": "用户培训",
                "project_id": project.id,
                "deadline": start + timedelta(days=130),
            },
        ]
    )
    members = (
        project.sudo().assignment_ids.user_id
        if "assignment_ids" in (project._fields)
        else env["res.users"]
    )
    other = (members - manager)[:1] or manager

    def at(day):
        # 18:00 in Shanghai, stored in UTC
        return datetime.combine(day, time(10, 0))

    Task = env["project.task"].with_context(
        tracking_disable=True, mail_create_nolog=True
    )

    def task(name, milestone, day, users, depends=()):
        return Task.create(
            {
                "name": name,
                "project_id": project.id,
                "milestone_id": milestone.id,
                "date_deadline": at(day),
                "user_ids": [Command.set(users.ids)],
                "depend_on_ids": [Command.set([t.id for t in depends])],
            }
        )

    survey = task("需求调研", m_req, today - timedelta(days=8), manager)
    design = task("方案设计", m_req, today - timedelta(days=5), other, [survey])
    build = task("系统配置与开发", m_live, start + timedelta(days=80), other, [design])
    migrate = task("数据迁移", m_live, start + timedelta(days=95), other, [build])
    cutover = task(
        "上线切换", m_live, start + timedelta(days=100), manager, [build, migrate]
    )
    material = task("培训材料编写", m_train, start + timedelta(days=110), other)
    task(
        "关键用户培训",
        m_train,
        start + timedelta(days=128),
        manager,
        [material, cutover],
    )
    departments = project.bizreg_department_id | project.bizreg_accepting_department_id
    stakeholders = departments.manager_id.user_id.partner_id
    plan = Plan.with_user(manager).create(
        {
            "name": f"{project.name} 项目计划书",
            "project_id": project.id,
            "user_id": manager.id,
            "quality_objective": "上线后核心业务流程零阻断缺陷,数据迁移准确率 100%。",
            "risk_approach": "风险登记册每两周评审一次;高风险即时上报总监。",
            "risk_thresholds": "概率 × 影响 ≥ 15 为高风险,8–14 为中风险,其余为低风险。",
            "risk_review_days": 14,
            "quality_criterion_ids": [
                Command.create(
                    {
                        "sequence": 1,
                        "name": "销售、采购、库存核心流程端到端跑通",
                        "check_method": "集成测试报告,关键用户签字确认",
                    }
                ),
                Command.create(
                    {
                        "sequence": 2,
                        "name": "期初数据迁移准确率 100%",
                        "check_method": "抽样核对迁移数据与原系统报表",
                    }
                ),
                Command.create(
                    {
                        "sequence": 3,
                        "name": "关键用户培训合格",
                        "check_method": "培训考核成绩与签到表",
                    }
                ),
            ],
            "communication_ids": [
                Command.create(
                    {
                        "sequence": 1,
                        "kind": "status_update",
                        "name": "项目周检查(项目更新)",
                        "audience": "项目团队、发起人、责任部门与验收部门",
                        "user_id": manager.id,
                        "cadence_days": 7,
                    }
                ),
                Command.create(
                    {
                        "sequence": 2,
                        "kind": "meeting",
                        "name": "项目周例会",
                        "audience": "项目团队",
                        "user_id": manager.id,
                        "cadence_days": 7,
                    }
                ),
                Command.create(
                    {
                        "sequence": 3,
                        "kind": "report",
                        "name": "月度项目报告",
                        "audience": "发起人、责任部门与验收部门经理",
                        "partner_ids": [Command.set(stakeholders.ids)],
                        "user_id": manager.id,
                        "cadence_days": 30,
                    }
                ),
            ],
        }
    )
    plan.with_user(manager).action_submit()
    plan.with_user(env.ref(approver_xmlid)).validate_tier()
    plan.invalidate_recordset()
    if plan.state != "approved":
        return False
    # the first milestone was reached two days ago, late against its baseline
    m_req.write({"is_reached": True})
    env["project.update"].with_user(manager).create(
        {
            "name": "第 2 周项目检查",
            "project_id": project.id,
            "status": "on_track",
            "progress": 15,
            "description": "<p>需求确认已完成,方案设计评审通过。</p>",
            "bizreg_changes": "需求确认比基线晚 4 天完成;系统上线日期不变。",
        }
    )
    return plan.id
