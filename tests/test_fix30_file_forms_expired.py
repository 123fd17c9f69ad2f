"""fix30 #2: a form with a file input whose post is refused as expired (no token, a replayed one) answered "表单已失效，
您填写的内容仍保留在页面上" — but a browser never refills a file input. Every such form now says the file is to be
chosen again, as fix-cr29 #6 made the catalogue import and the ledger upload say; where the file is optional and none
was chosen, all the form had comes back and the old words stand. Nothing is stored either way."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from jianfu.core.models import AuditRecord
from jianfu.directline.models import Attachment, Message, Report
from jianfu.directline.tests.factories import TOWN, county_key_with_handler, submitted
from jianfu.directline.workflow import Status
from jianfu.monitor.models import LedgerDocument
from jianfu.review.models import Document, DocumentVersion, Review

pytestmark = pytest.mark.django_db

FILE_WORDS = "表单已失效，请重新选择文件后提交。"
KEPT_WORDS = "表单已失效，您填写的内容仍保留在页面上，请核对后再次点击提交。"
DRAFT = "关于开展专项检查的通知\n一、工作要求\n（一）各乡镇每日17时前报送工作进展。"
REPORT = {"place": TOWN, "category": "app", "text": "县某局要求各村每周上传 30 张入户走访照片，村干部每晚加班补材料。"}


def _png() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, format="PNG")
    return SimpleUploadedFile("a.png", out.getvalue(), content_type="image/png")


def _txt() -> SimpleUploadedFile:
    return SimpleUploadedFile("通知.txt", DRAFT.encode())


def _reviews() -> tuple[int, int, int, int]:
    return (Document.objects.count(), DocumentVersion.objects.count(), Review.objects.count(),
            AuditRecord.objects.count())


@pytest.mark.parametrize(("upload", "words"), [(_txt, FILE_WORDS), (None, KEPT_WORDS)])
def test_the_review_upload_says_the_file_is_to_choose_again(world, upload, words):
    body = {"title": "专项检查", "text": "" if upload else DRAFT, **({"file": upload()} if upload else {})}
    refused = world.client("dept_housing").post("/review/submit/", body)     # no token: an expired form
    page = refused.content.decode()
    other = KEPT_WORDS if words == FILE_WORDS else FILE_WORDS
    assert (refused.status_code, words in page, other in page) == (400, True, False)
    assert _reviews() == (0, 0, 0, 0)


def test_a_revision_with_a_file_says_the_file_is_to_choose_again(world):
    client = world.client("dept_housing")
    token = re.search(r'name="form_token" value="([^"]+)"', client.get("/review/submit/").content.decode()).group(1)
    client.post("/review/submit/", {"text": DRAFT, "form_token": token}, follow=True)   # its message read
    document = Document.objects.get()
    before = _reviews()
    refused = client.post(f"/review/documents/{document.pk}/revise/", {"file": _txt()})
    page = refused.content.decode()   # the page again, the refusal beside its form (fix30b #1)
    assert (refused.status_code, FILE_WORDS in page, KEPT_WORDS in page) == (400, True, False)
    assert _reviews() == before


def test_a_document_ledger_row_with_a_file_says_the_file_is_to_choose_again(world):
    refused = world.client("dept_housing").post("/monitor/ledgers/document/new/", {
        "date": "2025-03-01", "title": "森林防火通知", "doc_kind": "general", "file": _txt()})
    page = refused.content.decode()
    assert (refused.status_code, FILE_WORDS in page, KEPT_WORDS in page) == (400, True, False)
    assert 'value="森林防火通知"' in page      # the typing is kept all the same
    assert (LedgerDocument.objects.count(), AuditRecord.objects.count()) == (0, 0)


def test_a_direct_line_report_with_an_attachment_says_the_file_is_to_choose_again(world):
    county_key_with_handler(world)
    before = (Report.objects.count(), Attachment.objects.count())
    refused = world.client(None).post("/directline/public/report/", {**REPORT, "attachments": _png()})
    page = refused.content.decode()
    assert (refused.status_code, FILE_WORDS in page, KEPT_WORDS in page) == (400, True, False)
    assert (Report.objects.count(), Attachment.objects.count()) == before


def test_a_direct_line_answer_with_an_attachment_says_the_file_is_to_choose_again(world):
    county_key_with_handler(world)
    report, code = submitted()
    Report.objects.filter(pk=report.pk).update(status=Status.AWAITING_REPORTER)
    before = (Message.objects.count(), Attachment.objects.count())
    refused = world.client(None).post("/directline/public/follow/", {"code": code, "answer": "是县里某局的 App。",
                                                                     "form_token": "", "attachments": _png()})
    page = refused.content.decode()
    assert (refused.status_code, FILE_WORDS in page, KEPT_WORDS in page) == (400, True, False)
    assert (Message.objects.count(), Attachment.objects.count()) == before
