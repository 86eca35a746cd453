"""Gapless numbering under concurrency on the prefork server.

20 submissions (contracts) and 20 creations (complaints) fire together over
JSON-RPC, mixed with submissions that fail on purpose (a second concurrent
submission of the same contract, a user without rights).  Afterwards:

- the 20 documents have 20 distinct numbers;
- every serial of the rule's current period, from 1 to the highest, is either
  on a live document or in the void register (``bizreg.numbering.void``):
  no unrecorded gap;
- the rule's sequence has not handed out more serials than are recorded.
"""

import datetime
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from bizreg_rpc import RpcError
from probes import password

PARALLEL = 20
TIMEOUT = 600


def _period_regex(api, rule):
    """A regex of the rule's numbers in the current period; group 1 = serial."""
    row = api.read("bizreg.numbering.rule", rule, ["code", "pattern", "reset_period"])[
        0
    ]
    today = datetime.date.today()
    year = str(today.year) if row["reset_period"] in ("year", "month") else r"\d{4}"
    month = f"{today.month:02d}" if row["reset_period"] == "month" else r"\d{2}"
    regex = re.escape(row["pattern"])
    for placeholder, part in (
        ("{dept}-", r"(?:[A-Za-z0-9]+-)?"),
        ("-{dept}", r"(?:-[A-Za-z0-9]+)?"),
        ("{dept}", r"[A-Za-z0-9]*"),
        ("{code}", re.escape(row["code"])),
        ("{year}", year),
        ("{month}", month),
        ("{seq}", r"(\d+)"),
    ):
        regex = regex.replace(re.escape(placeholder), part)
    return re.compile(f"^{regex}$")


def _recorded_serials(api, rule, model):
    period = _period_regex(api, rule)
    live = api.call(
        model,
        "search_read",
        [("bizreg_number", "!=", False)],
        ["bizreg_number"],
        context={"active_test": False},
    )
    voids = api.call(
        "bizreg.numbering.void", "search_read", [("rule_id", "=", rule)], ["name"]
    )
    numbers = [r["bizreg_number"] for r in live] + [v["name"] for v in voids]
    matches = [period.match(n) for n in numbers]
    serials = sorted(int(m.group(1)) for m in matches if m)
    return serials, [r["bizreg_number"] for r in live]


def _assert_gapless(api, rule, model):
    serials, live = _recorded_serials(api, rule, model)
    assert serials, "no number recorded"
    assert len(live) == len(set(live)), "a number is on two documents"
    missing = sorted(set(range(1, max(serials) + 1)) - set(serials))
    assert not missing, f"unrecorded gaps in the numbering: serials {missing}"
    # the counter handed out exactly the recorded serials of the period
    today = datetime.date.today()
    counters = api.call(
        "bizreg.numbering.counter",
        "search_read",
        [("rule_id", "=", rule), ("period_start", "<=", today.isoformat())],
        ["period_start", "next_serial"],
        login="auditor",
    )
    current = max(counters, key=lambda c: c["period_start"]) if counters else None
    assert current, "no counter for the period"
    drawn = current["next_serial"] - 1
    assert drawn == max(serials), (
        f"the counter handed out {drawn} serials, {max(serials)} are recorded"
    )


def _fire(client, jobs):
    """Run ``jobs`` [(login, fn)] together: each thread logs in, waits for the
    others, then calls.  Returns [(result or RpcError)]."""
    barrier = threading.Barrier(len(jobs), timeout=TIMEOUT)

    def run(job):
        login, fn = job
        client.session(login, password(login))
        barrier.wait()
        try:
            return fn(client.session(login, password(login)))
        except RpcError as exc:
            return exc

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(run, jobs, timeout=TIMEOUT))


def test_parallel_contract_submissions_get_distinct_numbers_without_gaps(
    api, sale, probe_client
):
    sellers = ("xs_user", "xs_user2", "xs_manager")
    orders = [
        (sellers[i % 3], sale.order(login=sellers[i % 3])) for i in range(PARALLEL)
    ]

    def submit(oid):
        return lambda session: session.call_kw(
            "sale.order", "request_validation", [[oid]], {}
        )

    jobs = [(login, submit(oid)) for login, oid in orders]
    # Failing on purpose: the same contracts submitted again at the same time,
    # and submissions by users without rights on them.
    jobs += [(login, submit(oid)) for login, oid in orders[:4]]
    jobs += [("kf_user", submit(orders[5][1])), ("legal", submit(orders[6][1]))]
    results = _fire(probe_client, jobs)
    for result in results:
        if isinstance(result, RpcError):
            assert result.name.startswith("odoo.exceptions."), str(result)
    numbers = [api.get("sale.order", oid, "bizreg_number") for _login, oid in orders]
    assert all(numbers), f"submitted contracts without a number: {numbers}"
    assert len(set(numbers)) == PARALLEL, f"duplicate numbers: {sorted(numbers)}"
    _assert_gapless(
        api, api.ref("bizreg_sale.numbering_rule_sale_contract"), "sale.order"
    )


def test_parallel_complaint_creations_get_distinct_numbers_without_gaps(
    api, desk, probe_client
):
    agents = ("kf_user", "kf_user2", "kf_manager")
    team, kind = desk.team(), desk.kind("complaint")
    customer = api.ref("bizreg_helpdesk.res_partner_customer_b")
    names = [f"parallel complaint {i} {id(api)}" for i in range(PARALLEL)]

    def create(name, login, **extra):
        vals = {
            "name": name,
            "description": "<p>parallel</p>",
            "team_id": team,
            "type_id": kind,
            "partner_id": customer,
            "user_id": api.uid(login),
            **extra,
        }
        return lambda session: session.call_kw("helpdesk.ticket", "create", [vals], {})

    jobs = [
        (agents[i % 3], create(name, agents[i % 3])) for i, name in enumerate(names)
    ]
    # Failing on purpose: closed without a solution, and by a salesperson.
    jobs += [
        ("kf_user", create("parallel bad 1", "kf_user", stage_id=desk.stage("done"))),
        ("xs_user", create("parallel bad 2", "kf_user")),
    ]
    results = _fire(probe_client, jobs)
    for result in results:
        if isinstance(result, RpcError):
            assert result.name.startswith("odoo.exceptions."), str(result)
    tickets = api.call(
        "helpdesk.ticket", "search_read", [("name", "in", names)], ["bizreg_number"]
    )
    assert len(tickets) == PARALLEL
    numbers = [t["bizreg_number"] for t in tickets]
    assert all(numbers), f"complaints without a number: {numbers}"
    assert len(set(numbers)) == PARALLEL, f"duplicate numbers: {sorted(numbers)}"
    _assert_gapless(
        api,
        api.ref("bizreg_helpdesk.bizreg_numbering_rule_complaint"),
        "helpdesk.ticket",
    )


@pytest.mark.parametrize(
    "route",
    [
        pytest.param("unlink", id="deleting_numbered_complaint_records_the_number"),
        pytest.param(
            "cancel_stage", id="cancelling_numbered_complaint_keeps_it_recorded"
        ),
    ],
)
def test_exit_paths_of_numbered_complaint_keep_numbering_gapless(api, desk, route):
    tid = desk.ticket(login="kf_manager")
    number = api.get("helpdesk.ticket", tid, "bizreg_number")
    assert number
    try:
        if route == "unlink":
            api.call("helpdesk.ticket", "unlink", [tid], login="kf_manager")
        else:
            api.write(
                "helpdesk.ticket",
                tid,
                {"stage_id": desk.stage("cancelled")},
                login="kf_manager",
            )
    except RpcError as exc:
        assert exc.name.startswith("odoo.exceptions."), str(exc)
    _assert_gapless(
        api,
        api.ref("bizreg_helpdesk.bizreg_numbering_rule_complaint"),
        "helpdesk.ticket",
    )
