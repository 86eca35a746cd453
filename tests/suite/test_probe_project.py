"""Adversarial probes: project management (project requests and the project
their approval creates, plan sets, risks, expenses, acceptances, lessons
learned, evaluations and the closing of a project).

A project request is approved by budget (Project Management Manager;
Finance above 100,000; Director above 500,000) and its approval creates the
project; the plan set is approved by the Project Management Manager and a
change after approval is a new version; the acceptance is the accepting
department manager's decision on the team's self-check; the project closes
only when its closing formalities are done.  Each attack runs as a demo role
over JSON-RPC and is re-read as admin afterwards.

Demo roles: 林涛 ``xm_user`` and 何静 ``xm_user2`` (project staff), 高远
``xm_manager`` (Project Management Manager), 李娜 ``xs_manager`` (manager of
the Sales department, which accepts the projects made here), 张伟
``xs_user`` and 刘洋 ``kf_user`` (other departments), ``finance``,
``director``.
"""

import datetime

import pytest
from probes import (
    default_key_refused_or_ignored,
    none_readable,
    refused,
    refused_method,
    refused_or,
    refused_record_write,
    refused_unchanged,
    refused_write,
    unique,
)

REQUEST = "bizreg.project.request"
LINE = "bizreg.project.request.budget.line"
MEMBER = "bizreg.project.request.member"
PROJECT = "project.project"
PLAN = "bizreg.project.plan"
CRITERION = "bizreg.project.quality.criterion"
COMMUNICATION = "bizreg.project.communication"
BASELINE = "bizreg.project.plan.baseline"
MILESTONE = "project.milestone"
RISK = "bizreg.project.risk"
EXPENSE = "bizreg.project.expense"
ACCEPTANCE = "bizreg.project.acceptance"
CHECK = "bizreg.project.acceptance.check"
LESSON = "bizreg.project.lesson"
EVALUATION = "bizreg.project.evaluation"

REQUEST_WATCH = (
    "state",
    "validation_status",
    "bizreg_number",
    "budget_total",
    "project_id",
    "budget_line_ids",
    "member_ids",
    "review_ids",
    "date_end",
    "user_id",
)
LINE_WATCH = ("request_id", "category_id", "name", "amount")
PROJECT_WATCH = (
    "bizreg_request_id",
    "bizreg_phase",
    "bizreg_budget_total",
    "bizreg_department_id",
    "bizreg_accepting_department_id",
    "bizreg_plan_id",
    "bizreg_date_closed",
    "user_id",
    "active",
)
PLAN_WATCH = (
    "state",
    "validation_status",
    "bizreg_number",
    "version",
    "previous_plan_id",
    "quality_criterion_ids",
    "communication_ids",
    "baseline_ids",
    "review_ids",
)
RISK_WATCH = (
    "probability",
    "impact",
    "score",
    "level",
    "state",
    "high_escalation_date",
    "high_escalated_date",
    "review_reminded_date",
    "task_ids",
)
EXPENSE_WATCH = ("state", "amount", "category_id", "project_id", "posted_by", "date")
ACCEPTANCE_WATCH = (
    "state",
    "validation_status",
    "request_count",
    "acceptor_user_id",
    "accepted_by_id",
    "date_accepted",
    "certificate_id",
    "check_ids",
    "review_ids",
    "project_id",
)
CHECK_WATCH = ("acceptance_id", "criterion_id", "result", "evidence")


def _today(days=0):
    return (datetime.date.today() + datetime.timedelta(days=days)).isoformat()


def default_m2o_refused_or_ignored(api, model, create, field, rid):
    """``default_<field>: rid`` on create is refused, or the record created
    does not point at ``rid``."""

    def check(new_id):
        stored = api.get(model, new_id, field)
        assert not stored or stored[0] != rid, f"default_{field} was stored: {stored}"

    return refused_or(lambda: create(context={f"default_{field}": rid}), check)


def _watch(model, ids, fields):
    return [(model, [ids] if isinstance(ids, int) else list(ids), fields)]


class Projects:
    """Fresh project records: requests of the project user 林涛 (xm_user)
    approved by 高远 (xm_manager) (and Finance, the Director by budget), the
    project they create, its plan set, its acceptance by 李娜 (xs_manager,
    manager of the accepting Sales department)."""

    def __init__(self, api):
        self.api = api

    # requests -----------------------------------------------------------
    def request_vals(self, amount=50000.0, login="xm_user", **vals):
        api = self.api
        return {
            "name": unique("probe project"),
            "goal": "Probe goal",
            "scope": "Probe scope",
            "date_start": _today(),
            "date_end": _today(90),
            "manager_user_id": api.uid(login),
            "accepting_department_id": api.ref("bizreg_base.hr_department_sale"),
            "budget_line_ids": [
                (
                    0,
                    0,
                    {
                        "category_id": api.ref("bizreg_project.cost_category_labour"),
                        "name": "Team",
                        "amount": amount,
                    },
                )
            ],
            "member_ids": [
                (
                    0,
                    0,
                    {
                        "user_id": api.uid(login),
                        "role_id": api.ref("bizreg_project.project_role_manager"),
                        "responsibility": "Plan and steer",
                    },
                )
            ],
            **vals,
        }

    def request(
        self, state="draft", amount=50000.0, login="xm_user", approver=None, **vals
    ):
        api = self.api
        rid = api.create(REQUEST, self.request_vals(amount, login, **vals), login=login)
        if state == "draft":
            return rid
        api.call(REQUEST, "action_submit", [rid], login=login)
        if state == "approved":
            self.approve(rid, amount, approver)
            assert api.get(REQUEST, rid, "state") == "approved"
        return rid

    def approve(self, rid, amount, approver=None):
        reviewers = [approver or "xm_manager"]
        if amount > 100000:
            reviewers.append("finance")
        if amount > 500000:
            reviewers.append("director")
        for login in reviewers:
            self.api.review(REQUEST, rid, login)

    def project_of(self, rid):
        project = self.api.get(REQUEST, rid, "project_id")
        assert project, "the approved request created its project"
        return project[0]

    def line_of(self, rid):
        return self.api.get(REQUEST, rid, "budget_line_ids")[0]

    def project(self, phase="planning", login="xm_user", approver=None, **vals):
        """A regulated project of ``login`` (林涛 by default) in ``phase``
        (planning, execution, acceptance: its acceptance requested,
        accepted: accepted by 李娜)."""
        rid = self.request("approved", login=login, approver=approver, **vals)
        pid = self.project_of(rid)
        if phase == "planning":
            return pid
        self.plan(pid, "approved", login=login, approver=approver)
        if phase == "execution":
            return pid
        aid = self.acceptance(pid, "to_approve", login=login)
        if phase == "accepted":
            self.api.review(ACCEPTANCE, aid, "xs_manager")
            assert self.api.get(ACCEPTANCE, aid, "state") == "accepted"
        return pid

    # plans --------------------------------------------------------------
    def plan(self, pid, state="draft", login="xm_user", approver=None):
        api = self.api
        if not api.search(MILESTONE, [("project_id", "=", pid)]):
            api.create(
                MILESTONE,
                {"name": "Go-live", "project_id": pid, "deadline": _today(60)},
                login=login,
            )
        plan = api.create(
            PLAN,
            {
                "name": unique("probe plan"),
                "project_id": pid,
                "quality_objective": "No open blocker",
                "quality_criterion_ids": [
                    (0, 0, {"name": "Orders flow", "check_method": "Test report"})
                ],
                "communication_ids": [
                    (
                        0,
                        0,
                        {
                            "kind": "status_update",
                            "name": "Project update",
                            "cadence_days": 7,
                        },
                    )
                ],
            },
            login=login,
        )
        if state == "draft":
            return plan
        api.call(PLAN, "action_submit", [plan], login=login)
        if state == "approved":
            api.review(PLAN, plan, approver or "xm_manager")
            assert api.get(PLAN, plan, "state") == "approved"
        return plan

    # acceptances ----------------------------------------------------------
    def acceptance(self, pid, state="draft", checked=True, login="xm_user"):
        api = self.api
        aid = api.create(
            ACCEPTANCE, {"project_id": pid, "summary": "Probe results"}, login=login
        )
        if checked:
            checks = api.get(ACCEPTANCE, aid, "check_ids")
            api.write(
                CHECK, checks, {"result": "passed", "evidence": "OK"}, login=login
            )
        if state != "draft":
            api.call(ACCEPTANCE, "action_submit", [aid], login=login)
        return aid


@pytest.fixture
def pj(api):
    return Projects(api)


# ----------------------------------------------------------------------
# Project requests
# ----------------------------------------------------------------------
REQUEST_ENGINE_FIELDS = [
    ("state", "approved"),
    ("budget_total", 1.0),
    ("bizreg_number", "PJ-FAKE-0001"),
    ("validation_status", "validated"),
    ("bizreg_approved_digest", "0" * 64),
]


@pytest.mark.parametrize(
    "state,field,value",
    [
        pytest.param(state, field, value, id=f"{field}_of_{state}_request")
        for state in ("draft", "to_approve")
        for field, value in REQUEST_ENGINE_FIELDS
    ],
)
def test_requester_writes_engine_field(api, pj, state, field, value):
    rid = pj.request(state)
    refused_record_write(
        api, REQUEST, rid, REQUEST_WATCH, {field: value}, login="xm_user"
    )


def test_requester_writes_project_of_request(api, pj):
    """A request pointed at an existing project would claim it."""
    rid = pj.request("to_approve")
    project = api.ref("bizreg_project.demo_project_erp")
    refused_unchanged(
        api,
        _watch(REQUEST, rid, REQUEST_WATCH) + _watch(PROJECT, project, PROJECT_WATCH),
        api.write,
        REQUEST,
        rid,
        {"project_id": project},
        login="xm_user",
    )


REQUEST_ATTACKS = [
    pytest.param("xm_user", "validate_tier", None, id="requester_approves_own_request"),
    pytest.param("xm_user2", "validate_tier", None, id="colleague_approves_request"),
    pytest.param("xs_manager", "validate_tier", None, id="sales_manager_approves"),
    pytest.param("yf_manager", "validate_tier", None, id="rnd_manager_approves"),
    pytest.param("finance", "validate_tier", None, id="finance_approves_small_budget"),
    pytest.param("xm_user", "unlink", None, id="requester_deletes_request_in_review"),
    pytest.param("xm_user", "action_draft", None, id="requester_redrafts_in_review"),
    pytest.param(
        "xm_user", "write", {"goal": "Other goal"}, id="requester_edits_in_review"
    ),
    pytest.param("xm_user2", "action_cancel", None, id="colleague_cancels_request"),
]


@pytest.mark.parametrize("login,method,vals", REQUEST_ATTACKS)
def test_request_attacks_are_refused(api, pj, login, method, vals):
    rid = pj.request("to_approve")
    args = [] if vals is None else [vals]
    refused_method(
        api,
        _watch(REQUEST, rid, REQUEST_WATCH),
        REQUEST,
        method,
        rid,
        *args,
        login=login,
    )
    assert not api.get(REQUEST, rid, "project_id")


def test_manager_cannot_approve_own_request(api, pj):
    """高远 requests a project himself: he is the Project Management
    Manager, but not the approver of his own request."""
    rid = pj.request("to_approve", login="xm_manager")
    refused_method(
        api,
        _watch(REQUEST, rid, REQUEST_WATCH),
        REQUEST,
        "validate_tier",
        rid,
        login="xm_manager",
    )
    assert not api.get(REQUEST, rid, "project_id")


def test_request_bypass_key_is_not_honoured(api, pj):
    rid = pj.request("to_approve")
    for key in ("skip_validation_check", "bizreg_trusted", "tracking_disable"):
        refused_method(
            api,
            _watch(REQUEST, rid, REQUEST_WATCH),
            REQUEST,
            "write",
            rid,
            {"state": "approved"},
            login="xm_user",
            context={key: True},
        )


def test_request_default_keys_are_refused_or_ignored(api, pj):
    project = api.ref("bizreg_project.demo_project_erp")

    def create(context):
        return api.create(REQUEST, pj.request_vals(), login="xm_user", context=context)

    default_key_refused_or_ignored(api, REQUEST, create, "state", "approved")
    default_m2o_refused_or_ignored(api, REQUEST, create, "project_id", project)
    default_key_refused_or_ignored(
        api, REQUEST, create, "bizreg_number", "PJ-FAKE-0002"
    )
    default_key_refused_or_ignored(
        api, REQUEST, create, "validation_status", "validated"
    )
    # the demo project keeps its own request
    assert api.get(PROJECT, project, "bizreg_request_id")[0] == api.ref(
        "bizreg_project.demo_request_erp"
    )


def test_request_validated_without_submission_creates_no_project(api, pj):
    """OCA's public ``request_validation`` on an empty draft skips the
    submission (no budget, no team, no PJ number): it is refused, or the
    approval that follows does not create a project from it."""
    rid = api.create(
        REQUEST,
        pj.request_vals(budget_line_ids=[], member_ids=[]),
        login="xm_user",
    )
    refused_or(lambda: api.call(REQUEST, "request_validation", [rid], login="xm_user"))
    refused_or(lambda: api.review(REQUEST, rid, "xm_manager"))
    row = api.read(REQUEST, rid, ["state", "project_id", "bizreg_number"])[0]
    assert not row["project_id"], (
        f"a request never submitted (state {row['state']}, number "
        f"{row['bizreg_number']!r}, no budget, no team) created project "
        f"{row['project_id']}"
    )


def test_finance_step_above_100000(api, pj):
    """A budget above 100,000 is not approved by the Project Management
    Manager alone; Finance does not approve before him."""
    rid = pj.request("to_approve", amount=150000.0)
    refused_method(
        api,
        _watch(REQUEST, rid, REQUEST_WATCH),
        REQUEST,
        "validate_tier",
        rid,
        login="finance",
    )
    api.review(REQUEST, rid, "xm_manager")
    row = api.read(REQUEST, rid, ["validation_status", "state", "project_id"])[0]
    assert row["validation_status"] != "validated"
    assert row["state"] == "to_approve" and not row["project_id"]
    api.review(REQUEST, rid, "finance")
    assert api.get(REQUEST, rid, "state") == "approved"
    assert api.get(PROJECT, pj.project_of(rid), "bizreg_budget_total") == 150000.0


def test_director_step_above_500000(api, pj):
    rid = pj.request("to_approve", amount=600000.0)
    api.review(REQUEST, rid, "xm_manager")
    api.review(REQUEST, rid, "finance")
    assert api.get(REQUEST, rid, "validation_status") != "validated"
    assert not api.get(REQUEST, rid, "project_id")
    api.review(REQUEST, rid, "director")
    assert api.get(REQUEST, rid, "state") == "approved"


def _not_validated_or_same(api, pj, rid, project, budget):
    """After a change of the approved budget: the request is back in review
    (or the change was refused), and the project keeps its approved budget."""

    def check(_result):
        row = api.read(REQUEST, rid, ["validation_status", "budget_total"])[0]
        if row["budget_total"] != budget:
            assert row["validation_status"] != "validated", (
                "the approved budget changed and the approval stands"
            )
        assert api.get(PROJECT, project, "bizreg_budget_total") == budget

    return check


@pytest.mark.parametrize(
    "route",
    ["line_write", "request_line_command", "request_new_line", "request_drop_line"],
)
def test_budget_raised_after_approval(api, pj, route):
    """The approved budget changes only through a new review, whatever the
    route (the line's own model, the request's line commands)."""
    rid = pj.request("approved")
    project = pj.project_of(rid)
    line = pj.line_of(rid)
    labour = api.ref("bizreg_project.cost_category_labour")
    calls = {
        "line_write": lambda: api.write(
            LINE, line, {"amount": 900000.0}, login="xm_user"
        ),
        "request_line_command": lambda: api.write(
            REQUEST,
            rid,
            {"budget_line_ids": [(1, line, {"amount": 900000.0})]},
            login="xm_user",
        ),
        "request_new_line": lambda: api.write(
            REQUEST,
            rid,
            {
                "budget_line_ids": [
                    (0, 0, {"category_id": labour, "name": "More", "amount": 800000.0})
                ]
            },
            login="xm_user",
        ),
        "request_drop_line": lambda: api.write(
            REQUEST, rid, {"budget_line_ids": [(2, line, 0)]}, login="xm_user"
        ),
    }
    refused_or(calls[route], _not_validated_or_same(api, pj, rid, project, 50000.0))


def test_budget_line_moved_between_requests(api, pj):
    """A line of a draft request moved onto an approved one (or the approved
    one's line moved away) changes what was approved."""
    approved = pj.request("approved")
    draft = pj.request("draft")
    draft_line = pj.line_of(draft)
    approved_line = pj.line_of(approved)
    watch = _watch(REQUEST, [approved, draft], REQUEST_WATCH) + _watch(
        LINE, [draft_line, approved_line], LINE_WATCH
    )
    refused_write(
        api, watch, LINE, draft_line, {"request_id": approved}, login="xm_user"
    )
    refused_write(
        api, watch, LINE, approved_line, {"request_id": draft}, login="xm_user"
    )


def test_team_of_approved_request_changed(api, pj):
    rid = pj.request("approved")
    member = api.get(REQUEST, rid, "member_ids")[0]
    refused_or(
        lambda: api.write(
            MEMBER, member, {"user_id": api.uid("xm_user2")}, login="xm_user"
        ),
        lambda _r: (
            pytest.fail("the approved team changed without a review")
            if api.get(REQUEST, rid, "validation_status") == "validated"
            else None
        ),
    )


def test_other_departments_cannot_read_a_request(api, pj):
    """林涛's request (team: himself) is not read by a colleague outside its
    team nor by other departments, through any route."""
    name = unique("probe secret project")
    rid = pj.request("to_approve", name=name)
    domain = [("id", "=", rid)]
    for login in ("xm_user2", "xs_user", "kf_user", "xs_manager"):
        refused_or(
            lambda login=login: api.call(REQUEST, "read", [rid], ["name"], login=login),
            lambda rows, login=login: pytest.fail(f"{login} reads the request {rows}"),
        )
        none_readable(api, REQUEST, domain, ["name", "budget_total"], login, "it")
        none_readable(
            api, LINE, [("request_id", "=", rid)], ["amount"], login, "its budget"
        )
        refused_or(
            lambda login=login: api.call(
                REQUEST,
                "read_group",
                domain,
                ["budget_total:sum"],
                ["state"],
                login=login,
            ),
            lambda groups, login=login: (
                pytest.fail(f"{login} groups the request: {groups}")
                if any(g.get("state_count") or g.get("__count") for g in groups)
                else None
            ),
        )
        refused_or(
            lambda login=login: api.call(
                REQUEST, "name_search", name=name, login=login
            ),
            lambda found, login=login: (
                pytest.fail(f"{login} finds it: {found}") if found else None
            ),
        )


def test_cancel_voids_the_number(api, pj):
    rid = pj.request("to_approve")
    number = api.get(REQUEST, rid, "bizreg_number")
    assert number and number.startswith("PJ-"), number
    api.call(REQUEST, "action_cancel", [rid], login="xm_user")
    voided = api.search(
        "bizreg.numbering.void",
        [("res_model", "=", REQUEST), ("res_id", "=", rid), ("name", "=", number)],
    )
    assert voided, "the cancelled request's number is recorded as voided"


@pytest.mark.parametrize("login", ["xm_user", "xm_manager"])
def test_approved_request_cannot_be_deleted_or_cancelled(api, pj, login):
    rid = pj.request("approved")
    watch = _watch(REQUEST, rid, REQUEST_WATCH)
    refused_method(api, watch, REQUEST, "unlink", rid, login=login)
    refused_method(api, watch, REQUEST, "action_cancel", rid, login=login)
    refused_method(api, watch, REQUEST, "action_draft", rid, login=login)


# ----------------------------------------------------------------------
# The project an approval created
# ----------------------------------------------------------------------
def _project_fields(api):
    return [
        ("bizreg_request_id", api.ref("bizreg_project.demo_request_erp")),
        ("bizreg_request_id", False),
        ("bizreg_phase", "closed"),
        ("bizreg_phase", False),
        ("bizreg_budget_total", 99999999.0),
        ("bizreg_department_id", api.ref("bizreg_base.hr_department_sale")),
        (
            "bizreg_accepting_department_id",
            api.ref("bizreg_base.hr_department_project"),
        ),
        ("bizreg_plan_id", False),
        ("bizreg_date_closed", "2020-01-01 00:00:00"),
    ]


@pytest.mark.parametrize("login", ["xm_user", "xm_manager"])
def test_created_project_cannot_be_repointed(api, pj, login):
    """Neither its manager nor the Project Management Manager (who may write
    projects) re-points the project to another request, phase, budget or
    department."""
    pid = pj.project("planning")
    for field, value in _project_fields(api):
        refused_record_write(
            api, PROJECT, pid, PROJECT_WATCH, {field: value}, login=login
        )


def test_regulated_project_cannot_be_faked(api):
    """A project created by hand with the regulation's fields (as if a
    request had been approved) is refused or created unregulated."""
    request = api.ref("bizreg_project.demo_request_erp")

    def create(context=None, **vals):
        return api.create(
            PROJECT,
            {"name": unique("probe fake"), **vals},
            login="xm_manager",
            context=context,
        )

    refused(create, bizreg_phase="execution", bizreg_request_id=request)
    refused(create, bizreg_budget_total=1000000.0)
    default_key_refused_or_ignored(api, PROJECT, create, "bizreg_phase", "execution")
    default_m2o_refused_or_ignored(api, PROJECT, create, "bizreg_request_id", request)


def test_regulated_project_cannot_be_deleted(api, pj):
    """The project of an approved request is the record of what was approved:
    even the Project Management Manager (who may delete projects) does not
    delete it."""
    rid = pj.request("approved")
    pid = pj.project_of(rid)
    refused_unchanged(
        api,
        _watch(PROJECT, pid, PROJECT_WATCH) + _watch(REQUEST, rid, REQUEST_WATCH),
        api.call,
        PROJECT,
        "unlink",
        [pid],
        login="xm_manager",
    )


# ----------------------------------------------------------------------
# Plan sets
# ----------------------------------------------------------------------
PLAN_ATTACKS = [
    pytest.param("xm_user", "validate_tier", None, id="manager_of_project_approves"),
    pytest.param("xm_user2", "validate_tier", None, id="colleague_approves_plan"),
    pytest.param("xs_manager", "validate_tier", None, id="accepting_manager_approves"),
    pytest.param("xm_user", "write", {"state": "approved"}, id="user_writes_state"),
    pytest.param("xm_user", "write", {"version": 7}, id="user_writes_version"),
    pytest.param("xm_user", "unlink", None, id="user_deletes_plan_in_review"),
    pytest.param(
        "xm_user", "action_new_version", None, id="new_version_before_approval"
    ),
]


@pytest.mark.parametrize("login,method,vals", PLAN_ATTACKS)
def test_plan_attacks_are_refused(api, pj, login, method, vals):
    pid = pj.project("planning")
    plan = pj.plan(pid, "to_approve")
    args = [] if vals is None else [vals]
    refused_method(
        api,
        _watch(PLAN, plan, PLAN_WATCH) + _watch(PROJECT, pid, PROJECT_WATCH),
        PLAN,
        method,
        plan,
        *args,
        login=login,
    )
    assert api.get(PROJECT, pid, "bizreg_phase") == "planning"


def _approved_plan_routes(api, plan):
    criterion = api.get(PLAN, plan, "quality_criterion_ids")[0]
    line = api.get(PLAN, plan, "communication_ids")[0]
    return {
        "plan_field": (PLAN, plan, {"quality_objective": "Anything goes"}),
        "plan_cadence": (PLAN, plan, {"risk_review_days": 365}),
        "plan_project": (
            PLAN,
            plan,
            {"project_id": api.ref("bizreg_project.demo_project_erp")},
        ),
        "plan_new_criterion": (
            PLAN,
            plan,
            {"quality_criterion_ids": [(0, 0, {"name": "Looser"})]},
        ),
        "plan_drop_criterion": (
            PLAN,
            plan,
            {"quality_criterion_ids": [(2, criterion, 0)]},
        ),
        "criterion_write": (CRITERION, criterion, {"name": "Looser criterion"}),
        "criterion_unlink": (CRITERION, criterion, None),
        "communication_write": (COMMUNICATION, line, {"cadence_days": 300}),
        "communication_unlink": (COMMUNICATION, line, None),
    }


@pytest.mark.parametrize(
    "route",
    [
        "plan_field",
        "plan_cadence",
        "plan_project",
        "plan_new_criterion",
        "plan_drop_criterion",
        "criterion_write",
        "criterion_unlink",
        "communication_write",
        "communication_unlink",
    ],
)
def test_approved_plan_written(api, pj, route):
    """An approved plan set is never edited (a change is a new version), by
    whatever route: the plan, its criteria, its communication lines."""
    pid = pj.project("planning")
    plan = pj.plan(pid, "approved")
    model, rid, vals = _approved_plan_routes(api, plan)[route]
    criteria = api.get(PLAN, plan, "quality_criterion_ids")
    lines = api.get(PLAN, plan, "communication_ids")
    watch = (
        _watch(PLAN, plan, PLAN_WATCH + ("quality_objective", "risk_review_days"))
        + _watch(CRITERION, criteria, ("name", "check_method", "plan_id", "active"))
        + _watch(COMMUNICATION, lines, ("kind", "name", "cadence_days", "plan_id"))
    )
    if vals is None:
        refused_unchanged(api, watch, api.call, model, "unlink", [rid], login="xm_user")
    else:
        refused_write(api, watch, model, rid, vals, login="xm_user")


def test_new_version_is_reviewed_again(api, pj):
    """A new version is a draft reviewed by the Project Management Manager;
    until then the approved version stays in force with its baseline."""
    pid = pj.project("planning")
    v1 = pj.plan(pid, "approved")
    baseline = api.get(PLAN, v1, "baseline_ids")
    assert baseline, "the approval kept the baseline"
    refused(api.call, PLAN, "action_new_version", [v1], login="xm_user2")
    action = api.call(PLAN, "action_new_version", [v1], login="xm_user")
    v2 = action["res_id"]
    row = api.read(PLAN, v2, ["state", "version", "previous_plan_id"])[0]
    assert row["state"] == "draft" and row["version"] == 2
    api.call(PLAN, "action_submit", [v2], login="xm_user")
    refused_method(
        api,
        _watch(PLAN, [v1, v2], PLAN_WATCH),
        PLAN,
        "validate_tier",
        v2,
        login="xm_user",
    )
    assert api.get(PROJECT, pid, "bizreg_plan_id")[0] == v1
    api.review(PLAN, v2, "xm_manager")
    assert api.get(PLAN, v1, "state") == "superseded"
    assert api.get(PROJECT, pid, "bizreg_plan_id")[0] == v2
    # the superseded version keeps its baseline for the comparison
    assert api.get(PLAN, v1, "baseline_ids") == baseline


def test_second_plan_set_without_new_version(api, pj):
    """A project with an approved plan set gets no second, unreviewed set
    created beside it."""
    pid = pj.project("execution")
    refused(pj.plan, pid, "draft")


@pytest.mark.parametrize("login", ["xm_user", "xm_manager"])
def test_baseline_written(api, pj, login):
    """The baseline is written by the approval only: its lines, the
    milestones' baseline dates."""
    pid = pj.project("planning")
    plan = pj.plan(pid, "approved")
    lines = api.get(PLAN, plan, "baseline_ids")
    milestones = api.search(MILESTONE, [("project_id", "=", pid)])
    watch = _watch(BASELINE, lines, ("plan_id", "name", "planned_date", "kind")) + (
        _watch(MILESTONE, milestones, ("bizreg_baseline_date",))
    )
    refused_write(
        api, watch, BASELINE, lines, {"planned_date": _today(300)}, login=login
    )
    refused_write(
        api,
        watch,
        MILESTONE,
        milestones,
        {"bizreg_baseline_date": _today(300)},
        login=login,
    )
    refused_unchanged(
        api,
        watch,
        api.create,
        BASELINE,
        {
            "plan_id": plan,
            "kind": "milestone",
            "name": "Fake",
            "planned_date": _today(),
        },
        login=login,
    )
    refused_unchanged(api, watch, api.call, BASELINE, "unlink", lines, login=login)
    # moving the milestone is monitoring, not a new baseline
    before = api.snapshot(watch)
    refused_or(
        lambda: api.write(MILESTONE, milestones, {"deadline": _today(200)}, login=login)
    )
    assert api.snapshot(watch) == before, "the baseline followed the milestone"
    assert all(
        row["bizreg_baseline_date"] == _today(60)
        for row in api.read(MILESTONE, milestones, ["bizreg_baseline_date"])
    )


def test_plan_default_keys_are_refused_or_ignored(api, pj):
    pid = pj.project("planning")
    api.create(
        MILESTONE,
        {"name": "M", "project_id": pid, "deadline": _today(30)},
        login="xm_user",
    )

    def create(context):
        return api.create(
            PLAN,
            {"name": unique("probe plan"), "project_id": pid},
            login="xm_user",
            context=context,
        )

    def attempt(field, value):
        def check(new_id):
            stored = api.get(PLAN, new_id, field)
            api.call(PLAN, "unlink", [new_id], login="xm_user")
            assert stored != value, f"default_{field} was stored: {stored!r}"

        refused_or(lambda: create({f"default_{field}": value}), check)

    attempt("state", "approved")
    attempt("version", 9)
    attempt("bizreg_number", "PP-FAKE-0001")


def test_plan_validated_without_submission(api, pj):
    """OCA's public ``request_validation`` on an empty draft plan skips the
    submission checks (no schedule, no criterion, no status update, no PP
    number): it is refused, or the approval that follows does not put the
    project into execution on that plan."""
    pid = pj.project("planning")
    plan = api.create(
        PLAN, {"name": unique("probe empty plan"), "project_id": pid}, login="xm_user"
    )
    refused_or(lambda: api.call(PLAN, "request_validation", [plan], login="xm_user"))
    refused_or(lambda: api.review(PLAN, plan, "xm_manager"))
    row = api.read(PLAN, plan, ["state", "bizreg_number"])[0]
    phase = api.get(PROJECT, pid, "bizreg_phase")
    assert row["state"] != "approved" and phase == "planning", (
        f"a plan never submitted (number {row['bizreg_number']!r}, no milestone, "
        f"no criterion) is {row['state']} and the project is in {phase}"
    )


def test_plan_of_unregulated_project(api):
    """Projects no request created are outside the regulation."""
    pid = api.create(PROJECT, {"name": unique("probe free")}, login="xm_manager")
    refused(
        api.create,
        PLAN,
        {"name": unique("probe plan"), "project_id": pid},
        login="xm_manager",
    )


# ----------------------------------------------------------------------
# Risks
# ----------------------------------------------------------------------
def _risk(api, pid, login="xm_user", probability=5, impact=4):
    return api.create(
        RISK,
        {
            "name": unique("probe risk"),
            "project_id": pid,
            "probability": probability,
            "impact": impact,
            "review_date": _today(7),
            "response": "Order early",
        },
        login=login,
    )


@pytest.mark.parametrize(
    "vals",
    [
        pytest.param({"score": 1}, id="score"),
        pytest.param({"level": "low"}, id="level"),
        pytest.param({"state": "closed"}, id="state"),
        pytest.param({"high_escalated_date": "2020-01-01 00:00:00"}, id="escalated"),
        pytest.param({"high_escalation_date": False}, id="escalation_due"),
        pytest.param({"review_reminded_date": "2020-01-01 00:00:00"}, id="reminded"),
        pytest.param({"review_escalation_date": "2099-01-01 00:00:00"}, id="due"),
        pytest.param({"task_ids": [(5, 0, 0)]}, id="tasks"),
    ],
)
def test_risk_engine_fields_refused(api, pj, vals):
    pid = pj.project("execution")
    rid = _risk(api, pid)
    assert api.get(RISK, rid, "level") == "high"
    refused_record_write(api, RISK, rid, RISK_WATCH, vals, login="xm_user")


def test_risk_created_with_engine_fields(api, pj):
    pid = pj.project("execution")
    vals = {
        "name": unique("probe risk"),
        "project_id": pid,
        "probability": 5,
        "impact": 5,
    }
    for extra in ({"score": 1}, {"level": "low"}, {"state": "closed"}):
        refused(api.create, RISK, {**vals, **extra}, login="xm_user")
    for field, value in (("level", "low"), ("state", "closed")):
        default_key_refused_or_ignored(
            api,
            RISK,
            lambda context: api.create(RISK, vals, login="xm_user", context=context),
            field,
            value,
        )


def test_risk_of_another_team(api, pj):
    """何静, outside the team of 林涛's project, neither reads nor steers its
    risks."""
    pid = pj.project("execution")
    rid = _risk(api, pid)
    watch = _watch(RISK, rid, RISK_WATCH)
    refused_method(api, watch, RISK, "action_close", rid, login="xm_user2")
    refused_method(api, watch, RISK, "action_create_task", rid, login="xm_user2")
    refused_method(api, watch, RISK, "write", rid, {"probability": 1}, login="xs_user")


# ----------------------------------------------------------------------
# Expenses
# ----------------------------------------------------------------------
def _expense(api, pid, login="xm_user", amount=3000.0):
    return api.create(
        EXPENSE,
        {
            "name": unique("probe expense"),
            "project_id": pid,
            "category_id": api.ref("bizreg_project.cost_category_travel"),
            "amount": amount,
        },
        login=login,
    )


@pytest.mark.parametrize(
    "vals",
    [
        pytest.param({"amount": 1.0}, id="amount"),
        pytest.param({"category_id": "equipment"}, id="category"),
        pytest.param({"date": "2020-01-01"}, id="date"),
        pytest.param({"project_id": "other"}, id="project"),
        pytest.param({"state": "draft"}, id="state"),
        pytest.param(None, id="unlink"),
    ],
)
def test_posted_expense_changed(api, pj, vals):
    pid = pj.project("execution")
    eid = _expense(api, pid)
    api.call(EXPENSE, "action_post", [eid], login="xm_user")
    assert api.get(EXPENSE, eid, "state") == "posted"
    watch = _watch(EXPENSE, eid, EXPENSE_WATCH)
    if vals is None:
        refused_method(api, watch, EXPENSE, "unlink", eid, login="xm_user")
        refused_method(api, watch, EXPENSE, "unlink", eid, login="xm_manager")
        return
    if vals.get("category_id") == "equipment":
        vals = {"category_id": api.ref("bizreg_project.cost_category_equipment")}
    if vals.get("project_id") == "other":
        vals = {"project_id": pj.project("execution")}
    refused_write(api, watch, EXPENSE, eid, vals, login="xm_user")
    refused_write(api, watch, EXPENSE, eid, vals, login="xm_manager")


def test_expense_posted_by_whom(api, pj):
    """Only the project's manager (or a Project Management Manager) posts;
    nobody creates an expense already posted."""
    pid = pj.project("execution")
    vals = {
        "name": unique("probe expense"),
        "project_id": pid,
        "category_id": api.ref("bizreg_project.cost_category_travel"),
        "amount": 500.0,
    }
    refused(api.create, EXPENSE, {**vals, "state": "posted"}, login="xm_user")
    refused(
        api.create, EXPENSE, {**vals, "posted_by": api.uid("xm_user")}, login="xm_user"
    )
    default_key_refused_or_ignored(
        api,
        EXPENSE,
        lambda context: api.create(EXPENSE, vals, login="xm_user", context=context),
        "state",
        "posted",
    )
    eid = _expense(api, pid)
    refused_method(
        api,
        _watch(EXPENSE, eid, EXPENSE_WATCH),
        EXPENSE,
        "action_post",
        eid,
        login="xm_user2",
    )


def test_expense_on_closed_project(api):
    """A closed project's costs are final: no expense is recorded on it."""
    request = api.ref("bizreg_project.demo_request_barcode")
    pid = api.get(REQUEST, request, "project_id")[0]
    assert api.get(PROJECT, pid, "bizreg_phase") == "closed"
    before = api.search(EXPENSE, [("project_id", "=", pid)])
    refused(_expense, api, pid, "xm_user2")
    assert api.search(EXPENSE, [("project_id", "=", pid)]) == before


# ----------------------------------------------------------------------
# Acceptance
# ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "login", ["xm_user", "xm_user2", "xm_manager", "yf_manager", "xs_user", "director"]
)
def test_acceptance_approved_by_other_than_acceptor(api, pj, login):
    """Only 李娜, manager of the accepting Sales department, accepts."""
    pid = pj.project("execution")
    aid = pj.acceptance(pid, "to_approve")
    assert api.get(ACCEPTANCE, aid, "acceptor_user_id")[0] == api.uid("xs_manager")
    refused_method(
        api,
        _watch(ACCEPTANCE, aid, ACCEPTANCE_WATCH) + _watch(PROJECT, pid, PROJECT_WATCH),
        ACCEPTANCE,
        "validate_tier",
        aid,
        login=login,
    )


@pytest.mark.parametrize(
    "state,vals",
    [
        pytest.param(state, vals, id=f"{name}_of_{state}_acceptance")
        for state in ("draft", "to_approve")
        for name, vals in (
            ("request_count", {"request_count": 0}),
            ("state", {"state": "accepted"}),
            ("acceptor", {"acceptor_user_id": "xm_user2"}),
            ("accepted_by", {"accepted_by_id": "xs_manager"}),
            ("date_accepted", {"date_accepted": "2020-01-01 00:00:00"}),
            ("department", {"accepting_department_id": "project"}),
        )
    ],
)
def test_acceptance_engine_fields_refused(api, pj, state, vals):
    pid = pj.project("execution")
    aid = pj.acceptance(pid, state)
    ((field, value),) = vals.items()
    if field in ("acceptor_user_id", "accepted_by_id"):
        value = api.uid(value)
    if field == "accepting_department_id":
        value = api.ref("bizreg_base.hr_department_project")
    refused_record_write(
        api, ACCEPTANCE, aid, ACCEPTANCE_WATCH, {field: value}, login="xm_user"
    )


def test_acceptance_self_approval(api, pj):
    """高远 manages a project that his own department accepts: he cannot
    request its acceptance from himself, nor accept it."""
    pid = pj.project(
        "execution",
        login="xm_manager",
        approver="director",
        accepting_department_id=api.ref("bizreg_base.hr_department_project"),
    )
    aid = pj.acceptance(pid, "draft", login="xm_manager")
    watch = _watch(ACCEPTANCE, aid, ACCEPTANCE_WATCH) + _watch(
        PROJECT, pid, PROJECT_WATCH
    )
    refused_method(api, watch, ACCEPTANCE, "action_submit", aid, login="xm_manager")
    refused_method(api, watch, ACCEPTANCE, "validate_tier", aid, login="xm_manager")
    refused_method(
        api, watch, ACCEPTANCE, "request_validation", aid, login="xm_manager"
    )


@pytest.mark.parametrize("result", [None, "failed"])
def test_acceptance_requested_without_self_check(api, pj, result):
    pid = pj.project("execution")
    aid = pj.acceptance(pid, "draft", checked=False)
    checks = api.get(ACCEPTANCE, aid, "check_ids")
    assert checks, "a self-check line per acceptance criterion"
    if result:
        api.write(CHECK, checks, {"result": result}, login="xm_user")
    watch = _watch(ACCEPTANCE, aid, ACCEPTANCE_WATCH) + _watch(
        PROJECT, pid, PROJECT_WATCH
    )
    refused_method(api, watch, ACCEPTANCE, "action_submit", aid, login="xm_user")
    # nor through OCA's public entry point, skipping the self-check
    refused_or(
        lambda: api.call(ACCEPTANCE, "request_validation", [aid], login="xm_user")
    )
    refused_or(lambda: api.review(ACCEPTANCE, aid, "xs_manager"))
    assert api.get(ACCEPTANCE, aid, "state") != "accepted", (
        "accepted without a passed self-check"
    )


def test_self_check_changed_after_request(api, pj):
    pid = pj.project("execution")
    aid = pj.acceptance(pid, "to_approve")
    checks = api.get(ACCEPTANCE, aid, "check_ids")
    watch = _watch(CHECK, checks, CHECK_WATCH) + _watch(
        ACCEPTANCE, aid, ACCEPTANCE_WATCH
    )
    refused_write(api, watch, CHECK, checks, {"result": "failed"}, login="xm_user")
    refused_unchanged(api, watch, api.call, CHECK, "unlink", checks, login="xm_user")
    criterion = api.read(CHECK, checks[0], ["criterion_id"])[0]["criterion_id"][0]
    refused_unchanged(
        api,
        watch,
        api.create,
        CHECK,
        {"acceptance_id": aid, "criterion_id": criterion, "result": "passed"},
        login="xm_user",
    )


def test_acceptance_exits(api, pj):
    """A requested acceptance is not deleted; an accepted one is neither
    changed, cancelled nor deleted; the certificate waits for acceptance."""
    pid = pj.project("execution")
    aid = pj.acceptance(pid, "to_approve")
    watch = _watch(ACCEPTANCE, aid, ACCEPTANCE_WATCH)
    refused_method(api, watch, ACCEPTANCE, "unlink", aid, login="xm_user")
    refused_method(
        api, watch, ACCEPTANCE, "action_print_certificate", aid, login="xm_user"
    )
    api.review(ACCEPTANCE, aid, "xs_manager")
    assert api.get(ACCEPTANCE, aid, "state") == "accepted"
    watch = _watch(ACCEPTANCE, aid, ACCEPTANCE_WATCH + ("summary",))
    refused_method(
        api, watch, ACCEPTANCE, "write", aid, {"summary": "x"}, login="xm_user"
    )
    refused_method(api, watch, ACCEPTANCE, "action_cancel", aid, login="xm_user")
    refused_method(api, watch, ACCEPTANCE, "unlink", aid, login="xm_manager")


def test_acceptance_of_project_in_planning(api, pj):
    pid = pj.project("planning")
    refused(
        api.create,
        ACCEPTANCE,
        {"project_id": pid, "summary": "Too early"},
        login="xm_user",
    )
    assert api.get(PROJECT, pid, "bizreg_phase") == "planning"


# ----------------------------------------------------------------------
# Lessons learned, evaluation, closing
# ----------------------------------------------------------------------
@pytest.mark.parametrize("login", ["xm_user", "xm_manager"])
def test_project_close_with_issues(api, pj, login):
    """Closing a project whose acceptance, lessons learned or evaluation is
    missing is refused."""
    pid = pj.project("accepted")
    watch = _watch(PROJECT, pid, PROJECT_WATCH)
    refused_method(api, watch, PROJECT, "action_bizreg_close", pid, login=login)
    api.create(
        LESSON,
        {"name": unique("probe lesson"), "project_id": pid, "went_well": "Team"},
        login="xm_user",
    )
    refused_method(api, watch, PROJECT, "action_bizreg_close", pid, login=login)
    assert api.get(PROJECT, pid, "bizreg_phase") == "acceptance"


def test_project_closed_by_an_outsider_or_with_draft_costs(api, pj):
    pid = pj.project("accepted")
    api.create(
        LESSON,
        {"name": unique("probe lesson"), "project_id": pid, "went_well": "Team"},
        login="xm_user",
    )
    api.create(EVALUATION, {"project_id": pid}, login="xm_manager")
    watch = _watch(PROJECT, pid, PROJECT_WATCH)
    for login in ("xm_user2", "xs_manager", "xs_user"):
        refused_method(api, watch, PROJECT, "action_bizreg_close", pid, login=login)
    eid = _expense(api, pid)
    refused_method(api, watch, PROJECT, "action_bizreg_close", pid, login="xm_user")
    api.call(EXPENSE, "action_post", [eid], login="xm_user")
    api.call(PROJECT, "action_bizreg_close", [pid], login="xm_user")
    assert api.get(PROJECT, pid, "bizreg_phase") == "closed"


def test_evaluation_guards(api, pj):
    """The evaluation is the Project Management Manager's, of a project he
    does not manage; its overall score is computed."""
    pid = pj.project("accepted")
    refused(api.create, EVALUATION, {"project_id": pid}, login="xm_user")
    refused(
        api.create,
        EVALUATION,
        {"project_id": pid, "cost_score": 9},
        login="xm_manager",
    )
    refused(
        api.create,
        EVALUATION,
        {"project_id": pid, "overall_score": 5.0},
        login="xm_manager",
    )
    refused(
        api.create,
        EVALUATION,
        {"project_id": pid, "user_id": api.uid("xm_user")},
        login="xm_manager",
    )
    own = pj.project("accepted", login="xm_manager", approver="director")
    refused(api.create, EVALUATION, {"project_id": own}, login="xm_manager")
    # nor under another Project Management Manager's name
    refused(
        api.create,
        EVALUATION,
        {"project_id": own, "user_id": api.uid("director")},
        login="xm_manager",
    )
    evid = api.create(EVALUATION, {"project_id": pid}, login="xm_manager")
    refused_record_write(
        api,
        EVALUATION,
        evid,
        ("overall_score", "cost_score"),
        {"overall_score": 5.0},
        login="xm_manager",
    )
    refused_record_write(
        api,
        EVALUATION,
        evid,
        ("overall_score", "cost_score"),
        {"cost_score": 5},
        login="xm_user",
    )


def test_closed_project_records_are_final(api):
    """The demo warehouse barcode project is closed: its lessons learned and
    evaluation no longer change, and it does not reopen."""
    request = api.ref("bizreg_project.demo_request_barcode")
    pid = api.get(REQUEST, request, "project_id")[0]
    assert api.get(PROJECT, pid, "bizreg_phase") == "closed"
    lessons = api.search(LESSON, [("project_id", "=", pid)])
    evaluations = api.search(EVALUATION, [("project_id", "=", pid)])
    assert lessons and evaluations
    refused_record_write(
        api,
        LESSON,
        lessons,
        ("went_well", "went_wrong"),
        {"went_wrong": "Nothing"},
        login="xm_user2",
    )
    refused_unchanged(
        api,
        _watch(LESSON, lessons, ("name",)),
        api.call,
        LESSON,
        "unlink",
        lessons,
        login="xm_user2",
    )
    refused(
        api.create,
        LESSON,
        {"name": unique("probe late lesson"), "project_id": pid},
        login="xm_user2",
    )
    refused_record_write(
        api,
        EVALUATION,
        evaluations,
        ("schedule_score",),
        {"schedule_score": 5},
        login="xm_manager",
    )
    refused_record_write(
        api,
        PROJECT,
        pid,
        PROJECT_WATCH,
        {"bizreg_phase": "execution"},
        login="xm_manager",
    )
