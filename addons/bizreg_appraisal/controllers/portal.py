# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import http
from odoo.http import request
from odoo.tools import consteq


class BizregAppraisalPortal(http.Controller):
    """Customer evaluation through a tokenised link (no login needed)."""

    def _bizreg_evaluation(self, evaluation_id, access_token):
        evaluation = (
            request.env["bizreg.appraisal.evaluation"]
            .sudo()
            .browse(evaluation_id)
            .exists()
        )
        if (
            not evaluation
            or evaluation.evaluation_type != "customer"
            or not evaluation.access_token
            or not access_token
            or not consteq(evaluation.access_token, access_token)
        ):
            return None
        return evaluation

    @http.route(
        "/bizreg/appraisal/evaluation/<int:evaluation_id>",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        website=False,
    )
    def bizreg_customer_evaluation(self, evaluation_id, access_token=None, **post):
        evaluation = self._bizreg_evaluation(evaluation_id, access_token)
        if evaluation is None:
            return request.not_found()
        values = {"evaluation": evaluation, "access_token": access_token, "errors": []}
        if request.httprequest.method == "POST":
            if evaluation.state != "draft" or evaluation.cycle_id.state not in (
                "self_assessment",
                "evaluation",
            ):
                values["errors"].append(request.env._("This evaluation is closed."))
            else:
                scores = {}
                for line in evaluation.line_ids:
                    raw = post.get(f"score_{line.id}", "")
                    if raw not in ("1", "2", "3", "4", "5"):
                        values["errors"].append(
                            request.env._(
                                "Please score “%s” from 1 to 5.", line.criterion_id.name
                            )
                        )
                    else:
                        scores[line] = int(raw)
                if not values["errors"]:
                    for line, score in scores.items():
                        line.write({"score": score})
                    evaluation.write({"comment": (post.get("comment") or "")[:4000]})
                    evaluation._bizreg_submit()
                    evaluation.message_post(
                        body=request.env._(
                            "Evaluation submitted by the customer online."
                        ),
                        author_id=evaluation.evaluator_partner_id.id,
                    )
        return request.render("bizreg_appraisal.portal_customer_evaluation", values)
