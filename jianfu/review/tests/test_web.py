"""The Django side: services, views, API, management command, statistics."""

from __future__ import annotations

import io
import json

import docx
import pytest
from django.core.management import call_command

from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.review.models import Document, DocumentVersion, Finding, Review, RuleOverride
from jianfu.review.services import review_submit

DRAFT = """XX县住房和城乡建设局关于开展危房排查的通知
一、工作措施
（一）考核实行千分制，考核结果每月排名通报。
（二）实行一票否决。"""
REVISION = """XX县住房和城乡建设局关于开展危房排查的通知
一、工作措施
（一）考核实行千分制，考核结果每月排名通报。
（二）与各村签订目标责任书。"""


def counts():
    return (Document.objects.count(), DocumentVersion.objects.count(), Review.objects.count(),
            Finding.objects.count())


@pytest.mark.django_db
def test_submit_text_stores_review_findings_and_audit(world):
    review = review_submit(actor=world.users["dept_housing"], text=DRAFT)
    assert review.conclusion == "修改后通过"
    assert review.score == 70  # 100 - 6 (千分制) - 12 (排名) - 12 (一票否决)
    assert list(review.findings.values_list("rule_id", "clause_index", "matched")) == [
        ("BR-INS-01", 2, "千分制"), ("BR-INS-04", 2, "每月排名"), ("BR-INS-02", 3, "一票否决")]
    document = review.version.document
    assert (document.org_code, document.department_code, document.county_code) == (
        "450521000000D01", "450521000000D01", "450521000000")
    assert AuditRecord.objects.filter(action="review.review.submit", object_id=str(review.pk)).count() == 1


@pytest.mark.django_db
def test_pasted_text_without_header_takes_the_issuer_from_the_account(world):
    text = "一、要求\n（一）各乡镇党委、政府须于月底前完成整改。"
    by_department = review_submit(actor=world.users["dept_housing"], text=text)
    assert (by_department.issuer, list(by_department.findings.values_list("rule_id", flat=True))) == (
        "department", ["BR-DOC-04"])
    by_county = review_submit(actor=world.users["county_office"], text=text)
    assert (by_county.issuer, by_county.findings.count()) == ("unknown", 0)


@pytest.mark.django_db
def test_web_upload_of_a_bad_file_shows_a_chinese_error_and_stores_nothing(world):
    client = world.client("dept_housing")
    before = counts()
    upload = io.BytesIO(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000)
    upload.name = "旧版.docx"
    response = client.post("/review/submit/", {"file": upload, "title": "旧版文件", "form_token": token_new()})
    assert response.status_code == 400
    assert "实际是旧版Word（.doc" in response.content.decode()
    assert counts() == before
    empty = client.post("/review/submit/", {"text": "   ", "form_token": token_new()})
    assert empty.status_code == 400
    assert "请上传文件或粘贴需要审查的文本" in empty.content.decode()
    assert counts() == before


@pytest.mark.django_db
def test_web_upload_docx_then_download_annotated_copy(world):
    d = docx.Document()
    for line in DRAFT.splitlines():
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    buf.name = "draft.docx"
    buf.seek(0)
    client = world.client("dept_housing")
    response = client.post("/review/submit/", {"file": buf, "form_token": token_new()})
    assert response.status_code == 302
    review = Review.objects.get()
    page = client.get(f"/review/reviews/{review.pk}/").content.decode()
    assert '<mark class="medium" title="千分制等过度复杂的考核计分（BR-INS-01）">千分制</mark>' in page
    assert "未计为问题的命中" not in page
    download = client.get(f"/review/reviews/{review.pk}/annotated.docx")
    annotated = docx.Document(io.BytesIO(download.content))
    assert len(list(annotated.comments)) == 4
    assert "attachment" in download["Content-Disposition"]


@pytest.mark.django_db
def test_revision_compare_page_lists_fixed_new_and_persisting(world):
    first = review_submit(actor=world.users["dept_housing"], text=DRAFT)
    client = world.client("dept_housing")
    response = client.post(f"/review/documents/{first.version.document_id}/revise/", {"text": REVISION, "form_token": token_new()})
    second = Review.objects.exclude(pk=first.pk).get()
    assert response.status_code == 302 and response["Location"] == f"/review/reviews/{second.pk}/compare/"
    assert second.previous_id == first.pk and second.version.number == 2
    page = client.get(response["Location"]).content.decode()
    assert "已修改 1 处" in page and "新增 1 处" in page and "仍存在 2 处" in page
    assert '<strong title="BR-INS-03">层层签订责任书、责任状</strong>' in page and ">BR-INS-03<" not in page


@pytest.mark.django_db
def test_department_cannot_revise_another_departments_document(world):
    first = review_submit(actor=world.users["dept_housing"], text=DRAFT)
    before = counts()
    response = world.client("dept_forestry").post(f"/review/documents/{first.version.document_id}/revise/",
                                                  {"text": REVISION, "form_token": token_new()})
    assert response.status_code == 404
    assert counts() == before


@pytest.mark.django_db
def test_county_office_switches_off_and_adds_rules(world):
    client = world.client("county_office")
    assert client.post("/review/rules/BR-INS-02/toggle/", {"enabled": "0"}).status_code == 302
    bad = client.post("/review/rules/new/", {"name": "坏规则", "group": "CUSTOM", "severity": "low",
                                             "patterns": "([未闭合", "provision": "本县规定", "suggestion": "删",
                                             "form_token": token_new()})
    assert bad.status_code == 400 and "正则表达式" in bad.content.decode()
    assert RuleOverride.objects.filter(rule_id__startswith="CUSTOM").count() == 0
    ok = client.post("/review/rules/new/", {"name": "晒成绩", "group": "APP", "severity": "medium",
                                            "patterns": "晒成绩", "provision": "本县减负十条第三条",
                                            "suggestion": "删除", "form_token": token_new()})
    assert ok.status_code == 302
    review = review_submit(actor=world.users["dept_housing"], text="一、要求\n（一）实行一票否决，并在群内晒成绩。")
    assert list(review.findings.values_list("rule_id", flat=True)) == ["CUSTOM-001"]
    assert review.findings.get().provision == "本县减负十条第三条"
    page = client.get("/review/rules/").content.decode()
    assert "CUSTOM-001" in page
    assert AuditRecord.objects.filter(action__startswith="review.rule.").count() == 2


@pytest.mark.django_db
def test_statistics_count_documents_and_findings_per_rule(world):
    review_submit(actor=world.users["dept_housing"], text=DRAFT)
    review_submit(actor=world.users["town_quzhang"], text="一、要求\n（一）实行一票否决。")
    page = world.client("county_office").get("/review/statistics/").content.decode()
    assert "审查文件 <strong>2</strong>" in page
    assert '<td title="BR-INS-02">一票否决</td><td>2</td>' in page and ">BR-INS-02<" not in page


@pytest.mark.django_db
def test_api_review_create_and_detail(world):
    client = world.api_client("town_quzhang")
    response = client.post("/api/v1/review/reviews/", {"text": DRAFT, "title": "接口送审"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["title"], body["score"], body["conclusion"]) == ("接口送审", 70, "修改后通过")
    assert [f["rule_id"] for f in body["findings"]] == ["BR-INS-01", "BR-INS-04", "BR-INS-02"]
    assert body["findings"][0]["span"] == [7, 10]
    again = client.get(f"/api/v1/review/reviews/{body['id']}/").json()
    assert again["findings"] == body["findings"]
    before = counts()
    empty = io.BytesIO(b"")
    empty.name = "empty.txt"
    bad = client.post("/api/v1/review/reviews/", {"file": empty, "title": "空"}, format="multipart")
    assert bad.status_code == 400
    assert counts() == before


def test_management_command_json(tmp_path, capsys, db):
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="gbk")
    call_command("review_document", str(path), "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"score", "conclusion", "findings"}
    assert data["score"] == 70
    first = data["findings"][0]
    assert {k: first[k] for k in ("rule_id", "severity", "clause", "text")} == {
        "rule_id": "BR-INS-01", "severity": "medium", "clause": 2, "text": "（一）考核实行千分制，考核结果每月排名通报。"}
    assert first["provision"].startswith("《中国共产党纪律处分条例》第一百三十二条")
    out = tmp_path / "annotated.docx"
    call_command("review_document", str(path), "--format", "docx", "--out", str(out))
    assert len(list(docx.Document(str(out)).comments)) == 4


@pytest.mark.django_db
def test_demo_loads_reviewed_documents(world):
    from jianfu.review import demo

    out = io.StringIO()
    demo.load(stdout=out)
    assert "演示审查 3 次" in out.getvalue()
    first, second = Review.objects.filter(version__document__department_code="450521000000D01").order_by("pk")
    assert (first.conclusion, second.conclusion, second.previous_id) == ("不通过", "修改后通过", first.pk)
    page = world.client("dept_housing").get(f"/review/reviews/{second.pk}/compare/").content.decode()
    assert "已修改 6 处" in page and "新增 0 处" in page and "仍存在 2 处" in page
    detail = world.client("dept_housing").get(f"/review/reviews/{second.pk}/").content.decode()
    assert "未计为问题的命中 2 处" in detail and ('<span title="BR-INS-05">过度留痕（照片、台账、截图作佐证）</span>「照片等佐证」：否定或取消表述（“不得”）'
                                             in detail)


@pytest.mark.django_db
def test_the_submit_banner_takes_the_verdict_s_colour_and_the_score_its_scale(world):
    """The trial's 不通过 came in a green banner, and "得分 0" had no scale."""
    client = world.client("dept_housing")
    response = client.post("/review/submit/", {"title": "", "text": DRAFT, "form_token": token_new()}, follow=True)
    page = response.content.decode()
    assert '<div class="alert alert-warning" role="alert">审查完成：修改后通过，得分 70（满分 100）。</div>' in page
    assert "<strong>70</strong> / 100" in page


@pytest.mark.django_db
def test_an_over_long_title_is_refused_with_the_limit_not_cut(world):
    # badinput15 #14: a 100,025-character title was stored cut to 200 characters, without a word.
    client = world.client("dept_housing")
    before = counts()
    title = "<script>alert(1)</script>" + "T" * 100_000
    response = client.post("/review/submit/", {"title": title, "text": DRAFT, "form_token": token_new()})
    assert response.status_code == 400
    assert "标题最多200个字，现在是100025个字。" in response.content.decode()
    assert counts() == before
    ok = client.post("/review/submit/", {"title": "标" * 200, "text": DRAFT, "form_token": token_new()})
    assert ok.status_code == 302
    assert Document.objects.get().title == "标" * 200


def _zip(parts: dict[str, bytes]) -> bytes:
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.django_db
def test_a_broken_docx_and_an_over_long_paste_say_what_they_are(world):
    # badinput15 #13: "文件已损坏，无法解析 .docx 内容（KeyError）", and pasted text called 文件.
    client = world.client("dept_housing")
    before = counts()
    upload = io.BytesIO(_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}))
    upload.name = "无关系.docx"
    response = client.post("/review/submit/", {"file": upload, "form_token": token_new()})
    page = response.content.decode()
    assert response.status_code == 400
    assert "文件已损坏或不是Word文档，无法读取正文，请在Word中重新保存为 .docx 后上传。" in page
    assert "KeyError" not in page
    pasted = client.post("/review/submit/", {"text": "字" * 108_000, "form_token": token_new()})
    assert pasted.status_code == 400
    assert "文本共 108000 字，超过 100 页（约 61600 字）的上限，请拆分后分别审查。" in pasted.content.decode()
    assert counts() == before
