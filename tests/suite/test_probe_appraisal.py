"""Adversarial probes: the staff appraisal (cycles, appraisals, KPI lines,
evaluations, honours).

Scores, grades and bonuses are computed by the cycle; a manager never writes
his own appraisal; only HR moves a cycle and requests its validation; an
evaluation is written by its evaluator only, and not after submission.
"""

import pytest
from probes import (
    APPRAISAL_WATCH,
    CYCLE_WATCH,
    Api,
    Appraisal,
    cases,
    refused,
    refused_method,
    refused_or,
    refused_record_write,
    refused_unchanged,
    unique,
)


@pytest.fixture(scope="module")
def calibration(probe_client):
    """One Sales cycle in calibration, shared by the field probes of this
    module (each re-reads what it attacks before and after)."""
    api = Api(probe_client)
    cid = Appraisal(api).cycle("calibration")
    return cid


def _appraisal_watch(api, ids):
    return [("bizreg.appraisal", ids, APPRAISAL_WATCH)]


def _appraisal_write_refused(api, aid, vals, login):
    refused_record_write(
        api, "bizreg.appraisal", aid, APPRAISAL_WATCH, vals, login=login
    )


def _cycle_call_refused(api, cid, method, *args, login):
    refused_method(
        api,
        [("bizreg.appraisal.cycle", cid, CYCLE_WATCH)],
        "bizreg.appraisal.cycle",
        method,
        cid,
        *args,
        login=login,
    )


def _value(api, field, value):
    if field == "grade_id":
        return api.search("bizreg.appraisal.grade", [("code", "=", "excellent")])[0]
    if field == "peer_employee_ids":
        return [(4, api.employee("xs_user2"))]
    return value


OWN_APPRAISAL_WRITES = [
    ("final_score", 99.0),
    ("kpi_score", 99.0),
    ("evaluation_score", 99.0),
    ("grade_id", None),
    ("grade_code", "excellent"),
    ("bonus_coefficient", 3.0),
    ("bonus_amount", 999999.0),
    ("deduction_amount", 0.0),
    ("bonus_base", 999999.0),
    ("below_standard", False),
    ("promotion_priority", True),
    ("forced_down", False),
    ("rollup_score", 99.0),
    ("calibration_note", "I deserve the best grade"),
    ("state", "approved"),
]


@pytest.mark.parametrize(
    "field,value",
    cases(OWN_APPRAISAL_WRITES, "sales_manager_writes_own_appraisal_{0}"),
)
def test_manager_cannot_write_own_appraisal(api, appraisal, calibration, field, value):
    aid = appraisal.appraisal_of(calibration, "xs_manager")
    _appraisal_write_refused(
        api, aid, {field: _value(api, field, value)}, login="xs_manager"
    )


REPORT_COMPUTED = [
    ("final_score", 100.0),
    ("kpi_score", 100.0),
    ("bonus_amount", 999999.0),
    ("grade_code", "excellent"),
    ("evaluation_score", 100.0),
]


@pytest.mark.parametrize(
    "field,value",
    cases(REPORT_COMPUTED, "sales_manager_writes_subordinates_computed_{0}"),
)
def test_manager_cannot_write_computed_result_of_subordinate(
    api, appraisal, calibration, field, value
):
    aid = appraisal.appraisal_of(calibration, "xs_user")
    _appraisal_write_refused(api, aid, {field: value}, login="xs_manager")


def test_manager_cannot_write_own_kpi_actual_value(api, appraisal, calibration):
    aid = appraisal.appraisal_of(calibration, "xs_manager")
    lines = api.get("bizreg.appraisal", aid, "line_ids")
    watch = [
        ("bizreg.appraisal.line", lines, ("actual_value", "score", "weighted_score"))
    ]
    refused_unchanged(
        api,
        [*watch, *_appraisal_watch(api, [aid])],
        api.write,
        "bizreg.appraisal.line",
        lines[:1],
        {"actual_value": 10**9},
        login="xs_manager",
    )


@pytest.mark.parametrize(
    "field,value",
    [
        pytest.param("score", 100.0, id="sales_manager_writes_kpi_line_score"),
        pytest.param(
            "weighted_score", 100.0, id="sales_manager_writes_kpi_line_weighted_score"
        ),
        pytest.param("weight", 100.0, id="sales_manager_writes_kpi_line_weight"),
        pytest.param("target", 0.01, id="sales_manager_writes_kpi_line_target"),
    ],
)
def test_manager_cannot_write_kpi_line_engine_fields(
    api, appraisal, calibration, field, value
):
    aid = appraisal.appraisal_of(calibration, "xs_user")
    lines = api.get("bizreg.appraisal", aid, "line_ids")
    refused_unchanged(
        api,
        [
            (
                "bizreg.appraisal.line",
                lines,
                ("score", "weighted_score", "weight", "target"),
            )
        ],
        api.write,
        "bizreg.appraisal.line",
        lines[:1],
        {field: value},
        login="xs_manager",
    )


def test_salesperson_cannot_write_own_appraisal(api, appraisal, calibration):
    aid = appraisal.appraisal_of(calibration, "xs_user")
    _appraisal_write_refused(api, aid, {"bonus_base": 999999.0}, login="xs_user")


def _read_refused(api, aid, login):
    refused(api.call, "bizreg.appraisal", "read", [aid], ["final_score"], login=login)


def test_service_manager_cannot_read_sales_appraisals(api, appraisal, calibration):
    _read_refused(api, appraisal.appraisal_of(calibration, "xs_user"), "kf_manager")


def test_employee_cannot_read_unpublished_own_appraisal(api, appraisal, calibration):
    _read_refused(api, appraisal.appraisal_of(calibration, "xs_user"), "xs_user")


# ----------------------------------------------------------------------
# The cycle: state, validation request, approval
# ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "login",
    [
        pytest.param("xs_user", id="salesperson_requests_validation_of_cycle"),
        pytest.param("xs_manager", id="sales_manager_requests_validation_of_cycle"),
        pytest.param("director", id="director_requests_validation_of_cycle"),
    ],
)
def test_only_hr_requests_validation_of_cycle(api, appraisal, login):
    cid = appraisal.cycle("calibration", with_evaluations=False)
    _cycle_call_refused(api, cid, "request_validation", login=login)


CYCLE_ATTACKS = [
    pytest.param("director", "write_state", id="director_writes_cycle_state_approved"),
    pytest.param(
        "director", "action_approve", id="director_approves_cycle_before_review"
    ),
    pytest.param(
        "director", "action_publish", id="director_publishes_cycle_in_calibration"
    ),
    pytest.param(
        "director", "quota", id="director_raises_excellent_quota_in_calibration"
    ),
    pytest.param("director", "no_forced", id="director_disables_forced_distribution"),
    pytest.param("xs_manager", "action_recompute", id="sales_manager_recomputes_cycle"),
    pytest.param("xs_manager", "action_cancel", id="sales_manager_cancels_cycle"),
    pytest.param("director", "unlink", id="director_deletes_cycle_in_calibration"),
]


@pytest.mark.parametrize("login,attack", CYCLE_ATTACKS)
def test_cycle_attacks_are_refused(api, appraisal, login, attack):
    cid = appraisal.cycle("calibration", with_evaluations=False)
    call = {
        "write_state": ("write", {"state": "approved"}),
        "quota": ("write", {"excellent_quota": 100.0}),
        "no_forced": ("write", {"forced_distribution": False}),
    }.get(attack, (attack, None))
    args = [] if call[1] is None else [call[1]]
    _cycle_call_refused(api, cid, call[0], *args, login=login)


def test_director_cannot_approve_both_steps_of_cycle(api, appraisal):
    """The HR step is HR's: the Director approving twice does not pass it."""
    cid = appraisal.cycle("calibration", with_evaluations=False)
    api.call("bizreg.appraisal.cycle", "request_validation", [cid])
    for _twice in range(2):
        refused_or(lambda: api.review("bizreg.appraisal.cycle", cid, "director"))
    assert api.get("bizreg.appraisal.cycle", cid, "validation_status") != "validated"
    assert api.get("bizreg.appraisal.cycle", cid, "state") == "calibration"


def test_cycle_default_state_on_create_is_refused_or_ignored(api):
    def check(cid):
        assert api.get("bizreg.appraisal.cycle", cid, "state") == "draft"

    refused_or(
        lambda: api.create(
            "bizreg.appraisal.cycle",
            {
                "cycle_type": "annual",
                "year": 9999,
                "period": 0,
                "department_ids": [(6, 0, [])],
            },
            context={"default_state": "published", "default_bizreg_number": "AP-FAKE"},
            login="director",
        ),
        check,
    )


def test_forced_distribution_holds_when_grades_are_adjusted(api, appraisal):
    """Calibration may adjust grades, but not beyond the excellent quota; the
    approval re-checks it."""
    cid = appraisal.cycle(
        "calibration",
        with_evaluations=False,
        rules={"forced_distribution": True, "excellent_quota": 25.0},
    )
    appraisals = api.get("bizreg.appraisal.cycle", cid, "appraisal_ids")
    top = api.search("bizreg.appraisal.grade", [("code", "=", "excellent")])[0]

    def over_quota(_result):
        graded = api.read("bizreg.appraisal", appraisals, ["grade_id"])
        excellent = [a for a in graded if a["grade_id"] and a["grade_id"][0] == top]
        assert len(excellent) * 100 <= 25 * len(appraisals) or len(appraisals) < 2, (
            f"{len(excellent)} of {len(appraisals)} excellent with a 25% quota"
        )

    refused_or(
        lambda: api.write(
            "bizreg.appraisal", appraisals, {"grade_id": top}, login="director"
        ),
        over_quota,
    )


# ----------------------------------------------------------------------
# Evaluations
# ----------------------------------------------------------------------
EVALUATION_WATCH = ("state", "score", "submitted_date", "evaluator_user_id", "line_ids")


@pytest.fixture(scope="module")
def evaluating(probe_client):
    api = Api(probe_client)
    return Appraisal(api).cycle("evaluation")


EVALUATION_ATTACKS = [
    pytest.param(
        "xs_manager",
        "xs_user",
        "manager",
        {"score": 100.0},
        id="manager_writes_evaluation_score",
    ),
    pytest.param(
        "xs_manager",
        "xs_user",
        "manager",
        {"state": "submitted"},
        id="manager_writes_evaluation_state",
    ),
    pytest.param(
        "xs_manager",
        "xs_user",
        "manager",
        {"submitted_date": "2000-01-01 00:00:00"},
        id="manager_writes_evaluation_submitted_date",
    ),
    pytest.param(
        "xs_user",
        "xs_user",
        "manager",
        {"strengths": "I am great"},
        id="employee_writes_managers_evaluation_of_himself",
    ),
    pytest.param(
        "xs_user",
        "xs_user",
        "self",
        {"evaluator_user_id": "xs_user2"},
        id="employee_reassigns_own_self_evaluation",
    ),
    pytest.param(
        "xs_user",
        "xs_user",
        "self",
        {"deadline": "2099-01-01 00:00:00"},
        id="employee_extends_own_evaluation_deadline",
    ),
]


@pytest.mark.parametrize("login,employee,kind,vals", EVALUATION_ATTACKS)
def test_evaluation_attacks_are_refused(
    api, appraisal, evaluating, login, employee, kind, vals
):
    evaluator = "xs_manager" if kind == "manager" else employee
    eid = appraisal.evaluation(evaluating, employee, evaluator, kind)
    vals = {k: api.uid(v) if k == "evaluator_user_id" else v for k, v in vals.items()}
    refused_record_write(
        api, "bizreg.appraisal.evaluation", eid, EVALUATION_WATCH, vals, login=login
    )


def test_evaluation_cannot_change_after_submission(api, appraisal):
    cid = appraisal.cycle("self_assessment")
    eid = appraisal.evaluation(cid, "xs_user", "xs_user", "self")
    lines = api.get("bizreg.appraisal.evaluation", eid, "line_ids")
    api.write(
        "bizreg.appraisal.evaluation",
        eid,
        {"line_ids": [(1, lid, {"score": 3}) for lid in lines], "comment": unique()},
        login="xs_user",
    )
    api.call("bizreg.appraisal.evaluation", "action_submit", [eid], login="xs_user")
    refused_unchanged(
        api,
        [
            ("bizreg.appraisal.evaluation", eid, EVALUATION_WATCH),
            ("bizreg.appraisal.evaluation.line", lines, ("score",)),
        ],
        api.write,
        "bizreg.appraisal.evaluation.line",
        lines,
        {"score": 5},
        login="xs_user",
    )


def test_employee_cannot_add_himself_as_peer_of_colleague(api, appraisal, evaluating):
    aid = appraisal.appraisal_of(evaluating, "xs_user2")
    me = {"employee_id": api.employee("xs_user"), "selected": True}
    refused_unchanged(
        api,
        _appraisal_watch(api, [aid]),
        api.wizard,
        "bizreg.appraisal.peer.suggest",
        {"appraisal_id": aid, "line_ids": [(0, 0, me)]},
        "action_apply",
        login="xs_user",
    )


# ----------------------------------------------------------------------
# Honours
# ----------------------------------------------------------------------
HONOUR_WATCH = (
    "state",
    "validation_status",
    "review_ids",
    "award_date",
    "employee_id",
    "name",
)


def _honour(api):
    return api.create(
        "bizreg.appraisal.honour",
        {"employee_id": api.employee("xs_user"), "reason": unique("excellent work")},
    )


HONOUR_ATTACKS = [
    pytest.param(
        "director",
        "write",
        {"state": "awarded"},
        id="director_writes_honour_state_awarded",
    ),
    pytest.param(
        "director", "action_award", None, id="director_awards_honour_before_review"
    ),
    pytest.param(
        "director",
        "write",
        {"award_date": "2000-01-01"},
        id="director_writes_honour_award_date",
    ),
    pytest.param(
        "xs_user", "write", {"state": "awarded"}, id="employee_writes_own_honour_state"
    ),
    pytest.param("director", "unlink", None, id="director_deletes_honour_under_review"),
]


@pytest.mark.parametrize("login,method,vals", HONOUR_ATTACKS)
def test_honour_attacks_are_refused(api, login, method, vals):
    hid = _honour(api)
    api.call("bizreg.appraisal.honour", "request_validation", [hid])
    args = [] if vals is None else [vals]
    refused_method(
        api,
        [("bizreg.appraisal.honour", hid, HONOUR_WATCH)],
        "bizreg.appraisal.honour",
        method,
        hid,
        *args,
        login=login,
    )


def test_employee_cannot_propose_honour_for_himself(api):
    refused(
        api.create,
        "bizreg.appraisal.honour",
        {"employee_id": api.employee("xs_user"), "reason": unique()},
        login="xs_user",
    )


def test_honour_default_state_awarded_is_refused_or_ignored(api):
    def check(hid):
        assert api.get("bizreg.appraisal.honour", hid, "state") == "proposed"

    refused_or(
        lambda: api.create(
            "bizreg.appraisal.honour",
            {"employee_id": api.employee("xs_user2"), "reason": unique()},
            context={
                "default_state": "awarded",
                "default_validation_status": "validated",
            },
        ),
        check,
    )
