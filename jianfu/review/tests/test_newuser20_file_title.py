"""newuser20 #7: a GBK .txt with no title line was stored as "未命名文件", although the form says the title defaults to
the file's. With no title typed and none found in the text, the file's name (without extension) is the title."""

from __future__ import annotations

import io

import pytest

from jianfu.core.formtokens import token_new
from jianfu.review.models import Document, Review

pytestmark = pytest.mark.django_db
BODY = "各村每周上报工作台账并附照片。县里每月排名通报。"


def _submit(world, name: str, **fields) -> Document:
    upload = io.BytesIO(BODY.encode("gbk"))
    upload.name = name
    response = world.client("dept_housing").post("/review/submit/",
                                                 {"file": upload, "form_token": token_new(), **fields})
    assert response.status_code == 302
    return Review.objects.get().version.document


def test_a_file_without_a_title_line_is_titled_by_its_name(world):
    document = _submit(world, "县农业农村局关于台账报送的通知.txt")
    assert document.title == "县农业农村局关于台账报送的通知"
    assert document.versions.get().text == BODY


def test_a_typed_title_still_wins(world):
    assert _submit(world, "草稿.txt", title="台账报送通知").title == "台账报送通知"
