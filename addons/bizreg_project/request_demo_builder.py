# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo data: a demo project request taken through the real approval, as the
users concerned (called from ``demo/bizreg_project_request_demo.xml``
through ``bizreg.project.request._demo_request_flow``)."""


def request_flow(env, request_xmlid, approvers, last=True, project_xmlid=None):
    """Submit the request as its requester, then approve it as each of
    ``approvers`` (XML ids of users) in turn.  ``last``: whether the steps
    approved are all of them (the request must end approved).
    ``project_xmlid``: the XML id given to the created project, for the
    demo data that builds on it (plans, risks, acceptance)."""
    request = env.ref(request_xmlid, raise_if_not_found=False)
    if not request or request.state != "draft" or request.review_ids:
        return False
    request.with_user(request.user_id).action_submit()
    for xmlid in approvers:
        request.with_user(env.ref(xmlid)).validate_tier()
    request.invalidate_recordset()
    if last and request.state != "approved":
        return False
    if project_xmlid and request.project_id:
        env["ir.model.data"]._update_xmlids(
            [{"xml_id": project_xmlid, "record": request.project_id, "noupdate": True}]
        )
    return True
