"""Adversarial probes: product releases (bizreg.rnd.release), their
checklists and the tickets about them.

A release is submitted only when ready (no open blocker or critical defect,
every test case of its planned requirements passed or waived with approval,
its checklist done), approved by the R&D Manager then the Customer Service
Manager, and released by the guarded action **Release**, which checks the
readiness again.  Its approved terms (version, planned date, planned
requirements, checklist) sent back to review when they change.  Each attack
runs as a demo role over JSON-RPC and is re-read as admin afterwards.

Demo roles: 赵磊 ``yf_user`` (developer), 孙琪 ``yf_user2`` (test engineer),
徐明 ``yf_manager`` (R&D Manager), ``kf_manager`` (Customer Service
Manager), ``kf_user`` (customer service).
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

RELEASE = "bizreg.rnd.release"
CHECKLIST = "bizreg.rnd.release.checklist"
REQUIREMENT = "bizreg.rnd.requirement"
CASE = "bizreg.rnd.test.case"
RESULT = "bizreg.rnd.test.result"
DEFECT = "bizreg.rnd.defect"
TICKET = "helpdesk.ticket"

RELEASE_WATCH = (
    "state",
    "validation_status",
    "bizreg_number",
    "date_released",
    "release_notes",
    "date_planned",
    "name",
    "checklist_ids",
    "requirement_ids",
    "review_ids",
)
CHECKLIST_WATCH = ("done", "done_user_id", "done_date", "name", "release_id")


class Releases:
    """Fresh releases of 赵磊 (yf_user): made ready (a requirement approved by
    徐明 and planned into it, a passing test case recorded by 孙琪, the
    checklist done), submitted, approved by 徐明 and kf_manager."""

    def __init__(self, api):
        self.api = api

    def draft(self, login="yf_user"):
        return self.api.create(RELEASE, {"name": unique("RL probe")}, login=login)

    def requirement(self, release_id):
        api = self.api
        rid = api.create(
            REQUIREMENT,
            {
                "name": unique("PRD probe"),
                "effort": 3,
                "line_ids": [(0, 0, {"line_type": "functional", "name": "Probe"})],
            },
            login="yf_user",
        )
        api.call(REQUIREMENT, "action_submit", [rid], login="yf_user")
        api.review(REQUIREMENT, rid, "yf_manager")
        api.write(
            REQUIREMENT, rid, {"planned_release_id": release_id}, login="yf_manager"
        )
        return rid

    def ready(self, login="yf_user"):
        api = self.api
        release_id = self.draft(login)
        requirement_id = self.requirement(release_id)
        case_id = api.create(
            CASE,
            {"name": unique("case"), "requirement_id": requirement_id},
            login="yf_user2",
        )
        api.create(
            RESULT,
            {"case_id": case_id, "release_id": release_id, "result": "passed"},
            login="yf_user2",
        )
        employee = api.employee("yf_user")
        for line in api.read(
            CHECKLIST,
            api.search(CHECKLIST, [("release_id", "=", release_id)]),
            ["kind"],
        ):
            if line["kind"] == "user_training":
                api.write(
                    CHECKLIST,
                    line["id"],
                    {"attendee_ids": [(6, 0, [employee])]},
                    login=login,
                )
            api.call(CHECKLIST, "action_done", [line["id"]], login=login)
        return release_id

    def submitted(self, login="yf_user"):
        release_id = self.ready(login)
        self.api.call(RELEASE, "action_submit", [release_id], login=login)
        return release_id

    def approved(self):
        release_id = self.submitted()
        self.api.review(RELEASE, release_id, "yf_manager")
        self.api.review(RELEASE, release_id, "kf_manager")
        assert self.api.get(RELEASE, release_id, "state") == "approved"
        return release_id


@pytest.fixture
def releases(api):
    return Releases(api)


def _watch(ids):
    return [(RELEASE, [ids] if isinstance(ids, int) else list(ids), RELEASE_WATCH)]


@pytest.mark.parametrize(
    "vals",
    [
        pytest.param({"state": "released"}, id="owner_writes_state_released"),
        pytest.param(
            {"date_released": "2026-01-01 08:00:00"}, id="owner_writes_date_released"
        ),
        pytest.param({"release_notes": "<p>forged</p>"}, id="owner_writes_notes"),
        pytest.param({"bizreg_number": "RL-FAKE-0001"}, id="owner_writes_number"),
    ],
)
def test_owner_writes_engine_fields(api, releases, vals):
    rid = releases.draft()
    refused_record_write(api, RELEASE, rid, RELEASE_WATCH, vals, login="yf_user")


@pytest.mark.parametrize(
    "field,value",
    [
        ("state", "released"),
        ("release_notes", "<p>forged</p>"),
        ("date_released", "2026-01-01 08:00:00"),
    ],
)
def test_default_keys_of_engine_fields(api, field, value):
    def create(context):
        return api.create(
            RELEASE, {"name": unique("RL default")}, login="yf_user", context=context
        )

    default_key_refused_or_ignored(api, RELEASE, create, field, value)


def test_tick_checklist_of_someone_else(api, releases):
    rid = releases.draft()
    line = api.search(
        CHECKLIST, [("release_id", "=", rid), ("kind", "=", "deployment")]
    )
    watch = [(CHECKLIST, line, CHECKLIST_WATCH)]
    refused_method(api, watch, CHECKLIST, "action_done", line, login="yf_user2")
    refused_method(api, watch, CHECKLIST, "action_done", line, login="kf_user")
    refused_unchanged(
        api, watch, api.write, CHECKLIST, line, {"done": True}, login="yf_user"
    )


def test_create_checklist_line_done(api, releases):
    rid = releases.draft()
    count = len(api.search(CHECKLIST, [("release_id", "=", rid)]))
    refused(
        api.create,
        CHECKLIST,
        {"release_id": rid, "name": "forged", "done": True},
        login="yf_user",
    )
    assert len(api.search(CHECKLIST, [("release_id", "=", rid)])) == count


def test_submit_not_ready_release(api, releases):
    rid = releases.draft()
    refused_method(api, _watch(rid), RELEASE, "action_submit", rid, login="yf_user")
    refused_method(
        api, _watch(rid), RELEASE, "request_validation", rid, login="yf_user"
    )


def test_release_without_approval(api, releases):
    rid = releases.submitted()
    refused_method(api, _watch(rid), RELEASE, "action_release", rid, login="yf_manager")
    assert api.get(RELEASE, rid, "state") == "review"


def test_release_after_blocker_opened(api, releases):
    rid = releases.approved()
    api.create(
        DEFECT,
        {"name": unique("blocker"), "severity": "blocker", "found_in_release_id": rid},
        login="yf_user2",
    )
    refused_method(api, _watch(rid), RELEASE, "action_release", rid, login="yf_manager")
    assert api.get(RELEASE, rid, "state") == "approved"


def test_approve_own_release(api, releases):
    rid = releases.submitted(login="yf_manager")
    refused_method(api, _watch(rid), RELEASE, "validate_tier", rid, login="yf_manager")
    refused_method(api, _watch(rid), RELEASE, "validate_tier", rid, login="yf_user")


def test_service_manager_before_rnd_manager(api, releases):
    rid = releases.submitted()
    refused_method(api, _watch(rid), RELEASE, "validate_tier", rid, login="kf_manager")


def test_change_planned_requirements_after_approval(api, releases):
    rid = releases.approved()
    requirement = api.search(REQUIREMENT, [("planned_release_id", "=", rid)])

    def sent_back(_result):
        assert api.get(RELEASE, rid, "state") != "approved"
        assert api.get(RELEASE, rid, "validation_status") != "validated"

    refused_or(
        lambda: api.write(
            REQUIREMENT, requirement, {"planned_release_id": False}, login="yf_manager"
        ),
        sent_back,
    )
    # in any case it is not released with the changed plan
    refused_method(api, _watch(rid), RELEASE, "action_release", rid, login="yf_manager")


def test_change_planned_date_after_approval(api, releases):
    rid = releases.approved()

    def sent_back(_result):
        assert api.get(RELEASE, rid, "state") == "review"

    refused_or(
        lambda: api.write(
            RELEASE, rid, {"date_planned": "2030-01-01"}, login="yf_user"
        ),
        sent_back,
    )


def test_service_reads_only_released_versions(api, releases):
    rid = releases.draft()
    none_readable(
        api, RELEASE, [("id", "=", rid)], ["name"], "kf_user", "a draft release"
    )
    refused_record_write(
        api, RELEASE, rid, RELEASE_WATCH, {"name": "renamed"}, login="kf_user"
    )


def test_ticket_about_unreleased_release(api, releases):
    rid = releases.draft()
    team = api.ref("bizreg_helpdesk.helpdesk_ticket_team_service")
    refused(
        api.create,
        TICKET,
        {
            "name": unique("ticket"),
            "description": "<p>probe</p>",
            "team_id": team,
            "bizreg_rnd_release_id": rid,
        },
        login="kf_user",
    )
