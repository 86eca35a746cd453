"""Adversarial probes: cross-department collaboration and partner
agreements.

A partner cooperation agreement drafted by 张伟 (xs_user, sales) is
approved by his department manager 李娜 (xs_manager) and Legal (legal),
both, before it is signed; its approved terms (rights, duties, dates,
partner) cannot change without a new review.  A collaboration issue is
resolved by its "Resolve" button with a resolution, never by writing its
status.  Each attack runs as a demo role over JSON-RPC and is re-read as
admin afterwards.
"""

import datetime

import pytest
from probes import (
    default_key_refused_or_ignored,
    none_readable,
    refused,
    refused_method,
    refused_record_write,
    unique,
)

AGREEMENT = "agreement"
ISSUE = "bizreg.collab.issue"
AGREEMENT_WATCH = (
    "bizreg_state",
    "validation_status",
    "signature_date",
    "bizreg_approved_digest",
    "end_date",
)
ISSUE_WATCH = ("state", "date_resolved", "date_due", "resolution")


def _day(days=0):
    return (datetime.date.today() + datetime.timedelta(days=days)).isoformat()


class Collab:
    def __init__(self, api):
        self.api = api

    def agreement(self, state="draft", login="xs_user"):
        rid = self.api.create(
            AGREEMENT,
            {
                "name": unique("probe agreement"),
                "code": unique("PA"),
                "partner_id": self.api.ref("bizreg_meeting.demo_partner_logistics"),
                "agreement_type_id": self.api.ref(
                    "bizreg_meeting.agreement_type_partner_cooperation"
                ),
                "start_date": _day(10),
                "end_date": _day(375),
                "bizreg_rights": "<p>Delivery within 48 hours</p>",
                "bizreg_duties": "<p>Pay monthly</p>",
            },
            login=login,
        )
        if state != "draft":
            self.api.call(AGREEMENT, "action_bizreg_submit", [rid], login=login)
        if state == "approved":
            self.api.review(AGREEMENT, rid, "xs_manager")
            self.api.review(AGREEMENT, rid, "legal")
            assert self.api.get(AGREEMENT, rid, "bizreg_state") == "approved"
        return rid

    def issue(self, login="kf_user"):
        return self.api.create(
            ISSUE,
            {
                "name": unique("probe issue"),
                "blocked_department_id": self.api.ref(
                    "bizreg_base.hr_department_service"
                ),
                "blocking_department_id": self.api.ref("bizreg_base.hr_department_rnd"),
                "description": "<p>Probe: waiting for a patch</p>",
            },
            login=login,
        )


@pytest.fixture
def collab(api):
    return Collab(api)


def _watch(model, rid, fields):
    return [(model, [rid], fields)]


# ----------------------------------------------------------------------
# Partner agreements
# ----------------------------------------------------------------------
@pytest.mark.parametrize("state", ["draft", "to_approve"])
def test_agreement_signed_before_approval_refused(api, collab, state):
    rid = collab.agreement(state)
    watch = _watch(AGREEMENT, rid, AGREEMENT_WATCH)
    refused_method(api, watch, AGREEMENT, "action_bizreg_sign", rid, login="xs_user")
    refused_method(
        api,
        watch,
        AGREEMENT,
        "action_bizreg_sign",
        rid,
        login="xs_user",
        context={"skip_validation_check": True},
    )
    # nor by writing the signing date
    refused_record_write(
        api,
        AGREEMENT,
        rid,
        AGREEMENT_WATCH,
        {"signature_date": _day()},
        login="xs_user",
    )


def test_countersign_one_approval_is_not_enough(api, collab):
    rid = collab.agreement("to_approve")
    api.review(AGREEMENT, rid, "legal")
    assert api.get(AGREEMENT, rid, "validation_status") != "validated"
    refused_method(
        api,
        _watch(AGREEMENT, rid, AGREEMENT_WATCH),
        AGREEMENT,
        "action_bizreg_sign",
        rid,
        login="xs_user",
    )


@pytest.mark.parametrize(
    "vals",
    [
        pytest.param({"bizreg_state": "signed"}, id="state"),
        pytest.param({"bizreg_approved_digest": "forged"}, id="digest"),
        pytest.param({"validation_status": "validated"}, id="validation_status"),
        pytest.param({"bizreg_regulated": False}, id="regulated"),
        pytest.param({"bizreg_manager_user_id": 2}, id="manager"),
        pytest.param({"bizreg_expiry_due": "2099-01-01 00:00:00"}, id="expiry"),
    ],
)
def test_agreement_engine_fields_refused(api, collab, vals):
    rid = collab.agreement("to_approve")
    refused_record_write(
        api,
        AGREEMENT,
        rid,
        AGREEMENT_WATCH + ("bizreg_regulated", "bizreg_manager_user_id"),
        vals,
        login="xs_user",
    )


def test_author_approving_refused(api, collab):
    # 李娜 drafts: the manager step is not hers, and she reviews no step
    rid = collab.agreement("to_approve", login="xs_manager")
    refused_method(
        api,
        _watch(AGREEMENT, rid, AGREEMENT_WATCH),
        AGREEMENT,
        "validate_tier",
        rid,
        login="xs_manager",
    )
    reviews = api.reviews(AGREEMENT, rid)
    assert all(review["status"] != "approved" for review in reviews)


def test_terms_changed_after_approval_back_to_review(api, collab):
    rid = collab.agreement("approved")
    api.write(AGREEMENT, rid, {"bizreg_duties": "<p>Pay yearly</p>"}, login="xs_user")
    assert api.get(AGREEMENT, rid, "bizreg_state") == "to_approve"
    assert api.get(AGREEMENT, rid, "validation_status") != "validated"
    refused_method(
        api,
        _watch(AGREEMENT, rid, AGREEMENT_WATCH),
        AGREEMENT,
        "action_bizreg_sign",
        rid,
        login="xs_user",
    )


def test_agreement_default_state_refused_or_ignored(api):
    def create(context):
        return api.create(
            AGREEMENT,
            {
                "name": unique("probe agreement"),
                "code": unique("PA"),
                "agreement_type_id": api.ref(
                    "bizreg_meeting.agreement_type_partner_cooperation"
                ),
            },
            login="xs_user",
            context=context,
        )

    default_key_refused_or_ignored(api, AGREEMENT, create, "bizreg_state", "signed")


def test_agreement_not_read_by_other_departments(api, collab):
    rid = collab.agreement("draft")
    none_readable(api, AGREEMENT, [("id", "=", rid)], ["name"], "kf_user", "it")


# ----------------------------------------------------------------------
# Collaboration issues
# ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "vals",
    [
        pytest.param({"state": "resolved"}, id="state"),
        pytest.param({"state": "resolved", "resolution": "done"}, id="state_res"),
        pytest.param({"date_resolved": "2026-01-01 00:00:00"}, id="date_resolved"),
        pytest.param({"date_due": "2099-01-01 00:00:00"}, id="date_due"),
    ],
)
def test_issue_resolved_by_writing_state_refused(api, collab, vals):
    rid = collab.issue()
    refused_record_write(api, ISSUE, rid, ISSUE_WATCH, vals, login="kf_user")


def test_issue_resolve_needs_resolution(api, collab):
    rid = collab.issue()
    refused_method(
        api,
        _watch(ISSUE, rid, ISSUE_WATCH),
        ISSUE,
        "action_resolve",
        rid,
        login="kf_user",
    )


def test_issue_not_resolved_by_other_departments(api, collab):
    rid = collab.issue()
    api.write(ISSUE, rid, {"resolution": "Probe"}, login="kf_user")
    refused(api.call, ISSUE, "action_resolve", [rid], login="sc_user")
    assert api.get(ISSUE, rid, "state") == "open"
    none_readable(api, ISSUE, [("id", "=", rid)], ["name"], "sc_user", "the issue")
