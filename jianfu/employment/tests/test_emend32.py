"""emend32: the employment pages a township 人社所 officer stumbled on (docs/employment.md, Session 32).

#1 修改后公开 on a posting held for suspected discrimination: the texts corrected, the check run again, audited."""

from __future__ import annotations

import re

import pytest

from jianfu.core.models import AuditRecord
from jianfu.employment import discrimination
from jianfu.employment.models import Posting, PostingStatus
from jianfu.employment.tests.factories import TOWN, VILLAGE_C, posting_in

pytestmark = pytest.mark.django_db

HELD_TEXT = "流水线装配，限男性，两班倒。"


def _held(org: str = TOWN) -> Posting:
    flags = [f.as_dict() for f in discrimination.check("电子厂普工", HELD_TEXT)]
    return posting_in(org, status=PostingStatus.FLAGGED, title="电子厂普工", description=HELD_TEXT, benefits="包吃住",
                      flags=flags)


def _row(posting: Posting) -> tuple:
    return Posting.objects.filter(pk=posting.pk).values_list(
        "title", "description", "benefits", "status", "flags", "fingerprint").get()


def _amend(client, posting: Posting, **texts):
    data = {"title": "电子厂普工", "description": "流水线装配，两班倒。", "benefits": "包吃住", **texts}
    return client.post(f"/employment/postings/{posting.pk}/amend/", data)


def test_the_held_posting_page_offers_its_texts_to_correct_under_amend_then_publish(world):
    posting = _held()
    page = world.client("town_quzhang").get(f"/employment/postings/{posting.pk}/").content.decode()
    form = re.search(r'<form method="post" id="amend" action="([^"]+)">(.*?)</form>', page, re.S)
    assert form.group(1) == f"/employment/postings/{posting.pk}/amend/"
    assert '<input id="amend-title" name="title" maxlength="100" required value="电子厂普工">' in form.group(2)
    assert f">{HELD_TEXT}</textarea>" in form.group(2)
    assert re.findall(r"<button[^>]*>([^<]+)</button>", form.group(2)) == ["修改后公开"]
    opened = posting_in()
    assert 'id="amend"' not in world.client("town_quzhang").get(f"/employment/postings/{opened.pk}/").content.decode()


def test_a_township_drops_the_sex_limit_and_the_posting_is_public_with_the_change_audited(world):
    posting = _held()
    client = world.client("town_quzhang")
    answer = _amend(client, posting)
    assert answer.status_code == 302 and answer["Location"] == f"/employment/postings/{posting.pk}/"
    posting.refresh_from_db()
    assert (posting.description, posting.status, posting.flags, posting.questions) == (
        "流水线装配，两班倒。", PostingStatus.OPEN, [], [])
    assert posting.fingerprint != "test-1" and len(posting.fingerprint) == 64
    record = AuditRecord.objects.filter(action="employment.posting.amend").get()
    assert (record.object_id, record.actor.username) == (str(posting.pk), "town_quzhang")
    assert record.changes == {"description": [HELD_TEXT, "流水线装配，两班倒。"], "flags": [["gender"], []],
                              "status": ["flagged", "open"]}
    page = client.get(f"/employment/postings/{posting.pk}/").content.decode()
    assert "已修改，复查未发现疑似歧视内容，岗位已公开。" in page
    assert 'id="amend"' not in page and "疑似就业歧视，需核查" not in page
    assert client.get(f"/employment/jobs/{posting.pk}/").status_code == 200


def test_text_still_discriminating_stays_held_with_the_new_finding(world):
    posting = _held()
    client = world.client("county_office")
    answer = _amend(client, posting, description="流水线装配，女士勿扰。")
    assert answer.status_code == 302
    posting.refresh_from_db()
    assert (posting.description, posting.status, [(f["code"], f["excerpt"]) for f in posting.flags]) == (
        "流水线装配，女士勿扰。", PostingStatus.FLAGGED, [("gender", "流水线装配，女士勿扰")])
    assert AuditRecord.objects.get(action="employment.posting.amend").changes["status"] == ["flagged", "flagged"]
    page = client.get(f"/employment/postings/{posting.pk}/").content.decode()
    assert "已修改，但仍含疑似歧视内容，岗位仍待核查。" in page


@pytest.mark.parametrize(("texts", "input_id", "reason"), [
    ({"description": ""}, "amend-description", "岗位描述为空"),
    ({"title": "x" * 101}, "amend-title", "岗位名称过长（101字，最多100字）"),
    ({"benefits": "<b>包吃住</b>"}, "amend-benefits", "福利待遇含有网页代码（&lt;…&gt;），请只填写文字"),
    ({"description": HELD_TEXT}, "amend-description", "内容没有修改：请修改疑似歧视的内容后再公开。"),
])
def test_a_refused_amend_says_why_beside_the_field_keeps_the_typing_and_changes_nothing(world, texts, input_id,
                                                                                       reason):
    posting = _held()
    before = (_row(posting), AuditRecord.objects.count())
    answer = _amend(world.client("town_quzhang"), posting, **texts)
    page = answer.content.decode()
    assert answer.status_code == 400
    assert re.search(rf'id="{input_id}"[^>]* aria-invalid="true" aria-describedby="{input_id}_error"', page)
    assert page.count(reason) == 1
    assert (_row(posting), AuditRecord.objects.count()) == before


def test_amend_is_refused_for_a_posting_not_held_and_outside_the_scope_and_nothing_changes(world):
    opened = posting_in(description="分拣冻虾。")
    other = _held(VILLAGE_C)   # 廉州镇: not the township's
    village_held = _held()
    before = ([_row(p) for p in (opened, other, village_held)], AuditRecord.objects.count())
    assert _amend(world.client("county_office"), opened).status_code == 409
    assert _amend(world.client("town_quzhang"), other).status_code == 404
    assert _amend(world.client("village_a"), village_held).status_code == 403   # no EMPLOYMENT_MANAGE
    assert ([_row(p) for p in (opened, other, village_held)], AuditRecord.objects.count()) == before


def test_amend_into_the_text_of_another_posting_is_a_duplicate_and_nothing_changes(world):
    posting = _held()
    from jianfu.employment.postings import posting_fingerprint

    org = posting.organisation
    posting_in(organisation=org, title="电子厂普工", description="流水线装配，两班倒。",
               fingerprint=posting_fingerprint(org.credit_code or None, org.name, "电子厂普工", "曲樟乡",
                                               "流水线装配，两班倒。"))
    before = (_row(posting), AuditRecord.objects.count())
    answer = _amend(world.client("town_quzhang"), posting)
    assert answer.status_code == 400
    assert answer.content.decode().count(f"与已有岗位重复（{org.name} 电子厂普工）。") == 1
    assert (_row(posting), AuditRecord.objects.count()) == before
