"""dl-attach23: the direct line's attachments are all checked cheaply — count, size, type by magic bytes, an image's
header pixels (the report form's caps and words), a .docx's zip directory, a PDF's encryption and declared pages —
before any is decoded. A post whose last file was bad decoded the large photos before it (1.04 s CPU, +118 MB RSS for
an 8000×6000 JPEG and a 4000×3000 PNG) before refusing it, and an over-cap image was called "不是支持的文件类型"."""

from __future__ import annotations

import io
import os
import zipfile
from urllib.parse import quote

import docx
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile
from pypdf import PdfWriter

from jianfu.core.errors import ApplicationError
from jianfu.core.formtokens import token_new
from jianfu.directline import attachments
from jianfu.directline.attachments import clean_attachment, clean_attachments
from jianfu.directline.models import Attachment, Report
from jianfu.directline.tests.factories import TOWN, county_key_with_handler
from jianfu.dispatch import photos

PUBLIC = "/directline/public/report/"
TEXT = "县里某局要求每个村每周上报三张台账照片，并在群里打卡排名。"
UNSUPPORTED = "不是支持的文件类型（支持图片、Word 文档 .docx 和 PDF）。"


def _jpeg(size=(64, 48), progressive=False) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (120, 60, 30)).save(out, format="JPEG", progressive=progressive)
    return out.getvalue()


def _claiming(width: int, height: int, *, progressive: bool = False) -> bytes:
    """A small JPEG whose frame header (SOF0, or SOF2 when progressive) says width × height: what the header check
    reads; nothing of it is decoded."""
    data = bytearray(_jpeg((16, 16), progressive=progressive))
    sof = data.index(b"\xff\xc2" if progressive else b"\xff\xc0")
    data[sof + 5 : sof + 9] = height.to_bytes(2, "big") + width.to_bytes(2, "big")
    return bytes(data)


def _png(size=(64, 48), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, format="PNG")
    return out.getvalue()


def _pdf(pages: int = 1, *, encrypt: bool = False) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    if encrypt:
        writer.encrypt("口令")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("某局关于报送台账的通知")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _zip(parts: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


@pytest.fixture
def decoded(monkeypatch) -> list[str]:
    """Every decoding the server went on to do: Pillow's pixel decode, the photo, .docx and PDF cleaners."""
    calls: list[str] = []

    def spy(owner, name):
        original = getattr(owner, name)

        def recorded(*args, **kwargs):
            calls.append(name)
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, recorded)

    spy(ImageFile.ImageFile, "load")
    spy(photos, "_clean")
    spy(attachments, "_clean_pdf")
    spy(attachments, "_clean_docx")
    return calls


def _refusal(uploads) -> tuple[str, str]:
    with pytest.raises(ApplicationError) as refused:
        clean_attachments(uploads)
    return refused.value.code, str(refused.value.message)


# ------------------------------------------------------------------------------------ images: the report form's caps


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            _png((4097, 3072), mode="1"),
            "第 3 个附件：图片像素过多（4097×3072，最多 4096×3072），请缩小后再上传。",
        ),
        (
            _png((6320, 6320), mode="1"),
            "第 3 个附件：图片像素过多（6320×6320，最多 4096×3072），请缩小后再上传。",
        ),
        (_claiming(8193, 6144), "第 3 个附件：图片像素过多（8193×6144，最多 8192×6144），请缩小后再上传。"),
        (
            _claiming(4097, 3072, progressive=True),
            "第 3 个附件：图片像素过多（4097×3072，渐进式 JPEG 最多 4096×3072），请缩小后再上传。",
        ),
    ],
)
def test_an_over_cap_image_says_why_and_nothing_before_it_is_decoded(decoded, data, message):
    assert _refusal([_claiming(8000, 6000), _png((4000, 3000), mode="1"), data]) == (
        "attachment_too_large",
        message,
    )
    assert decoded == []


def test_the_caps_are_the_report_forms():
    assert (photos.MAX_PIXELS_JPEG, photos.MAX_PIXELS_OTHER) == (8192 * 6144, 4096 * 3072)
    # the same words on the report form's photos, from the same code
    with pytest.raises(ApplicationError) as refused:
        photos.clean_photos([_png(), _png((4097, 3072), mode="1")])
    assert (refused.value.code, str(refused.value.message)) == (
        "photo_too_large",
        "第 2 张照片像素过多（4097×3072，最多 4096×3072），请缩小后再上传。",
    )


def test_an_image_at_the_cap_is_taken():
    # an opaque PNG is stored as a JPEG, divided once by the smallest whole factor within 2560 px (fix-sec23a)
    clean = clean_attachment(_png((4096, 3072), mode="1"))
    assert (clean.content_type, clean.extension) == ("image/jpeg", "jpg")
    assert Image.open(io.BytesIO(clean.content)).size == (2048, 1536)


# -------------------------------------------------------------------------- the last file bad: none before it decoded


@pytest.mark.parametrize(
    ("bad", "code", "message"),
    [
        (b"MZ\x90\x00 an exe", "attachment_invalid", f"第 3 个附件：{UNSUPPORTED}"),
        (b"", "attachment_empty", "第 3 个附件：是空文件。"),
        (b"%PDF-1.7 broken", "attachment_invalid", "第 3 个附件：PDF 文件已损坏，无法读取。"),
        (b"PK\x03\x04 not a zip", "attachment_invalid", "第 3 个附件：不是有效的 Word 文档（.docx）。"),
        (_jpeg()[:20], "attachment_invalid", f"第 3 个附件：{UNSUPPORTED}"),  # a cut header
    ],
)
@pytest.mark.parametrize("first", ["images", "documents"])
def test_a_bad_last_file_is_refused_before_any_file_is_decoded(decoded, bad, code, message, first):
    good = [_claiming(8000, 6000), _png((4000, 3000), mode="1")] if first == "images" else [_docx(), _pdf(20)]
    assert _refusal([*good, bad]) == (code, message)
    assert decoded == []


def test_all_good_then_each_is_cleaned_once_in_order(decoded):
    cleaned = clean_attachments([_jpeg(), _docx(), _pdf()])
    assert [c.extension for c in cleaned] == ["jpg", "docx", "pdf"]
    assert [name for name in decoded if name != "load"] == ["_clean", "_clean_docx", "_clean_pdf"]


@pytest.mark.parametrize("index", [1, 2])
def test_an_image_damaged_after_its_header_says_so(decoded, index):
    png = _png((400, 300))
    jpeg = _jpeg((400, 300))
    # a PNG whose chunks fail their checksums: found by the header check (verify), nothing decoded
    broken_png = png[:60] + bytes(b ^ 0xFF for b in png[60:70]) + png[70:]
    # a JPEG cut short: its header whole, found when its pixels are decoded
    cut_jpeg = jpeg[: len(jpeg) // 2]
    damaged = f"第 {index} 个附件：图片已损坏，无法读取。"
    assert _refusal([_jpeg(), broken_png][-index:]) == ("attachment_invalid", damaged)
    assert decoded == []
    assert _refusal([_jpeg(), cut_jpeg][-index:]) == ("attachment_invalid", damaged)


# ---------------------------------------------------------------------------------------- .docx: its zip directory


def _docx_refusal(data: bytes) -> tuple[str, str]:
    return _refusal([_docx(), data])


def test_a_docx_with_too_large_a_directory_is_refused_before_zipfile_reads_it(monkeypatch):
    """6,000 empty parts: zipfile would read every entry of the directory before one could be counted."""
    data = _zip(
        {"word/document.xml": b"<w:document/>", **{f"p{k:05}": b"" for k in range(6000)}},
        compression=zipfile.ZIP_STORED,
    )

    def never(*args, **kwargs):  # pragma: no cover - must not be called
        raise AssertionError("zipfile read the directory")

    monkeypatch.setattr(zipfile.ZipFile, "__init__", never)
    with pytest.raises(ApplicationError) as refused:
        clean_attachment(data, 2)
    assert (refused.value.code, str(refused.value.message)) == (
        "attachment_too_large",
        "第 2 个附件：文档包含的部件过多（目录 305 KB，最多 256 KB），不像 Word 保存的文档。",
    )


def test_the_docx_directory_caps():
    assert (attachments.MAX_DOCX_PARTS, attachments.MAX_DOCX_DIRECTORY_BYTES) == (1000, 256 * 1024)
    many = _zip({"word/document.xml": b"<w:document/>", **{f"p{k:05}": b"" for k in range(1000)}})
    assert _docx_refusal(many) == (
        "attachment_too_large",
        "第 2 个附件：文档包含 1001 个部件，最多 1000 个，不像 Word 保存的文档。",
    )
    names = {"word/document.xml": b"<w:document/>", **{"x" * 300 + f"{k:05}": b"" for k in range(900)}}
    assert _docx_refusal(_zip(names)) == (
        "attachment_too_large",
        "第 2 个附件：文档包含的部件过多（目录 309 KB，最多 256 KB），不像 Word 保存的文档。",
    )


def test_a_docx_bomb_is_refused_by_its_declared_sizes(decoded):
    bomb = _zip({"word/document.xml": b"<w:document/>", "word/media/a.bin": b"\0" * (30 * 2**20)})
    assert _docx_refusal(bomb) == (
        "attachment_too_large",
        "第 2 个附件：文档解压后有 30.0 MB（压缩前仅 0.03 MB），不像 Word 保存的文档。",
    )
    xml = _zip({"word/document.xml": b"<w:document>" + b"<w:p/>" * (2 * 2**20) + b"</w:document>"})
    assert _docx_refusal(xml) == (
        "attachment_too_large",
        "第 2 个附件：文档内的 word/document.xml 解压后有 12.0 MB，超过 8 MB 的上限。",
    )
    assert decoded == []


def test_a_docx_past_the_total_is_refused(monkeypatch):
    monkeypatch.setattr(attachments, "MAX_DOCX_UNCOMPRESSED", 2**20)
    stored = _zip(
        {"word/document.xml": b"<w:document/>", "word/media/a.png": os.urandom(2**20)},
        compression=zipfile.ZIP_STORED,
    )
    assert _docx_refusal(stored) == (
        "attachment_too_large",
        "第 2 个附件：文档解压后有 1.0 MB，超过 1 MB 的上限。",
    )


def test_an_encrypted_or_bodiless_docx_is_refused_as_invalid():
    encrypted = bytearray(_docx())
    # the general-purpose flag's bit 0 (encrypted) in every central directory entry
    at = 0
    while (at := encrypted.find(b"PK\x01\x02", at)) >= 0:
        encrypted[at + 8] |= 0x1
        at += 4
    invalid = ("attachment_invalid", "第 2 个附件：不是有效的 Word 文档（.docx）。")
    assert _docx_refusal(bytes(encrypted)) == invalid
    assert _docx_refusal(_zip({"word/other.xml": b"<x/>"})) == invalid


# ------------------------------------------------------------------------------------------------- PDF: the header


def test_a_pdf_declaring_too_many_pages_is_refused_before_a_page_is_read(decoded):
    assert attachments.MAX_PDF_PAGES == 300
    assert _refusal([_pdf(1), _pdf(301)]) == (
        "attachment_too_large",
        "第 2 个附件：PDF 有 301 页，最多 300 页，请删减或拆分后再上传。",
    )
    assert decoded == []
    assert _refusal([_pdf(1), _pdf(1, encrypt=True)]) == (
        "attachment_encrypted",
        "第 2 个附件：PDF 已加密，请去掉密码后再上传。",
    )
    assert decoded == []
    assert [c.extension for c in clean_attachments([_pdf(300)])] == ["pdf"]


def test_a_pdf_whose_tree_holds_more_pages_than_it_declares_is_refused_before_it_is_copied(monkeypatch):
    data = _pdf(302).replace(b"/Count 302", b"/Count 3  ")
    copied = []
    monkeypatch.setattr(PdfWriter, "add_page", lambda self, page: copied.append(page))
    with pytest.raises(ApplicationError) as refused:
        clean_attachment(data, 1)
    assert (refused.value.code, str(refused.value.message)) == (
        "attachment_too_large",
        "第 1 个附件：PDF 有 302 页，最多 300 页，请删减或拆分后再上传。",
    )
    assert copied == []


# --------------------------------------------------------------------------- through the real form, with its token


def _stored() -> tuple[int, int, list[str]]:
    media = []
    for root, _dirs, files in os.walk(settings.MEDIA_ROOT):
        media += [os.path.join(root, f) for f in files]
    return Report.objects.count(), Attachment.objects.count(), sorted(media)


def _post(client, files, **extra):
    data = {
        "form_token": token_new(),
        "place": TOWN,
        "category": "app",
        "text": TEXT,
        "attachments": files,
        **extra,
    }
    return client.post(PUBLIC, data)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("last", "message"),
    [
        (
            SimpleUploadedFile("大图.png", _png((4097, 3072), mode="1"), "image/png"),
            "第 3 个附件：图片像素过多（4097×3072，最多 4096×3072），请缩小后再上传。",
        ),
        (SimpleUploadedFile("空.docx", b"", "application/octet-stream"), "第 3 个附件：是空文件。"),
        (
            SimpleUploadedFile("照片.jpg", b"%PDF-1.7 broken", "image/jpeg"),
            "第 3 个附件：PDF 文件已损坏，无法读取。",
        ),
    ],
)
def test_the_form_refuses_a_bad_last_file_and_stores_nothing(world, decoded, last, message):
    county_key_with_handler(world)
    before = _stored()
    first = [
        SimpleUploadedFile("村里.jpg", _claiming(8000, 6000), "image/jpeg"),
        SimpleUploadedFile("台账.png", _png((4000, 3000), mode="1"), "image/png"),
    ]
    response = _post(world.client(None), [*first, last])
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _stored() == before == (0, 0, before[2])
    assert decoded == []


@pytest.mark.django_db
def test_a_jpg_named_pdf_is_kept_as_the_pdf_it_is(world):
    county_key_with_handler(world)
    response = _post(world.client(None), [SimpleUploadedFile("现场照片.jpg", _pdf(2), "image/jpeg")])
    assert response.status_code == 302
    assert list(Attachment.objects.values_list("content_type", "extension")) == [("application/pdf", "pdf")]


def _multipart(boundary: str, disposition: bytes, content: bytes) -> bytes:
    fields = {"form_token": token_new(), "place": TOWN, "category": "app", "text": TEXT}
    body = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    )
    return (
        body
        + f"--{boundary}\r\nContent-Disposition: ".encode()
        + disposition
        + b"\r\nContent-Type: image/jpeg\r\n\r\n"
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )


NAME = "减负材料（曲木村）.jpg"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "disposition",
    [
        # what a browser sends from the UTF-8 page
        f'form-data; name="attachments"; filename="{NAME}"'.encode(),
        # a GBK name labelled as such (RFC 2231/5987)
        b"form-data; name=\"attachments\"; filename*=GBK''" + quote(NAME.encode("gbk")).encode(),
    ],
)
def test_a_chinese_file_name_is_taken_and_never_kept(world, disposition):
    county_key_with_handler(world)
    boundary = "----jianfu-dl-attach23"
    response = world.client(None).generic(
        "POST",
        PUBLIC,
        _multipart(boundary, disposition, _jpeg()),
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.content_type, attachment.extension) == ("image/jpeg", "jpg")
    row = repr(list(Attachment.objects.values()))
    assert "减负材料" not in row and "曲木村" not in row


RAW_GBK_REFUSAL = "第 %d 个附件的文件名无法识别（编码不是 UTF-8），请改用中文或英文文件名后重试。"


@pytest.mark.django_db
def test_a_raw_gbk_file_name_is_not_dropped_silently(world):
    # Django skips a part header that is not UTF-8, so the file reached no handler and the report went without it
    # (mend23b: the part headers are watched as Django reads the body; the form is refused, nothing stored)
    county_key_with_handler(world)
    boundary = "----jianfu-dl-attach23"
    disposition = b'form-data; name="attachments"; filename="' + NAME.encode("gbk") + b'"'
    response = world.client(None).generic(
        "POST",
        PUBLIC,
        _multipart(boundary, disposition, _jpeg()),
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert response.status_code == 400
    assert RAW_GBK_REFUSAL % 1 in response.content.decode()
    assert (Report.objects.count(), Attachment.objects.count()) == (0, 0)


def _two_files(boundary: str, second: bytes) -> bytes:
    """The form with a UTF-8 named JPEG, then a part whose Content-Disposition is `second`."""
    first = _multipart(boundary, f'form-data; name="attachments"; filename="{NAME}"'.encode(), _jpeg())
    return (
        first[: -len(f"--{boundary}--\r\n")]
        + f"--{boundary}\r\nContent-Disposition: ".encode()
        + second
        + b"\r\nContent-Type: image/jpeg\r\n\r\n"
        + _jpeg()
        + f"\r\n--{boundary}--\r\n".encode()
    )


@pytest.mark.django_db
def test_the_second_attachment_with_a_raw_gbk_name_is_named_in_the_refusal(world):
    county_key_with_handler(world)
    boundary = "----jianfu-dl-attach23"
    body = _two_files(boundary, b'form-data; name="attachments"; filename="' + NAME.encode("gbk") + b'"')
    response = world.client(None).generic(
        "POST", PUBLIC, body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 400
    assert RAW_GBK_REFUSAL % 2 in response.content.decode()
    assert (Report.objects.count(), Attachment.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_a_raw_gbk_file_name_through_the_api_is_refused_nothing_stored(world):
    county_key_with_handler(world)
    boundary = "----jianfu-dl-attach23"
    body = _two_files(boundary, b'form-data; name="attachments"; filename="' + NAME.encode("gbk") + b'"')
    response = world.client(None).generic(
        "POST", "/api/v1/directline/public/reports/", body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 400, response.content
    refusal = RAW_GBK_REFUSAL % 2
    assert response.json() == {
        "error": {"code": "file_name_unreadable", "message": refusal, "fields": {"attachments": [refusal]}}
    }
    assert (Report.objects.count(), Attachment.objects.count()) == (0, 0)


def test_the_part_header_scan_finds_headers_split_across_any_chunk_size():
    from jianfu.core.uploads import _PartHeaderScan

    boundary = "----jianfu-dl-attach23"
    body = _two_files(boundary, b'form-data; name="attachments"; filename="' + NAME.encode("gbk") + b'"')
    for size in (1, 7, 64, 1000, len(body)):
        scan = _PartHeaderScan(io.BytesIO(body), boundary.encode())
        while scan.read(size):
            pass
        assert scan.file_parts == [(b"attachments", True), (b"attachments", False)], size


@pytest.mark.django_db
def test_attachments_are_decoded_before_anything_is_written_or_locked(world, monkeypatch):
    """Phase 2 runs before the report's transaction writes (the SQLite write lock) or locks the key or report row."""
    from jianfu.directline import services
    from jianfu.directline.models import Message
    from jianfu.directline.tests.factories import submitted
    from jianfu.directline.workflow import Status

    county_key_with_handler(world)
    seen: list[tuple[int, int]] = []
    clean = attachments._clean

    def recorded(upload, index, kind):
        seen.append((Report.objects.count(), Message.objects.count()))
        return clean(upload, index, kind)

    monkeypatch.setattr(attachments, "_clean", recorded)
    report, _code = submitted(attachments=[_jpeg(), _pdf()])
    assert seen == [(0, 0), (0, 0)]
    Report.objects.filter(pk=report.pk).update(status=Status.AWAITING_REPORTER)
    services.reporter_answer(report=report, text="补充：通知是语音。", attachments=[_docx()])
    assert seen[2:] == [(1, 0)]
    assert Attachment.objects.filter(message__isnull=False).count() == 1
