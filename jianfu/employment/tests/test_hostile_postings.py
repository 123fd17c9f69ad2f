"""The web posting import (upload → worker) against hostile cells and files: the worker fails the batch
with one Chinese message naming the row and column, and no posting or employer is written."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.formtokens import token_new
from jianfu.core.tests import hostile_files
from jianfu.employment.models import Posting, PostingImport
from jianfu.employment.tests.test_postings import HEADER, good, xlsx
from jianfu.registry.models import Organisation

pytestmark = pytest.mark.django_db
URL = "/employment/postings/import/"


def _failed(world, capture, content: bytes, name: str = "jobs.xlsx") -> list[tuple]:
    before = (Posting.objects.count(), Organisation.objects.count())
    with capture(execute=True):
        world.client("county_office").post(URL, {"form_token": token_new(), "file": SimpleUploadedFile(name, content)})
    batch = PostingImport.objects.get()
    assert batch.status == "failed"
    assert (Posting.objects.count(), Organisation.objects.count()) == before
    return [(e["row"], e["column"], e["message"]) for e in batch.errors]


@pytest.mark.parametrize("headcount", ["Infinity", "sNaN", "1e999999999"])
def test_a_number_that_is_not_a_count_is_named_not_crashed_on(world, django_capture_on_commit_callbacks, headcount):
    # "Infinity" was an OverflowError and "sNaN" an InvalidOperation inside the worker (the batch failed
    # with a Python error), and "1e999999999" built a billion-digit integer before comparing it
    errors = _failed(world, django_capture_on_commit_callbacks,
                     xlsx([good(1), good(2, 招聘人数=headcount)]).getvalue())
    assert [(row, column) for row, column, _message in errors] == [(3, "招聘人数")]
    assert errors[0][2] == ("招聘人数：不能大于10000" if headcount.startswith("1e") else f"招聘人数：“{headcount}”不是数字")


def test_a_string_bomb_is_refused_before_it_is_read(world, django_capture_on_commit_callbacks):
    # refused in the upload form since badinput16 #8 (the worker failed the batch before): nothing queued
    before = (Posting.objects.count(), Organisation.objects.count())
    content = hostile_files.with_string_bomb(xlsx([good(1)]).getvalue(), unpacked_mb=20)
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client("county_office").post(URL, {"form_token": token_new(), "file": SimpleUploadedFile("jobs.xlsx", content)})
    assert response.status_code == 400 and not PostingImport.objects.exists()
    assert (Posting.objects.count(), Organisation.objects.count()) == before
    assert response.context["form"].errors["file"] == [
        "文件内的 xl/sharedStrings.xml 解压后有 20 MB（压缩前仅 0.0 MB），不像 Excel 保存的台账，"
        "可能是恶意构造的压缩文件，已拒绝导入。请在 Excel 中另存为 .xlsx 后重新上传"]


def test_header_only_file(world, django_capture_on_commit_callbacks):
    errors = _failed(world, django_capture_on_commit_callbacks, xlsx([]).getvalue())
    assert [message for _row, _column, message in errors] == ["文件中没有岗位数据"]


def test_gb18030_csv_with_a_character_outside_gbk_is_read(world, django_capture_on_commit_callbacks):
    text = "\n".join(",".join(str(c) for c in r) for r in [HEADER, good(1, 岗位描述="冻虾分拣，𠮷字也认得")]) + "\n"
    with django_capture_on_commit_callbacks(execute=True):
        world.client("county_office").post(URL, {"form_token": token_new(), "file": SimpleUploadedFile("jobs.csv", text.encode("gb18030"))})
    assert PostingImport.objects.get().status == "committed"
    assert Posting.objects.get().description == "冻虾分拣，𠮷字也认得"
