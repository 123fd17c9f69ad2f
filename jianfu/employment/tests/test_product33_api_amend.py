"""emp-product33 #1: a held posting edited through the API (PATCH /api/v1/employment/postings/<id>/) — the web's
修改后公开 (`postings.posting_amend`): the same checks, the same discrimination re-check, the same audit entry; a
refusal changes nothing (docs/employment.md, Session 33)."""

from __future__ import annotations

import pytest

from jianfu.core.models import AuditRecord
from jianfu.employment import discrimination
from jianfu.employment.models import Posting, PostingStatus
from jianfu.employment.tests.factories import TOWN, VILLAGE_C, hrss_account, posting_in

pytestmark = pytest.mark.django_db

HELD_TEXT = "流水线装配，限男性，两班倒。"


def _held(org: str = TOWN) -> Posting:
    flags = [f.as_dict() for f in discrimination.check("电子厂普工", HELD_TEXT)]
    return posting_in(org, status=PostingStatus.FLAGGED, title="电子厂普工", description=HELD_TEXT, benefits="包吃住",
                      flags=flags)


def _row(posting: Posting) -> tuple:
    return Posting.objects.filter(pk=posting.pk).values_list(
        "title", "description", "benefits", "status", "flags", "fingerprint", "occupation_code").get()


def _patch(world, username, posting: Posting, body):
    return world.api_client(username).patch(f"/api/v1/employment/postings/{posting.pk}/", body, format="json")


def test_a_township_patches_the_sex_limit_out_and_the_posting_is_public_audited_as_on_the_web(world):
    posting = _held()
    answer = _patch(world, "town_quzhang", posting, {"description": "流水线装配，两班倒。"})   # title, benefits kept
    assert answer.status_code == 200
    body = answer.json()
    assert (body["id"], body["title"], body["description"], body["benefits"], body["status"], body["flags"],
            body["questions"]) == (posting.pk, "电子厂普工", "流水线装配，两班倒。", "包吃住", "open", [], [])
    posting.refresh_from_db()
    assert (posting.description, posting.status, posting.flags) == ("流水线装配，两班倒。", PostingStatus.OPEN, [])
    assert len(posting.fingerprint) == 64
    record = AuditRecord.objects.filter(action="employment.posting.amend").get()
    assert (record.object_id, record.actor.username) == (str(posting.pk), "town_quzhang")
    assert record.changes == {"description": [HELD_TEXT, "流水线装配，两班倒。"], "flags": [["gender"], []],
                              "status": ["flagged", "open"]}
    # now public: the anonymous read answers it
    assert world.api_client(None).get(f"/api/v1/employment/postings/{posting.pk}/").json()["status"] == "open"


def test_a_text_still_discriminating_stays_held_with_the_new_finding(world):
    hrss_account(world)   # the county's 人社局 (EMPLOYMENT_MANAGE by function)
    posting = _held()
    answer = _patch(world, "dept_hrss", posting, {"title": "普工（女士勿扰）", "description": "流水线装配，两班倒。"})
    assert answer.status_code == 200
    assert (answer.json()["status"], [(f["code"], f["excerpt"]) for f in answer.json()["flags"]]) == (
        "flagged", [("gender", "普工（女士勿扰）")])
    assert AuditRecord.objects.get(action="employment.posting.amend").changes == {
        "title": ["电子厂普工", "普工（女士勿扰）"], "description": [HELD_TEXT, "流水线装配，两班倒。"],
        "flags": [["gender"], ["gender"]], "status": ["flagged", "flagged"]}


@pytest.mark.parametrize(("body", "field", "message"), [
    ({"description": ""}, "description", "岗位描述为空"),
    ({"title": "x" * 101}, "title", "岗位名称过长（101字，最多100字）"),
    ({"benefits": "<b>包吃住</b>"}, "benefits", "福利待遇含有网页代码（<…>），请只填写文字"),
    ({"description": HELD_TEXT}, "description", "内容没有修改：请修改疑似歧视的内容后再公开。"),
    ({}, "description", "内容没有修改：请修改疑似歧视的内容后再公开。"),
])
def test_a_refused_patch_names_the_field_in_the_web_forms_words_and_changes_nothing(world, body, field, message):
    posting = _held()
    before = (_row(posting), AuditRecord.objects.count())
    answer = _patch(world, "town_quzhang", posting, body)
    assert answer.status_code == 400
    assert answer.json()["error"]["fields"] == {field: [message]}
    assert (_row(posting), AuditRecord.objects.count()) == before


def test_patch_is_refused_off_a_held_posting_outside_the_scope_without_the_right_or_an_account(world):
    opened = posting_in(description="分拣冻虾。")
    other = _held(VILLAGE_C)   # 廉州镇: not 曲樟乡's
    held = _held()
    before = ([_row(p) for p in (opened, other, held)], AuditRecord.objects.count())
    change = {"description": "流水线装配，两班倒。"}
    refused = _patch(world, "county_office", opened, change)
    assert (refused.status_code, refused.json()["error"]["message"]) == (409, "该岗位不在待核查状态，不能修改后公开。")
    assert _patch(world, "town_quzhang", other, change).status_code == 404     # another unit's: as not there
    assert _patch(world, "village_a", held, change).status_code == 403         # no EMPLOYMENT_MANAGE
    assert _patch(world, None, held, change).status_code == 401
    assert ([_row(p) for p in (opened, other, held)], AuditRecord.objects.count()) == before


def test_the_public_read_of_a_posting_still_reads_no_credentials(world):
    """The GET beside the new PATCH: a stale token does not stop a public read (it never authenticated)."""
    posting = posting_in()
    client = world.api_client(None)
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    answer = client.get(f"/api/v1/employment/postings/{posting.pk}/")
    assert (answer.status_code, answer.json()["id"]) == (200, posting.pk)
    assert client.patch(f"/api/v1/employment/postings/{posting.pk}/", {}, format="json").status_code == 401


def test_a_key_outside_the_three_texts_is_refused_naming_it_and_nothing_changes(world):
    """fixcr33c: {"title": "新", "wage": "9000"} changed the title and dropped `wage` silently."""
    posting = _held()
    before = (_row(posting), AuditRecord.objects.count())
    answer = _patch(world, "town_quzhang", posting, {"title": "新", "wage": "9000", "age_max": 40})
    assert answer.status_code == 400
    message = "不能修改的字段：age_max、wage（只能修改 title、description、benefits）。"
    assert (answer.json()["error"]["message"], answer.json()["error"]["fields"]) == (message, {"age_max": [message]})
    assert (_row(posting), AuditRecord.objects.count()) == before


def test_a_partial_patch_checks_only_the_texts_sent(world):
    """fixcr33c: a legacy 岗位描述 over the limit made a PATCH of the title alone fail, naming 岗位描述."""
    posting = _held()
    Posting.objects.filter(pk=posting.pk).update(description="限男性。" + "流水线装配" * 1001)
    answer = _patch(world, "town_quzhang", posting, {"title": "电子厂装配工"})
    assert answer.status_code == 200, answer.content.decode()[:300]
    posting.refresh_from_db()
    assert (posting.title, len(posting.description), posting.status) == ("电子厂装配工", 5009, PostingStatus.FLAGGED)
    # a sent text is still checked
    before = (_row(posting), AuditRecord.objects.count())
    refused = _patch(world, "town_quzhang", posting, {"description": "流水线装配" * 1001})
    assert refused.json()["error"]["fields"] == {"description": ["岗位描述过长（5005字，最多5000字）"]}
    assert (_row(posting), AuditRecord.objects.count()) == before
