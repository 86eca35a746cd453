"""Adversarial probes: product requirements (PRD), design reviews and the
design gate of development tasks (bizreg_rnd).

A requirement is numbered at submission, approved by the R&D Manager and
sent back to review when its terms (lines, scope, priority, planned release)
change; the release delivers it.  A design review of a release is
countersigned by the R&D Manager and one reviewer of the R&D group, and the
release's development tasks stay in their first stage until it is approved.
Each attack runs as a demo role over JSON-RPC and is re-read as admin.

Demo roles: 赵磊 ``yf_user`` (developer), 孙琪 ``yf_user2`` (test engineer),
徐明 ``yf_manager`` (R&D Manager), 刘洋 ``kf_user`` (customer service),
张伟 ``xs_user`` (sales).
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
    refused_write,
    unique,
)

REQUIREMENT = "bizreg.rnd.requirement"
LINE = "bizreg.rnd.requirement.line"
RELEASE = "bizreg.rnd.release"
REVIEW = "bizreg.rnd.design.review"
DOCUMENT = "bizreg.rnd.design.document"
TASK = "project.task"
STAGE = "project.task.type"

WATCH = (
    "state",
    "validation_status",
    "bizreg_number",
    "score",
    "delivered_release_id",
    "planned_release_id",
    "bizreg_approved_digest",
    "line_ids",
    "review_ids",
)
REVIEW_WATCH = ("state", "validation_status", "bizreg_number", "review_ids")
TASK_WATCH = ("stage_id", "bizreg_rnd_release_id", "project_id")


class Rnd:
    """Fresh R&D records of 赵磊 (yf_user), approved by 徐明 (yf_manager)."""

    def __init__(self, api):
        self.api = api
        self._project = None
        self._stages = None

    def requirement(self, state="draft", login="yf_user", **vals):
        api = self.api
        rid = api.create(
            REQUIREMENT,
            {
                "name": unique("probe requirement"),
                "scope": "Probe scope",
                "reach": 100,
                "impact": 1,
                "confidence": 80,
                "effort": 5,
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "line_type": "functional",
                            "name": "Probe line",
                            "acceptance_criterion": "Probe passes",
                        },
                    )
                ],
                **vals,
            },
            login=login,
        )
        if state == "draft":
            return rid
        api.call(REQUIREMENT, "action_submit", [rid], login=login)
        if state == "approved":
            api.review(REQUIREMENT, rid, "yf_manager")
            assert api.get(REQUIREMENT, rid, "state") == "approved"
        return rid

    def project(self):
        """The demo R&D project with three stages (first: 'Probe To Do')."""
        if self._project is None:
            api = self.api
            pid = api.ref("bizreg_rnd.project_demo_controller")
            stages = api.search(
                STAGE, [("project_ids", "in", [pid])], order="sequence, id"
            )
            if len(stages) < 2:
                for seq, name in (
                    (1, "Probe To Do"),
                    (5, "Probe Doing"),
                    (9, "Probe Done"),
                ):
                    api.create(
                        STAGE,
                        {"name": name, "sequence": seq, "project_ids": [(4, pid)]},
                    )
                stages = api.search(
                    STAGE, [("project_ids", "in", [pid])], order="sequence, id"
                )
            self._project, self._stages = pid, stages
        return self._project

    def stages(self):
        self.project()
        return self._stages

    def release(self, login="yf_user"):
        return self.api.create(
            RELEASE,
            {"name": unique("probe 9."), "project_id": self.project()},
            login=login,
        )

    def task(self, release, login="yf_user", **vals):
        return self.api.create(
            TASK,
            {
                "name": unique("probe task"),
                "project_id": self.project(),
                "bizreg_rnd_release_id": release,
                **vals,
            },
            login=login,
        )

    def design_review(self, release, login="yf_user", submit=True):
        api = self.api
        doc = api.create(
            DOCUMENT,
            {
                "name": unique("probe design"),
                "kind": "module",
                "release_id": release,
                "url": "https://example.com/probe",
            },
            login=login,
        )
        rid = api.create(
            REVIEW,
            {
                "name": unique("probe review"),
                "release_id": release,
                "document_ids": [(6, 0, [doc])],
            },
            login=login,
        )
        if submit:
            api.call(REVIEW, "action_submit", [rid], login=login)
        return rid


@pytest.fixture
def rnd(api):
    return Rnd(api)


# ----------------------------------------------------------------------
# Requirements
# ----------------------------------------------------------------------
ENGINE_FIELDS = [
    ("state", "approved"),
    ("bizreg_number", "PRD-FAKE-2026-0001"),
    ("score", 99999.0),
    ("validation_status", "validated"),
    ("bizreg_approved_digest", "0" * 64),
    ("source_kind", "ticket"),
]


@pytest.mark.parametrize(
    "state,field,value",
    [
        pytest.param(state, field, value, id=f"{field}_of_{state}_requirement")
        for state in ("draft", "review")
        for field, value in ENGINE_FIELDS
    ],
)
def test_developer_writes_engine_field(api, rnd, state, field, value):
    rid = rnd.requirement(state)
    refused_record_write(api, REQUIREMENT, rid, WATCH, {field: value}, login="yf_user")


def test_developer_writes_delivered_release(api, rnd):
    rid = rnd.requirement("approved")
    release = rnd.release()
    refused_record_write(
        api, REQUIREMENT, rid, WATCH, {"delivered_release_id": release}, login="yf_user"
    )


def test_developer_calls_deliver(api, rnd):
    rid = rnd.requirement("approved")
    release = rnd.release()
    refused_method(
        api,
        [(REQUIREMENT, [rid], WATCH)],
        REQUIREMENT,
        "_deliver",
        rid,
        release,
        login="yf_user",
    )


@pytest.mark.parametrize(
    "field,value",
    [
        ("state", "approved"),
        ("bizreg_number", "PRD-FAKE-2026-0002"),
        ("score", 12345.0),
        ("bizreg_approved_digest", "f" * 64),
    ],
)
def test_default_keys_on_create(api, rnd, field, value):
    def create(context):
        return api.create(
            REQUIREMENT,
            {"name": unique("probe default")},
            login="yf_user",
            context=context,
        )

    default_key_refused_or_ignored(api, REQUIREMENT, create, field, value)


def test_default_delivered_release_on_create(api, rnd):
    release = rnd.release()

    def check(rid):
        assert not api.get(REQUIREMENT, rid, "delivered_release_id")

    refused_or(
        lambda: api.create(
            REQUIREMENT,
            {"name": unique("probe default")},
            login="yf_user",
            context={"default_delivered_release_id": release},
        ),
        check,
    )


@pytest.mark.parametrize("login", ["yf_user", "yf_user2", "kf_user", "xs_user"])
def test_approve_requirement_without_right(api, rnd, login):
    """The owner, a colleague, other areas: only the R&D Manager approves."""
    rid = rnd.requirement("review")
    refused_method(
        api,
        [(REQUIREMENT, [rid], WATCH)],
        REQUIREMENT,
        "validate_tier",
        rid,
        login=login,
    )
    assert api.get(REQUIREMENT, rid, "state") == "review"


def test_request_validation_of_draft(api, rnd):
    rid = rnd.requirement("draft")
    refused_method(
        api,
        [(REQUIREMENT, [rid], WATCH)],
        REQUIREMENT,
        "request_validation",
        rid,
        login="yf_user",
    )


def test_change_line_after_approval_returns_to_review(api, rnd):
    rid = rnd.requirement("approved")
    line = api.get(REQUIREMENT, rid, "line_ids")[0]
    api.write(
        REQUIREMENT,
        rid,
        {"line_ids": [(1, line, {"name": "Changed"})]},
        login="yf_user",
    )
    assert api.get(REQUIREMENT, rid, "state") == "review"
    assert api.get(REQUIREMENT, rid, "validation_status") != "validated"


def test_change_line_directly_after_approval_returns_to_review(api, rnd):
    rid = rnd.requirement("approved")
    line = api.get(REQUIREMENT, rid, "line_ids")[0]
    refused_or(
        lambda: api.write(
            LINE, line, {"acceptance_criterion": "Looser"}, login="yf_user"
        )
    )
    if api.get(LINE, line, "acceptance_criterion") == "Looser":
        assert api.get(REQUIREMENT, rid, "state") == "review"
        assert not api.get(REQUIREMENT, rid, "bizreg_approved_digest")


def test_change_line_under_review(api, rnd):
    rid = rnd.requirement("review")
    line = api.get(REQUIREMENT, rid, "line_ids")[0]
    refused_write(
        api,
        [(REQUIREMENT, [rid], WATCH), (LINE, [line], ("name",))],
        LINE,
        line,
        {"name": "Sneaky"},
        login="yf_user",
    )


def test_developer_replans_approved_requirement(api, rnd):
    """Only the R&D Manager plans an approved requirement without a new review."""
    rid = rnd.requirement("approved")
    api.write(REQUIREMENT, rid, {"planned_release_id": rnd.release()}, login="yf_user")
    assert api.get(REQUIREMENT, rid, "state") == "review"


def test_requirement_of_two_sources(api, rnd):
    ticket = api.ref("bizreg_helpdesk.helpdesk_ticket_consultation_demo")
    lead = api.ref("bizreg_rnd.demo_lead_interface")
    refused(
        api.create,
        REQUIREMENT,
        {
            "name": unique("probe two"),
            "source_ticket_id": ticket,
            "source_lead_id": lead,
        },
        login="yf_user",
    )


@pytest.mark.parametrize("login", ["xs_user", "kf_user", "kf_user2"])
def test_other_areas_read_requirements(api, rnd, login):
    rid = rnd.requirement("draft")
    none_readable(
        api, REQUIREMENT, [("id", "=", rid)], ["name"], login, "a requirement of R&D"
    )
    none_readable(
        api,
        LINE,
        [("requirement_id", "=", rid)],
        ["name"],
        login,
        "a requirement's lines",
    )


def test_requester_cannot_change_requirement(api, rnd):
    ticket = api.ref("bizreg_helpdesk.helpdesk_ticket_consultation_demo")
    action = api.call(
        "helpdesk.ticket",
        "bizreg_action_create_rnd_requirement",
        [ticket],
        login="kf_user",
    )
    rid = action["res_id"]
    assert api.call(REQUIREMENT, "read", [rid], ["name"], login="kf_user")
    refused_record_write(
        api, REQUIREMENT, rid, WATCH + ("name",), {"name": "Mine"}, login="kf_user"
    )


def test_create_from_unreadable_source(api, rnd):
    lead = api.ref("bizreg_rnd.demo_lead_interface")
    refused(
        api.call,
        "crm.lead",
        "bizreg_action_create_rnd_requirement",
        [lead],
        login="kf_user",
    )


# ----------------------------------------------------------------------
# Design reviews
# ----------------------------------------------------------------------
def test_author_approves_own_design_review(api, rnd):
    rid = rnd.design_review(rnd.release())
    refused_method(
        api,
        [(REVIEW, [rid], REVIEW_WATCH)],
        REVIEW,
        "validate_tier",
        rid,
        login="yf_user",
    )


def test_manager_signs_design_review_twice(api, rnd):
    rid = rnd.design_review(rnd.release())
    api.review(REVIEW, rid, "yf_manager")
    assert api.get(REVIEW, rid, "state") == "review"
    refused_method(
        api,
        [(REVIEW, [rid], REVIEW_WATCH)],
        REVIEW,
        "validate_tier",
        rid,
        login="yf_manager",
    )
    assert api.get(REVIEW, rid, "state") == "review"


def test_developer_writes_design_review_state(api, rnd):
    rid = rnd.design_review(rnd.release(), submit=False)
    refused_record_write(
        api, REVIEW, rid, REVIEW_WATCH, {"state": "approved"}, login="yf_user"
    )


# ----------------------------------------------------------------------
# The design gate of development tasks
# ----------------------------------------------------------------------
def test_gated_task_stage_write(api, rnd):
    release = rnd.release()
    tid = rnd.task(release)
    refused_write(
        api,
        [(TASK, [tid], TASK_WATCH)],
        TASK,
        tid,
        {"stage_id": rnd.stages()[1]},
        login="yf_user",
    )


def test_gated_task_stage_web_save(api, rnd):
    release = rnd.release()
    tid = rnd.task(release)
    refused_unchanged(
        api,
        [(TASK, [tid], TASK_WATCH)],
        api.call,
        TASK,
        "web_save",
        [tid],
        {"stage_id": rnd.stages()[1]},
        specification={"stage_id": {}},
        login="yf_user",
    )


def test_gated_task_created_past_first_stage(api, rnd):
    release = rnd.release()
    before = api.search(TASK, [("bizreg_rnd_release_id", "=", release)])
    refused(rnd.task, release, stage_id=rnd.stages()[-1])
    assert api.search(TASK, [("bizreg_rnd_release_id", "=", release)]) == before


def test_gated_task_release_set_after_move(api, rnd):
    """Move a plain task, then attach it to the release: refused by result."""
    release = rnd.release()
    tid = rnd.task(False)
    api.write(TASK, tid, {"stage_id": rnd.stages()[1]}, login="yf_user")
    refused_write(
        api,
        [(TASK, [tid], TASK_WATCH)],
        TASK,
        tid,
        {"bizreg_rnd_release_id": release},
        login="yf_user",
    )


def test_gate_opens_after_design_review(api, rnd):
    release = rnd.release()
    tid = rnd.task(release)
    rid = rnd.design_review(release)
    api.review(REVIEW, rid, "yf_manager")
    api.review(REVIEW, rid, "yf_user2")
    assert api.get(REVIEW, rid, "state") == "approved"
    api.write(TASK, tid, {"stage_id": rnd.stages()[1]}, login="yf_user")
    assert api.get(TASK, tid, "stage_id")[0] == rnd.stages()[1]
