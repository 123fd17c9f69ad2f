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


# ---------------------------------------------------------------- 4: "3000左右" is about 3000, not a floor

@pytest.mark.parametrize(("text", "pair"), [
    ("3000左右", (3000, 3000)), ("约3000", (3000, 3000)), ("3000上下", (3000, 3000)), ("大约3000元/月", (3000, 3000)),
    ("约三千", (3000, 3000)), ("3000起", (3000, None)), ("3000以上", (3000, None)), ("约3000起", (3000, None)),
    ("约3000-4000", (3000, 4000)),
])
def test_the_wage_parser_reads_about_a_figure_as_that_figure(text, pair):
    from jianfu.employment import parsing

    assert parsing.wage(text) == pair


@pytest.mark.parametrize(("wage", "shown"), [
    ("3000左右", "约3000元/月"), ("约3000", "约3000元/月"), ("3000上下", "约3000元/月"),
    ("3000起", "3000元/月起"), ("3000以上", "3000元/月起"), ("3000-3000", "3000元/月"),
])
def test_a_posting_typed_with_about_a_wage_shows_it_so_everywhere(world, wage, shown):
    """tryout27 #4: 保安 "3000左右" showed "3000元/月起" in the list, the detail and the public page."""
    client = world.client("town_quzhang")
    response = client.post("/employment/postings/new/", {**FORM, "title": "保安", "wage": wage,
                                                         "description": "小区门岗值守，三班倒。",
                                                         "form_token": token_new()})
    assert response.status_code == 302
    posting = Posting.objects.get(title="保安")
    assert posting.status == PostingStatus.OPEN
    assert posting.wage_display == shown
    for url in (f"/employment/postings/{posting.pk}/", "/employment/postings/", f"/employment/jobs/{posting.pk}/",
                "/employment/jobs/"):
        html = client.get(url).content.decode()
        assert shown in html, url
        if "起" not in shown:
            assert "元/月起" not in html, url
    assert posting.wage_note == ""   # "3000左右" beside "约3000元/月" only repeats it


def test_an_imported_about_wage_shows_about(world, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jianfu.employment.tests.test_postings import good, xlsx

    rows = [good(1, 月薪="3000左右"), good(2, 月薪="3000起")]
    with django_capture_on_commit_callbacks(execute=True):
        world.client("county_office").post("/employment/postings/import/",
                                           {"file": SimpleUploadedFile("jobs.xlsx", xlsx(rows).getvalue())})
    shown = {p.title: (p.wage_min, p.wage_max, p.wage_display) for p in Posting.objects.all()}
    assert shown == {"分拣工1": (3000, 3000, "约3000元/月"), "分拣工2": (3000, None, "3000元/月起")}
