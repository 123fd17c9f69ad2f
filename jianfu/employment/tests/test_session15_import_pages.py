"""Session 15 (newuser15) on the posting import's pages: the import result's 疑似歧视待核查 N 个 leads to exactly those
postings and the posting list has them one tap away (F6)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.formtokens import token_new
from jianfu.employment.models import PostingImport
from jianfu.employment.tests.factories import TOWN, posting_in
from jianfu.employment.tests.test_postings import good, xlsx

pytestmark = pytest.mark.django_db
URL = "/employment/postings/import/"


def _upload(client, rows, capture):
    with capture(execute=True):
        response = client.post(URL, {"form_token": token_new(), "file": SimpleUploadedFile("jobs.xlsx", xlsx(rows).getvalue())})
    batch = PostingImport.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == f"{URL}{batch.pk}/"
    return batch


def _titles(html: str) -> list[str]:
    import re

    return re.findall(r'<td class="card-title"><a href="/employment/postings/\d+/">([^<]+)</a>', html)


def test_the_flagged_count_links_to_exactly_the_flagged_postings_of_the_batch(world,
                                                                              django_capture_on_commit_callbacks):
    posting_in(TOWN, title="旧岗位待核查", status="flagged")            # flagged before, another batch: not listed
    client = world.client("county_office")
    rows = [good(1), good(2, 岗位描述="收银，限女性，25岁以下，未婚"), good(3), good(4, 岗位描述="男性优先，需无乙肝")]
    batch = _upload(client, rows, django_capture_on_commit_callbacks)
    assert (batch.status, batch.created_count, batch.flagged_count) == ("committed", 4, 2)
    page = client.get(f"{URL}{batch.pk}/").content.decode()
    link = f'<a id="flagged-link" href="/employment/postings/?batch={batch.pk}&amp;status=flagged">疑似歧视待核查 2 个</a>。'
    assert "入库岗位 4 个，新登记单位 1 个，" + link in page
    listed = client.get(f"/employment/postings/?batch={batch.pk}&status=flagged").content.decode()
    assert _titles(listed) == ["分拣工4", "分拣工2"]
    assert 'id="flagged-shortcut"' not in listed              # already filtered: no shortcut to itself


def test_a_batch_with_nothing_flagged_says_zero_without_a_link(world, django_capture_on_commit_callbacks):
    client = world.client("county_office")
    batch = _upload(client, [good(1), good(2)], django_capture_on_commit_callbacks)
    page = client.get(f"{URL}{batch.pk}/").content.decode()
    assert "入库岗位 2 个，新登记单位 1 个，疑似歧视待核查 0 个。" in page and 'id="flagged-link"' not in page


def test_the_posting_list_puts_the_flagged_postings_one_tap_away(world):
    for n in range(35):                                        # more than a page of open postings, newest first
        posting_in(TOWN, title=f"普通岗位{n}")
    posting_in(TOWN, title="收银员", status="flagged")
    posting_in(TOWN, title="普工", status="flagged")
    client = world.client("county_office")
    html = client.get("/employment/postings/").content.decode()
    shortcut = ('<p class="alert alert-warning taps" id="flagged-shortcut"><a href="/employment/postings/?status=flagged">'
                "2 个岗位疑似歧视，待核查：点此查看</a></p>")
    assert shortcut in html
    assert "收银员" not in _titles(html)                        # page 1 holds open postings only
    assert _titles(client.get("/employment/postings/?status=flagged").content.decode()) == ["普工", "收银员"]
    # nothing flagged: no shortcut
    from jianfu.employment.models import Posting

    Posting.objects.filter(status="flagged").update(status="withdrawn")
    assert 'id="flagged-shortcut"' not in client.get("/employment/postings/").content.decode()


# F17: the error page of a refused import had nothing to go on with but the breadcrumb
REUPLOAD = '<p><a class="btn" id="reupload" href="/employment/postings/import/">重新上传</a></p>'


def test_a_refused_import_offers_to_upload_again_and_nothing_was_written(world, django_capture_on_commit_callbacks):
    from jianfu.employment.models import Posting

    client = world.client("county_office")
    batch = _upload(client, [good(1), good(2), good(3, 工作地点="")], django_capture_on_commit_callbacks)
    assert batch.status == "failed" and Posting.objects.count() == 0
    page = client.get(f"{URL}{batch.pk}/").content.decode()
    assert "文件有错误，没有任何数据入库。请改正后重新上传。" in page and "工作地点为空" in page
    assert page.count(REUPLOAD) == 1
    assert client.get("/employment/postings/import/").status_code == 200


def test_a_committed_import_offers_no_reupload(world, django_capture_on_commit_callbacks):
    client = world.client("county_office")
    batch = _upload(client, [good(1)], django_capture_on_commit_callbacks)
    assert batch.status == "committed"
    assert 'id="reupload"' not in client.get(f"{URL}{batch.pk}/").content.decode()
