"""The suite's server is up, is Odoo 18.0, and has the bizreg modules installed."""


def test_server_serves_login_and_is_odoo_18(odoo_server, odoo_client):
    status, body = odoo_client.get("/web/login")
    assert status == 200
    assert 'name="login"' in body and 'name="password"' in body
    info = odoo_client.version_info()
    assert info["server_serie"] == "18.0"


def test_bizreg_modules_installed_over_both_rpc_paths(odoo_server, odoo_client):
    domain = [("name", "in", odoo_server.modules)]
    web = odoo_client.call_kw(
        "ir.module.module", "search_read", [domain], {"fields": ["name", "state"]}
    )
    external = odoo_client.execute_kw(
        "ir.module.module", "search_read", [domain], {"fields": ["name", "state"]}
    )
    states = {row["name"]: row["state"] for row in web}
    assert states == {row["name"]: row["state"] for row in external}
    assert states == dict.fromkeys(odoo_server.modules, "installed")
