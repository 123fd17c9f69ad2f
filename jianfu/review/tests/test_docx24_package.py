"""docx24: the review's reader checks an uploaded .docx's package by the check it shares with the direct line
(`jianfu.core.docxpackage`), in its own words. A .rels bomb (three relationships parts python-docx reads, each under
2 MB, together past 4 MB) and a chain of 300 relationships parts (python-docx's nested walk; 990 of them ended in
RecursionError, a 500, before the review capped the entries and the walk) are refused through the API with nothing
stored."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.models import ApiRepeat
from jianfu.core.tests import hostile_files
from jianfu.review.engine import readers
from jianfu.review.engine.errors import ReviewInputError
from jianfu.review.models import Document, Review

REWRITE = "请在 Word 中另存为 .docx 后重新上传。"


def _rels_total(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return sum(i.file_size for i in zf.infolist() if i.filename.endswith(".rels"))


BOMB = hostile_files.docx_rels_bomb()
CHAIN = hostile_files.docx_rels_chain(300)
CASES = [
    (
        BOMB,
        "too_large",
        f"“通知.docx”内的关系部件（.rels）解压后共有 {_rels_total(BOMB) / 2**20:.1f} MB，超过 4 MB 的上限，"
        f"不像 Word 保存的文档，已拒绝。{REWRITE}",
    ),
    (
        CHAIN,
        "too_complex",
        f"“通知.docx”的关系部件（.rels）超过 200 个，不像 Word 保存的文档，已拒绝。{REWRITE}",
    ),
]


def test_the_figures_in_the_message() -> None:
    assert f"{_rels_total(BOMB) / 2**20:.1f}" == "4.3"


@pytest.mark.django_db
@pytest.mark.parametrize(("data", "code", "message"), CASES, ids=["rels_bomb", "rels_chain"])
def test_a_rels_bomb_gets_the_reviews_message_and_nothing_is_stored(
    world: Any, data: bytes, code: str, message: str
) -> None:
    with pytest.raises(ReviewInputError) as refused:
        readers.read_bytes(data, "通知.docx")
    assert (refused.value.code, refused.value.message) == (code, message)
    api = world.api_client("town_quzhang")
    response = api.post(
        "/api/v1/review/reviews/", {"file": SimpleUploadedFile("通知.docx", data)}, format="multipart"
    )
    error = response.json()["error"]
    assert (response.status_code, error["code"], error["message"]) == (400, code, message)
    assert (Document.objects.count(), Review.objects.count(), ApiRepeat.objects.count()) == (0, 0, 0)


def test_the_entries_are_capped_before_python_docx_walks_them() -> None:
    chain = hostile_files.docx_rels_chain(990)  # RecursionError in python-docx's walk, a 500, before
    with pytest.raises(ReviewInputError) as refused:
        readers.read_bytes(chain, "通知.docx")
    with zipfile.ZipFile(io.BytesIO(chain)) as zf:
        entries = len(zf.infolist())
    assert (refused.value.code, refused.value.message) == (
        "too_large",
        f"“通知.docx”包含 {entries} 个部件，超过 1000 个的上限，不像 Word 保存的文档，已拒绝。{REWRITE}",
    )
    assert entries == 1996
