"""tryout27's 就业帮扶 findings (a new user, every role): 2, 4, 5, 7, 10a, 10b, 10d — through the real views."""

from __future__ import annotations

import pytest

from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.employment.models import Posting, PostingStatus
from jianfu.employment.tests.factories import TOWN, hrss_account, posting_in

pytestmark = pytest.mark.django_db

FORM = {"employer": "曲樟乡荔枝专业合作社", "credit_code": "", "title": "荔枝园管理员", "headcount": "2",
        "education": "初中", "age": "18-50岁", "wage": "3000-4000元", "place": "曲樟乡",
        "description": "荔枝园日常管理，限女性，已婚已育优先。", "experience": "不限"}


def _clears(pk: int) -> int:
    return AuditRecord.objects.filter(action="employment.posting.clear", object_id=str(pk)).count()


# ---------------------------------------------------------------- 2: who clears a flagged posting

def test_a_township_cannot_clear_its_own_flagged_posting(world):
    """tryout27 #2: town_quzhang posted a discriminatory posting, then cleared it itself and it went public."""
    client = world.client("town_quzhang")
    response = client.post("/employment/postings/new/", {**FORM, "form_token": token_new()})
    posting = Posting.objects.get(title="荔枝园管理员")
    assert response.status_code == 302
    assert posting.status == PostingStatus.FLAGGED
    page = client.get(f"/employment/postings/{posting.pk}/").content.decode()
    assert "疑似就业歧视，需核查" in page
    assert "核查无误，公开" not in page                # the button is not offered to the township
    assert "/clear/" not in page
    assert "说明（下架原因）" in page                  # it may still take its own posting down

    refused = client.post(f"/employment/postings/{posting.pk}/clear/", {"note": "已核实"})
    assert refused.status_code == 403
    assert "疑似歧视的岗位由县减负办或县人社局核查，您的角色不能核查公开。" in refused.content.decode()
    assert Posting.objects.get(pk=posting.pk).status == PostingStatus.FLAGGED
    assert _clears(posting.pk) == 0
    assert world.client(None).get(f"/employment/jobs/{posting.pk}/").status_code == 404


@pytest.mark.parametrize("username", ["county_office", "dept_hrss"])
def test_the_county_office_and_the_hrss_bureau_clear_it(world, username):
    hrss_account(world)
    posting = posting_in(TOWN, status=PostingStatus.FLAGGED, title="荔枝园管理员")
    client = world.client(username)
    assert "核查无误，公开" in client.get(f"/employment/postings/{posting.pk}/").content.decode()
    response = client.post(f"/employment/postings/{posting.pk}/clear/", {"note": "岗位系井下作业，依法不安排女性"},
                           follow=True)
    assert [str(m) for m in response.context["messages"]] == ["已核查无误，岗位已公开。"]
    assert Posting.objects.get(pk=posting.pk).status == PostingStatus.OPEN
    assert _clears(posting.pk) == 1


def test_the_service_refuses_the_township_whatever_the_caller(world):
    from jianfu.core.errors import PermissionDeniedError
    from jianfu.employment import postings

    posting = posting_in(TOWN, status=PostingStatus.FLAGGED)
    with pytest.raises(PermissionDeniedError):
        postings.posting_clear(actor=world.users["town_quzhang"], posting=posting, note="已核实")
    assert Posting.objects.get(pk=posting.pk).status == PostingStatus.FLAGGED
    assert _clears(posting.pk) == 0
