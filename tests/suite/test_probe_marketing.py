"""Adversarial probes: marketing (research plans and reports, marketing plans,
their activities and budget lines).

A research plan is approved by the Marketing Manager before the research is
closed; a research report is reviewed before it is published; a marketing
plan's budget is approved (Manager; Finance above 50,000; Director above
200,000) before its activities open as campaigns, and what was approved
(activities, budget lines) cannot change without a new review.  Each attack
runs as a demo role over JSON-RPC and is re-read as admin afterwards.
"""

import datetime

import pytest
from probes import (
    default_key_refused_or_ignored,
    refused,
    refused_method,
    refused_or,
    refused_record_write,
    unique,
)

RESEARCH = "bizreg.marketing.research.plan"
REPORT = "bizreg.marketing.research.report"
PLAN = "bizreg.marketing.plan"
ACTIVITY = "bizreg.marketing.activity"
LINE = "bizreg.marketing.budget.line"

RESEARCH_WATCH = ("state", "validation_status", "milestone_ids", "date_report_due")
REPORT_WATCH = ("state", "validation_status", "bizreg_number", "date_published")
PLAN_WATCH = (
    "state",
    "validation_status",
    "bizreg_number",
    "budget_total",
    "marketing_activity_ids",
)
ACTIVITY_WATCH = ("state", "campaign_id", "date_done", "is_on_time", "theme")


def _today(days=0):
    return (datetime.date.today() + datetime.timedelta(days=days)).isoformat()


class Marketing:
    """Fresh marketing records made by the demo marketing user (sc_user) and
    approved by the demo marketing manager (sc_manager)."""

    def __init__(self, api):
        self.api = api

    def research(self, state="draft"):
        rid = self.api.create(
            RESEARCH,
            {
                "name": unique("probe research"),
                "objective": "Probe objective",
                "date_start": _today(),
                "date_report_due": _today(30),
                "milestone_ids": [(0, 0, {"name": "Survey", "date": _today(10)})],
            },
            login="sc_user",
        )
        if state != "draft":
            self.api.call(RESEARCH, "action_submit", [rid], login="sc_user")
        if state == "approved":
            self.api.review(RESEARCH, rid, "sc_manager")
            assert self.api.get(RESEARCH, rid, "state") == "approved"
        return rid

    def report(self, state="draft"):
        plan = self.research("approved")
        rid = self.api.create(
            REPORT,
            {
                "name": unique("probe report"),
                "plan_id": plan,
                "findings": "<p>Probe findings</p>",
            },
            login="sc_user",
        )
        if state != "draft":
            self.api.call(REPORT, "action_submit", [rid], login="sc_user")
        if state == "approved":
            self.api.review(REPORT, rid, "sc_manager")
            assert self.api.get(REPORT, rid, "validation_status") == "validated"
        return rid

    def plan(self, state="draft", amount=10000.0):
        pid = self.api.create(
            PLAN,
            {
                "name": unique("probe plan"),
                "date_start": _today(),
                "date_end": _today(60),
                "marketing_activity_ids": [
                    (
                        0,
                        0,
                        {
                            "kind": "promotion",
                            "theme": unique("probe activity"),
                            "date_start": _today(5),
                            "date_end": _today(10),
                            "budget_line_ids": [
                                (
                                    0,
                                    0,
                                    {
                                        "name": "Venue",
                                        "category": "venue",
                                        "amount": amount,
                                    },
                                )
                            ],
                        },
                    )
                ],
            },
            login="sc_user",
        )
        if state != "draft":
            self.api.call(PLAN, "action_submit", [pid], login="sc_user")
        if state in ("approved", "running"):
            self.api.review(PLAN, pid, "sc_manager")
            assert self.api.get(PLAN, pid, "state") == "approved"
        if state == "running":
            self.api.call(PLAN, "action_start_execution", [pid], login="sc_user")
        return pid

    def activity_of(self, pid):
        return self.api.get(PLAN, pid, "marketing_activity_ids")[0]

    def line_of(self, pid):
        return self.api.get(ACTIVITY, self.activity_of(pid), "budget_line_ids")[0]


@pytest.fixture
def mkt(api):
    return Marketing(api)


def _watch(model, rid, fields):
    return [(model, [rid], fields)]


# ----------------------------------------------------------------------
# Research plans
# ----------------------------------------------------------------------
RESEARCH_ATTACKS = [
    pytest.param("sc_user", "write", {"state": "approved"}, id="user_writes_state"),
    pytest.param("sc_user", "validate_tier", None, id="requester_approves_own_plan"),
    pytest.param("sc_user", "action_done", None, id="user_closes_unapproved_plan"),
    pytest.param("xs_user", "write", {"name": "x"}, id="sales_user_edits_plan"),
    pytest.param("sc_user", "unlink", None, id="user_deletes_plan_under_review"),
]


@pytest.mark.parametrize("login,method,vals", RESEARCH_ATTACKS)
def test_research_plan_attacks_are_refused(api, mkt, login, method, vals):
    rid = mkt.research("to_approve")
    args = [] if vals is None else [vals]
    refused_method(
        api,
        _watch(RESEARCH, rid, RESEARCH_WATCH),
        RESEARCH,
        method,
        rid,
        *args,
        login=login,
    )


def test_research_plan_bypass_key_is_not_honoured(api, mkt):
    rid = mkt.research("to_approve")
    refused_method(
        api,
        _watch(RESEARCH, rid, RESEARCH_WATCH),
        RESEARCH,
        "action_done",
        rid,
        login="sc_user",
        context={"skip_validation_check": True},
    )


def test_approved_milestones_change_only_through_a_new_review(api, mkt):
    """A milestone written directly (its own model) after approval voids the
    approval: the plan cannot be closed on the old one."""
    rid = mkt.research("approved")
    milestone = api.get(RESEARCH, rid, "milestone_ids")[0]
    refused_or(
        lambda: api.write(
            "bizreg.marketing.research.milestone",
            milestone,
            {"date": _today(25)},
            login="sc_user",
        )
    )
    if api.get("bizreg.marketing.research.milestone", milestone, "date") == _today(25):
        assert api.get(RESEARCH, rid, "validation_status") != "validated"
        refused(api.call, RESEARCH, "action_done", [rid], login="sc_user")


def test_research_plan_default_state_is_refused_or_ignored(api):
    def create(context):
        return api.create(
            RESEARCH,
            {
                "name": unique("probe research"),
                "date_start": _today(),
                "date_report_due": _today(30),
            },
            login="sc_user",
            context=context,
        )

    default_key_refused_or_ignored(api, RESEARCH, create, "state", "approved")


# ----------------------------------------------------------------------
# Research reports
# ----------------------------------------------------------------------
def test_report_published_only_after_review(api, mkt):
    rid = mkt.report("to_approve")
    refused_method(
        api,
        _watch(REPORT, rid, REPORT_WATCH),
        REPORT,
        "action_publish",
        rid,
        login="sc_user",
    )
    refused_method(
        api,
        _watch(REPORT, rid, REPORT_WATCH),
        REPORT,
        "validate_tier",
        rid,
        login="sc_user",
    )


@pytest.mark.parametrize(
    "vals",
    [
        pytest.param({"date_published": "2020-01-01 00:00:00"}, id="date_published"),
        pytest.param({"is_late": False}, id="is_late"),
        pytest.param({"bizreg_number": "MR-FAKE-0001"}, id="number"),
        pytest.param({"state": "published"}, id="state"),
    ],
)
def test_report_engine_fields_refused(api, mkt, vals):
    rid = mkt.report("approved")
    refused_record_write(api, REPORT, rid, REPORT_WATCH, vals, login="sc_user")


def test_report_changed_after_approval_is_not_published(api, mkt):
    """The findings the reviewer approved are what gets published."""
    rid = mkt.report("approved")
    changed = not refused_or(
        lambda: api.write(
            REPORT, rid, {"findings": "<p>Other findings</p>"}, login="sc_user"
        )
    )
    if changed:
        refused(api.call, REPORT, "action_publish", [rid], login="sc_user")
        assert api.get(REPORT, rid, "state") != "published"
    else:
        assert "Other findings" not in (api.get(REPORT, rid, "findings") or "")


def test_report_number_is_voided_when_cancelled(api, mkt):
    rid = mkt.report("to_approve")
    number = api.get(REPORT, rid, "bizreg_number")
    assert number, "a report under review has its number"
    api.call(REPORT, "action_cancel", [rid], login="sc_user")
    voided = api.search(
        "bizreg.numbering.void",
        [("res_model", "=", REPORT), ("res_id", "=", rid), ("name", "=", number)],
    )
    assert voided, "the cancelled report's number is recorded as voided"


# ----------------------------------------------------------------------
# Marketing plans
# ----------------------------------------------------------------------
PLAN_ATTACKS = [
    pytest.param("sc_user", "write", {"state": "approved"}, id="user_writes_state"),
    pytest.param("sc_user", "validate_tier", None, id="requester_approves_own_plan"),
    pytest.param(
        "sc_user", "action_start_execution", None, id="user_starts_before_approval"
    ),
    pytest.param(
        "sc_user", "write", {"budget_total": 1.0}, id="user_writes_budget_total"
    ),
    pytest.param("sc_user", "unlink", None, id="user_deletes_plan_under_review"),
]


@pytest.mark.parametrize("login,method,vals", PLAN_ATTACKS)
def test_marketing_plan_attacks_are_refused(api, mkt, login, method, vals):
    pid = mkt.plan("to_approve")
    args = [] if vals is None else [vals]
    refused_method(
        api, _watch(PLAN, pid, PLAN_WATCH), PLAN, method, pid, *args, login=login
    )


def test_finance_step_above_50000(api, mkt):
    """A budget above 50,000 is not approved by the Marketing Manager alone."""
    pid = mkt.plan("to_approve", amount=60000.0)
    api.review(PLAN, pid, "sc_manager")
    assert api.get(PLAN, pid, "validation_status") != "validated"
    refused(api.call, PLAN, "action_start_execution", [pid], login="sc_user")
    api.review(PLAN, pid, "finance")
    assert api.get(PLAN, pid, "validation_status") == "validated"


def test_budget_line_raised_after_approval_goes_back_to_review(api, mkt):
    """Raising an approved budget line through its own model voids the
    approval: execution cannot start on the old one."""
    pid = mkt.plan("approved")
    line = mkt.line_of(pid)
    refused_or(lambda: api.write(LINE, line, {"amount": 250000.0}, login="sc_user"))
    if api.get(LINE, line, "amount") == 250000.0:
        assert api.get(PLAN, pid, "validation_status") != "validated"
        refused_method(
            api,
            _watch(PLAN, pid, ("state", "marketing_activity_ids")),
            PLAN,
            "action_start_execution",
            pid,
            login="sc_user",
        )


def test_activity_added_to_running_plan_needs_an_amendment(api, mkt):
    pid = mkt.plan("running")
    refused_method(
        api,
        _watch(PLAN, pid, PLAN_WATCH),
        PLAN,
        "write",
        pid,
        {
            "marketing_activity_ids": [
                (
                    0,
                    0,
                    {
                        "kind": "brand",
                        "theme": unique("probe extra"),
                        "date_start": _today(5),
                        "date_end": _today(6),
                    },
                )
            ]
        },
        login="sc_user",
    )


@pytest.mark.parametrize(
    "vals",
    [
        pytest.param({"campaign_id": False}, id="campaign"),
        pytest.param({"state": "done"}, id="state"),
        pytest.param({"date_done": "2020-01-01 00:00:00"}, id="date_done"),
        pytest.param({"is_on_time": True}, id="is_on_time"),
    ],
)
def test_activity_engine_fields_refused(api, mkt, vals):
    pid = mkt.plan("running")
    aid = mkt.activity_of(pid)
    refused_record_write(api, ACTIVITY, aid, ACTIVITY_WATCH, vals, login="sc_user")


def test_plan_default_keys_are_refused_or_ignored(api):
    def create(context):
        return api.create(
            PLAN,
            {
                "name": unique("probe plan"),
                "date_start": _today(),
                "date_end": _today(30),
            },
            login="sc_user",
            context=context,
        )

    default_key_refused_or_ignored(api, PLAN, create, "state", "running")
    default_key_refused_or_ignored(api, PLAN, create, "bizreg_number", "MP-FAKE-0001")


def test_other_department_cannot_read_plans(api, mkt):
    pid = mkt.plan("draft")
    refused_or(
        lambda: api.call(PLAN, "read", [pid], ["name"], login="kf_user"),
        lambda rows: pytest.fail(f"a service user reads a marketing plan: {rows}"),
    )
