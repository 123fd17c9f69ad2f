"""newuser13 V05 + V06: a refused 补充 comes back at its clause with what was typed and the error beside the field;
a group-only finding is named by its group and carries its note once, on the page and in the annotated .docx."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from jianfu.core.formtokens import token_new
from jianfu.review.models import Finding, Review
from jianfu.review.services import finding_add, review_submit

DRAFT = """XX县住房和城乡建设局关于开展危房排查的通知
一、工作措施
（一）考核实行千分制，考核结果每月排名通报。
（二）实行一票否决。
（三）各村安排专人负责危房巡查，每周报送材料不少于3000字。"""
NOTE = "对材料规定字数下限，属于以文辅政。建议删除字数要求。"


def state():
    return list(Finding.objects.order_by("pk").values_list("pk", "status", "reason", "origin", "suggestion")), \
        list(Review.objects.order_by("pk").values_list("pk", "score", "conclusion"))


@pytest.fixture
def review(world):
    return review_submit(actor=world.users["dept_housing"], text=DRAFT)


def _clause(review, start: str) -> int:
    return next(c["index"] for c in review.clauses if c["text"].startswith(start))


@pytest.mark.django_db
def test_a_refused_add_reopens_the_form_at_its_clause_with_what_was_typed(world, review):
    index = _clause(review, "（三）各村安排专人")
    client = world.client("county_office")
    before = state()
    response = client.post(f"/review/reviews/{review.pk}/findings/add/", {
        "clause": str(index), "selection": "材料不少于5000字", "rule_id": "", "group": "DOC", "note": NOTE,
        "form_token": token_new()})
    assert response.status_code == 400
    html = response.content.decode()
    assert state() == before
    # the form is open under that clause (and only there), posting back to the same place
    block = html[html.index(f'id="clause-{index}"'):]
    block = block[:block.index('<div class="rv-clause"')] if '<div class="rv-clause"' in block else block
    assert '<div class="rv-add rv-add-here">' in block
    assert html.count("rv-add-here") == 1
    assert f'action="/review/reviews/{review.pk}/findings/add/#clause-{index}"' in block
    # the error there, the field marked, everything typed kept
    assert '<p class="field-error" role="alert" id="add-error">选中的文字不在该条款中，请从条款原文中选取。</p>' in block
    assert ('<input type="text" name="selection" maxlength="300" value="材料不少于5000字" aria-invalid="true" '
            'aria-describedby="add-error" autofocus>') in block
    assert '<option value="DOC" selected>文件</option>' in block
    assert f'<textarea name="note" rows="2" maxlength="500">{NOTE}</textarea>' in block
    # the end-of-page form stays closed and empty
    assert '<details class="rv-add" id="add-finding"><summary>' in html
    # corrected, it is added and the page goes back to the clause
    response = client.post(f"/review/reviews/{review.pk}/findings/add/", {
        "clause": str(index), "selection": "材料不少于3000字", "rule_id": "", "group": "DOC", "note": NOTE,
        "form_token": token_new()})
    assert response.status_code == 302 and response["Location"] == f"/review/reviews/{review.pk}/#clause-{index}"
    added = Finding.objects.get(review=review, origin="reviewer")
    assert (added.matched, added.group, added.reason) == ("材料不少于3000字", "DOC", NOTE)


@pytest.mark.django_db
def test_a_refusal_without_a_clause_opens_the_end_form_with_the_error(world, review):
    client = world.client("county_office")
    before = state()
    response = client.post(f"/review/reviews/{review.pk}/findings/add/", {"clause": "999", "group": "INS",
                                                                         "note": "补充", "form_token": token_new()})
    assert response.status_code == 400
    html = response.content.decode()
    assert state() == before
    assert "rv-add-here" not in html
    end = html[html.index('<details class="rv-add" id="add-finding" open>'):]
    assert '<p class="field-error" role="alert" id="add-error">条款编号 999 不在本次审查中。</p>' in end
    assert '<option value="INS" selected>督查检查考核</option>' in end
    assert '<textarea name="note" rows="2" maxlength="500">补充</textarea>' in end


@pytest.mark.django_db
def test_a_group_only_finding_names_its_group_and_prints_its_note_once(world, review):
    index = _clause(review, "（三）各村安排专人")
    added = finding_add(actor=world.users["county_office"], review_id=review.pk, clause_index=index, group="DOC",
                        selection="材料不少于3000字", note=NOTE)
    assert (added.rule_id, added.rule_name, added.group, added.suggestion, added.reason) == (
        "MANUAL-DOC", "减负办人工认定·文件", "DOC", "", NOTE)
    client = world.client("county_office")
    page = client.get(f"/review/reviews/{review.pk}/").content.decode()
    text = re.sub(r"<[^>]+>", "", page)
    assert text.count(NOTE) == 1
    assert ("减负办补充 减负办人工认定·文件（中）：材料不少于3000字\n依据：县减负办人工认定（依据《整治形式主义为基层减负若干规定》"
            f"及本县减负规定）说明：{NOTE}") in text
    response = client.get(f"/review/reviews/{review.pk}/annotated.docx")
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        comments = archive.read("word/comments.xml").decode("utf-8")
    assert comments.count(NOTE) == 1
    assert "【减负办补充】【减负办人工认定·文件｜中】材料不少于3000字</w:t>" in comments
    assert "MANUAL-DOC" not in comments
    assert "建议：</w:t>" not in comments and f"说明：{NOTE}" in comments


@pytest.mark.django_db
def test_a_finding_stored_with_its_note_as_the_suggestion_shows_it_once(world, review):
    """Rows added before the fix carry the note as 建议 and as 说明: shown once, as 建议."""
    index = _clause(review, "（三）各村安排专人")
    added = finding_add(actor=world.users["county_office"], review_id=review.pk, clause_index=index, group="DOC",
                        note=NOTE)
    Finding.objects.filter(pk=added.pk).update(suggestion=NOTE, rule_name="减负办人工认定")
    client = world.client("county_office")
    text = re.sub(r"<[^>]+>", "", client.get(f"/review/reviews/{review.pk}/").content.decode())
    assert text.count(NOTE) == 1 and f"建议：{NOTE}" in text
    response = client.get(f"/review/reviews/{review.pk}/annotated.docx")
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert archive.read("word/comments.xml").decode("utf-8").count(NOTE) == 1
