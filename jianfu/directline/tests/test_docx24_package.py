"""docx24: the direct line's attachment check was a hand copy of the review reader's .docx package check without its
caps on the relationships parts; both now make the one check (`jianfu.core.docxpackage`). A .rels bomb — three
relationships parts python-docx reads, each under 2 MB, together past 4 MB, a valid document python-docx parsed whole
and the direct line stored — is refused in the direct line's words, with no report and no file stored and nothing
decoded."""

from __future__ import annotations

import io
import os
import zipfile
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.errors import ApplicationError
from jianfu.core.formtokens import token_new
from jianfu.core.tests import hostile_files
from jianfu.directline import attachments
from jianfu.directline.attachments import clean_attachments
from jianfu.directline.models import Attachment, Report
from jianfu.directline.tests.factories import TOWN, county_key_with_handler

BOMB = hostile_files.docx_rels_bomb()


def _message() -> str:
    with zipfile.ZipFile(io.BytesIO(BOMB)) as zf:
        total = sum(i.file_size for i in zf.infolist() if i.filename.endswith(".rels"))
    return f"第 1 个附件：文档内的关系部件（.rels）解压后共有 {total / 2**20:.1f} MB，超过 4 MB 的上限，不像 Word 保存的文档。"


def _stored() -> tuple[int, int, list[str]]:
    media = []
    for root, _dirs, files in os.walk(settings.MEDIA_ROOT):
        media += [os.path.join(root, f) for f in files]
    return Report.objects.count(), Attachment.objects.count(), sorted(media)


def test_the_message_names_the_relationships_parts_together() -> None:
    assert (
        _message()
        == "第 1 个附件：文档内的关系部件（.rels）解压后共有 4.3 MB，超过 4 MB 的上限，不像 Word 保存的文档。"
    )
    with pytest.raises(ApplicationError) as refused:
        clean_attachments([BOMB])
    assert (refused.value.code, str(refused.value.message)) == ("attachment_too_large", _message())
    chain = hostile_files.docx_rels_chain(300)
    with pytest.raises(ApplicationError) as refused:
        clean_attachments([chain])
    assert (refused.value.code, str(refused.value.message)) == (
        "attachment_too_large",
        "第 1 个附件：文档的关系部件（.rels）超过 200 个，不像 Word 保存的文档。",
    )


@pytest.mark.django_db
def test_a_rels_bomb_through_the_form_is_refused_no_report_no_file(
    world: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    cleaned: list[int] = []

    def clean(data: bytes, index: int) -> bytes:  # pragma: no cover - must not be called
        cleaned.append(index)
        return data

    monkeypatch.setattr(attachments, "_clean_docx", clean)
    county_key_with_handler(world)
    before = _stored()
    response = world.client(None).post(
        "/directline/public/report/",
        {
            "form_token": token_new(),
            "place": TOWN,
            "category": "app",
            "text": "县里某局要求每个村每周上报三张台账照片，并在群里打卡排名。",
            "attachments": [SimpleUploadedFile("通知.docx", BOMB, "application/octet-stream")],
        },
    )
    assert response.status_code == 400
    assert _message() in response.content.decode()
    assert _stored() == before == (0, 0, before[2])
    assert cleaned == []
