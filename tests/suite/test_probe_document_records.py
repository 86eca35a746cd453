"""Adversarial probes: the records of the document register
(bizreg_document): the access log of confidential documents, borrowings,
disposals (archiving, destruction records) and acknowledgements.

The access log is written by the server only and never edited or deleted,
not even by the controller, the Director, the Auditor or admin.  A
borrowing of a confidential document is approved by the manager of the
owning department (never by the borrower), a paper copy is handed over and
checked on return by the document controller (not by the borrower), and a
borrowing changes in draft only.  A destruction needs the approval of the
department manager then the Director, and leaves a record nobody rewrites.
Each reader acknowledges only their own acknowledgement.  Each attack runs
as a demo role over JSON-RPC and is re-read as admin afterwards (the Auditor
where admin has no read access).  Roles: see ``document_probes.py``.
"""

import pytest
from document_probes import (
    ACK,
    ACK_WATCH,
    AUTHOR,
    BORROWING,
    BORROWING_WATCH,
    CONTROLLER,
    DISPOSAL,
    DISPOSAL_WATCH,
    DOC,
    DOC_WATCH,
    LOG,
    LOG_WATCH,
    MANAGER,
    OTHER_MANAGER,
    STRANGER,
    STRANGER2,
    assert_not_served,
    check,
    now,
    served,
    watch,
)
from probes import (
    default_key_refused_or_ignored,
    none_readable,
    refused,
    refused_method,
    refused_or,
    refused_record_write,
    refused_unchanged,
)

# fixtures: docs, sql, colleague, outsider
pytest_plugins = ["document_probes"]

LOG_EDITORS = (
    MANAGER,
    AUTHOR,
    STRANGER,
    CONTROLLER,
    "auditor",
    "director",
    "admin",
)


# ----------------------------------------------------------------------
# Access log
# ----------------------------------------------------------------------
@pytest.fixture
def logged(api, docs):
    """(document, version, log ids): a confidential document previewed by
    the Marketing manager and downloaded by a borrower."""
    doc, vid, marker = docs.published("confidential")
    assert served(docs.fetch(vid, MANAGER, "preview"), marker)
    docs.borrowing_lent(doc)
    assert served(docs.fetch(vid, STRANGER), marker)
    logs = api.search(LOG, [("document_id", "=", doc)])
    rows = api.read(LOG, logs, ["user_id", "action"])
    assert {(row["user_id"][0], row["action"]) for row in rows} >= {
        (api.uid(MANAGER), "view"),
        (api.uid(STRANGER), "download"),
    }, f"confidential access not logged: {rows}"
    return doc, vid, logs


@pytest.mark.parametrize("login", LOG_EDITORS)
def test_access_log_edited(api, logged, login):
    doc, _vid, logs = logged
    seen = watch(LOG, logs, LOG_WATCH)
    for vals in (
        {"user_id": api.uid("director")},
        {"action": "view"},
        {"document_id": api.search(DOC, [("id", "!=", doc)], limit=1)[0]},
    ):
        refused_unchanged(api, seen, api.write, LOG, logs, vals, login=login)
    refused_unchanged(api, seen, api.call, LOG, "unlink", logs, login=login)
    refused_unchanged(api, seen, api.call, LOG, "copy", logs[:1], login=login)
    assert sorted(api.search(LOG, [("document_id", "=", doc)])) == sorted(logs)


@pytest.mark.parametrize("login", LOG_EDITORS)
def test_access_log_forged(api, logged, login):
    doc, vid, logs = logged
    refused(
        api.create,
        LOG,
        {
            "document_id": doc,
            "version_id": vid,
            "user_id": api.uid("auditor"),
            "action": "download",
        },
        login=login,
    )
    assert sorted(api.search(LOG, [("document_id", "=", doc)])) == sorted(logs)


def test_access_log_read_by_others(api, logged):
    doc, _vid, logs = logged
    assert api.call(LOG, "read", logs, ["user_id"], login="auditor")
    assert api.call(LOG, "read", logs, ["user_id"], login=CONTROLLER)
    own = api.call(
        LOG, "search", [("document_id", "=", doc)], login=STRANGER
    )  # the borrower sees his own lines only
    assert own and all(
        row["user_id"][0] == api.uid(STRANGER)
        for row in api.read(LOG, own, ["user_id"])
    )
    for login in (STRANGER2, OTHER_MANAGER):
        none_readable(
            api, LOG, [("document_id", "=", doc)], ["user_id"], login, "the access log"
        )


# ----------------------------------------------------------------------
# Borrowing
# ----------------------------------------------------------------------
def test_borrower_approves_own_borrowing(api, docs):
    doc, _vid, _marker = docs.published("confidential")
    bid = docs.borrowing_submitted(doc)
    assert api.get(BORROWING, bid, "state") == "review"
    seen = watch(BORROWING, bid, BORROWING_WATCH)
    for login in (STRANGER, OTHER_MANAGER, AUTHOR):
        refused_method(api, seen, BORROWING, "validate_tier", bid, login=login)
    refused_unchanged(
        api, seen, api.write, BORROWING, bid, {"state": "approved"}, login=STRANGER
    )
    api.review(BORROWING, bid, MANAGER)
    assert api.get(BORROWING, bid, "state") == "lent"


def test_manager_approves_own_borrowing(api, docs):
    """马俊 borrows a confidential document of his own department: he does
    not approve it himself (the parent department's manager or the Director
    does)."""
    doc, _vid, _marker = docs.published("confidential")
    bid = docs.borrowing(doc, login=MANAGER, medium="paper")

    def not_self(_result):
        if api.get(BORROWING, bid, "state") == "review":
            refused_method(
                api,
                watch(BORROWING, bid, BORROWING_WATCH),
                BORROWING,
                "validate_tier",
                bid,
                login=MANAGER,
            )
        assert api.get(BORROWING, bid, "state") in ("draft", "review")

    refused_or(
        lambda: api.call(BORROWING, "action_submit", [bid], login=MANAGER), not_self
    )


def test_submit_someone_elses_borrowing(api, docs):
    doc, _vid, _marker = docs.published("confidential")
    bid = docs.borrowing(doc)
    refused_method(
        api,
        watch(BORROWING, bid, BORROWING_WATCH),
        BORROWING,
        "action_submit",
        bid,
        login=STRANGER2,
    )


@pytest.mark.parametrize("login", (STRANGER, MANAGER, AUTHOR))
def test_hand_over_by_non_controller(api, docs, login):
    doc, _vid, _marker = docs.published("confidential")
    bid = docs.borrowing_approved(doc, medium="paper")
    assert api.get(BORROWING, bid, "state") == "approved"
    seen = watch(BORROWING, bid, BORROWING_WATCH)
    refused_method(api, seen, BORROWING, "action_hand_over", bid, login=login)
    refused_unchanged(
        api, seen, api.write, BORROWING, bid, {"state": "lent"}, login=login
    )
    api.call(BORROWING, "action_hand_over", [bid], login=CONTROLLER)
    assert api.get(BORROWING, bid, "state") == "lent"


def test_controller_hands_over_to_himself(api, docs):
    doc, _vid, _marker = docs.published("confidential")
    bid = docs.borrowing_approved(doc, login=CONTROLLER, medium="paper")
    refused_method(
        api,
        watch(BORROWING, bid, BORROWING_WATCH),
        BORROWING,
        "action_hand_over",
        bid,
        login=CONTROLLER,
    )


def test_hand_over_before_approval(api, docs):
    doc, _vid, _marker = docs.published("confidential")
    bid = docs.borrowing_submitted(doc, medium="paper")
    assert api.get(BORROWING, bid, "state") == "review"
    refused_method(
        api,
        watch(BORROWING, bid, BORROWING_WATCH),
        BORROWING,
        "action_hand_over",
        bid,
        login=CONTROLLER,
    )


def test_second_paper_copy_handed_over(api, docs):
    """One paper copy out at a time."""
    doc, _vid, _marker = docs.published("confidential")
    docs.borrowing_lent(doc, medium="paper")
    bid = docs.borrowing_approved(doc, login=STRANGER2, medium="paper")
    refused_method(
        api,
        watch(BORROWING, bid, BORROWING_WATCH),
        BORROWING,
        "action_hand_over",
        bid,
        login=CONTROLLER,
    )


def test_paper_return_checked_by_borrower(api, docs):
    doc, _vid, _marker = docs.published("confidential")
    bid = docs.borrowing_lent(doc, medium="paper")
    seen = watch(BORROWING, bid, BORROWING_WATCH)
    refused_unchanged(
        api,
        seen,
        api.write,
        BORROWING,
        bid,
        {"returned_condition": "good"},
        login=STRANGER,
    )
    refused_method(api, seen, BORROWING, "action_return_check", bid, login=STRANGER)
    refused_method(api, seen, BORROWING, "action_return", bid, login=STRANGER)
    api.write(BORROWING, bid, {"returned_condition": "good"}, login=CONTROLLER)
    api.call(BORROWING, "action_return_check", [bid], login=CONTROLLER)
    assert api.get(BORROWING, bid, "state") == "returned"
    seen = watch(BORROWING, bid, BORROWING_WATCH)
    refused_method(api, seen, BORROWING, "action_hand_over", bid, login=CONTROLLER)
    refused_unchanged(
        api, seen, api.write, BORROWING, bid, {"state": "lent"}, login=STRANGER
    )


@pytest.mark.parametrize(
    "field,value",
    [
        ("date_due", None),
        ("medium", "paper"),
        ("purpose", "Something else"),
    ],
)
def test_borrowing_rewritten_after_approval(api, docs, field, value):
    doc, _vid, _marker = docs.published("confidential")
    bid = docs.borrowing_lent(doc)
    value = now(24 * 25) if value is None else value
    refused_record_write(
        api, BORROWING, bid, BORROWING_WATCH, {field: value}, login=STRANGER
    )


def test_borrowing_moved_to_another_document(api, docs):
    """Approved for one document, the grant does not move to another."""
    doc, _vid, _marker = docs.published("confidential")
    doc2, vid2, marker2 = docs.published("confidential")
    bid = docs.borrowing_lent(doc)
    refused_record_write(
        api, BORROWING, bid, BORROWING_WATCH, {"document_id": doc2}, login=STRANGER
    )
    assert_not_served(docs.fetch(vid2, STRANGER), marker2, STRANGER, "another document")


def test_borrowing_given_to_someone_else(api, docs):
    doc, _vid, _marker = docs.published("confidential")
    bid = docs.borrowing_lent(doc)
    refused_record_write(
        api,
        BORROWING,
        bid,
        BORROWING_WATCH,
        {"user_id": api.uid(STRANGER2)},
        login=STRANGER,
    )


@pytest.mark.parametrize(
    "field,value",
    [
        ("state", "lent"),
        ("state", "approved"),
        ("date_lent", "2026-01-01 00:00:00"),
        ("lent_by", "controller"),
        ("approver_user_id", "borrower"),
    ],
)
def test_default_keys_on_borrowing_create(api, docs, field, value):
    doc, _vid, _marker = docs.published("confidential")
    value = {"controller": api.uid(CONTROLLER), "borrower": api.uid(STRANGER)}.get(
        value, value
    )

    def create(context):
        return docs.borrowing(doc, context=context)

    def check(rid):
        stored = api.get(BORROWING, rid, field)
        stored = stored[0] if isinstance(stored, list) else stored
        assert stored != value, f"default_{field} was stored: {stored!r}"

    refused_or(lambda: create({f"default_{field}": value}), check)


def test_borrowing_created_lent(api, docs):
    doc, vid, marker = docs.published("confidential")
    before = api.search(BORROWING, [("document_id", "=", doc)])
    for vals in ({"state": "lent"}, {"state": "approved"}):
        refused(
            api.create,
            BORROWING,
            {
                "document_id": doc,
                "medium": "electronic",
                "purpose": "probe",
                "date_due": now(24),
                **vals,
            },
            login=STRANGER,
        )
    assert api.search(BORROWING, [("document_id", "=", doc)]) == before
    assert_not_served(docs.fetch(vid, STRANGER), marker, STRANGER, "the document")


def test_borrowing_for_someone_else(api, docs):
    doc, _vid, _marker = docs.published("confidential")
    before = api.search(BORROWING, [("document_id", "=", doc)])
    refused(
        api.create,
        BORROWING,
        {
            "document_id": doc,
            "medium": "electronic",
            "purpose": "probe",
            "date_due": now(24),
            "user_id": api.uid(STRANGER2),
        },
        login=STRANGER,
    )
    assert api.search(BORROWING, [("document_id", "=", doc)]) == before


@pytest.mark.parametrize("hours", (-2, 24 * 400))
def test_borrowing_due_date_out_of_bounds(api, docs, hours):
    doc, _vid, _marker = docs.published("confidential")
    before = api.search(BORROWING, [("document_id", "=", doc)])
    refused(docs.borrowing, doc, hours=hours)
    assert api.search(BORROWING, [("document_id", "=", doc)]) == before


@pytest.mark.parametrize("stage", ("draft", "under_review"))
def test_borrow_unpublished_document(api, docs, stage):
    doc, vid, marker = docs.stage(stage, "confidential")

    def never_lent(_result):
        pytest.fail(f"a {stage} document was submitted for borrowing")

    refused_or(lambda: docs.borrowing_submitted(doc), never_lent)
    assert_not_served(docs.fetch(vid, STRANGER), marker, STRANGER, "a draft")


def test_borrow_destroyed_document(api, docs):
    doc, vid, marker, _did = docs.destroyed()

    def never_lent(_result):
        pytest.fail("a destroyed document was submitted for borrowing")

    refused_or(lambda: docs.borrowing_submitted(doc), never_lent)
    for login in (MANAGER, AUTHOR, STRANGER):
        assert_not_served(docs.fetch(vid, login), marker, login, "a destroyed document")


def test_expired_borrowing_revived(api, docs):
    doc, vid, marker = docs.published("confidential")
    bid = docs.borrowing_lent(doc)
    docs.lapse(bid)
    assert_not_served(docs.fetch(vid, STRANGER), marker, STRANGER, "an expired loan")
    assert api.get(BORROWING, bid, "state") == "expired"
    seen = watch(BORROWING, bid, BORROWING_WATCH)
    before = api.snapshot(seen)
    for vals in ({"state": "lent"}, {"date_due": now(24)}):
        refused_unchanged(api, seen, api.write, BORROWING, bid, vals, login=STRANGER)
    for method in ("action_submit", "action_bizreg_resubmit", "request_validation"):
        refused_or(
            lambda method=method: api.call(BORROWING, method, [bid], login=STRANGER),
            lambda _result, method=method: check(
                api.snapshot(seen) == before, f"{method} changed an expired loan"
            ),
        )
    assert_not_served(docs.fetch(vid, STRANGER), marker, STRANGER, "an expired loan")


def test_unlink_lent_borrowing(api, docs):
    doc, _vid, _marker = docs.published("confidential")
    bid = docs.borrowing_lent(doc)
    seen = watch(BORROWING, bid, BORROWING_WATCH)
    for login in (STRANGER, CONTROLLER):
        refused_method(api, seen, BORROWING, "unlink", bid, login=login)


# ----------------------------------------------------------------------
# Disposals
# ----------------------------------------------------------------------
def test_destroy_without_approval(api, docs):
    doc, _vid, _marker = docs.published()
    did = docs.disposal(doc)
    seen = watch(DISPOSAL, did, DISPOSAL_WATCH) + watch(DOC, doc, DOC_WATCH)
    refused_method(api, seen, DISPOSAL, "action_destroy", did, login=CONTROLLER)
    for vals in ({"state": "approved"}, {"state": "done"}):
        refused_unchanged(api, seen, api.write, DISPOSAL, did, vals, login=CONTROLLER)
    api.call(DISPOSAL, "action_submit_destruction", [did], login=CONTROLLER)
    assert api.get(DISPOSAL, did, "state") == "review"
    seen = watch(DISPOSAL, did, DISPOSAL_WATCH) + watch(DOC, doc, DOC_WATCH)
    refused_method(api, seen, DISPOSAL, "action_destroy", did, login=CONTROLLER)
    refused_method(api, seen, DISPOSAL, "validate_tier", did, login=CONTROLLER)
    refused_method(api, seen, DISPOSAL, "action_confirm_archive", did, login=CONTROLLER)
    for login in (CONTROLLER, "director"):
        refused_unchanged(
            api, seen, api.write, DOC, doc, {"state": "destroyed"}, login=login
        )


def test_destruction_action_switched_after_approval(api, docs):
    """Approved as a destruction, it is not turned into something else, and
    an archiving is not turned into a destruction after the fact."""
    doc, _vid, _marker = docs.published()
    did = docs.destruction_approved(doc)
    seen = watch(DISPOSAL, did, DISPOSAL_WATCH) + watch(DOC, doc, DOC_WATCH)
    doc2, _vid2, _m2 = docs.published()
    for vals in ({"action": "archive"}, {"document_id": doc2}):
        refused_unchanged(api, seen, api.write, DISPOSAL, did, vals, login=CONTROLLER)
    arch = docs.disposal(doc2, action="archive")
    refused_method(
        api,
        watch(DISPOSAL, arch, DISPOSAL_WATCH) + watch(DOC, doc2, DOC_WATCH),
        DISPOSAL,
        "action_destroy",
        arch,
        login=CONTROLLER,
    )


@pytest.mark.parametrize("login", (AUTHOR, MANAGER, STRANGER))
def test_employee_proposes_or_destroys(api, docs, login):
    doc, _vid, _marker = docs.published()
    before = api.search(DISPOSAL, [("document_id", "=", doc)])
    refused(
        api.create, DISPOSAL, {"document_id": doc, "action": "destroy"}, login=login
    )
    assert api.search(DISPOSAL, [("document_id", "=", doc)]) == before
    did = docs.destruction_approved(doc)
    refused_method(
        api,
        watch(DISPOSAL, did, DISPOSAL_WATCH) + watch(DOC, doc, DOC_WATCH),
        DISPOSAL,
        "action_destroy",
        did,
        login=login,
    )


@pytest.fixture
def destroyed(docs):
    return docs.destroyed()


@pytest.mark.parametrize("login", (CONTROLLER, "director", "admin"))
def test_destruction_record_rewritten(api, docs, destroyed, login):
    doc, _vid, _marker, did = destroyed
    seen = watch(DISPOSAL, did, DISPOSAL_WATCH) + watch(DOC, doc, DOC_WATCH)
    record = api.read(DISPOSAL, did, ["record_title", "record_approvers"])[0]
    assert record["record_title"] and record["record_approvers"], record
    for vals in (
        {"action": "archive"},
        {"state": "cancel"},
        {"reason": "rewritten"},
        {"record_title": "rewritten"},
        {"record_approvers": "nobody"},
        {"date_done": "2020-01-01 00:00:00"},
    ):
        refused_unchanged(api, seen, api.write, DISPOSAL, did, vals, login=login)
    refused_method(api, seen, DISPOSAL, "unlink", did, login=login)
    refused_method(api, seen, DOC, "unlink", doc, login=login)
    for vals in ({"state": "published"}, {"name": "revived"}):
        refused_unchanged(api, seen, api.write, DOC, doc, vals, login=login)


def test_approving_manager_chosen_by_context_key(api, docs):
    """The controller names himself the approving manager of a destruction
    through a default_* key."""
    doc, _vid, _marker = docs.published()
    me = api.uid(CONTROLLER)

    def check_manager(did):
        stored = api.get(DISPOSAL, did, "manager_user_id")
        assert not stored or stored[0] != me, "default_manager_user_id was stored"

    refused_or(
        lambda: api.create(
            DISPOSAL,
            {"document_id": doc, "action": "destroy"},
            login=CONTROLLER,
            context={"default_manager_user_id": me},
        ),
        check_manager,
    )


@pytest.mark.parametrize(
    "field,value",
    [
        ("state", "done"),
        ("record_title", "forged"),
        ("record_approvers", "Director"),
        ("date_done", "2020-01-01 00:00:00"),
    ],
)
def test_default_keys_on_disposal_create(api, docs, field, value):
    doc, _vid, _marker = docs.published()

    def create(context):
        return api.create(
            DISPOSAL,
            {"document_id": doc, "action": "destroy"},
            login=CONTROLLER,
            context=context,
        )

    default_key_refused_or_ignored(api, DISPOSAL, create, field, value)


# ----------------------------------------------------------------------
# Acknowledgements
# ----------------------------------------------------------------------
@pytest.fixture
def pending(api, docs, colleague):
    """(document, the colleague's pending acknowledgement)."""
    doc, _vid, _marker = docs.published()
    acks = api.search(
        ACK, [("document_id", "=", doc), ("user_id", "=", api.uid(colleague))]
    )
    assert acks, "no acknowledgement asked of the Marketing colleague"
    assert api.get(ACK, acks[0], "state") == "pending"
    return doc, acks[0]


@pytest.mark.parametrize("login", (AUTHOR, MANAGER, CONTROLLER, STRANGER))
def test_acknowledge_for_another_user(api, pending, login):
    _doc, ack = pending
    seen = watch(ACK, ack, ACK_WATCH)
    refused_method(api, seen, ACK, "action_acknowledge", ack, login=login)
    refused_unchanged(api, seen, api.write, ACK, ack, {"state": "done"}, login=login)


def test_acknowledgement_forged(api, pending, colleague):
    doc, ack = pending
    version = api.get(ACK, ack, "version_id")[0]
    before = api.search(ACK, [("document_id", "=", doc)])
    for login in (colleague, AUTHOR, CONTROLLER):
        refused(
            api.create,
            ACK,
            {
                "document_id": doc,
                "version_id": version,
                "user_id": api.uid(STRANGER),
                "state": "done",
            },
            login=login,
        )
    assert api.search(ACK, [("document_id", "=", doc)]) == before
    seen = watch(ACK, ack, ACK_WATCH)
    refused_method(api, seen, ACK, "unlink", ack, login=colleague)
    refused_unchanged(
        api,
        seen,
        api.write,
        ACK,
        ack,
        {"date_acknowledged": "2020-01-01 00:00:00"},
        login=colleague,
    )
    api.call(ACK, "action_acknowledge", [ack], login=colleague)
    assert api.get(ACK, ack, "state") == "done"
    seen = watch(ACK, ack, ACK_WATCH)
    refused_unchanged(
        api, seen, api.write, ACK, ack, {"state": "pending"}, login=colleague
    )


def test_acknowledgements_preset_by_reviewers_context(api, docs, colleague):
    """The reviewer's approval publishes the version and asks the readers to
    acknowledge it: default_* keys of his call do not mark them done."""
    doc, vid, _marker = docs.under_review()
    context = {
        "default_state": "done",
        "default_date_acknowledged": "2020-01-01 00:00:00",
    }
    refused_or(
        lambda: api.call(
            "bizreg.document.version",
            "validate_tier",
            [vid],
            login=MANAGER,
            context=context,
        )
    )
    acks = api.search(ACK, [("document_id", "=", doc)])
    rows = api.read(ACK, acks, ["state", "user_id", "date_acknowledged"])
    forged = [row for row in rows if row["state"] == "done"]
    assert not forged, f"acknowledged by the reviewer's context: {forged}"
    if api.get(DOC, doc, "state") == "published":
        assert any(row["user_id"][0] == api.uid(colleague) for row in rows)
