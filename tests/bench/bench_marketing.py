# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Marketing: the effect figures of the marketing plans and the leads list.

A: ``CAMPAIGNS`` marketing activities (``PLANS`` plans) opened as UTM
campaigns through the ORM, then ``LEADS`` leads and opportunities and
``ORDERS`` confirmed orders carrying those campaigns, generated with SQL
(``INSERT ... SELECT generate_series`` cloning one demo row, as
bench_appraisal.py does).  B: ``CAMPAIGNS`` plain UTM campaigns and the same
leads, generated with the same SQL.  Medians of five interleaved rounds after
a warm-up:

- A: the effect figures of all plans (``bizreg.marketing.plan._effect``:
  participants, leads, opportunities, won, conversion, revenue, cost per lead,
  return on budget) and their queries for two plans and for all; hand-written
  SQL computing the same figures (checked equal);
- A and B: the leads list with its campaign columns (``web_search_read`` of
  ``crm.lead`` with the fields of the Leads list view, ``campaign_id``
  included, the Leads action's domain, 80 rows, default order, the web
  client's count limit), as the administrator.
"""

import os
import statistics

from benchlib import clone, measure
from lxml import etree

import odoo.exceptions
from odoo import Command
from odoo.tools import SQL

CAMPAIGNS = int(os.environ.get("BIZREG_BENCH_MKT_CAMPAIGNS", "200"))
PLANS = int(os.environ.get("BIZREG_BENCH_MKT_PLANS", "20"))
LEADS = int(os.environ.get("BIZREG_BENCH_MKT_LEADS", "500000"))
ORDERS = int(os.environ.get("BIZREG_BENCH_MKT_ORDERS", "200000"))
ROUNDS = 5
LIST_LIMIT = 80
COUNT_LIMIT = 10001  # the web client's (10,000 + 1)


def _admin_env(env):
    return env(user=env.ref("base.user_admin").id)


def generate_leads(env, campaign_ids):
    """``LEADS`` leads (60 %) and opportunities spread over ``campaign_ids``
    and the days of 2026, one in seven won, one in ten lost (archived),
    assigned to the administrator: the same SQL on A and B."""
    cr = env.cr
    cr.execute("SELECT id FROM crm_lead ORDER BY id LIMIT 1")
    src = cr.fetchone()[0]
    cr.execute("SELECT id FROM crm_stage WHERE is_won ORDER BY sequence, id LIMIT 1")
    won = cr.fetchone()[0]
    cr.execute(
        "SELECT id FROM crm_stage WHERE is_won IS NOT TRUE "
        "ORDER BY sequence, id LIMIT 1"
    )
    open_stage = cr.fetchone()[0]
    is_won = SQL("mod(g, 7) = 0")
    clone(
        cr,
        "crm_lead",
        src,
        LEADS,
        {
            "name": SQL("'Bench lead ' || g"),
            "type": SQL("CASE WHEN mod(g, 5) < 3 THEN 'lead' ELSE 'opportunity' END"),
            "active": SQL("mod(g, 10) <> 0"),
            "stage_id": SQL(
                "CASE WHEN %s THEN %s ELSE %s END", is_won, won, open_stage
            ),
            "probability": SQL("CASE WHEN %s THEN 100 ELSE 10 END", is_won),
            "campaign_id": SQL(
                "(%s::int[])[1 + mod(g, %s)]", campaign_ids, len(campaign_ids)
            ),
            "user_id": SQL("%s", env.ref("base.user_admin").id),
            "priority": SQL("mod(g, 4)::text"),
            "create_date": SQL(
                "timestamp '2026-01-01' + make_interval(days => mod(g, 365), "
                "hours => mod(g, 24))"
            ),
            "email_from": SQL("'bench' || g || '@example.com'"),
            "email_normalized": SQL("'bench' || g || '@example.com'"),
        },
    )
    cr.execute("ANALYZE crm_lead")


def _list_spec(model, arch):
    """The ``web_search_read`` specification the web client sends for the
    top-level fields of a list ``arch``."""
    spec = {}
    for node in arch.iterfind("field"):
        name = node.get("name")
        field = model._fields.get(name)
        if not field or name in spec:
            continue
        if field.type == "many2one":
            spec[name] = {"fields": {"display_name": {}}}
        elif field.type in ("one2many", "many2many"):
            related = {"display_name": {}}
            comodel = model.env[field.comodel_name]
            if "color" in comodel._fields:
                related["color"] = {}
            spec[name] = {"fields": related}
        else:
            spec[name] = {}
    spec.setdefault("campaign_id", {"fields": {"display_name": {}}})
    return spec


def leads_list(env):
    """Median time and queries of the Leads list, as the administrator (as
    the superuser if the administrator may not read leads)."""
    out = {"leads": LEADS}
    Lead = _admin_env(env)["crm.lead"]
    try:
        Lead.check_access("read")
        out["list_as"] = "admin"
    except odoo.exceptions.AccessError:
        Lead = env["crm.lead"]
        out["list_as"] = "superuser"
    Lead = Lead.with_context(bin_size=True)
    view = Lead.get_view(env.ref("crm.crm_case_tree_view_leads").id, "list")
    spec = _list_spec(Lead, etree.fromstring(view["arch"]))
    domain = ["|", ("type", "=", "lead"), ("type", "=", False)]

    def call():
        return Lead.web_search_read(
            domain, spec, limit=LIST_LIMIT, count_limit=COUNT_LIMIT
        )

    call()
    runs = [measure(env, call) for _round in range(ROUNDS)]
    result = runs[-1][2]
    out.update(
        list_ms=round(statistics.median(r[0] for r in runs) * 1000, 1),
        list_queries=runs[-1][1],
        list_rows=len(result["records"]),
        list_length=result["length"],
        list_fields=sorted(spec),
    )
    return out


# ---------------------------------------------------------------- A


def _plans(env):
    """``PLANS`` plans with ``CAMPAIGNS`` activities in all, opened as
    campaigns (``_open_campaigns``), with participants and costs."""
    per_plan = -(-CAMPAIGNS // PLANS)
    Plan = env["bizreg.marketing.plan"]
    vals_list = []
    made = 0
    for p in range(PLANS):
        count = min(per_plan, CAMPAIGNS - made)
        if count <= 0:
            break
        made += count
        vals_list.append(
            {
                "name": f"Bench plan {p + 1}",
                "date_start": "2026-01-01",
                "date_end": "2026-12-31",
                "target_leads": 1000,
                "target_participants": 500,
                "target_revenue": 1000000.0,
                "marketing_activity_ids": [
                    Command.create(
                        {
                            "kind": ("brand", "promotion", "channel")[a % 3],
                            "theme": f"Bench activity {p + 1}.{a + 1}",
                            "date_start": "2026-01-01",
                            "date_end": "2026-12-31",
                            "budget_line_ids": [
                                Command.create(
                                    {
                                        "name": "Venue",
                                        "category": "venue",
                                        "amount": 10000.0 + 100 * a,
                                    }
                                )
                            ],
                        }
                    )
                    for a in range(count)
                ],
            }
        )
    plans = Plan.create(vals_list)
    activities = plans.marketing_activity_ids
    activities._open_campaigns()
    env.flush_all()
    # what execution would have recorded: attendees and actual costs
    env.cr.execute(
        "UPDATE bizreg_marketing_activity SET attendee_count = 50 + mod(id, 100), "
        "participant_count = 50 + mod(id, 100), cost_amount = budget_amount * 0.9 "
        "WHERE id = ANY(%s)",
        [activities.ids],
    )
    env.invalidate_all()
    return plans, activities


def generate_orders(env, campaign_ids):
    cr = env.cr
    cr.execute("SELECT id FROM sale_order WHERE state = 'sale' ORDER BY id LIMIT 1")
    src = cr.fetchone()[0]
    clone(
        cr,
        "sale_order",
        src,
        ORDERS,
        {
            "name": SQL("'BMKT' || g"),
            "campaign_id": SQL(
                "(%s::int[])[1 + mod(g, %s)]", campaign_ids, len(campaign_ids)
            ),
            "state": SQL("'sale'"),
            "currency_id": SQL("%s", env.company.currency_id.id),
            "amount_untaxed": SQL("100 + mod(g, 900)"),
            "amount_total": SQL("(100 + mod(g, 900)) * 1.13"),
            "date_order": SQL(
                "timestamp '2026-01-01' + make_interval(days => mod(g, 365))"
            ),
            "bizreg_number": SQL("NULL"),
        },
    )
    cr.execute("ANALYZE sale_order")


def effect_sql(env, plan_ids):
    """The effect figures of ``plan_ids`` by hand-written SQL: ``{plan_id:
    figures}`` as ``bizreg.marketing.plan._effect`` returns them."""
    env.cr.execute(
        """
        WITH a AS (
            SELECT plan_id, campaign_id, participant_count, cost_amount
              FROM bizreg_marketing_activity WHERE plan_id = ANY(%(plans)s)
        ), l AS (
            SELECT cl.campaign_id, count(*) AS leads,
                   count(*) FILTER (WHERE cl.type = 'opportunity') AS opportunities,
                   count(*) FILTER (WHERE cl.active AND st.is_won) AS won
              FROM crm_lead cl LEFT JOIN crm_stage st ON st.id = cl.stage_id
             WHERE cl.campaign_id IN (SELECT campaign_id FROM a)
             GROUP BY cl.campaign_id
        ), s AS (
            SELECT campaign_id, sum(amount_untaxed) AS revenue
              FROM sale_order
             WHERE state = 'sale' AND campaign_id IN (SELECT campaign_id FROM a)
             GROUP BY campaign_id
        )
        SELECT a.plan_id, sum(COALESCE(a.participant_count, 0)),
               sum(COALESCE(l.leads, 0)), sum(COALESCE(l.opportunities, 0)),
               sum(COALESCE(l.won, 0)), sum(COALESCE(s.revenue, 0)),
               sum(COALESCE(a.cost_amount, 0))
          FROM a LEFT JOIN l USING (campaign_id) LEFT JOIN s USING (campaign_id)
         GROUP BY a.plan_id
        """,
        {"plans": list(plan_ids)},
    )
    result = {}
    for plan_id, participants, leads, opps, won, revenue, cost in env.cr.fetchall():
        leads, revenue, cost = int(leads), float(revenue), float(cost)
        result[plan_id] = {
            "participants": int(participants),
            "leads": leads,
            "opportunities": int(opps),
            "won": int(won),
            "revenue": revenue,
            "cost": cost,
            "conversion": 100.0 * int(won) / leads if leads else 0.0,
            "cost_per_lead": cost / leads if leads else 0.0,
            "return": 100.0 * (revenue - cost) / cost if cost else 0.0,
        }
    return result


def _same(orm, raw):
    """Whether the ORM's figures equal the SQL's (plans with activities)."""
    for plan_id, figures in raw.items():
        mine = orm.get(plan_id) or {}
        for key, value in figures.items():
            if abs((mine.get(key) or 0) - value) > 0.01 * max(1.0, abs(value)):
                return f"plan {plan_id} {key}: ORM {mine.get(key)} SQL {value}"
    return True


def run_a(env):
    env = env(context=dict(env.context, tracking_disable=True))
    plans, activities = _plans(env)
    campaign_ids = activities.campaign_id.ids
    generate_leads(env, campaign_ids)
    generate_orders(env, campaign_ids)
    all_plans = env["bizreg.marketing.plan"].search([])
    two = plans[:2]

    def effect(records):
        return records._effect()

    # warm-up, then interleaved rounds
    effect(all_plans)
    effect_sql(env, all_plans.ids)
    rounds = {"orm": [], "sql": []}
    for _round in range(ROUNDS):
        seconds, q_all, figures = measure(env, lambda: effect(all_plans))
        rounds["orm"].append(seconds)
        rounds["sql"].append(measure(env, lambda: effect_sql(env, all_plans.ids))[0])
    _s, q_two, _r = measure(env, lambda: effect(two))
    out = {
        "campaigns": len(campaign_ids),
        "plans": len(all_plans),
        "orders": ORDERS,
        "effect_s": round(statistics.median(rounds["orm"]), 3),
        "effect_sql_s": round(statistics.median(rounds["sql"]), 3),
        "effect_queries_all": q_all,
        "effect_queries_two": q_two,
        "effect_equals_sql": _same(figures, effect_sql(env, all_plans.ids)),
    }
    out.update(leads_list(env))
    return out


# ---------------------------------------------------------------- B


def run_b(env):
    env = env(context=dict(env.context, tracking_disable=True))
    campaigns = env["utm.campaign"].create(
        [{"title": f"Bench campaign {i + 1}"} for i in range(CAMPAIGNS)]
    )
    generate_leads(env, campaigns.ids)
    return leads_list(env)
