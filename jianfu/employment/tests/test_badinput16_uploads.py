"""badinput16 #8: the employment imports (postings and seekers, web and API) refuse at upload what the worker could
never import — a file over the cap, a .docx renamed .xlsx, a zip bomb, an empty file — with the reason on the form or
in the 400, as the other upload forms do: no batch, no stored file, nothing queued."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.core.tests import hostile_files
from jianfu.core.xlsxguard import NOT_XLSX, xlsx_refusal
from jianfu.employment.models import PostingImport, SeekerImportBatch
from jianfu.employment.tests.test_postings import good, xlsx

pytestmark = pytest.mark.django_db

# (web url, API url, account, model)
POSTINGS = (
    "/employment/postings/import/",
    "/api/v1/employment/postings/import/",
    "county_office",
    PostingImport,
)
SEEKERS = ("/employment/people/import/", "/api/v1/employment/people/import/", "village_a", SeekerImportBatch)
TOO_LARGE = "文件大小为 30.0 MB，超过 20 MB 的上限，请拆分后分批导入。"   # its size named (mend35 #6)
EMPTY = "文件为空（0 字节），请检查后重新上传。"


def padded_xlsx(mb: int) -> bytes:
    """A valid workbook carrying `mb` MB of stored (uncompressed) padding, as the attacker's 30 MB file did."""
    out = io.BytesIO(xlsx([good(1)]).getvalue())
    with zipfile.ZipFile(out, "a", zipfile.ZIP_STORED) as zf:
        zf.writestr("xl/media/pad.bin", b"\0" * (mb * 2**20))
    return out.getvalue()


def docx_renamed() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        zf.writestr(
            "word/document.xml",
            "<w:document><w:body><w:p><w:r><w:t>通知</w:t></w:r></w:p></w:body></w:document>",
        )
    return out.getvalue()


def zip_bomb() -> bytes:
    return hostile_files.with_sheet_bomb(xlsx([good(1)]).getvalue(), unpacked_mb=40)


def directory_bomb() -> bytes:
    """xlsx24: 108,000 empty entries after a real workbook's parts, 10.2 MB (under the 20 MB cap)."""
    return hostile_files.with_empty_entries(xlsx([good(1)]).getvalue(), 108_000)


DIRECTORY_BOMB = (
    "文件的压缩目录有 5,802 KB，超过 1,024 KB 的上限（Excel 保存的表格只有几 KB），不像 Excel 保存的表格，"
    "可能是恶意构造的文件，已拒绝导入。请在 Excel 中另存为 .xlsx 后重新上传"
)


def nothing_stored(model, media) -> bool:
    return (
        not model.objects.exists()
        and not AuditRecord.objects.filter(action__endswith="import_request").exists()
        and not any(p.is_file() for p in media.rglob("*"))
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


CASES = [
    ("big", lambda: padded_xlsx(30), TOO_LARGE),
    ("docx", docx_renamed, NOT_XLSX),
    ("bomb", zip_bomb, None),
    ("directory", directory_bomb, DIRECTORY_BOMB),
]


@pytest.mark.parametrize("kind", [POSTINGS, SEEKERS], ids=["postings", "seekers"])
@pytest.mark.parametrize(("case", "content", "reason"), CASES, ids=[c[0] for c in CASES])
def test_the_web_upload_refuses_the_file_in_the_form_and_queues_nothing(
    world, media, django_capture_on_commit_callbacks, kind, case, content, reason
):
    url, _api, user, model = kind
    data = content()
    reason = reason or xlsx_refusal(data)
    if case == "bomb":
        assert reason.startswith("文件内的 xl/worksheets/sheet1.xml 解压后有 40 MB") and "恶意构造" in reason
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = world.client(user).post(url, {"form_token": token_new(), "file": SimpleUploadedFile("jobs.xlsx", data)})
    assert response.status_code == 400 and response.context["form"].errors["file"] == [reason]
    assert callbacks == [] and nothing_stored(model, media)


@pytest.mark.parametrize("kind", [POSTINGS, SEEKERS], ids=["postings", "seekers"])
@pytest.mark.parametrize(
    ("case", "content", "reason"),
    [*CASES, ("empty", lambda: b"", EMPTY)],
    ids=[*(c[0] for c in CASES), "empty"],
)
def test_the_api_refuses_the_file_with_400_and_queues_nothing(
    world, media, django_capture_on_commit_callbacks, kind, case, content, reason
):
    _url, api, user, model = kind
    data = content()
    reason = reason or xlsx_refusal(data)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = world.api_client(user).post(
            api, {"file": SimpleUploadedFile("jobs.xlsx", data)}, format="multipart"
        )
    assert response.status_code == 400, response.content
    assert response.json()["error"]["fields"] == {"file": [reason]}
    assert callbacks == [] and nothing_stored(model, media)


def test_a_file_under_the_cap_is_still_queued_and_imported(world, media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client("county_office").post(
            POSTINGS[0], {"form_token": token_new(), "file": SimpleUploadedFile("jobs.xlsx", padded_xlsx(19))}
        )
    batch = PostingImport.objects.get()
    assert response.status_code == 302 and (batch.status, batch.created_count) == ("committed", 1)


@pytest.mark.parametrize("kind", [POSTINGS, SEEKERS], ids=["postings", "seekers"])
@pytest.mark.parametrize("case", ["good", "docx"])
def test_the_api_checks_the_upload_once_outside_its_create_transaction(
    world, media, monkeypatch, django_capture_on_commit_callbacks, kind, case
):
    """cr18 #5: the xlsx check ran inside `api_once`'s create transaction, holding SQLite's write lock (~1.5 s for
    20 MB). Now it runs at the caller's atomic depth (`create_once`'s `before`), once; a refused upload writes
    nothing, not even the repeat claim."""
    from django.db import connection

    from jianfu.core.models import ApiRepeat
    from jianfu.employment import uploads

    _url, api, user, model = kind
    depths: list[int] = []
    real = uploads.require_readable

    def spied(*args, **kwargs):
        depths.append(len(connection.atomic_blocks))
        return real(*args, **kwargs)

    monkeypatch.setattr(uploads, "require_readable", spied)
    base = len(connection.atomic_blocks)
    data = xlsx([good(1)]).getvalue() if case == "good" else docx_renamed()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = world.api_client(user).post(api, {"file": SimpleUploadedFile("jobs.xlsx", data)}, format="multipart")
    assert depths == [base]
    if case == "docx":
        assert (response.status_code, response.json()["error"]["fields"]) == (400, {"file": [NOT_XLSX]})
        assert callbacks == [] and nothing_stored(model, media) and ApiRepeat.objects.count() == 0
    else:
        assert response.status_code == 202, response.content
        assert (model.objects.count(), ApiRepeat.objects.filter(status=202).count()) == (1, 1)
