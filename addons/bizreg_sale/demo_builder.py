# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo data: the demo quotations taken through the real contract review,
signing, confirmation and completion, as the users concerned (called from
``demo/bizreg_sale_demo.xml`` through ``sale.order._bizreg_demo_contract_flow``)."""

from odoo import Command, fields


def contract_flow(env, order_xmlid, reviewer_xmlids, signatory, stage):
    """Run a demo quotation through the approval engine as the users
    concerned: submit, reviews (with comments), then for ``stage``
    ``confirm``/``complete`` signing, confirmation and completion."""
    order = env.ref(order_xmlid, raise_if_not_found=False)
    if not order or order.state != "draft" or order.review_ids:
        return False
    salesperson = order.user_id
    order = order.with_user(salesperson)
    order.request_validation()
    for xmlid in reviewer_xmlids:
        reviewer = env.ref(xmlid)
        action = order.with_user(reviewer).validate_tier()
        if isinstance(action, dict) and action.get("res_model") == "comment.wizard":
            wizard = (
                env["comment.wizard"]
                .with_user(reviewer)
                .with_context(**action["context"])
                .create({"comment": env._("Reviewed: no objection.")})
            )
            wizard.add_comment()
    order.invalidate_recordset()
    if stage == "submit" or order.validation_status != "validated":
        return True
    attachment = env["ir.attachment"].create(
        {
            "name": f"{order.bizreg_number}-signed.txt",
            "raw": b"Signed contract (demo)",
            "res_model": "sale.order",
            "res_id": order.id,
        }
    )
    order._bizreg_record_signing(
        {
            "bizreg_signed_date": fields.Date.context_today(order),
            "bizreg_customer_signatory": signatory,
            "bizreg_company_signatory_id": salesperson.id,
            "bizreg_seal_done": True,
            "bizreg_signed_attachment_ids": [Command.set(attachment.ids)],
        }
    )
    order.action_confirm()
    if stage == "complete":
        order._bizreg_complete(
            fields.Date.context_today(order), 5, env._("Satisfied (demo).")
        )
    return True
