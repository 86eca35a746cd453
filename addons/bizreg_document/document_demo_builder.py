# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo data: controlled documents taken through the real flow (upload,
submit, review, publication, acknowledgement) by the demo company's people;
called from ``demo/bizreg_document_demo.xml`` through
``bizreg.document._demo_documents``."""

import base64


def demo_pdf(text):
    """A small valid one-page PDF showing ``text`` (ASCII)."""
    text = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 18 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]"
        b"/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
        b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj" % number + body + b"endobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def _publish(env, document, author, reviewers, text, filename, note):
    version = document.with_user(author).add_version(
        base64.b64encode(demo_pdf(text)), filename, note
    )
    version.with_user(author).action_submit()
    for reviewer in reviewers:
        version.with_user(reviewer).validate_tier()
    return version


def document_flow(env):
    ref = env.ref
    wang = ref("bizreg_base.user_marketing_user", raise_if_not_found=False)
    ma = ref("bizreg_base.user_marketing_manager", raise_if_not_found=False)
    he = ref("bizreg_base.user_regulation_admin", raise_if_not_found=False)
    lin = ref("bizreg_base.user_employee", raise_if_not_found=False)
    if not (wang and ma and he):
        return False
    Document = env["bizreg.document"]
    if Document.search_count([("name", "=", "信息安全管理制度")]):
        return False
    # 1. a published policy in two versions (the first superseded)
    policy = Document.with_user(wang).create(
        {
            "name": "信息安全管理制度",
            "category_id": ref("bizreg_document.category_policy").id,
        }
    )
    _publish(
        env,
        policy,
        wang,
        ma | he,
        "Information Security Policy v1",
        "信息安全管理制度-v1.pdf",
        "首次发布",
    )
    _publish(
        env,
        policy,
        wang,
        ma | he,
        "Information Security Policy v2",
        "信息安全管理制度-v2.pdf",
        "补充移动设备与远程办公要求",
    )
    if lin:
        acks = env["bizreg.document.acknowledgement"].search(
            [("document_id", "=", policy.id), ("user_id", "=", lin.id)]
        )
        acks.with_user(lin).action_acknowledge()
    # 2. a marketing procedure under review by 马俊
    procedure = Document.with_user(wang).create(
        {
            "name": "市场活动执行作业指导书",
            "category_id": ref("bizreg_document.category_work_instruction").id,
        }
    )
    version = procedure.with_user(wang).add_version(
        base64.b64encode(demo_pdf("Marketing Event Work Instruction")),
        "市场活动执行作业指导书.pdf",
        "活动筹备、执行与复盘的步骤和表单",
    )
    version.with_user(wang).action_submit()
    # 3. a confidential marketing plan published in the marketing department
    plan = Document.with_user(wang).create(
        {
            "name": "2026年度新品上市推广方案",
            "category_id": ref("bizreg_document.demo_category_marketing_strategy").id,
        }
    )
    _publish(
        env,
        plan,
        wang,
        ma,
        "2026 Product Launch Campaign (confidential)",
        "2026年度新品上市推广方案.pdf",
        "定稿",
    )
    return True
