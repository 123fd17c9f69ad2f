"""newuser33 #1: a draft reviewed against its higher-level document (上级文件) was flagged 照抄照搬上级文件 (74 % of its
text copied); 上传修改稿 had no reference field and kept none, so the revision was reviewed without the copy-paste
rule — the comparison said the finding was 已修改 and the verdict went to 通过 with the copied paragraphs unchanged.
A revision without a reference of its own is now compared with the previous version's; one uploaded with the
revision replaces it; the review page and the revision form name the document compared with."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.review.models import Document, Review

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
COPIED = ("一、各地要以村庄清洁行动为抓手，扎实推进农村人居环境整治提升，持续改善农村生产生活条件，建设宜居宜业和美乡村。\n"
          "二、各地要健全长效管护机制，明确管护主体、管护责任和管护经费，确保设施建得好、管得住、用得久。\n")
REFERENCE = "关于开展农村人居环境整治的通知\n" + COPIED + "三、各地要充分发挥农民主体作用，尊重农民意愿，不搞一刀切。\n"
DRAFT = "关于开展全县农村人居环境整治的通知\n各乡镇：\n" + COPIED + "三、各乡镇要结合本地实际抓好落实。\n"
REVISED = DRAFT.replace("结合本地实际抓好落实", "结合本地实际，自行安排落实")   # the copied paragraphs kept
OWN = ("关于开展全县农村人居环境整治的通知\n各乡镇：\n一、曲樟乡重点清理河道两岸的生活垃圾，由村民小组长分片负责。\n"
       "二、公馆镇先行建设三个污水处理点，其余各村明年接入。\n")
COPY_RULE = "BR-DOC-06"


def _token(client, url: str) -> str:
    return TOKEN.search(client.get(url).content.decode()).group(1)


@pytest.fixture
def reviewed(world):
    """The housing department's draft, reviewed against its higher-level document: one 照搬 finding."""
    client = world.client("dept_housing")
    client.post("/review/submit/", {"text": DRAFT, "form_token": _token(client, "/review/submit/"),
                                    "reference": SimpleUploadedFile("省通知.txt", REFERENCE.encode())})
    first = Review.objects.get()
    assert list(first.findings.filter(rule_id=COPY_RULE).values_list("rule_id", flat=True)) == [COPY_RULE]
    return client, Document.objects.get(), first


def _revise(client, document, text: str, **files) -> Review:
    url = f"/review/documents/{document.pk}/"
    answer = client.post(f"{url}revise/", {"text": text, "form_token": _token(client, url), **files})
    assert answer.status_code == 302, answer.content.decode()[:500]
    return Review.objects.get(version__document=document, version__number=document.versions.count())


def test_a_revision_without_a_reference_is_compared_with_the_previous_versions(reviewed):
    client, document, first = reviewed
    form = client.get(f"/review/documents/{document.pk}/").content.decode()
    assert 'name="reference"' in form and "不选则沿用上一版对照的上级文件“省通知.txt”。" in form
    second = _revise(client, document, REVISED)
    assert list(second.findings.filter(rule_id=COPY_RULE).values_list("rule_id", flat=True)) == [COPY_RULE]
    assert (second.version.reference_filename, second.version.reference_text) == ("省通知.txt", REFERENCE.rstrip("\n"))
    assert (second.conclusion, second.score) == (first.conclusion, first.score)
    compare = client.get(f"/review/reviews/{second.pk}/compare/").content.decode()
    assert "已修改 0 处" in compare
    page = client.get(f"/review/reviews/{second.pk}/").content.decode()
    assert "是否照搬上级文件：已与“省通知.txt”对照。" in page


def test_a_revision_that_no_longer_copies_loses_the_finding(reviewed):
    client, document, _first = reviewed
    second = _revise(client, document, OWN)
    assert list(second.findings.filter(rule_id=COPY_RULE)) == []
    assert second.version.reference_filename == "省通知.txt"


def test_a_reference_uploaded_with_the_revision_replaces_the_previous_one(reviewed):
    client, document, _first = reviewed
    other = "关于做好冬季森林防火工作的通知\n一、各地要加强野外用火管理。\n"
    second = _revise(client, document, REVISED, reference=SimpleUploadedFile("市通知.txt", other.encode()))
    assert list(second.findings.filter(rule_id=COPY_RULE)) == []
    assert (second.version.reference_filename, second.version.reference_text) == ("市通知.txt", other.rstrip("\n"))


def test_a_first_review_without_a_reference_names_none(world):
    client = world.client("dept_housing")
    client.post("/review/submit/", {"text": DRAFT, "form_token": _token(client, "/review/submit/")})
    review = Review.objects.get()
    assert (review.version.reference_filename, review.version.reference_text) == ("", "")
    assert "是否照搬上级文件" not in client.get(f"/review/reviews/{review.pk}/").content.decode()
    assert "不选则沿用" not in client.get(f"/review/documents/{review.version.document_id}/").content.decode()
