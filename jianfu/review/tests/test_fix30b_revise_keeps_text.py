"""fix30b #1: 上传修改稿 with pasted text, refused (a replayed or missing token, nothing to review), redirected to the
document's page and said "表单已失效，您填写的内容仍保留在页面上" — with the textarea empty, the text lost. The page now
comes back (400) with the pasted text in its field and the refusal beside the form, as the upload form does; a post
that chose a file still says the file is to be chosen again. Nothing is stored either way."""

from __future__ import annotations

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.formtokens import FORM_EXPIRED, FORM_EXPIRED_FILE
from jianfu.core.models import AuditRecord
from jianfu.review.models import Document, DocumentVersion, Finding, Review

pytestmark = pytest.mark.django_db
DRAFT = "关于开展专项检查的通知\n一、工作要求\n（一）各乡镇每日17时前报送工作进展。"
REVISED = "关于开展专项检查的通知\n一、工作要求\n（一）各乡镇每月5日前报送工作进展。"
TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


def _counts() -> tuple[int, ...]:
    return (Document.objects.count(), DocumentVersion.objects.count(), Review.objects.count(),
            Finding.objects.count(), AuditRecord.objects.count())


@pytest.fixture
def posted(world):
    """The housing department's client, its document (one version) and the token its upload spent."""
    client = world.client("dept_housing")
    token = TOKEN.search(client.get("/review/submit/").content.decode()).group(1)
    client.post("/review/submit/", {"text": DRAFT, "form_token": token}, follow=True)   # its message read
    return client, Document.objects.get(), token


def _textarea(page: str) -> str:
    return html.unescape(re.search(r'<textarea name="text"[^>]*>(.*?)</textarea>', page, re.S).group(1))


@pytest.mark.parametrize("token", ["spent", "", None], ids=["replayed", "empty", "missing"])
def test_a_refused_revision_comes_back_with_the_text_pasted(posted, token):
    client, document, spent = posted
    before = _counts()
    body = {"text": REVISED, **({} if token is None else {"form_token": spent if token else ""})}
    refused = client.post(f"/review/documents/{document.pk}/revise/", body)
    page = refused.content.decode()
    fresh = TOKEN.search(page).group(1)
    assert (refused.status_code, _textarea(page), page.count(FORM_EXPIRED), FORM_EXPIRED_FILE in page) == (
        400, REVISED, 1, False)
    assert (len(fresh), fresh != spent) == (43, True)
    assert _counts() == before and list(document.versions.values_list("number", flat=True)) == [1]
    # the token the page came back with reviews the text it kept
    assert client.post(f"/review/documents/{document.pk}/revise/", {"text": _textarea(page),
                                                                     "form_token": fresh}).status_code == 302
    assert list(document.versions.order_by("number").values_list("number", flat=True)) == [1, 2]


def test_a_revision_refused_for_its_content_keeps_its_token(posted):
    client, document, _spent = posted
    token = TOKEN.search(client.get(f"/review/documents/{document.pk}/").content.decode()).group(1)
    before = _counts()
    refused = client.post(f"/review/documents/{document.pk}/revise/", {"text": "  ", "form_token": token})
    page = refused.content.decode()
    assert (refused.status_code, TOKEN.search(page).group(1), FORM_EXPIRED in page) == (400, token, False)
    assert 'role="alert"' in page and _counts() == before


def test_a_refused_revision_with_a_file_says_to_choose_it_again_and_keeps_the_text(posted):
    client, document, spent = posted
    before = _counts()
    refused = client.post(f"/review/documents/{document.pk}/revise/", {
        "text": REVISED, "form_token": spent, "file": SimpleUploadedFile("通知.txt", REVISED.encode())})
    page = refused.content.decode()
    assert (refused.status_code, FORM_EXPIRED_FILE in page, FORM_EXPIRED in page, _textarea(page)) == (
        400, True, False, REVISED)
    assert _counts() == before
