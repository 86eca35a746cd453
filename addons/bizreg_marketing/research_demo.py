# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo data: research plans and reports taken through the real approval
flow as the users concerned (called from
``demo/bizreg_marketing_research_demo.xml`` through
``bizreg.marketing.research.plan._demo_research_flow``)."""


def research_flow(env, plan_xmlid, manager_xmlid, report_xmlid=None, report_vals=None):
    """Submit the plan as its owner and approve it as the manager; then,
    with ``report_vals``, write its report as the owner, submit it, approve
    it as the manager and publish it; the report gets the XML id
    ``report_xmlid`` (the demo's target markets refer to it)."""
    plan = env.ref(plan_xmlid, raise_if_not_found=False)
    if not plan:
        return False
    manager = env.ref(manager_xmlid)
    owner = plan.user_id
    if plan.state == "draft" and not plan.review_ids:
        plan.with_user(owner).action_submit()
        plan.with_user(manager).validate_tier()
        plan.invalidate_recordset()
    if not report_xmlid or env.ref(report_xmlid, raise_if_not_found=False):
        return True
    if plan.state != "approved":
        return False
    Report = env["bizreg.marketing.research.report"].with_user(owner)
    report = Report.create(
        dict(report_vals, plan_id=plan.id, entry_ids=[(6, 0, plan.entry_ids.ids)])
    )
    report.action_submit()
    report.with_user(manager).validate_tier()
    report.invalidate_recordset()
    report.action_publish()
    module, name = report_xmlid.split(".")
    env["ir.model.data"]._update_xmlids(
        [{"xml_id": f"{module}.{name}", "record": report.sudo(), "noupdate": True}]
    )
    return True
