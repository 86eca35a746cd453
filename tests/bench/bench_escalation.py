# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The escalation crons (every model with ``bizreg.escalation.mixin``).

On A, per model: the queries of ``_bizreg_run_escalations()`` with nothing
due (before and after ``RECORDS`` more records that are not due: it must not
grow with the table), and with 10 and ``DUE`` records due (a level's deadline
set in the past with SQL, stamps cleared), per due record.  Complaints
(``helpdesk.ticket``) and approval steps (``tier.review``) get ``RECORDS``
fresh records; the other models use the demo records they have.

On B, the baseline: what plain Odoo spends to do what an escalation does for
one record, a note in the chatter and a to-do activity, on ``DUE`` tickets.
"""

import os

from benchlib import measure, savepoint

from odoo import Command
from odoo.tools import SQL

RECORDS = int(os.environ.get("BIZREG_BENCH_DUE", "100"))
DUE = RECORDS
REPEAT = 3


def _models(env):
    mixin = env.registry["bizreg.escalation.mixin"]
    return sorted(
        name
        for name, model in env.registry.items()
        if name != mixin._name
        and not model._abstract
        and not model._transient
        and issubclass(model, mixin)
    )


def _run(env, model, key=None):
    """The mixin's runner, as every escalation cron calls it: all levels, or
    the level ``key`` only."""
    keys = (key,) if key else None
    return measure(env, lambda: env[model].sudo()._bizreg_run_escalations(keys=keys))


def _push_all_future(env, model):
    Model = env[model]
    for _key, deadline, _stamp, _method in Model._bizreg_escalation_levels():
        env.cr.execute(
            SQL(
                "UPDATE %s SET %s = now() + interval '400 days' WHERE %s <= now()",
                SQL.identifier(Model._table),
                SQL.identifier(deadline),
                SQL.identifier(deadline),
            )
        )
    env.invalidate_all()


def _make_due(env, model, ids, key):
    Model = env[model]
    levels = Model._bizreg_escalation_levels()
    deadline = next(level[1] for level in levels if level[0] == key)
    stamps = [SQL("%s = NULL", SQL.identifier(level[2])) for level in levels]
    env.cr.execute(
        SQL(
            "UPDATE %s SET %s = now() - interval '1 hour', %s WHERE id = ANY(%s)",
            SQL.identifier(Model._table),
            SQL.identifier(deadline),
            SQL(", ").join(stamps),
            list(ids),
        )
    )
    env.invalidate_all()


def _candidates(env, model):
    Model = env[model].sudo()
    return Model.search(Model._bizreg_escalation_domain(), order="id").ids


def _figures(env, model, add_records=None):
    out = {}
    with savepoint(env, "bench_esc"):
        _push_all_future(env, model)
        _run(env, model)  # warm-up
        out["nothing_due_queries"] = _run(env, model)[1]
        out["rows_before"] = env[model].sudo().search_count([])
        if add_records:
            add_records()
            _push_all_future(env, model)
            _run(env, model)
            out["nothing_due_queries_after"] = _run(env, model)[1]
            out["rows_after"] = env[model].sudo().search_count([])
        ids = _candidates(env, model)
        out["candidates"] = len(ids)
        for key, *_rest in env[model]._bizreg_escalation_levels():
            nothing = _run(env, model, key)[1]
            for due in sorted({min(10, len(ids)), min(DUE, len(ids))} - {0}):
                runs = []
                for _round in range(REPEAT):
                    with savepoint(env, "bench_esc_due"):
                        _make_due(env, model, ids[:due], key)
                        seconds, queries, fired = _run(env, model, key)
                        runs.append((queries, seconds, fired))
                runs.sort()
                queries, seconds, fired = runs[len(runs) // 2]
                out.setdefault("levels", {}).setdefault(key, {})[f"due_{due}"] = {
                    "queries": queries,
                    "ms": round(seconds * 1000, 1),
                    "fired": fired,
                    "queries_per_record": round(queries / due, 2),
                    "marginal_per_record": round((queries - nothing) / due, 2),
                }
    return out


def _complaints(env):
    team = env["helpdesk.ticket.team"].search([], limit=1)
    partner = env["res.partner"].create(
        {"name": "Bench complainant", "email": "c@example.com"}
    )
    complaint = env.ref("bizreg_helpdesk.helpdesk_ticket_type_complaint")
    env["helpdesk.ticket"].create(
        [
            {
                "name": f"Bench complaint {index}",
                "description": "<p>It does not start.</p>",
                "partner_id": partner.id,
                "team_id": team.id,
                "user_id": env.user.id,
                "type_id": complaint.id,
                "bizreg_severity": "high",
            }
            for index in range(RECORDS)
        ]
    )
    env.flush_all()


def _reviews(env):
    from bench_confirm import Setup

    setup = Setup(env)
    orders = env["sale.order"].create(
        [
            {
                "partner_id": setup.partner.id,
                "user_id": setup.salesman.id,
                "order_line": [
                    Command.create({"product_id": setup.product.id, "price_unit": 1000})
                ],
            }
            for _i in range(RECORDS // 3 + 1)
        ]
    )
    for order in orders:
        order.with_user(setup.salesman).request_validation()
    env.flush_all()


def _orders_in_execution(env):
    """``RECORDS`` contracts in execution: quotations of the benchmark's
    salesperson put into the state of a confirmed contract with SQL (what the
    escalations read; the confirmation itself is bench_confirm's)."""
    from bench_confirm import Setup

    setup = Setup(env)
    orders = env["sale.order"].create(
        [
            {
                "partner_id": setup.partner.id,
                "user_id": setup.salesman.id,
                "order_line": [
                    Command.create({"product_id": setup.product.id, "price_unit": 1000})
                ],
            }
            for _i in range(RECORDS)
        ]
    )
    env["bizreg.sale.handoff.rule"].create(
        {
            "name": "Bench hand-off",
            "handoff_type": "delivery",
            "user_id": setup.manager.id,
        }
    )
    env.flush_all()
    env.cr.execute(
        "UPDATE sale_order SET state = 'sale', bizreg_execution_state = 'open', "
        "date_order = now() WHERE id = ANY(%s)",
        [orders.ids],
    )
    env.invalidate_all()


def _requests(env):
    """``RECORDS`` resource requests like the demo's (same activity and
    asked department)."""
    Request = env["bizreg.marketing.request"]
    demo = Request.search([], limit=1)
    if not demo:
        return
    Request.create(
        [
            {
                "name": f"Bench request {index}",
                "activity_id": demo.activity_id.id,
                "department_id": demo.department_id.id,
                "kind": demo.kind,
                "date_deadline": demo.date_deadline,
            }
            for index in range(RECORDS)
        ]
    )
    env.flush_all()


def run_a(env):
    out = {}
    adders = {
        "helpdesk.ticket": _complaints,
        "tier.review": _reviews,
        "sale.order": _orders_in_execution,
        "bizreg.marketing.request": _requests,
    }
    for model in _models(env):
        try:
            add = adders.get(model)
            out[model] = _figures(env, model, add and (lambda add=add: add(env)))
        except Exception as exc:  # reported, the other models still run
            out[model] = {"error": f"{type(exc).__name__}: {exc}"}
    return out


def run_b(env):
    team = env["helpdesk.ticket.team"].search([], limit=1)
    partner = env["res.partner"].create(
        {"name": "Bench complainant", "email": "c@example.com"}
    )
    tickets = env["helpdesk.ticket"].create(
        [
            {
                "name": f"Bench ticket {index}",
                "description": "<p>It does not start.</p>",
                "partner_id": partner.id,
                "team_id": team.id,
                "user_id": env.user.id,
            }
            for index in range(RECORDS + 5)
        ]
    )
    env.flush_all()
    manager = env.ref("base.user_admin")

    def escalate(records):
        for ticket in records:
            ticket.message_post(
                body="Escalation: overdue.", subtype_xmlid="mail.mt_note"
            )
            ticket.activity_schedule(
                "mail.mail_activity_data_todo",
                summary="Overdue",
                note="Escalation: overdue.",
                user_id=manager.id,
            )
        records.write({"priority": "3"})  # the stamp

    runs = []
    for _round in range(REPEAT):
        with savepoint(env, "bench_b_esc"):
            measure(env, lambda: escalate(tickets[:5]))
            seconds, queries, _r = measure(env, lambda: escalate(tickets[5:]))
            runs.append((queries, seconds))
    runs.sort()
    queries, seconds = runs[len(runs) // 2]
    return {
        "note_and_activity": {
            "records": RECORDS,
            "queries": queries,
            "ms": round(seconds * 1000, 1),
            "queries_per_record": round(queries / RECORDS, 2),
        }
    }
