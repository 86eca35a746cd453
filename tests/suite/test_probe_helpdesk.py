"""Adversarial probes: complaints and consultations (helpdesk.ticket),
investigations, return visits and ratings.

A complaint ends only with a solution and a satisfied customer (or a
manager's recorded override), on every route that ends it; the deadlines,
escalations, response time and resolution outcome are computed by the server.
"""

import pytest
from probes import (
    cases,
    default_key_refused_or_ignored,
    none_readable,
    refused,
    refused_or,
    refused_record_write,
    refused_unchanged,
    refused_write,
    unique,
)

# ----------------------------------------------------------------------
# Closing a complaint without a solution
# ----------------------------------------------------------------------
CLOSING_ROUTES = [
    pytest.param(
        "kf_user", {"stage": "done"}, id="agent_closes_complaint_without_solution"
    ),
    pytest.param(
        "kf_manager",
        {"stage": "done"},
        id="service_manager_closes_complaint_without_solution_or_override",
    ),
    pytest.param(
        "kf_user", {"stage": "cancelled"}, id="agent_cancels_complaint_without_solution"
    ),
    pytest.param(
        "kf_user", {"stage": "rejected"}, id="agent_rejects_complaint_without_solution"
    ),
    pytest.param("kf_user", {"active": False}, id="agent_archives_open_complaint"),
    pytest.param(
        "kf_user",
        {"stage": "done", "bizreg_solution": "<p>fixed</p>"},
        id="agent_closes_complaint_with_solution_but_no_satisfaction",
    ),
    pytest.param(
        "kf_user",
        {
            "stage": "done",
            "bizreg_solution": "<p>fixed</p>",
            "bizreg_satisfaction": "1",
        },
        id="agent_closes_complaint_of_dissatisfied_customer",
    ),
]


@pytest.mark.parametrize("login,vals", CLOSING_ROUTES)
def test_complaint_cannot_be_ended_without_solution(api, desk, login, vals):
    tid = desk.ticket()
    vals = dict(vals)
    if "stage" in vals:
        vals["stage_id"] = desk.stage(vals.pop("stage"))
    refused_write(api, desk.watch(tid), "helpdesk.ticket", tid, vals, login=login)


def test_agent_cannot_close_complaint_by_turning_it_into_consultation(api, desk):
    tid = desk.ticket()

    def reclassify_and_close():
        api.write(
            "helpdesk.ticket",
            tid,
            {"type_id": desk.kind("consultation")},
            login="kf_user",
        )
        api.write(
            "helpdesk.ticket", tid, {"stage_id": desk.stage("done")}, login="kf_user"
        )

    refused_or(reclassify_and_close)
    ticket = api.read("helpdesk.ticket", tid, ["bizreg_closed", "bizreg_solution"])[0]
    assert not ticket["bizreg_closed"], (
        "complaint closed without solution as a consultation"
    )


def test_agent_cannot_close_complaint_by_reclassifying_in_one_write(api, desk):
    tid = desk.ticket()
    refused_write(
        api,
        desk.watch(tid),
        "helpdesk.ticket",
        tid,
        {"type_id": desk.kind("consultation"), "stage_id": desk.stage("done")},
        login="kf_user",
    )


def test_agent_cannot_create_complaint_already_closed(api, desk):
    before = api.search("helpdesk.ticket", [("bizreg_kind", "=", "complaint")])
    refused(desk.ticket, stage_id=desk.stage("done"))
    assert api.search("helpdesk.ticket", [("bizreg_kind", "=", "complaint")]) == before


def test_agent_cannot_close_override_with_wizard(api, desk):
    tid = desk.ticket()
    refused_unchanged(
        api,
        desk.watch(tid),
        api.wizard,
        "bizreg.helpdesk.close.override",
        {"ticket_id": tid, "reason": "customer unreachable"},
        "action_confirm",
        login="kf_user",
    )


# ----------------------------------------------------------------------
# Fields written by the server only
# ----------------------------------------------------------------------
TICKET_ENGINE_FIELDS = [
    ("bizreg_close_override_reason", "I say so"),
    ("bizreg_close_override_user_id", "kf_manager"),
    ("bizreg_first_response_date", "2000-01-01 00:00:00"),
    ("bizreg_first_response_hours", 0.01),
    ("bizreg_response_deadline", "2099-01-01 00:00:00"),
    ("bizreg_resolution_deadline", "2099-01-01 00:00:00"),
    ("bizreg_breach_date", "2099-01-01 00:00:00"),
    ("bizreg_escalation_level", 0),
    ("bizreg_escalation_l1_date", "2000-01-01 00:00:00"),
    ("bizreg_escalation_l2_deadline", "2099-01-01 00:00:00"),
    ("bizreg_resolution", "on_time"),
    ("bizreg_resolved", True),
    ("bizreg_resolved_on_time", True),
    ("bizreg_closed", True),
    ("bizreg_kind", "consultation"),
    ("bizreg_satisfaction_score", 5),
    ("bizreg_number", "TS-KF-2000-0001"),
    ("bizreg_complaint_class_id", False),
]


@pytest.mark.parametrize(
    "field,value",
    cases(TICKET_ENGINE_FIELDS, "agent_writes_{0}_on_complaint"),
)
def test_agent_cannot_write_server_computed_ticket_field(api, desk, field, value):
    tid = desk.ticket()
    if field.endswith("_user_id"):
        value = api.uid(value)
    if field == "bizreg_complaint_class_id":
        value = False
    watch = [*desk.watch(tid), ("helpdesk.ticket", [tid], TICKET_ENGINE_WATCH)]
    refused_write(api, watch, "helpdesk.ticket", tid, {field: value}, login="kf_user")


# watched besides probes.TICKET_WATCH
TICKET_ENGINE_WATCH = (
    "bizreg_first_response_hours",
    "bizreg_breach_date",
    "bizreg_escalation_l2_deadline",
    "bizreg_resolved",
    "bizreg_resolved_on_time",
    "bizreg_satisfaction_score",
    "bizreg_close_override_user_id",
    "bizreg_complaint_class_id",
)
TICKET_DEFAULT_KEYS = [
    ("bizreg_close_override_reason", "closed by default"),
    ("bizreg_first_response_date", "2000-01-01 00:00:00"),
    ("bizreg_escalation_l3_date", "2000-01-01 00:00:00"),
    ("bizreg_resolution", "on_time"),
    ("bizreg_number", "TS-FAKE-0001"),
    ("bizreg_response_deadline", "2099-01-01 00:00:00"),
]


@pytest.mark.parametrize(
    "field,value",
    cases(TICKET_DEFAULT_KEYS, "agent_creates_complaint_with_default_{0}"),
)
def test_agent_default_context_key_on_create_is_refused_or_ignored(
    api, desk, field, value
):
    default_key_refused_or_ignored(api, "helpdesk.ticket", desk.ticket, field, value)


def test_agent_cannot_close_complaint_with_default_override_reason(api, desk):
    def check(tid):
        assert not api.get("helpdesk.ticket", tid, "bizreg_closed"), (
            "a complaint was created closed without solution"
        )

    refused_or(
        lambda: desk.ticket(
            stage_id=desk.stage("done"),
            context={"default_bizreg_close_override_reason": "none needed"},
        ),
        check,
    )


# ----------------------------------------------------------------------
# OCA's /ticket/close route and ratings
# ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "login",
    [
        pytest.param(
            "portal", id="portal_customer_closes_someone_elses_complaint_by_get"
        ),
        pytest.param("xs_user", id="salesperson_closes_complaint_by_get"),
        pytest.param("kf_user2", id="other_agent_closes_colleagues_complaint_by_get"),
    ],
)
def test_ticket_close_route_cannot_close_complaint(api, desk, portal_login, login):
    tid = desk.ticket()
    session = api.session(portal_login if login == "portal" else login)
    before = api.snapshot(desk.watch(tid))
    session.http(f"/ticket/close?ticket_id={tid}&stage_id={desk.stage('cancelled')}")
    assert api.snapshot(desk.watch(tid)) == before


def test_portal_customer_cannot_read_other_customers_ticket_page(
    api, desk, portal_login
):
    tid = desk.ticket()
    name = api.get("helpdesk.ticket", tid, "name")
    status, body = api.session(portal_login).http(f"/my/ticket/{tid}")
    assert name not in body, f"portal page of another customer's ticket ({status})"


def _rating(api, tid):
    """A rating request of the ticket's customer (as the rating mail makes)."""
    model = api.search("ir.model", [("model", "=", "helpdesk.ticket")])[0]
    return api.create(
        "rating.rating",
        {
            "res_model_id": model,
            "res_id": tid,
            "partner_id": api.ref("bizreg_helpdesk.res_partner_customer_b"),
            "feedback": unique("feedback"),
        },
    )


def test_salesperson_cannot_read_ticket_ratings(api, desk):
    ratings = [_rating(api, desk.ticket())]
    none_readable(
        api,
        "rating.rating",
        [("id", "in", ratings)],
        ["access_token", "feedback"],
        "xs_user",
        "the service ratings and their tokens",
    )


def test_portal_customer_cannot_read_rating_tokens(api, desk, portal_login):
    tid = desk.ticket()
    _rating(api, tid)
    none_readable(
        api,
        "rating.rating",
        [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", tid)],
        ["access_token"],
        portal_login,
        "rating tokens",
    )


# ----------------------------------------------------------------------
# Investigations
# ----------------------------------------------------------------------
INVESTIGATION_WATCH = (
    "state",
    "date_done",
    "findings",
    "manager_user_id",
    "requested_by_id",
    "department_id",
    "date_deadline",
)


def _open_investigation(api, tid, login="kf_user", department="rnd", context=None):
    return api.create(
        "bizreg.helpdesk.investigation",
        {
            "ticket_id": tid,
            "department_id": api.ref(f"bizreg_base.hr_department_{department}"),
            "date_deadline": "2099-01-01",
            "request": unique("investigate"),
        },
        login=login,
        context=context,
    )


def _investigation(api, desk):
    tid = desk.ticket()
    return tid, _open_investigation(api, tid)


INVESTIGATION_WRITES = [
    pytest.param(
        "kf_user",
        {"state": "done"},
        id="agent_writes_investigation_state_done_without_findings",
    ),
    pytest.param(
        "yf_manager",
        {"state": "done"},
        id="rnd_manager_writes_investigation_state_done",
    ),
    pytest.param(
        "kf_user",
        {"date_done": "2000-01-01"},
        id="agent_writes_investigation_date_done",
    ),
    pytest.param(
        "kf_user",
        {"requested_by_id": "kf_manager"},
        id="agent_writes_investigation_requester",
    ),
    pytest.param(
        "kf_user",
        {"manager_user_id": "kf_user"},
        id="agent_routes_investigation_to_himself",
    ),
    pytest.param(
        "xs_user",
        {"findings": "nothing"},
        id="salesperson_writes_investigation_findings",
    ),
]


@pytest.mark.parametrize("login,vals", INVESTIGATION_WRITES)
def test_investigation_engine_fields_are_refused(api, desk, login, vals):
    _tid, rid = _investigation(api, desk)
    vals = {k: api.uid(v) if k.endswith("_id") else v for k, v in vals.items()}
    refused_record_write(
        api,
        "bizreg.helpdesk.investigation",
        rid,
        INVESTIGATION_WATCH,
        vals,
        login=login,
    )


def test_salesperson_cannot_open_investigation_on_complaint_he_cannot_read(api, desk):
    tid = desk.ticket()
    refused(_open_investigation, api, tid, login="xs_user", department="sale")


def test_investigation_default_state_done_is_refused_or_ignored(api, desk):
    tid = desk.ticket()

    def check(rid):
        assert api.get("bizreg.helpdesk.investigation", rid, "state") != "done"

    context = {"default_state": "done", "default_date_done": "2000-01-01"}
    refused_or(lambda: _open_investigation(api, tid, context=context), check)


# ----------------------------------------------------------------------
# Return visits
# ----------------------------------------------------------------------
VISIT_WATCH = (
    "state",
    "date_done",
    "satisfaction",
    "satisfaction_score",
    "user_id",
    "feedback",
)


def _visit(api, login="kf_user"):
    return api.create(
        "bizreg.return.visit",
        {
            "partner_id": api.ref("bizreg_helpdesk.res_partner_customer_b"),
            "needs": unique(),
        },
        login=login,
    )


VISIT_WRITES = [
    pytest.param(
        "kf_user",
        {"state": "done"},
        id="agent_writes_visit_state_done_without_feedback",
    ),
    pytest.param(
        "kf_user", {"satisfaction_score": 5}, id="agent_writes_visit_satisfaction_score"
    ),
    pytest.param(
        "kf_user",
        {"date_done": "2000-01-01"},
        id="agent_writes_visit_date_done_while_planned",
    ),
    pytest.param(
        "kf_user2", {"feedback": "made up"}, id="other_agent_writes_colleagues_visit"
    ),
    pytest.param(
        "kf_user", {"user_id": "kf_user2"}, id="agent_hands_visit_to_colleague"
    ),
]


@pytest.mark.parametrize("login,vals", VISIT_WRITES)
def test_return_visit_writes_are_refused(api, login, vals):
    rid = _visit(api)
    vals = {k: api.uid(v) if k == "user_id" else v for k, v in vals.items()}
    refused_record_write(
        api, "bizreg.return.visit", rid, VISIT_WATCH, vals, login=login
    )


def test_return_visit_default_state_done_is_refused_or_ignored(api):
    def check(rid):
        assert api.get("bizreg.return.visit", rid, "state") != "done"

    refused_or(
        lambda: api.create(
            "bizreg.return.visit",
            {"partner_id": api.ref("bizreg_helpdesk.res_partner_customer_b")},
            login="kf_user",
            context={"default_state": "done", "default_satisfaction_score": 5},
        ),
        check,
    )
