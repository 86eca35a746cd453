# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo of the department meetings, built through the real flow: the sales
department's weekly meeting of four days ago was held, its minutes (a decision,
two action items) written by the secretary 张伟 and approved by the chair
李娜; one item was done on time, the other is overdue and stands on the
agenda of the coming meetings, generated from the series."""

from datetime import timedelta

from markupsafe import Markup

from odoo import SUPERUSER_ID

from odoo.addons.bizreg_base.tools import company_today


def meeting_flow(env):
    ref = env.ref
    series = ref("bizreg_meeting.meeting_series_sales_weekly")
    Meeting = env["bizreg.meeting"].with_user(SUPERUSER_ID).sudo()
    if Meeting.search_count([("series_id", "=", series.id)]):
        return True
    secretary = ref("bizreg_base.user_sale_user")
    member = ref("bizreg_base.user_sale_user2")
    chair = ref("bizreg_base.user_sale_manager")
    today = company_today(series.company_id)
    last_week = today - timedelta(days=4)
    past = Meeting.create(
        {
            "series_id": series.id,
            "start": series._start_of(last_week),
            "user_id": secretary.id,
            "location": series.location,
        }
    )
    as_secretary = past.with_user(secretary)
    past.attendance_ids.filtered(lambda a: a.user_id == member).with_user(
        secretary
    ).write({"status": "excused", "reason": "拜访苏州客户"})
    as_secretary.action_hold()
    as_secretary.write(
        {
            "discussion": Markup(
                "<p>回顾上周销售进展：华东区新签合同 3 份，苏州客户提出交期问题。</p>"
            )
        }
    )
    env["bizreg.meeting.decision"].with_user(secretary).create(
        {"meeting_id": past.id, "name": "苏州客户的交期问题由销售部牵头与生产协调。"}
    )
    Action = env["bizreg.meeting.action"].with_user(secretary)
    done = Action.create(
        {
            "meeting_id": past.id,
            "name": "整理华东区新签合同清单",
            "user_id": secretary.id,
            "date_due": today - timedelta(days=2),
        }
    )
    Action.create(
        {
            "meeting_id": past.id,
            "name": "回访苏州客户确认交期",
            "user_id": member.id,
            "date_due": today - timedelta(days=1),
        }
    )
    as_secretary.action_submit()
    past.with_user(chair).validate_tier()
    done.with_user(secretary).action_done()
    done.sudo()._bizreg_engine_write({"date_done": today - timedelta(days=3)})
    series._generate_meetings()
    return True
