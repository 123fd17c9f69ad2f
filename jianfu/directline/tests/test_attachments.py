"""Attachments lose what names their author: EXIF/GPS, docx core and app properties, PDF metadata."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader, PdfWriter

from jianfu.core.errors import ApplicationError
from jianfu.core.formtokens import token_new
from jianfu.directline.attachments import MAX_ATTACHMENT_BYTES, clean_attachment, clean_attachments
from jianfu.directline.models import Attachment, Report
from jianfu.directline.tests.factories import county_key_with_handler, submitted


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x013B] = "张三"          # Artist
    exif[0x0110] = "Reporter-Phone"  # Model
    exif[0x8825] = {1: "N", 2: (21.0, 39.0, 0.0)}  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def _docx_with_author() -> bytes:
    document = docx.Document()
    document.add_paragraph("某局关于报送台账的通知")
    props = document.core_properties
    props.author, props.last_modified_by, props.title, props.comments = "张三", "曲木村李四", "内部", "备注"
    props.created = dt.datetime(2026, 5, 1, 9, 30, tzinfo=dt.UTC)
    out = io.BytesIO()
    document.save(out)
    # Add app.xml company and a tracked-change author the way Word writes them.
    src = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    rebuilt = io.BytesIO()
    with zipfile.ZipFile(rebuilt, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/app.xml":
                content = content.replace(b"</Properties>", "<Company>曲樟乡人民政府</Company></Properties>".encode())
            if info.filename == "word/document.xml":
                content = content.replace(b"<w:body>", '<w:body><w:p><w:ins w:id="1" w:author="王五" w:date="2026-05-01T00:00:00Z"><w:r><w:t>x</w:t></w:r></w:ins></w:p>'.encode())
            dst.writestr(info, content)
    return rebuilt.getvalue()


def _pdf_with_metadata() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": "张三", "/Creator": "曲木村电脑", "/Title": "内部"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_jpeg_exif_and_gps_removed():
    data = _jpeg_with_gps()
    assert b"Reporter-Phone" in data
    clean = clean_attachment(io.BytesIO(data))
    assert clean.content_type == "image/jpeg"
    assert b"Reporter-Phone" not in clean.content
    assert dict(Image.open(io.BytesIO(clean.content)).getexif()) == {}


def test_docx_author_company_and_revision_authors_removed():
    clean = clean_attachment(io.BytesIO(_docx_with_author()))
    assert clean.extension == "docx"
    document = docx.Document(io.BytesIO(clean.content))
    props = document.core_properties
    assert (props.author, props.last_modified_by, props.title, props.comments) == ("", "", "", "")
    assert props.created == dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    assert document.paragraphs[-1].text == "某局关于报送台账的通知"
    everything = b"".join(zipfile.ZipFile(io.BytesIO(clean.content)).read(n)
                          for n in zipfile.ZipFile(io.BytesIO(clean.content)).namelist())
    for name in ("张三", "李四", "王五", "曲樟乡人民政府"):
        assert name.encode() not in everything


def test_pdf_metadata_removed():
    clean = clean_attachment(io.BytesIO(_pdf_with_metadata()))
    assert clean.content_type == "application/pdf"
    reader = PdfReader(io.BytesIO(clean.content))
    assert len(reader.pages) == 1
    assert not reader.metadata or not any(reader.metadata.values())
    assert "张三".encode("utf-16-be") not in clean.content and b"Author" not in clean.content


@pytest.mark.parametrize(("content", "code"), [
    (b"", "attachment_empty"),
    (b"<script>alert(1)</script>", "attachment_invalid"),
    (b"%PDF-1.7 this is not really a pdf", "attachment_invalid"),
    (b"PK\x03\x04 not a zip", "attachment_invalid"),
    (b"MZ\x90\x00 an exe", "attachment_invalid"),
])
def test_bad_files_refused(content, code):
    with pytest.raises(ApplicationError) as err:
        clean_attachment(io.BytesIO(content))
    assert err.value.code == code
    assert err.value.message.startswith("第 1 个附件：")


def test_huge_file_refused_before_reading():
    class Huge:
        size = 200 * 2**20

        def read(self, n):  # pragma: no cover - must not be called
            raise AssertionError("read a 200 MB upload")

    with pytest.raises(ApplicationError) as err:
        clean_attachment(Huge())
    assert err.value.code == "attachment_too_large" and "10 MB" in err.value.message
    with pytest.raises(ApplicationError) as err:
        clean_attachment(io.BytesIO(b"%PDF-" + b"0" * MAX_ATTACHMENT_BYTES))
    assert err.value.code == "attachment_too_large"


def test_too_many_files():
    with pytest.raises(ApplicationError) as err:
        clean_attachments([io.BytesIO(b"x")] * 4)
    assert err.value.code == "too_many_attachments"


@pytest.mark.django_db
def test_a_bad_attachment_leaves_no_report(world):
    county_key_with_handler(world)
    good = SimpleUploadedFile("a.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    bad = SimpleUploadedFile("b.pdf", b"%PDF-broken", content_type="application/pdf")
    with pytest.raises(ApplicationError):
        submitted(attachments=[good, bad])
    assert (Report.objects.count(), Attachment.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_attachment_sealed_and_downloadable_by_an_unlocked_handler(world):
    from jianfu.directline.tests.factories import PASSPHRASE

    county_key_with_handler(world)
    report, _code = submitted(attachments=[SimpleUploadedFile("a.jpg", _jpeg_with_gps())])
    attachment = Attachment.objects.get()
    assert b"\xff\xd8" not in bytes(attachment.sealed_content)[:64]
    client = world.client("county_office")
    url = f"/directline/{report.pk}/attachments/{attachment.pk}/"
    assert client.get(url).status_code == 302  # locked: sent to the unlock page
    client.post("/directline/unlock/", {"passphrase": PASSPHRASE})
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(response.content)).size == (64, 48)


@pytest.mark.django_db
def test_uploads_never_touch_the_disk_and_csrf_still_holds(world, monkeypatch, settings):
    """A 7 MB upload (over Django's 5 MB in-memory limit) is not spooled to a temporary file."""
    from django.core.files import uploadedfile
    from django.test import Client

    county_key_with_handler(world)
    spooled = []
    original = uploadedfile.TemporaryUploadedFile.__init__

    def spy(self, *args, **kwargs):
        spooled.append(args)
        original(self, *args, **kwargs)

    monkeypatch.setattr(uploadedfile.TemporaryUploadedFile, "__init__", spy)
    big = io.BytesIO()
    Image.effect_noise((1800, 1800), 80).convert("RGB").save(big, format="PNG")
    assert 5 * 2**20 < len(big.getvalue()) < MAX_ATTACHMENT_BYTES
    data = {"form_token": token_new(), "place": "450521200000", "category": "app", "text": "某应用要求每天打卡两次并排名通报。",
            "attachments": SimpleUploadedFile("big.png", big.getvalue(), content_type="image/png")}
    response = world.client(None).post("/directline/public/report/", data)
    assert response.status_code == 302
    assert spooled == []
    assert Attachment.objects.count() == 1
    # Too big: refused with the Chinese message, nothing stored, still nothing on disk.
    data["form_token"] = token_new()   # another form (the same one would answer with the report it sent)
    data["attachments"] = SimpleUploadedFile("huge.pdf", b"%PDF-" + b"0" * (MAX_ATTACHMENT_BYTES + 10))
    response = world.client(None).post("/directline/public/report/", data)
    assert response.status_code == 400 and "单个附件不能超过 10 MB" in response.content.decode()
    assert spooled == [] and Report.objects.count() == 1
    # CSRF is still enforced on the public form.
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/directline/public/report/", {"form_token": token_new(), "place": "450521200000"}).status_code == 403
