"""Adversarial probes: work reports (bizreg_meeting).

A work report is read by its author, its recipients (the author's manager
and the template's additional recipients), the managers of the author's
department, the Director and the Auditor: not by the other colleagues.  The
author writes the content and submits it; after submission it does not
change; only a recipient comments it; the state, the dates and the late flag
are the application's.  Each attack runs as a demo role over JSON-RPC and is
re-read as admin (or the Auditor) afterwards.

Demo: the weekly sales report of 张伟 (xs_user) and 黄磊 (xs_user2) to their
manager 李娜 (xs_manager); 林晓东 (yg_user) is a colleague of the sales
department who receives neither.
"""

import pytest
from probes import (
    default_key_refused_or_ignored,
    refused,
    refused_or,
    refused_record_write,
)

REPORT = "bizreg.work.report"
TEMPLATE = "bizreg.work.report.template"
STAT = "bizreg.work.report.stat"
WATCH = (
    "state",
    "content",
    "manager_comment",
    "date_submitted",
    "date_due",
    "is_late",
    "recipient_ids",
    "user_id",
)
BODY = "<p>Probe: three customers visited.</p>"


class Reports:
    """The current week's reports of the demo sales template, created by
    its manager (the button of the template; idempotent)."""

    def __init__(self, api):
        self.api = api

    def current(self, login):
        template = self.api.ref("bizreg_meeting.work_report_template_sale_weekly")
        self.api.call(
            TEMPLATE, "action_generate_reports", [template], login="xs_manager"
        )
        ids = self.api.search(
            REPORT,
            [("template_id", "=", template), ("user_id", "=", self.api.uid(login))],
            order="date_from desc",
            limit=1,
        )
        assert ids, f"no current report of {login}"
        return ids[0]

    def submitted(self, login="xs_user"):
        rid = self.current(login)
        if self.api.get(REPORT, rid, "state") == "draft":
            self.api.write(REPORT, rid, {"content": BODY}, login=login)
            self.api.call(REPORT, "action_submit", [rid], login=login)
        assert self.api.get(REPORT, rid, "state") in ("submitted", "commented")
        return rid


@pytest.fixture
def reports(api):
    return Reports(api)


def _none(what, login):
    def check(rows):
        if rows:
            pytest.fail(f"{login} reads {what}: {str(rows)[:200]}")

    return check


@pytest.mark.parametrize("login", ["yg_user", "xs_user2", "kf_user", "kf_manager"])
def test_report_not_read_by_non_recipients(api, reports, login):
    rid = reports.submitted("xs_user")
    name = api.get(REPORT, rid, "name")
    refused_or(
        lambda: api.call(REPORT, "read", [rid], ["content"], login=login),
        _none("the report", login),
    )
    refused_or(
        lambda: api.call(
            REPORT, "search_read", [("id", "=", rid)], ["content"], login=login
        ),
        _none("the report", login),
    )
    refused_or(
        lambda: api.call(
            REPORT,
            "read_group",
            [("id", "=", rid)],
            ["state"],
            ["state"],
            login=login,
        ),
        lambda groups: (
            pytest.fail(f"{login} groups the report: {groups}")
            if any(g.get("state_count") or g.get("__count") for g in groups)
            else None
        ),
    )
    refused_or(
        lambda: api.call(REPORT, "name_search", name=name, login=login),
        lambda found: (
            pytest.fail(f"{login} finds it: {found}")
            if any(row[0] == rid for row in found)
            else None
        ),
    )
    refused_or(
        lambda: api.call(REPORT, "export_data", [rid], ["content"], login=login),
        lambda data: (
            pytest.fail(f"{login} exports it: {data}") if data.get("datas") else None
        ),
    )
    refused_or(
        lambda: api.call(
            STAT, "search_read", [("report_id", "=", rid)], ["user_id"], login=login
        ),
        _none("its statistics", login),
    )


@pytest.mark.parametrize("login", ["xs_user", "xs_manager", "director", "auditor"])
def test_report_read_by_author_recipient_and_oversight(api, reports, login):
    """The refusals above are the rules', not a broken model."""
    rid = reports.submitted("xs_user")
    rows = api.call(REPORT, "read", [rid], ["content"], login=login)
    assert "three customers" in rows[0]["content"]


@pytest.mark.parametrize(
    "vals",
    [
        pytest.param({"state": "commented"}, id="state"),
        pytest.param({"date_submitted": "2020-01-01 00:00:00"}, id="date_submitted"),
        pytest.param({"is_late": True}, id="is_late"),
        pytest.param({"date_due": "2099-01-01 00:00:00"}, id="date_due"),
        pytest.param({"recipient_ids": [(6, 0, [])]}, id="recipient_ids"),
        pytest.param({"user_id": 1}, id="user_id"),
    ],
)
def test_engine_fields_refused(api, reports, vals):
    rid = reports.current("xs_user2")
    refused_record_write(api, REPORT, rid, WATCH, vals, login="xs_user2")


def test_default_state_is_ignored(api):
    """Nobody creates a report by hand (the cron does): refused, or at least
    not created in the state given."""
    template = api.ref("bizreg_meeting.work_report_template_sale_weekly")
    default_key_refused_or_ignored(
        api,
        REPORT,
        lambda context: api.create(
            REPORT,
            {
                "template_id": template,
                "date_from": "2020-01-06",
                "date_to": "2020-01-12",
            },
            login="xs_user",
            context=context,
        ),
        "state",
        "commented",
    )


@pytest.mark.parametrize("login", ["yg_user", "xs_user2", "kf_manager", "director"])
def test_comment_by_non_recipient_refused(api, reports, login):
    rid = reports.submitted("xs_user")
    refused_record_write(
        api, REPORT, rid, WATCH, {"manager_comment": "Probe: not mine"}, login=login
    )
    refused(api.call, REPORT, "action_comment", [rid], login=login)


def test_content_changed_after_submission_refused(api, reports):
    rid = reports.submitted("xs_user")
    refused_record_write(
        api, REPORT, rid, WATCH, {"content": "<p>Probe: rewritten</p>"}, login="xs_user"
    )
    # nor by the recipient
    refused_record_write(
        api,
        REPORT,
        rid,
        WATCH,
        {"content": "<p>Probe: rewritten</p>"},
        login="xs_manager",
    )


def test_submit_by_other_than_author_refused(api, reports):
    rid = reports.current("xs_user2")
    if api.get(REPORT, rid, "state") != "draft":
        pytest.skip("the report was submitted by an earlier run")
    for login in ("xs_user", "xs_manager"):
        refused(api.call, REPORT, "action_submit", [rid], login=login)
    assert api.get(REPORT, rid, "state") == "draft"


def test_recipient_comments(api, reports):
    """The recipient's comment is accepted: the refusals above are not a
    blanket refusal."""
    rid = reports.submitted("xs_user")
    api.write(REPORT, rid, {"manager_comment": "Probe: good"}, login="xs_manager")
    api.call(REPORT, "action_comment", [rid], login="xs_manager")
    assert api.get(REPORT, rid, "state") == "commented"
