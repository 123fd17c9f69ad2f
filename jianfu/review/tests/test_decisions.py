"""The reviewer's own work (issue 10): dismissing a finding with a reason, adding one the engine missed, the
annotated .docx and statistics that show both, the labelled-clause export; the reference document in the web
upload; control characters in pasted text."""

from __future__ import annotations

import io
import zipfile

import pytest
import yaml

from jianfu.core.errors import ApplicationError
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.review.models import Finding, Review
from jianfu.review.selectors import labelled_clauses, statistics
from jianfu.review.services import finding_add, finding_dismiss, finding_restore, review_submit

DRAFT = """XX县住房和城乡建设局关于开展危房排查的通知
一、工作措施
（一）考核实行千分制，考核结果每月排名通报。
（二）实行一票否决。
（三）各村安排专人负责危房巡查。"""


def state():
    return list(Finding.objects.order_by("pk").values_list("pk", "status", "reason", "origin")), \
        list(Review.objects.order_by("pk").values_list("pk", "score", "conclusion"))


def comments_of(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/comments.xml").decode("utf-8")


@pytest.fixture
def review(world):
    return review_submit(actor=world.users["dept_housing"], text=DRAFT)


@pytest.mark.django_db
def test_dismissing_a_finding_keeps_the_reason_rescores_and_audits(world, review):
    assert review.score == 70
    veto = review.findings.get(rule_id="BR-INS-02")
    finding_dismiss(actor=world.users["county_office"], review_id=review.pk, finding_id=veto.pk,
                    reason="依据安全生产法保留的事项")
    veto.refresh_from_db()
    review.refresh_from_db()
    assert (veto.status, veto.reason, veto.decided_by.username) == ("dismissed", "依据安全生产法保留的事项",
                                                                    "county_office")
    assert (review.score, review.conclusion) == (82, "修改后通过")  # 100 - 6 (千分制) - 12 (排名)
    assert AuditRecord.objects.filter(action="review.finding.dismiss", object_id=str(veto.pk)).count() == 1
    finding_restore(actor=world.users["county_office"], review_id=review.pk, finding_id=veto.pk)
    review.refresh_from_db()
    assert review.score == 70


@pytest.mark.django_db
def test_refused_decisions_change_nothing(world, review):
    finding = review.findings.first()
    before = state()
    for actor, kwargs in (("county_office", {"reason": "  "}),           # no reason
                          ("dept_housing", {"reason": "起草部门自己排除"})):  # not the office
        with pytest.raises(ApplicationError):
            finding_dismiss(actor=world.users[actor], review_id=review.pk, finding_id=finding.pk, **kwargs)
    with pytest.raises(ApplicationError) as exc:  # restoring what was never dismissed
        finding_restore(actor=world.users["county_office"], review_id=review.pk, finding_id=finding.pk)
    assert exc.value.code == "invalid_transition"
    for kwargs in ({"clause_index": 99, "rule_id": "BR-INS-08"},
                   {"clause_index": 4, "rule_id": "BR-NOPE-01"},
                   {"clause_index": 4, "group": "INS"},  # a group alone needs a note
                   {"clause_index": 4, "rule_id": "BR-DUTY-01", "selection": "不在条款里的字"}):
        with pytest.raises(ApplicationError):
            finding_add(actor=world.users["county_office"], review_id=review.pk, **kwargs)
    assert state() == before


@pytest.mark.django_db
def test_adding_a_missed_finding_on_the_selected_words(world, review):
    added = finding_add(actor=world.users["county_office"], review_id=review.pk, clause_index=4,
                        rule_id="BR-DUTY-01", selection="安排专人", note="巡查不在村级履职清单内")
    review.refresh_from_db()
    assert (added.origin, added.status, added.rule_id, added.matched, added.start, added.end) == (
        "reviewer", "open", "BR-DUTY-01", "安排专人", 5, 9)
    assert review.score == 70 - {"high": 12, "medium": 6, "low": 2}[added.severity]
    by_group = finding_add(actor=world.users["county_office"], review_id=review.pk, clause_index=2, group="INS",
                           note="千分制细则另行下发")
    assert (by_group.rule_id, by_group.group, by_group.matched) == ("MANUAL-INS", "INS",
                                                                    "（一）考核实行千分制，考核结果每月排名通报。")


@pytest.mark.django_db
def test_the_annotated_docx_statistics_and_export_show_the_office_work(world, review):
    office = world.users["county_office"]
    veto = review.findings.get(rule_id="BR-INS-02")
    finding_dismiss(actor=office, review_id=review.pk, finding_id=veto.pk, reason="法定保留事项")
    finding_add(actor=office, review_id=review.pk, clause_index=4, rule_id="BR-DUTY-01", note="清单外事项")

    client = world.client("county_office")
    response = client.get(f"/review/reviews/{review.pk}/annotated.docx")
    assert response.status_code == 200
    comments = comments_of(response.content)
    assert "【已排除】" in comments and "法定保留事项" in comments
    assert "【减负办补充】" in comments and "清单外事项" in comments
    assert "其中减负办补充 1 处；另有 1 处自动审查结果经减负办排除" in comments

    page = client.get(f"/review/reviews/{review.pk}/").content.decode()
    assert "已排除" in page and "减负办补充" in page

    stats = statistics(user=office)
    assert (stats["findings"], stats["dismissed"], stats["added"]) == (3, 1, 1)
    veto_row = next(r for r in stats["per_rule"] if r["rule_id"] == "BR-INS-02")
    assert (veto_row["n"], veto_row["dismissed"]) == (0, 1)

    rows = {r["id"]: r for r in labelled_clauses(user=office)}
    assert rows[f"R{review.pk}-C3"]["trap"] == "office_dismissed" and rows[f"R{review.pk}-C3"]["rules"] == []
    assert rows[f"R{review.pk}-C4"]["rules"] == ["BR-DUTY-01"] and rows[f"R{review.pk}-C4"]["note"] == "清单外事项"
    download = client.get("/review/statistics/labels.yaml")
    assert download.status_code == 200
    parsed = yaml.safe_load(download.content.decode("utf-8"))
    assert {r["id"] for r in parsed} == set(rows)


@pytest.mark.django_db
def test_web_dismiss_without_reason_shows_the_message_and_changes_nothing(world, review):
    client = world.client("county_office")
    finding = review.findings.first()
    before = state()
    response = client.post(f"/review/reviews/{review.pk}/findings/{finding.pk}/dismiss/", {"reason": ""},
                           follow=True)
    assert "请填写排除理由" in response.content.decode()
    assert state() == before


@pytest.mark.django_db
def test_reference_document_chosen_in_the_web_upload(world):
    client = world.client("dept_housing")
    higher = ("关于进一步做好农村危房改造工作的通知\n各地要全面排查农村低收入群体等重点对象住房安全隐患，"
              "建立动态监测机制，及时将符合条件的对象纳入改造范围，确保住房安全有保障。")
    copied = higher.replace("各地要", "各乡镇要")
    upload = io.BytesIO(higher.encode("utf-8"))
    upload.name = "上级文件.txt"
    response = client.post("/review/submit/", {"text": copied, "reference": upload, "form_token": token_new()})
    assert response.status_code == 302
    review = Review.objects.latest("pk")
    assert list(review.findings.values_list("rule_id", flat=True)) == ["BR-DOC-06"]
    bad = io.BytesIO(b"")
    bad.name = "empty.txt"
    before = state()
    response = client.post("/review/submit/", {"text": copied, "reference": bad, "form_token": token_new()})
    page = response.content.decode()
    assert response.status_code == 400 and "上级文件" in page
    assert page.count('class="alert alert-error"') == 1          # the error is said once, beside the form
    assert state() == before


@pytest.mark.django_db
def test_control_characters_in_pasted_text_never_break_the_annotated_docx(world):
    client = world.client("dept_housing")
    text = "关于开展检查的通知\x01\n一、要求\x0b（一）各乡镇每日17时前报送\x02工作进展\x1f。\x0c二、其他\x00"
    response = client.post("/review/submit/", {"text": text, "form_token": token_new()})
    assert response.status_code == 302
    review = Review.objects.latest("pk")
    assert list(review.findings.values_list("rule_id", flat=True)) == ["BR-INS-08"]
    docx_response = client.get(f"/review/reviews/{review.pk}/annotated.docx")
    assert docx_response.status_code == 200
    assert "【定期要求填表报数｜" in comments_of(docx_response.content)   # the rule by its title (no code: newuser15 F5)


@pytest.mark.django_db
def test_pasted_text_gets_the_kind_of_its_first_line(world):
    for first_line, kind in (("XX县2025年春季森林防火工作方案。", "工作方案"), ("XX县乡镇综合考核办法（试行）", "考核办法"),
                             ("XX县关于加强村级组织建设的意见：", "意见"), ("XX县农业农村局转发春耕生产的通知", "通知")):
        review = review_submit(actor=world.users["dept_housing"], text=f"{first_line}\n一、各乡镇加强巡查。")
        assert review.kind == kind, first_line


@pytest.mark.django_db
def test_web_decisions_take_the_forms_cleaned_text(world, review):
    client = world.client("county_office")
    veto = review.findings.get(rule_id="BR-INS-02")
    response = client.post(f"/review/reviews/{review.pk}/findings/{veto.pk}/dismiss/",
                           {"reason": "依据\x01安全生产法\x0b保留的事项"})
    veto.refresh_from_db()
    # back to the page at the clause decided, not at the top of a long review
    assert response.status_code == 302 and response["Location"] == f"/review/reviews/{review.pk}/#clause-{veto.clause_index}"
    assert f'id="clause-{veto.clause_index}"' in client.get(response["Location"]).content.decode()
    assert veto.reason == "依据安全生产法\n保留的事项"


@pytest.mark.django_db
def test_web_add_finding_without_a_clause_names_the_field_and_changes_nothing(world, review):
    client = world.client("county_office")
    before = state()
    response = client.post(f"/review/reviews/{review.pk}/findings/add/", {"clause": "第三条", "group": "INS",
                                                                         "note": "补充", "form_token": token_new()},
                           follow=True)
    assert "条款：请从列表中选择。" in response.content.decode()
    assert state() == before


@pytest.mark.django_db
def test_the_review_page_names_each_rule_with_its_id_only_in_a_title_attribute(world, review):
    """A finding, a note and the 补充 form's rules read by name; the id (which an officer cites) is in the finding's title
    attribute only (the code means nothing to a county office reading the page; the export keeps it)."""
    import re

    veto = review.findings.get(rule_id="BR-INS-02")
    page = world.client("county_office").get(f"/review/reviews/{review.pk}/").content.decode()
    assert f'<strong title="BR-INS-02">{veto.rule_name}</strong>' in page
    # the 补充 form's rules: by name only, under their group (session 19, review-new19: ids read as demo data)
    assert f'<option value="BR-INS-02">{veto.rule_name}</option>' in page
    text = re.sub(r"<[^>]+>", " ", page)
    assert not re.search(r"BR-[A-Z]+-\d+", text)


@pytest.mark.django_db
def test_a_flagged_clause_is_shown_once_under_the_headings_above_it(world, review):
    page = world.client("county_office").get(f"/review/reviews/{review.pk}/").content.decode()
    # the numbered clause's own cut label is not repeated above it; its parent heading is
    assert '<div class="rv-heading">一、工作措施</div>' in page
    assert page.count("（一）考核实行") == 2          # the clause's text, and the clause list of the add form
    assert '<div class="rv-heading">一、工作措施 › （一）' not in page


@pytest.mark.django_db
def test_add_beside_a_clause_opens_the_form_under_that_clause_and_adds_there(world, review):
    """Session 12 (U16): every clause has a 补充 link; ?add=N opens the form under clause N with the clause fixed (no
    clause list to pick from); a bad or foreign N opens none; a reader who may not manage sees no link."""
    client = world.client("county_office")
    page = client.get(f"/review/reviews/{review.pk}/").content.decode()
    clause = next(c for c in review.clauses if c["text"].startswith("（三）各村安排专人"))
    index = clause["index"]
    # absolute, so that it still works on the page re-shown by a refused 补充 (at …/findings/add/, newuser13 V05)
    assert f'href="/review/reviews/{review.pk}/?add={index}#clause-{index}"' in page
    assert page.count('class="rv-add-link"') == len(review.clauses)
    assert 'rv-add-here' not in page
    opened = client.get(f"/review/reviews/{review.pk}/?add={index}").content.decode()
    block = opened[opened.index(f'id="clause-{index}"'):]
    block = block[:block.index("</div>\n</div>") if "</div>\n</div>" in block else len(block)]
    assert f'<input type="hidden" name="clause" value="{index}">' in block
    assert "为本条补充一条审查意见" in block
    assert opened.count('class="rv-add-link"') == len(review.clauses) - 1
    for bad in ("999", "x", "-1"):
        assert "rv-add-here" not in client.get(f"/review/reviews/{review.pk}/?add={bad}").content.decode()
    before = review.findings.count()
    response = client.post(f"/review/reviews/{review.pk}/findings/add/",
                           {"clause": str(index), "rule_id": "BR-DUTY-03", "note": "各村安排专人，清单外事项",
                            "form_token": token_new()})
    assert response.status_code == 302 and response["Location"] == f"/review/reviews/{review.pk}/#clause-{index}"
    added = review.findings.get(origin="reviewer")
    assert (added.clause_index, added.rule_id, review.findings.count()) == (index, "BR-DUTY-03", before + 1)
    # the department that submitted reads the review but manages no findings: no link, no form, even when asked
    own = world.client("dept_housing").get(f"/review/reviews/{review.pk}/?add={index}").content.decode()
    assert "rv-add-link" not in own and "rv-add-here" not in own


@pytest.mark.django_db
def test_only_clauses_with_findings_shown_and_the_count_links_to_the_first(world, review):
    """newuser23 #1: the count links to the first finding; the clauses without a finding are folded in runs, each
    still with its 补充 link inside; ?all=1 shows them all; a dismissal's message is said at its clause."""
    client = world.client("county_office")
    page = client.get(f"/review/reviews/{review.pk}/").content.decode()
    opened = list(review.findings.filter(status="open"))
    first = min(opened, key=lambda f: (f.clause_index, f.pk))
    assert f'<a href="#finding-{first.pk}" id="to-findings">问题：{len(opened)}</a>' in page
    assert f'<div id="finding-{first.pk}" class="rv-finding ' in page
    flagged = {f.clause_index for f in review.findings.all()}
    clean = [c["index"] for c in review.clauses if c["index"] not in flagged]
    assert (len(review.clauses), sorted(flagged), len(clean)) == (5, [2, 3], 3)
    assert page.count('<details class="rv-clean">') == 2        # clauses 0–1 and 4
    assert "2 条未发现问题（从「XX县住房和城乡建设局关于...」起）" in page
    assert "1 条未发现问题（从「（三）各村安排专人负责危房巡查。」起）" in page
    assert '只看有问题的条款（其余 3 条已折叠） · <a href="?all=1">显示全部条款</a>' in page
    assert page.count('class="rv-add-link"') == len(review.clauses)      # 补充 still beside every clause
    everything = client.get(f"/review/reviews/{review.pk}/?all=1").content.decode()
    assert everything.count('<details class="rv-clean" open>') == 2 and "已显示全部条款" in everything
    # a dismissal returns to its clause and says so there, not at the top of the page
    response = client.post(f"/review/reviews/{review.pk}/findings/{first.pk}/dismiss/", {"reason": "不属于问题"})
    assert response["Location"] == f"/review/reviews/{review.pk}/#clause-{first.clause_index}"
    after = client.get(response["Location"]).content.decode()
    clause = after[after.index(f'id="clause-{first.clause_index}"'):]
    assert clause.index('<div class="alert alert-success rv-clause-message" role="status">已排除该审查意见，得分已重新计算。</div>') < 200
    assert '<div class="messages">' not in after
    # read once: gone on the next visit
    assert "rv-clause-message" not in client.get(f"/review/reviews/{review.pk}/").content.decode()
