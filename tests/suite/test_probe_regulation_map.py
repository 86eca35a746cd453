"""Adversarial probes of the ``bizreg`` module over JSON-RPC: the regulation
map (who changes it, whether its figures leak records), its links to the
configuration, the onboarding stamp and the dashboards.
"""

import pytest
from probes import cases, refused, refused_method, refused_unchanged, unique

CLAUSE = "bizreg.regulation.clause"
LINK = "bizreg.regulation.link"
CLAUSE_WATCH = ("name", "measure", "source_text", "parent_id", "active")
VIAS = ("web", "external")


def _clause(api, code):
    [cid] = api.search(CLAUSE, [("code", "=", code)])
    return cid


def _watch(api, cid):
    links = api.search(LINK, [("clause_id", "=", cid)])
    return [
        (CLAUSE, [cid], CLAUSE_WATCH),
        (LINK, links, ("name", "kind", "target", "clause_id")),
    ]


MAP_WRITERS = [
    ("yg_user", "web"),
    ("xs_manager", "external"),
    ("director", "web"),
    ("auditor", "external"),
    ("legal", "web"),
]


@pytest.mark.parametrize(
    "login,via", cases(MAP_WRITERS, "{0}_changes_the_map_over_{1}")
)
def test_only_the_regulation_administrator_changes_the_map(api, login, via):
    cid = _clause(api, "2.3")
    watch = _watch(api, cid)
    [link] = api.search(LINK, [("clause_id", "=", cid)], limit=1)
    refused_unchanged(
        api, watch, api.write, CLAUSE, [cid], {"measure": False}, login=login, via=via
    )
    refused_unchanged(
        api, watch, api.call, CLAUSE, "unlink", [cid], login=login, via=via
    )
    refused_unchanged(
        api,
        watch,
        api.create,
        LINK,
        {
            "clause_id": cid,
            "kind": "record",
            "name": unique(),
            "target": f"res.users,{api.uid(login)}",
        },
        login=login,
        via=via,
    )
    refused_unchanged(
        api,
        watch,
        api.write,
        LINK,
        [link],
        {"clause_id": _clause(api, "9.4")},
        login=login,
        via=via,
    )
    # a context default does not open the door either
    refused_unchanged(
        api,
        watch,
        api.create,
        CLAUSE,
        {"code": unique("X"), "name": unique()},
        login=login,
        via=via,
        context={"default_parent_id": cid, "default_measure": "drill_passed"},
    )


def test_figure_counts_only_what_the_reader_may_see(api):
    """The contract clause's figure as each role equals what that role finds
    with the measure's own domain: the figure never counts records the reader
    cannot open (and the Director's, who sees all, is the largest)."""
    cid = _clause(api, "2.3")
    figures = {}
    for login in ("xs_user", "xs_manager", "kf_user", "director"):
        [row] = api.call(
            CLAUSE,
            "read",
            [cid],
            ["compliance_total", "compliance_breaches"],
            login=login,
        )
        action = api.call(CLAUSE, "action_open_concerned", [cid], login=login)
        if login == "kf_user":  # no right on contracts: refused, counted 0
            refused(
                api.call,
                action["res_model"],
                "search_count",
                action["domain"],
                login=login,
            )
        else:
            found = api.call(
                action["res_model"], "search_count", action["domain"], login=login
            )
            assert row["compliance_total"] == found, login
        figures[login] = row["compliance_total"]
    assert figures["kf_user"] == 0  # a service employee reads no contract
    assert figures["director"] >= figures["xs_manager"] >= figures["xs_user"]
    assert figures["director"] > 0


def test_breaches_open_only_breaches(api):
    cid = _clause(api, "8.1")
    action = api.call(CLAUSE, "action_open_breaches", [cid], login="director")
    concerned = api.call(CLAUSE, "action_open_concerned", [cid], login="director")
    breaches = set(
        api.call(action["res_model"], "search", action["domain"], login="director")
    )
    everything = set(
        api.call(
            concerned["res_model"], "search", concerned["domain"], login="director"
        )
    )
    assert breaches <= everything
    [row] = api.call(
        CLAUSE,
        "read",
        [cid],
        ["compliance_total", "compliance_breaches"],
        login="director",
    )
    assert (row["compliance_total"], row["compliance_breaches"]) == (
        len(everything),
        len(breaches),
    )


def test_a_link_opens_nothing_the_user_may_not_read(api):
    rule_links = api.search(LINK, [("kind", "=", "access")])
    assert rule_links
    for login in ("yg_user", "xs_manager"):
        refused(api.call, LINK, "action_open_target", [rule_links[0]], login=login)
    # the list behind a sales clause opens for the sales manager, not for a
    # service employee
    [record_link] = api.search(
        LINK, [("kind", "=", "record"), ("clause_id.code", "=", "2.3")], limit=1
    )
    action = api.call(LINK, "action_open_target", [record_link], login="xs_manager")
    assert action["type"] == "ir.actions.act_window"
    refused(api.call, LINK, "action_open_target", [record_link], login="kf_user")


ONBOARDING_WATCH = ("bizreg_chains_reviewed_date", "bizreg_chains_reviewed_uid")


@pytest.mark.parametrize(
    "login,via",
    cases(
        [("director", "web"), ("auditor", "external"), ("xs_manager", "web")],
        "{0}_over_{1}",
    ),
)
def test_only_the_regulation_administrator_confirms_the_chains(api, login, via):
    company = api.ref("base.main_company")
    watch = [("res.company", [company], ONBOARDING_WATCH)]
    refused_method(
        api,
        watch,
        "res.company",
        "bizreg_mark_chains_reviewed",
        [company],
        login=login,
        via=via,
    )
    refused_unchanged(
        api,
        watch,
        api.write,
        "res.company",
        [company],
        {"bizreg_chains_reviewed_date": "2020-01-01 00:00:00"},
        login=login,
        via=via,
    )


def test_dashboards_are_shown_to_their_roles_only(api):
    def visible(login):
        rows = api.call(
            "spreadsheet.dashboard",
            "search_read",
            [
                (
                    "dashboard_group_id",
                    "=",
                    api.ref("bizreg.spreadsheet_dashboard_group_bizreg"),
                )
            ],
            ["id"],
            login=login,
        )
        return {row["id"] for row in rows}

    director = api.ref("bizreg.spreadsheet_dashboard_director")
    sales = api.ref("bizreg.spreadsheet_dashboard_sale")
    assert director in visible("director")
    assert sales in visible("xs_manager")
    assert director not in visible("xs_manager")
    assert visible("yg_user") == set()
    # nor can an employee read a dashboard's data by id
    refused(
        api.call,
        "spreadsheet.dashboard",
        "read",
        [director],
        ["spreadsheet_binary_data"],
        login="yg_user",
    )
