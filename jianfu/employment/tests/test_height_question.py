"""Session 15, issue 8 leftover 2: a height requirement is *questioned* — the posting stays public and the office sees a
note to check that it is tied to the job — not flagged and held as the discriminating requirements are."""

from __future__ import annotations

import pytest
from django.test import Client

from jianfu.core.formtokens import token_new
from jianfu.employment.discrimination import Finding, check, questions
from jianfu.employment.models import Posting, PostingStatus
from jianfu.employment.tests.test_postings import credit, good, run, xlsx

LAWS = ("《就业促进法》第三条", "《就业促进法》第二十六条")
NOTE = "身高条件不一定违法，请核查是否与岗位工作确实相关（如安保、部分高处作业）；与工作无关的身高条件可能构成就业歧视。"


@pytest.mark.parametrize(("text", "excerpt"), [
    ("商场导购，身高1米6以上，形象好", "商场导购，身高1米6以上，形象好"),
    ("保安员：身高170cm以上，退伍军人优先", "保安员：身高170cm以上"),
    ("前台接待，身高要求1.58米，普通话标准", "前台接待，身高要求1.58米，普通话标准"),
    ("礼仪，身高不低于一米六五", "礼仪，身高不低于一米六五"),
    ("身高165以上", "身高165以上"),
])
def test_a_height_requirement_is_questioned_not_flagged(text, excerpt):
    assert check("岗位", text) == []
    assert questions("岗位", text) == [Finding("height", "身高要求", excerpt, LAWS, NOTE)]
    assert questions("岗位", text)[0].as_dict() == {"code": "height", "label": "身高要求", "excerpt": excerpt,
                                                   "laws": list(LAWS), "note": NOTE}


@pytest.mark.parametrize("text", ["身高不限，18-45岁", "身高体重比例协调", "身体健康，能吃苦", "高处作业需持证", ""])
def test_no_height_figure_no_question(text):
    assert questions("岗位", text) == []


def test_the_flags_are_as_they_were_and_carry_no_note():
    findings = check("岗位", "护理员，限女性，身高1米6以上")
    assert [f.as_dict() for f in findings] == [{
        "code": "gender", "label": "限定性别或性别优先", "excerpt": "护理员，限女性",   # the height is its own (F1)
        "laws": ["《就业促进法》第三条", "《就业促进法》第二十七条", "《妇女权益保障法》第四十三条",
                 "《就业服务与就业管理规定》（2018年修订）第二十条"]}]
    assert [q.code for q in questions("岗位", "护理员，限女性，身高1米6以上")] == ["height"]


# as stored: with the fields its rule matched in (fixcr34b #2)
QUESTION = {"code": "height", "label": "身高要求", "excerpt": "酒店前台接待，身高1米6以上，会简单英语", "laws": list(LAWS), "note": NOTE,
            "fields": ["description"]}
DATA = {"employer": "合浦县海景酒店有限公司", "credit_code": credit(3), "title": "前台接待", "place": "廉州镇",
        "wage": "3500-4500元", "description": "酒店前台接待，身高1米6以上，会简单英语"}


@pytest.mark.django_db
def test_the_web_posting_stays_public_and_the_office_page_shows_the_note(world):
    client = world.client("county_office")
    response = client.post("/employment/postings/new/", {**DATA, "form_token": token_new()}, follow=True)
    posting = Posting.objects.get()
    assert (posting.status, posting.flags, posting.questions) == (PostingStatus.OPEN, [], [QUESTION])
    assert [str(m) for m in response.context["messages"]] == [
        "岗位已公开；其中的招聘条件（如身高要求）已提示县减负办核查是否与岗位相关。"]
    html = response.content.decode()
    assert "招聘条件请核查（岗位照常公开）" in html
    assert f"<li>身高要求：“酒店前台接待，身高1米6以上，会简单英语” — {NOTE}（《就业促进法》第三条；《就业促进法》第二十六条）</li>" in html
    assert "疑似就业歧视，需核查" not in html
    listed = client.get("/employment/postings/").content.decode()
    assert '<span class="badge">条件待核查</span>' in listed
    # the public sees the posting, not the office's note
    public = Client().get(f"/employment/jobs/{posting.pk}/")
    assert public.status_code == 200
    assert "前台接待" in public.content.decode() and "身高要求：" not in public.content.decode()


@pytest.mark.django_db
def test_the_api_answers_with_the_question_and_the_public_api_leaves_it_out(world):
    response = world.api_client("county_office").post("/api/v1/employment/postings/", DATA, format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["flags"], body["questions"]) == ("open", [], [QUESTION])
    public = world.api_client("county_office").get(f"/api/v1/employment/postings/{body['id']}/").json()
    assert "questions" not in public and "flags" not in public


@pytest.mark.django_db
def test_an_imported_posting_with_a_height_requirement_is_open_with_its_question(world):
    result = run(world, xlsx([good(1, 岗位描述="冻虾分拣，身高1米6以上，计件"), good(2)]))
    assert result.errors == []
    rows = list(Posting.objects.order_by("id").values_list("title", "status", "flags", "questions"))
    assert rows == [("分拣工1", "open", [], [{**QUESTION, "excerpt": "冻虾分拣，身高1米6以上，计件"}]),
                    ("分拣工2", "open", [], [])]
