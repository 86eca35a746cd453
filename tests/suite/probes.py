"""Helpers of the adversarial probes (``test_probe_*.py``).

- :class:`Api`: calls as a login (``/web/dataset/call_kw`` or, with
  ``via="ext"``, ``/jsonrpc`` ``execute_kw``), xmlid and login lookups, and
  admin reads used to prove that nothing changed;
- :func:`refused` / :func:`refused_unchanged` (and its shapes
  :func:`refused_write`, :func:`refused_method`, :func:`refused_record_write`):
  the attack raised a clean Odoo error (``odoo.exceptions.*``) and the watched
  records read the same after; :func:`refused_or`: refused, or accepted and
  checked (:func:`default_key_refused_or_ignored`);
- factories of fresh records, one per probe, with unique names:
  :class:`Sale`, :class:`Desk`, :class:`Appraisal`.

Demo users' passwords are their logins; ``admin``'s is ``admin``.
"""

import base64
import random
import uuid

import pytest
from bizreg_rpc import RpcError

# A 1x1 PNG: a signed copy, a portal signature.
PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
    "60e6kgAAAABJRU5ErkJggg=="
)
INPUT_ERRORS = ("odoo.exceptions.ValidationError", "odoo.exceptions.UserError")
_REFS = {}


def unique(prefix="probe"):
    return f"{prefix} {uuid.uuid4().hex[:10]}"


def password(login):
    return "admin" if login == "admin" else login


# ----------------------------------------------------------------------
# Assertions
# ----------------------------------------------------------------------
def refused(call, *args, **kwargs):
    """Run the attack; it must raise an Odoo exception (not a server crash)."""
    try:
        result = call(*args, **kwargs)
    except RpcError as exc:
        assert exc.name.startswith("odoo.exceptions."), (
            f"refused with a server error, not an Odoo exception: {exc}"
        )
        return exc
    pytest.fail(f"attack accepted (returned {str(result)[:200]})")


def refused_unchanged(api, watch, call, *args, **kwargs):
    """The attack is refused and every watched record reads the same as admin.

    ``watch``: ``[(model, ids, fields), ...]``.
    """
    before = api.snapshot(watch)
    err = refused(call, *args, **kwargs)
    after = api.snapshot(watch)
    assert after == before, f"refused ({err.name}) but the records changed"
    return err


def refused_as_input_error(api, watch, call, *args, **kwargs):
    """Wrong-type input: a ValidationError/UserError, and nothing stored."""
    err = refused_unchanged(api, watch, call, *args, **kwargs)
    assert err.name in INPUT_ERRORS, f"{err.name}: {err.message}"
    return err


def refused_write(api, watch, model, ids, vals, **kwargs):
    """``api.write(model, ids, vals, **kwargs)`` is refused and every watched
    record reads the same (see :func:`refused_unchanged`)."""
    return refused_unchanged(api, watch, api.write, model, ids, vals, **kwargs)


def refused_method(api, watch, model, method, ids, *args, **kwargs):
    """``model.method(ids, *args)`` called over RPC is refused and every
    watched record reads the same."""
    ids = [ids] if isinstance(ids, int) else list(ids)
    return refused_unchanged(api, watch, api.call, model, method, ids, *args, **kwargs)


def refused_record_write(api, model, ids, fields, vals, **kwargs):
    """Writing ``vals`` on the records is refused; their ``fields`` read the same."""
    return refused_write(api, [(model, ids, fields)], model, ids, vals, **kwargs)


def refused_or(call, check=None):
    """The call is refused, or it is accepted and ``check(result)`` holds
    (an ignored ``default_*`` key, a change sent back to review...); without
    ``check`` an accepted call is the caller's to judge.  Returns the refusal
    or None."""
    try:
        result = call()
    except RpcError as exc:
        assert exc.name.startswith("odoo.exceptions."), (
            f"refused with a server error, not an Odoo exception: {exc}"
        )
        return exc
    if check is not None:
        check(result)
    return None


def none_readable(api, model, domain, fields, login, what):
    """``search_read`` as ``login`` is refused or finds nothing (``what`` is
    what it must not read, for the failure message)."""

    def none_visible(rows):
        assert not rows, f"{login} reads {what}"

    return refused_or(
        lambda: api.call(model, "search_read", domain, fields, login=login),
        none_visible,
    )


def default_key_refused_or_ignored(api, model, create, field, value):
    """``create(context={"default_<field>": value})`` is refused, or the
    record it creates does not hold ``value``."""

    def check(rid):
        stored = api.get(model, rid, field)
        assert stored != value, f"default_{field} was stored: {stored!r}"

    return refused_or(lambda: create(context={f"default_{field}": value}), check)


def cases(rows, name):
    """Parametrize cases: one ``pytest.param(*row)`` per row, its id
    ``name.format(*row)`` (e.g. ``"salesperson_writes_{0}_on_quotation"``)."""
    return [pytest.param(*row, id=name.format(*row)) for row in rows]


# ----------------------------------------------------------------------
# Calls
# ----------------------------------------------------------------------
class Api:
    def __init__(self, client):
        self.client = client

    def call(self, model, method, *args, login="admin", context=None, via="web", **kw):
        if context is not None:
            kw["context"] = context
        call = self.client.call_kw if via == "web" else self.client.execute_kw
        return call(
            model, method, list(args), kw, login=login, password=password(login)
        )

    def session(self, login):
        return self.client.session(login, password(login))

    # lookups (cached per database) ------------------------------------
    def _cached(self, key, compute):
        key = (self.client.db, *key)
        if key not in _REFS:
            _REFS[key] = compute()
        return _REFS[key]

    def ref(self, xmlid):
        def compute():
            module, name = xmlid.split(".", 1)
            rows = self.call(
                "ir.model.data",
                "search_read",
                [("module", "=", module), ("name", "=", name)],
                fields=["res_id"],
                limit=1,
            )
            assert rows, f"no record {xmlid}"
            return rows[0]["res_id"]

        return self._cached(("ref", xmlid), compute)

    def uid(self, login):
        def compute():
            ids = self.call(
                "res.users",
                "search",
                [("login", "=", login)],
                context={"active_test": False},
            )
            assert ids, f"no user {login}"
            return ids[0]

        return self._cached(("uid", login), compute)

    def partner(self, login):
        return self.call("res.users", "read", [self.uid(login)], ["partner_id"])[0][
            "partner_id"
        ][0]

    def employee(self, login):
        return self._cached(
            ("employee", login),
            lambda: self.call(
                "hr.employee", "search", [("user_id", "=", self.uid(login))], limit=1
            )[0],
        )

    # admin reads -----------------------------------------------------
    def read(self, model, ids, fields):
        """Read as admin; where admin has no read access (records of an area
        he is not in), as the Auditor, who reads every regulation record."""
        ids = [ids] if isinstance(ids, int) else list(ids)
        context = {"active_test": False, "lang": "en_US"}
        try:
            rows = self.call(model, "read", ids, fields, context=context)
        except RpcError as exc:
            if exc.name != "odoo.exceptions.AccessError":
                raise
            rows = self.call(
                model, "read", ids, fields, context=context, login="auditor"
            )
        return sorted(rows, key=lambda row: row["id"])

    def get(self, model, rid, field):
        return self.read(model, rid, [field])[0][field]

    def snapshot(self, watch):
        return [self.read(model, ids, list(fields)) for model, ids, fields in watch]

    def search(self, model, domain, **kw):
        """Search as admin (as the Auditor where admin has no read access)."""
        kw.setdefault("context", {"active_test": False})
        try:
            return self.call(model, "search", domain, **kw)
        except RpcError as exc:
            if exc.name != "odoo.exceptions.AccessError":
                raise
            return self.call(model, "search", domain, login="auditor", **kw)

    def create(self, model, vals, login="admin", **kw):
        return self.call(model, "create", vals, login=login, **kw)

    def write(self, model, ids, vals, login="admin", **kw):
        ids = [ids] if isinstance(ids, int) else list(ids)
        return self.call(model, "write", ids, vals, login=login, **kw)

    def wizard(self, model, vals, method, login="admin", context=None):
        """Create the wizard as ``login`` and press its button ``method``."""
        wizard = self.create(model, vals, login=login, context=context)
        return self.call(model, method, [wizard], login=login, context=context)

    # reviews -------------------------------------------------------------
    def review(self, model, rid, login, decision="validate", comment="Probe: OK"):
        """Approve (or reject) as ``login`` like the web client does: the
        button, then OCA's comment wizard when the step asks for one."""
        method = "validate_tier" if decision == "validate" else "reject_tier"
        action = self.call(model, method, [rid], login=login)
        if isinstance(action, dict) and action.get("res_model") == "comment.wizard":
            self.wizard(
                "comment.wizard",
                {"comment": comment},
                "add_comment",
                login=login,
                context=action["context"],
            )
        return action

    def reviews(self, model, rid, fields=("status", "reviewer_ids", "sequence")):
        ids = self.search("tier.review", [("model", "=", model), ("res_id", "=", rid)])
        return self.read("tier.review", ids, list(fields))


# ----------------------------------------------------------------------
# Sales contracts
# ----------------------------------------------------------------------
ORDER_WATCH = (
    "state",
    "validation_status",
    "bizreg_number",
    "bizreg_contract_state",
    "bizreg_signed",
    "amount_total",
    "bizreg_amount_total_company",
    "bizreg_bottom_line_level",
    "bizreg_below_bottom_line",
    "bizreg_rejection_count",
    "bizreg_execution_state",
    "payment_term_id",
    "partner_id",
    "pricelist_id",
    "order_line",
    "review_ids",
)
LINE_WATCH = (
    "order_id",
    "product_id",
    "name",
    "product_uom_qty",
    "price_unit",
    "discount",
    "tax_id",
    "customer_lead",
)
REVIEWERS = ("legal", "finance", "risk")


class Sale:
    def __init__(self, api):
        self.api = api

    def order(
        self,
        login="xs_user",
        qty=1,
        price=12000.0,
        discount=0.0,
        product="controller",
        partner=None,
        salesperson=None,
        context=None,
        **vals,
    ):
        api = self.api
        line = {
            "product_id": api.ref(f"bizreg_sale.demo_product_{product}"),
            "product_uom_qty": qty,
            "price_unit": price,
            "discount": discount,
        }
        vals = {
            "partner_id": partner or api.ref("bizreg_sale.demo_partner_huaxin"),
            "client_order_ref": unique(),
            "order_line": [(0, 0, line)],
            **vals,
        }
        if salesperson:
            vals["user_id"] = api.uid(salesperson)
        return api.create("sale.order", vals, login=login, context=context)

    def submit(self, oid, login="xs_user"):
        return self.api.call("sale.order", "request_validation", [oid], login=login)

    def approve(self, oid, reviewers=REVIEWERS):
        for login in reviewers:
            self.api.review("sale.order", oid, login)

    def submitted(self, login="xs_user", **kw):
        oid = self.order(login=login, **kw)
        self.submit(oid, login)
        return oid

    def approved(self, login="xs_user", **kw):
        oid = self.submitted(login=login, **kw)
        self.approve(oid)
        assert self.api.get("sale.order", oid, "validation_status") == "validated"
        return oid

    def sign(self, oid, login="xs_user"):
        self.api.wizard(
            "bizreg.sale.signing.wizard",
            {
                "order_id": oid,
                "customer_signatory": "陈建国",
                "seal_done": True,
                "signed_copy": PNG,
                "signed_copy_name": "signed.png",
            },
            "action_record",
            login=login,
        )

    def signed(self, login="xs_user", **kw):
        oid = self.approved(login=login, **kw)
        self.sign(oid, login)
        return oid

    def confirmed(self, login="xs_user", **kw):
        oid = self.signed(login=login, **kw)
        self.api.call("sale.order", "action_confirm", [oid], login=login)
        assert self.api.get("sale.order", oid, "state") == "sale"
        return oid

    def lines(self, oid):
        return self.api.get("sale.order", oid, "order_line")

    def watch(self, *oids):
        lines = [lid for oid in oids for lid in self.lines(oid)]
        return [
            ("sale.order", list(oids), ORDER_WATCH),
            ("sale.order.line", lines, LINE_WATCH),
        ]

    # attacks on one contract: refused, and the contract and its lines read
    # the same -------------------------------------------------------------
    def refused_write(self, oid, vals, login, **kw):
        return refused_write(
            self.api, self.watch(oid), "sale.order", oid, vals, login=login, **kw
        )

    def refused_call(self, oid, method, *args, login, **kw):
        return refused_method(
            self.api,
            self.watch(oid),
            "sale.order",
            method,
            oid,
            *args,
            login=login,
            **kw,
        )

    def refused_approval(self, oid, login):
        """``login`` presses Approve on the contract: refused, nothing changed."""
        return self.refused_call(oid, "validate_tier", login=login)


# ----------------------------------------------------------------------
# Helpdesk
# ----------------------------------------------------------------------
TICKET_WATCH = (
    "stage_id",
    "active",
    "type_id",
    "bizreg_kind",
    "bizreg_closed",
    "bizreg_resolution",
    "bizreg_number",
    "bizreg_solution",
    "bizreg_satisfaction",
    "bizreg_close_override_reason",
    "bizreg_first_response_date",
    "bizreg_response_deadline",
    "bizreg_resolution_deadline",
    "bizreg_escalation_level",
    "bizreg_escalation_l1_date",
    "user_id",
    "team_id",
)


class Desk:
    def __init__(self, api):
        self.api = api

    def team(self):
        return self.api.ref("bizreg_helpdesk.helpdesk_ticket_team_service")

    def kind(self, kind):
        return self.api.ref(f"bizreg_helpdesk.helpdesk_ticket_type_{kind}")

    def stage(self, name):
        return self.api.ref(f"helpdesk_mgmt.helpdesk_ticket_stage_{name}")

    def ticket(self, login="kf_user", kind="complaint", context=None, **vals):
        api = self.api
        vals = {
            "name": unique("complaint"),
            "description": "<p>The device does not start.</p>",
            "team_id": self.team(),
            "type_id": self.kind(kind),
            "partner_id": api.ref("bizreg_helpdesk.res_partner_customer_b"),
            "user_id": api.uid(login) if login != "admin" else api.uid("kf_user"),
            "bizreg_severity": "medium",
            **vals,
        }
        return api.create("helpdesk.ticket", vals, login=login, context=context)

    def watch(self, *tids):
        return [("helpdesk.ticket", list(tids), TICKET_WATCH)]


# ----------------------------------------------------------------------
# Appraisal
# ----------------------------------------------------------------------
APPRAISAL_WATCH = (
    "state",
    "kpi_score",
    "evaluation_score",
    "final_score",
    "grade_id",
    "grade_code",
    "bonus_base",
    "bonus_coefficient",
    "bonus_amount",
    "deduction_amount",
    "below_standard",
    "promotion_priority",
    "forced_down",
    "rollup_score",
    "peer_employee_ids",
    "calibration_note",
)
CYCLE_WATCH = (
    "state",
    "validation_status",
    "review_ids",
    "bizreg_number",
    "excellent_quota",
    "forced_distribution",
    "appraisal_ids",
)


class Appraisal:
    def __init__(self, api):
        self.api = api

    def cycle(self, state="calibration", with_evaluations=True, rules=None):
        """A fresh monthly cycle of the Sales department (a unique far period);
        ``rules`` (forced distribution) are set while it is a draft."""
        api = self.api
        sales = api.ref("bizreg_base.hr_department_sale")
        for _attempt in range(5):
            vals = {
                "cycle_type": "monthly",
                "year": random.randint(2200, 2999),
                "period": random.randint(1, 12),
                "department_ids": [(6, 0, [sales])],
                "with_evaluations": with_evaluations,
                "suggest_peers": False,
            }
            wizard = api.create("bizreg.appraisal.cycle.open", vals)
            try:
                action = api.call(
                    "bizreg.appraisal.cycle.open", "action_open", [wizard]
                )
                break
            except RpcError as exc:  # the random period was taken
                if "already appraises" not in exc.message:
                    raise
        cid = action["res_id"]
        if rules:
            api.write("bizreg.appraisal.cycle", cid, rules)
        steps = ["action_start", "action_open_evaluations", "action_calibrate"]
        order = ["draft", "self_assessment", "evaluation", "calibration"]
        for step in steps[: order.index(state)]:
            api.call("bizreg.appraisal.cycle", step, [cid])
        return cid

    def appraisal_of(self, cid, login):
        ids = self.api.search(
            "bizreg.appraisal",
            [("cycle_id", "=", cid), ("employee_id", "=", self.api.employee(login))],
        )
        assert ids, f"no appraisal of {login} in cycle {cid}"
        return ids[0]

    def evaluation(self, cid, employee_login, evaluator_login, kind):
        ids = self.api.search(
            "bizreg.appraisal.evaluation",
            [
                ("cycle_id", "=", cid),
                ("employee_id", "=", self.api.employee(employee_login)),
                ("evaluator_user_id", "=", self.api.uid(evaluator_login)),
                ("evaluation_type", "=", kind),
            ],
        )
        assert ids, f"no {kind} evaluation of {employee_login} by {evaluator_login}"
        return ids[0]


def b64(data):
    return base64.b64encode(data).decode()
