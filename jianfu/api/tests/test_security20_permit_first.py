"""security20 #1: an API create read its body (a document's file, a report's photos) before the permission check, so
an account without the right made the server do the work first: grid_a's 60 KB .docx that unpacks to 20 MB was read
for 113 s (+400 MB) before its 403, dept_housing's six 10 MB photos decoded for 7 s. Every create now names its right
(`create_once(permit=...)`), checked before the body is parsed and before any `before` hook."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.request import Request

from jianfu.api import repeats
from jianfu.core.models import ApiRepeat
from jianfu.dispatch.models import Event
from jianfu.monitor.models import LedgerDocument
from jianfu.review.engine import readers

pytestmark = pytest.mark.django_db


def _bomb_docx(unpacked: int = 20 * 2**20) -> bytes:
    """A .docx whose word/document.xml unpacks to `unpacked` bytes of one short paragraph repeated."""
    import docx

    base = io.BytesIO()
    docx.Document().save(base)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base.getvalue())) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                head, tail = data.split(b"<w:body>")
                para = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"
                data = head + b"<w:body>" + para * (unpacked // len(para)) + tail
            dst.writestr(info.filename, data)
    return out.getvalue()


@pytest.fixture
def parsed(monkeypatch):
    """Each time a request's body is parsed (DRF's `Request._parse`, what request.data / request.FILES run)."""
    calls: list[str] = []
    parse = Request._parse

    def recorded(self):
        calls.append(self.path)
        return parse(self)

    monkeypatch.setattr(Request, "_parse", recorded)
    return calls


def test_a_document_ledger_without_the_right_is_refused_before_its_file_is_read(world, parsed, monkeypatch):
    read: list[str] = []
    monkeypatch.setattr(readers, "_read_docx", lambda data, filename="": read.append(filename))
    api = world.api_client("grid_a")   # a grid worker records no ledger (MONITOR_RECORD)
    response = api.post("/api/v1/monitor/ledgers/document/", {
        "date": "2025-03-01", "title": "低保核查通知", "doc_kind": "special",
        "file": SimpleUploadedFile("通知.docx", _bomb_docx())}, format="multipart")
    assert (response.status_code, response.json()["error"]["code"]) == (403, "capability_required")
    assert (parsed, read) == ([], [])
    assert (LedgerDocument.objects.count(), ApiRepeat.objects.count()) == (0, 0)


def test_a_report_without_the_right_is_refused_before_its_photos_are_read(world, parsed):
    from PIL import Image

    photos = []
    for colour in ((200, 20, 20), (20, 200, 20)):
        out = io.BytesIO()
        Image.new("RGB", (40, 30), colour).save(out, format="JPEG")
        photos.append(SimpleUploadedFile("p.jpg", out.getvalue(), content_type="image/jpeg"))
    api = world.api_client("dept_housing")   # a department handles events, it reports none
    response = api.post("/api/v1/dispatch/events/", {"text": "河道有人倾倒建筑垃圾，请尽快处理",
                                                      "org_code": "450521200206001", "photos": photos},
                        format="multipart")
    assert (response.status_code, response.json()["error"]["code"]) == (403, "permission_denied")
    assert parsed == []
    assert (Event.objects.count(), ApiRepeat.objects.count()) == (0, 0)


# every create of ADR 0036's list, and an account without its right (pk 1 exists or not: the right comes first)
REFUSED = [
    ("/api/v1/monitor/ledgers/meeting/", "grid_a"),
    ("/api/v1/monitor/rules/", "village_a"),
    ("/api/v1/monitor/notices/", "town_quzhang"),
    ("/api/v1/monitor/notices/1/cases/", "dept_housing"),
    ("/api/v1/dispatch/events/", "dept_forestry"),
    ("/api/v1/review/reviews/", "grid_a"),
    ("/api/v1/employment/postings/", "village_a"),
    ("/api/v1/employment/postings/import/", "grid_a"),
    ("/api/v1/employment/people/", "county_office"),
    ("/api/v1/employment/people/import/", "dept_housing"),
    ("/api/v1/employment/people/1/visits/", "dept_housing"),
    ("/api/v1/employment/people/1/referrals/", "county_office"),
]


@pytest.mark.parametrize(("path", "username"), REFUSED)
def test_every_create_checks_its_right_before_it_reads_the_body(world, parsed, path, username):
    api = world.api_client(username)
    upload = SimpleUploadedFile("x.xlsx", b"PK\x03\x04" + b"\0" * 2048)
    response = api.post(path, {"title": "x", "file": upload}, format="multipart",
                        HTTP_IDEMPOTENCY_KEY="bad")   # not even the key is looked at
    assert (response.status_code, response.json()["error"]["code"] in {"capability_required", "permission_denied"}) \
        == (403, True), response.content
    assert (parsed, ApiRepeat.objects.count()) == ([], 0)


def test_a_create_cannot_leave_its_right_out():
    with pytest.raises(TypeError):
        repeats.create_once(lambda request: None)   # type: ignore[call-arg]
    with pytest.raises(TypeError):
        repeats.create_once(before=lambda request: None)   # type: ignore[call-arg]


def test_a_zip_bomb_docx_is_refused_before_it_is_unpacked(monkeypatch):
    unpacked: list[str] = []
    monkeypatch.setattr(zipfile.ZipFile, "testzip", lambda self: unpacked.append("testzip"))
    data = _bomb_docx()
    assert len(data) < 100_000
    with pytest.raises(readers.ReviewInputError) as exc:
        readers.read_bytes(data, "通知.docx")
    packed = next(i.compress_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist()
                  if i.filename == "word/document.xml")
    assert (exc.value.code, exc.value.message) == ("too_large", (
        f"“通知.docx”内的 word/document.xml 解压后有 20.0 MB（压缩前仅 {packed / 2**20:.2f} MB），不像 Word 保存的文档，"
        "可能是恶意构造的压缩文件，已拒绝。请在 Word 中另存为 .docx 后重新上传。"))
    assert unpacked == []


def test_a_docx_part_or_the_whole_declaring_past_its_cap_is_refused(monkeypatch):
    data = _bomb_docx(3 * 2**20)
    size = next(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist()
                if i.filename == "word/document.xml")
    monkeypatch.setattr(readers, "MAX_DOCX_RATIO", 10_000)   # the ratio let through: the sizes are what is checked
    monkeypatch.setattr(readers, "MAX_DOCX_XML_BYTES", 2 * 2**20)
    with pytest.raises(readers.ReviewInputError) as exc:
        readers.read_bytes(data, "长文.docx")
    assert exc.value.message == (f"“长文.docx”内的 word/document.xml 解压后有 {size / 2**20:.1f} MB，超过 2 MB 的上限，"
                                 "请删除无关内容或拆分后上传。")
    monkeypatch.setattr(readers, "MAX_DOCX_XML_BYTES", 4 * 2**20)
    monkeypatch.setattr(readers, "MAX_DOCX_TOTAL_BYTES", 3 * 2**20)
    total = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    with pytest.raises(readers.ReviewInputError) as exc:
        readers.read_bytes(data, "长文.docx")
    assert exc.value.message == (f"“长文.docx”解压后共有 {total / 2**20:.1f} MB，超过 3 MB 的上限，"
                                 "请删除无关内容（如大图片）或拆分后上传。")


def test_an_ordinary_docx_is_still_read():
    import docx

    document = docx.Document()
    document.add_paragraph("关于做好低保核查工作的通知")
    out = io.BytesIO()
    document.save(out)
    assert [p.text for p in readers.read_bytes(out.getvalue(), "通知.docx").paragraphs] == ["关于做好低保核查工作的通知"]
