"""One place to find any document: in the database with every bizreg module
and its demo, each numbered record of a model that a document category
registers (research reports, marketing plans, sales contracts, PRDs, project
plans, meetings and their minutes) has exactly one entry in the register,
with its number, and the entry opens it.  The entry of an approved record is
published once its approval is recorded (minutes when the chair approves
them, not when they are submitted and numbered), a draft until then."""

import pytest

# category (xmlid in bizreg_document) -> the model it registers
REGISTERED = {
    "category_market_research_report": "bizreg.marketing.research.report",
    "category_marketing_plan": "bizreg.marketing.plan",
    "category_sales_contract": "sale.order",
    "category_product_requirement": "bizreg.rnd.requirement",
    "category_project_plan": "bizreg.project.plan",
    "category_meeting_minutes": "bizreg.meeting",
}


@pytest.fixture(scope="module")
def installed(odoo_server):
    if "bizreg_document" not in odoo_server.modules:
        pytest.skip("bizreg_document is not installed in the suite database")
    return set(odoo_server.modules)


@pytest.mark.parametrize("category,model", sorted(REGISTERED.items()))
def test_numbered_records_are_registered(api, installed, category, model):
    category = f"bizreg_document.{category}"
    (found,) = api.call(
        "bizreg.document.category", "read", [api.ref(category)], ["res_model"]
    )
    assert found["res_model"] == model
    if not api.call("ir.model", "search_count", [("model", "=", model)]):
        pytest.skip(f"{model} is not installed")
    approvable = "bizreg_approved_digest" in api.call(
        model, "fields_get", ["bizreg_approved_digest"]
    )
    numbered = api.call(
        model,
        "search_read",
        [("bizreg_number", "!=", False)],
        ["bizreg_number"] + (["bizreg_approved_digest"] if approvable else []),
        context={"active_test": False},
    )
    assert numbered, f"the demo numbers no {model}"
    entries = api.call(
        "bizreg.document",
        "search_read",
        [("res_model", "=", model)],
        ["bizreg_number", "res_id", "category_id", "state"],
        context={"active_test": False},
    )
    by_record = {}
    for entry in entries:
        by_record.setdefault(entry["res_id"], []).append(entry)
    for record in numbered:
        (entry,) = by_record.get(record["id"], [None])
        assert entry, f"{model} {record['bizreg_number']} is not in the register"
        assert entry["bizreg_number"] == record["bizreg_number"]
        assert entry["category_id"][0] == api.ref(category)
        if approvable and entry["state"] != "archived":
            expected = "published" if record["bizreg_approved_digest"] else "draft"
            assert entry["state"] == expected, (
                f"{model} {record['bizreg_number']}: entry {entry['state']}, "
                f"approved digest {bool(record['bizreg_approved_digest'])}"
            )
    # the register entry opens its source
    first = entries[0]
    action = api.call("bizreg.document", "action_open_source", [first["id"]])
    assert (action["res_model"], action["res_id"]) == (model, first["res_id"])
