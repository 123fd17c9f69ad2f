"""fix-token29: the 导入职责清单 upload form carries the house's one-time form_token (ADR 0035). A second post of the
same form (a double tap, a retry after a timeout, back then 导入) made a second draft version with every matter again.
Now it is answered with the first draft; a post without a well-formed token is refused before the file is read; the
same token with another file is an expired form (ADR 0036)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.formtokens import FORM_EXPIRED_FILE as EXPIRED
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.core.tests import hostile_files
from jianfu.dispatch import catalogue as cat
from jianfu.dispatch.models import CatalogueVersion, Matter

pytestmark = pytest.mark.django_db

HEADER = [label for _key, label in cat.XLSX_COLUMNS]
ROW = ["OK-1", "正常事项", "测试", "", "", "", "林业局", "", "配合", 5, 24, ""]


def _state() -> tuple[int, int, int]:
    return (CatalogueVersion.objects.count(), Matter.objects.count(),
            AuditRecord.objects.filter(action="dispatch.catalogue.import").count())


def _post(client, content: bytes, **data):
    return client.post("/dispatch/catalogue/import/", {"file": SimpleUploadedFile("清单.xlsx", content),
                                                       "name": "2026 年清单", **data})


def test_two_identical_imports_make_one_draft(world):
    client = world.client("county_office")
    page = client.get("/dispatch/catalogue/import/").content.decode()
    assert page.count('<input type="hidden" name="form_token" value="') == 1
    before = _state()
    content, token = hostile_files.xlsx([HEADER, ROW]), token_new()
    first = _post(client, content, form_token=token)
    draft = CatalogueVersion.objects.order_by("-pk").first()
    second = _post(client, content, form_token=token)
    assert first["Location"] == second["Location"] == f"/dispatch/catalogue/{draft.pk}/"
    assert _state() == (before[0] + 1, before[1] + 1, before[2] + 1)
    assert f"该表单已提交过，没有重复导入（草稿版本 v{draft.number}）。" in client.get(
        second["Location"]).content.decode()


def test_an_import_without_a_token_or_with_a_reused_one_writes_nothing(world):
    client = world.client("county_office")
    before = _state()
    for token in ({}, {"form_token": "forged"}):
        response = _post(client, hostile_files.xlsx([HEADER, ROW]), **token)
        assert response.status_code == 400 and EXPIRED in response.content.decode()
        assert 'name="name" maxlength="200" value="2026 年清单"' in response.content.decode()   # the name comes back
        assert "您填写的内容仍保留在页面上" not in response.content.decode()
        assert _state() == before
    token = token_new()
    assert _post(client, hostile_files.xlsx([HEADER, ROW]), form_token=token).status_code == 302
    after = _state()
    other = _post(client, hostile_files.xlsx([HEADER, ROW, ["OK-2", *ROW[1:]]]), form_token=token)
    assert other.status_code == 400 and EXPIRED in other.content.decode()
    assert _state() == after
