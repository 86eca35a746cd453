"""Adversarial probes: department meetings (minutes and action items).

The minutes of a meeting are written by its secretary (张伟, xs_user),
approved by its chair (李娜, xs_manager) and published to the participants;
what was approved (discussion, decisions, attendance, action items) cannot
change without a new review.  An action item is closed by its owner (黄磊,
xs_user2), the chair or a manager, never by someone else.  Each attack runs
as a demo role over JSON-RPC and is re-read as admin afterwards.
"""

import datetime
import random

import pytest
from probes import (
    default_key_refused_or_ignored,
    none_readable,
    refused_method,
    refused_or,
    refused_record_write,
    unique,
)

MEETING = "bizreg.meeting"
ACTION = "bizreg.meeting.action"
DECISION = "bizreg.meeting.decision"
MEETING_WATCH = (
    "state",
    "validation_status",
    "bizreg_number",
    "bizreg_approved_digest",
    "date_published",
)
ACTION_WATCH = ("state", "date_done", "is_on_time", "name", "date_due")


def _day(days=0):
    return (datetime.date.today() + datetime.timedelta(days=days)).isoformat()


class Meetings:
    """Fresh meetings of the demo sales weekly series: created and minuted
    by the secretary (xs_user), approved by the chair (xs_manager)."""

    def __init__(self, api):
        self.api = api

    def series(self):
        return self.api.ref("bizreg_meeting.meeting_series_sales_weekly")

    def meeting(self, state="planned"):
        # a free slot far ahead, so that generated meetings do not collide
        start = datetime.datetime(2030, 1, 1, 1) + datetime.timedelta(
            hours=random.randrange(1, 200000)
        )
        mid = self.api.create(
            MEETING,
            {
                "series_id": self.series(),
                "name": unique("probe meeting"),
                "start": start.strftime("%Y-%m-%d %H:%M:%S"),
            },
            login="xs_user",
        )
        if state == "planned":
            return mid
        self.api.call(MEETING, "action_hold", [mid], login="xs_user")
        self.api.write(
            MEETING, mid, {"discussion": "<p>Probe discussion</p>"}, login="xs_user"
        )
        self.api.create(
            DECISION, {"meeting_id": mid, "name": "Probe decision"}, login="xs_user"
        )
        self.api.create(
            ACTION,
            {
                "meeting_id": mid,
                "name": unique("probe item"),
                "user_id": self.api.uid("xs_user2"),
                "date_due": _day(7),
            },
            login="xs_user",
        )
        if state == "held":
            return mid
        self.api.call(MEETING, "action_submit", [mid], login="xs_user")
        if state == "approved":
            self.api.review(MEETING, mid, "xs_manager")
            assert self.api.get(MEETING, mid, "state") == "approved"
        return mid

    def action_of(self, mid):
        return self.api.get(MEETING, mid, "action_ids")[0]


@pytest.fixture
def mtg(api):
    return Meetings(api)


def test_minutes_changed_after_approval_go_back_to_review(api, mtg):
    mid = mtg.meeting("approved")
    decision = api.get(MEETING, mid, "decision_ids")[0]

    def back_to_review(_result):
        row = api.read(MEETING, [mid], ["state", "validation_status"])[0]
        assert row["state"] == "to_approve", row
        assert row["validation_status"] != "validated", row

    refused_or(
        lambda: api.write(DECISION, decision, {"name": "Changed"}, login="xs_user"),
        back_to_review,
    )
    # the chair approves again; then the discussion itself changes
    if api.get(MEETING, mid, "state") == "to_approve":
        api.review(MEETING, mid, "xs_manager")
    refused_or(
        lambda: api.write(
            MEETING, mid, {"discussion": "<p>Rewritten</p>"}, login="xs_user"
        ),
        back_to_review,
    )


@pytest.mark.parametrize(
    "login", ["xs_user", "xs_user2", "kf_manager", "kf_user"], ids=lambda x: x
)
def test_minutes_not_approved_by_author_or_others(api, mtg, login):
    """The secretary (author), another participant, another department's
    head and a stranger cannot approve the minutes."""
    mid = mtg.meeting("to_approve")
    refused_method(
        api,
        [(MEETING, [mid], MEETING_WATCH)],
        MEETING,
        "validate_tier",
        mid,
        login=login,
    )


@pytest.mark.parametrize("login", ["xs_user", "kf_user", "sc_manager"], ids=lambda x: x)
def test_action_item_closed_by_another_user_refused(api, mtg, login):
    mid = mtg.meeting("approved")
    aid = mtg.action_of(mid)
    refused_method(
        api, [(ACTION, [aid], ACTION_WATCH)], ACTION, "action_done", aid, login=login
    )
    refused_record_write(api, ACTION, aid, ACTION_WATCH, {"state": "done"}, login=login)


@pytest.mark.parametrize(
    "vals",
    [
        {"state": "done"},
        {"date_done": _day()},
        {"is_on_time": True},
        {"reminded_date": "2020-01-01 00:00:00"},
    ],
    ids=lambda v: next(iter(v)),
)
def test_action_item_engine_fields_refused_to_owner(api, mtg, vals):
    mid = mtg.meeting("approved")
    aid = mtg.action_of(mid)
    refused_record_write(api, ACTION, aid, ACTION_WATCH, vals, login="xs_user2")


@pytest.mark.parametrize(
    "vals",
    [
        {"state": "approved"},
        {"bizreg_number": "MT-XS-2099-9999"},
        {"chair_id": 2},
        {"date_published": "2020-01-01 00:00:00"},
    ],
    ids=lambda v: next(iter(v)),
)
def test_meeting_engine_fields_refused_to_secretary(api, mtg, vals):
    mid = mtg.meeting("to_approve")
    refused_record_write(api, MEETING, mid, MEETING_WATCH, vals, login="xs_user")


def test_default_state_ignored(api, mtg):
    def create(context):
        return api.call(
            MEETING,
            "create",
            {
                "series_id": mtg.series(),
                "name": unique("probe default"),
                "start": "2031-02-03 01:00:00",
            },
            login="xs_user",
            context=context,
        )

    default_key_refused_or_ignored(api, MEETING, create, "state", "approved")


def test_stranger_cannot_read_a_meeting(api, mtg):
    mid = mtg.meeting("approved")
    aid = mtg.action_of(mid)
    for login in ("kf_user", "sc_user"):
        none_readable(
            api, MEETING, [("id", "=", mid)], ["name", "discussion"], login, "a meeting"
        )
        none_readable(
            api, ACTION, [("id", "=", aid)], ["name"], login, "an action item"
        )
