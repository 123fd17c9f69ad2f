"""security21 #2 and #3, the API's content digest (`create_once`'s `_content`).

#2: the digest hashed a file's bytes but not its name, while a review takes its title from the name (newuser20 #7): the
same bytes uploaded again under another name were answered with the first review and its old title. The name is part
of the digest now.
#3: every posted file was spooled and hashed before any check refused it: five 8 MB files posted to an endpoint that
takes none (/api/v1/employment/people/) were hashed, 2.0 s, before its 400; where uploads are taken, up to 100 files of
20 MB in any field were hashed before `before`. An endpoint without `uploads` refuses any file, one with them refuses
more files across all fields than it takes — by their count, none read."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core import formtokens
from jianfu.core.models import ApiRepeat
from jianfu.core.testing.uploads import record_upload_reads
from jianfu.employment.models import KeyPerson, PostingImport
from jianfu.review.models import Document, Review

pytestmark = pytest.mark.django_db
REVIEWS = "/api/v1/review/reviews/"
BODY = "各村每周上报工作台账并附照片。县里每月排名通报。".encode()


@pytest.fixture
def reads(monkeypatch):
    """The names of the uploaded files the server read or hashed (the test client's encoding is not counted)."""
    names = record_upload_reads(monkeypatch)
    digest = formtokens.upload_digest
    monkeypatch.setattr(formtokens, "upload_digest",
                        lambda upload, *, limit: names.append(f"digest:{getattr(upload, 'name', 'bytes')}")
                        or digest(upload, limit=limit))
    return names


def _txt(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, BODY, content_type="text/plain")


# ------------------------------------------------------------------------------------------------ #2 the file's name

def test_the_same_bytes_under_another_name_are_another_review(world):
    api = world.api_client("town_quzhang")
    first = api.post(REVIEWS, {"file": _txt("县农业农村局关于台账报送的通知.txt")}, format="multipart")
    assert (first.status_code, first.json()["title"]) == (201, "县农业农村局关于台账报送的通知")
    again = api.post(REVIEWS, {"file": _txt("县农业农村局关于台账报送的通知.txt")}, format="multipart")
    assert (again.status_code, again.json()["id"], again["Idempotent-Replayed"]) == (201, first.json()["id"], "true")
    other = api.post(REVIEWS, {"file": _txt("县民政局关于低保核查的通知.txt")}, format="multipart")
    assert (other.status_code, other.json()["title"], other.has_header("Idempotent-Replayed")) \
        == (201, "县民政局关于低保核查的通知", False)
    assert list(Document.objects.order_by("pk").values_list("title", flat=True)) == ["县农业农村局关于台账报送的通知",
                                                                                      "县民政局关于低保核查的通知"]
    assert (Review.objects.count(), ApiRepeat.objects.count()) == (2, 2)


# --------------------------------------------------------------------------------------- #3 files refused unread

def test_an_endpoint_that_takes_no_file_refuses_posted_files_unread(world, reads):
    before = KeyPerson.objects.count()
    files = [SimpleUploadedFile(f"f{i}.bin", b"\0" * 4096) for i in range(5)]
    response = world.api_client("village_a").post("/api/v1/employment/people/", {"person": "1", "junk": files},
                                                  format="multipart")
    assert (response.status_code, response.json()["error"]["code"], response.json()["error"]["message"]) == (
        400, "files_not_taken", "此接口不接收文件，请去掉随请求上传的文件（“junk”5 个）后重新提交。")
    assert reads == []
    assert (KeyPerson.objects.count(), ApiRepeat.objects.count()) == (before, 0)


def test_files_past_what_an_endpoint_takes_across_its_fields_are_refused_unread(world, reads):
    api = world.api_client("town_quzhang")
    junk = [SimpleUploadedFile(f"j{i}.bin", b"\0" * 4096) for i in range(3)]
    response = api.post(REVIEWS, {"file": _txt("通知.txt"), "junk": junk}, format="multipart")
    assert (response.status_code, response.json()["error"]["code"], response.json()["error"]["message"]) == (
        400, "too_many_files", "一次最多上传 1 个文件，本次收到 4 个（“file”1 个、“junk”3 个），请去掉多余的文件后重新提交。")
    response = api.post(REVIEWS, {"file": [_txt("通知.txt"), _txt("通知二.txt")]}, format="multipart")
    assert (response.status_code, response.json()["error"]["message"]) == (
        400, "一次最多上传 1 个文件，本次收到 2 个（“file”2 个），请去掉多余的文件后重新提交。")
    assert reads == []
    assert (Document.objects.count(), Review.objects.count(), ApiRepeat.objects.count()) == (0, 0, 0)


def test_an_import_with_a_second_file_is_refused_unread(world, reads):
    response = world.api_client("county_office").post("/api/v1/employment/postings/import/", {
        "file": SimpleUploadedFile("岗位.csv", "用人单位,岗位名称\n".encode()),
        "extra": SimpleUploadedFile("岗位2.csv", b"x")}, format="multipart")
    assert (response.status_code, response.json()["error"]["message"]) == (
        400, "一次最多上传 1 个文件，本次收到 2 个（“extra”1 个、“file”1 个），请去掉多余的文件后重新提交。")
    assert reads == []
    assert (PostingImport.objects.count(), ApiRepeat.objects.count()) == (0, 0)


def test_the_file_an_endpoint_takes_is_still_read(world, reads):
    response = world.api_client("town_quzhang").post(REVIEWS, {"file": _txt("通知.txt")}, format="multipart")
    assert response.status_code == 201, response.content
    assert reads[0] == "digest:通知.txt" and "通知.txt" in reads
