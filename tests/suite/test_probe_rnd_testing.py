"""Adversarial probes: R&D testing (test runs and their results, waivers,
defects and their deadlines).

The results of a done test run are locked; a waived result counts only
once an R&D Manager other than its tester approves the waiver; a defect
moves new → confirmed (R&D Manager) → fixing → fixed (its assignee) →
verified → closed (an R&D member other than the fixer), reopened with a
reason; its state, deadline, escalation stamps and "found after release"
are the application's.  Each attack runs as a demo role over JSON-RPC and
is re-read as admin (or the Auditor) afterwards.

Demo roles: 赵磊 ``yf_user`` (developer), 孙琪 ``yf_user2`` (test
engineer), 徐明 ``yf_manager`` (R&D Manager), ``director``; ``kf_user``
and ``xs_user`` (other departments, no R&D group).
"""

import pytest
from probes import (
    default_key_refused_or_ignored,
    none_readable,
    refused,
    refused_method,
    refused_or,
    refused_record_write,
    refused_unchanged,
    unique,
)

RUN = "bizreg.rnd.test.run"
RESULT = "bizreg.rnd.test.result"
CASE = "bizreg.rnd.test.case"
DEFECT = "bizreg.rnd.defect"

RUN_WATCH = ("state", "result_ids", "release_id", "user_id")
RESULT_WATCH = (
    "result",
    "notes",
    "case_id",
    "release_id",
    "run_id",
    "tester_id",
    "executed_on",
    "waiver_reason",
    "waiver_state",
    "waiver_user_id",
)
DEFECT_WATCH = (
    "state",
    "user_id",
    "severity",
    "reporter_id",
    "date_reported",
    "date_deadline",
    "escalation_l1_date",
    "found_after_release",
    "fixer_id",
    "verifier_id",
    "reopen_count",
    "department_id",
)


def _watch(model, ids, fields):
    return [(model, [ids] if isinstance(ids, int) else list(ids), fields)]


class RndTestRecords:
    """Fresh testing records on the demo release V2.0: a test case of the
    self-test requirement, runs of 孙琪, defects assigned to 赵磊."""

    def __init__(self, api):
        self.api = api

    def case(self, login="yf_user2"):
        api = self.api
        return api.create(
            CASE,
            {
                "name": unique("probe case"),
                "requirement_id": api.ref("bizreg_rnd.requirement_demo_selftest"),
                "steps": "Power on",
                "expected_result": "E01",
            },
            login=login,
        )

    def run(self, login="yf_user2"):
        api = self.api
        rid = api.create(
            RUN,
            {
                "name": unique("probe run"),
                "release_id": api.ref("bizreg_rnd.release_demo_v2"),
            },
            login=login,
        )
        api.call(RUN, "action_start", [rid], login=login)
        return rid

    def result(self, run, result="passed", login="yf_user2", **vals):
        return self.api.create(
            RESULT,
            {"run_id": run, "case_id": self.case(login), "result": result, **vals},
            login=login,
        )

    def done_run(self):
        run = self.run()
        line = self.result(run, "failed", notes="E03 disappears")
        self.api.call(RUN, "action_done", [run], login="yf_user2")
        return run, line

    def defect(self, login="yf_user2", assignee="yf_user", **vals):
        api = self.api
        return api.create(
            DEFECT,
            {
                "name": unique("probe defect"),
                "severity": "critical",
                "found_in_release_id": api.ref("bizreg_rnd.release_demo_v2"),
                "user_id": api.uid(assignee),
                **vals,
            },
            login=login,
        )

    def fixed_defect(self):
        api = self.api
        did = self.defect(fixed_in_release_id=api.ref("bizreg_rnd.release_demo_v2"))
        api.call(DEFECT, "action_confirm", [did], login="yf_manager")
        api.call(DEFECT, "action_start_fixing", [did], login="yf_user")
        api.call(DEFECT, "action_fixed", [did], login="yf_user")
        assert api.get(DEFECT, did, "state") == "fixed"
        return did


@pytest.fixture
def rt(api):
    return RndTestRecords(api)


# ----------------------------------------------------------------------
# Defects
# ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "field,value",
    [
        ("state", "closed"),
        ("found_after_release", True),
        ("date_deadline", "2099-01-01 00:00:00"),
        ("date_reported", "2099-01-01 00:00:00"),
        ("reopen_count", 0),
        ("escalation_l1_date", "2026-01-01 00:00:00"),
        ("department_id", None),
    ],
)
def test_developer_writes_defect_engine_field(api, rt, field, value):
    did = rt.defect()
    if field == "department_id":
        value = api.ref("bizreg_base.hr_department_sale")
    refused_record_write(
        api, DEFECT, did, DEFECT_WATCH, {field: value}, login="yf_user"
    )


def test_developer_closes_own_fix(api, rt):
    """赵磊 fixed the defect: he neither verifies nor closes it."""
    did = rt.fixed_defect()
    for method in ("action_verify", "action_close"):
        refused_method(
            api, _watch(DEFECT, did, DEFECT_WATCH), DEFECT, method, did, login="yf_user"
        )
    api.call(DEFECT, "action_verify", [did], login="yf_user2")
    refused_method(
        api,
        _watch(DEFECT, did, DEFECT_WATCH),
        DEFECT,
        "action_close",
        did,
        login="yf_user",
    )


@pytest.mark.parametrize(
    "login,method",
    [
        ("yf_user", "action_confirm"),
        ("yf_user2", "action_confirm"),
        ("yf_user2", "action_start_fixing"),
        ("kf_user", "action_confirm"),
    ],
)
def test_defect_steps_by_the_wrong_person(api, rt, login, method):
    did = rt.defect()
    if method == "action_start_fixing":
        api.call(DEFECT, "action_confirm", [did], login="yf_manager")
    refused_method(
        api, _watch(DEFECT, did, DEFECT_WATCH), DEFECT, method, did, login=login
    )


def test_developer_reassigns_defect(api, rt):
    did = rt.defect()
    refused_record_write(
        api,
        DEFECT,
        did,
        DEFECT_WATCH,
        {"user_id": api.uid("yf_user2")},
        login="yf_user",
    )


@pytest.mark.parametrize(
    "method,args",
    [
        ("_rnd_reopen", ["reopened by RPC"]),
        ("_bizreg_engine_write", [{"state": "closed"}]),
        ("_cron_rnd_defect_deadlines", []),
        ("_escalate_level3", []),
    ],
)
def test_private_defect_methods_over_rpc(api, rt, method, args):
    did = rt.fixed_defect()
    refused_method(
        api,
        _watch(DEFECT, did, DEFECT_WATCH),
        DEFECT,
        method,
        did,
        *args,
        login="yf_user2",
    )


@pytest.mark.parametrize(
    "key", ["bizreg_trusted", "tracking_disable", "install_mode", "engine"]
)
def test_defect_bypass_keys_are_not_honoured(api, rt, key):
    did = rt.defect()
    refused_unchanged(
        api,
        _watch(DEFECT, did, DEFECT_WATCH),
        api.write,
        DEFECT,
        did,
        {"state": "closed", "reopen_count": 0},
        login="yf_user",
        context={key: True},
    )


@pytest.mark.parametrize(
    "field,value",
    [
        ("state", "closed"),
        ("found_after_release", True),
        ("reopen_count", 7),
        ("date_deadline", "2099-01-01 00:00:00"),
        ("escalation_l3_date", "2026-01-01 00:00:00"),
    ],
)
def test_defect_default_keys_are_refused_or_ignored(api, rt, field, value):
    def create(context):
        return api.create(
            DEFECT,
            {
                "name": unique("probe defect"),
                "severity": "minor",
                "user_id": api.uid("yf_user"),
            },
            login="yf_user2",
            context=context,
        )

    default_key_refused_or_ignored(api, DEFECT, create, field, value)


def test_defect_default_fixer_is_refused_or_ignored(api):
    """A defect cannot be born "fixed by" someone (who then could not be
    refused the verification of somebody else's fix)."""
    fixer = api.uid("yf_user2")

    def check(rid):
        stored = api.get(DEFECT, rid, "fixer_id")
        assert not stored, f"default_fixer_id was stored: {stored}"

    refused_or(
        lambda: api.create(
            DEFECT,
            {"name": unique("probe defect"), "user_id": api.uid("yf_user")},
            login="yf_user2",
            context={"default_fixer_id": fixer},
        ),
        check,
    )


def test_other_departments_cannot_read_defects(api, rt):
    """A defect of another department (assigned to the Project Management
    Manager) is not read by R&D staff; the R&D department's defects are
    not read by staff of other areas."""
    other = rt.defect(login="director", assignee="xm_manager")
    ours = rt.defect()
    none_readable(
        api,
        DEFECT,
        [("id", "=", other)],
        ["name"],
        "yf_user",
        "another department's defect",
    )
    none_readable(
        api,
        DEFECT,
        [("id", "=", other)],
        ["name"],
        "yf_manager",
        "another department's defect",
    )
    for login in ("kf_user", "xs_user"):
        none_readable(api, DEFECT, [("id", "=", ours)], ["name"], login, "R&D defects")
    refused(api.call, DEFECT, "read", [other], ["name"], login="yf_user")


# ----------------------------------------------------------------------
# Test runs, results and waivers
# ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "login,vals",
    [
        ("yf_user2", {"result": "passed"}),
        ("yf_user2", {"notes": "edited after the run"}),
        ("yf_manager", {"result": "waived", "waiver_reason": "later"}),
        ("yf_user", {"run_id": False}),
    ],
)
def test_results_of_a_done_run_are_locked(api, rt, login, vals):
    run, line = rt.done_run()
    watch = _watch(RESULT, line, RESULT_WATCH) + _watch(RUN, run, RUN_WATCH)
    refused_unchanged(api, watch, api.write, RESULT, line, vals, login=login)


def test_done_run_gets_no_new_result_nor_loses_one(api, rt):
    run, line = rt.done_run()
    watch = _watch(RESULT, line, RESULT_WATCH) + _watch(RUN, run, RUN_WATCH)
    refused_unchanged(
        api,
        watch,
        api.create,
        RESULT,
        {"run_id": run, "case_id": rt.case(), "result": "passed"},
        login="yf_user2",
    )
    refused_unchanged(api, watch, api.call, RESULT, "unlink", [line], login="yf_user2")
    refused_unchanged(
        api, watch, api.write, RUN, run, {"state": "in_progress"}, login="yf_user2"
    )
    # another run's line is not moved into the done run
    other = rt.result(rt.run(), "passed")
    refused_unchanged(
        api,
        watch + _watch(RESULT, other, RESULT_WATCH),
        api.write,
        RESULT,
        other,
        {"run_id": run},
        login="yf_user2",
    )


def test_manager_approves_own_waiver(api, rt):
    """徐明 records a waived result himself: another R&D Manager decides."""
    line = rt.result(
        rt.run("yf_manager"), "waived", login="yf_manager", waiver_reason="x"
    )
    refused_method(
        api,
        _watch(RESULT, line, RESULT_WATCH),
        RESULT,
        "action_approve_waiver",
        line,
        login="yf_manager",
    )
    assert api.get(RESULT, line, "waiver_state") == "requested"


@pytest.mark.parametrize("login", ["yf_user", "yf_user2"])
def test_staff_approve_waiver(api, rt, login):
    line = rt.result(rt.run(), "waived", waiver_reason="bench not ready")
    refused_method(
        api,
        _watch(RESULT, line, RESULT_WATCH),
        RESULT,
        "action_approve_waiver",
        line,
        login=login,
    )


@pytest.mark.parametrize(
    "field,value",
    [
        ("waiver_state", "approved"),
        ("tester_id", None),
        ("executed_on", "2020-01-01 00:00:00"),
        ("waiver_user_id", None),
    ],
)
def test_tester_writes_result_engine_field(api, rt, field, value):
    line = rt.result(rt.run(), "waived", waiver_reason="bench not ready")
    if value is None:
        value = api.uid("yf_manager")
    refused_record_write(
        api, RESULT, line, RESULT_WATCH, {field: value}, login="yf_user2"
    )


@pytest.mark.parametrize(
    "field,value",
    [("waiver_state", "approved"), ("executed_on", "2020-01-01 00:00:00")],
)
def test_result_default_keys_are_refused_or_ignored(api, rt, field, value):
    run = rt.run()

    def create(context):
        return api.create(
            RESULT,
            {
                "run_id": run,
                "case_id": rt.case(),
                "result": "waived",
                "waiver_reason": "r",
            },
            login="yf_user2",
            context=context,
        )

    default_key_refused_or_ignored(api, RESULT, create, field, value)
