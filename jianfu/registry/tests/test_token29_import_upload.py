"""fix-token29: the 台账导入 upload form carries the house's one-time form_token (ADR 0035). A second post of the same
form (a double tap, a retry after a timeout on a slow network, back then 上传) stored a second batch — and a second
copy of a file that holds clear ID numbers. Now it is answered with the first batch; a post without a well-formed token
is refused before anything is stored; the same token with another file is an expired form (ADR 0036)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.formtokens import FORM_EXPIRED_FILE as EXPIRED
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.registry.models import ImportBatch
from jianfu.registry.tests.test_imports import GOOD, xlsx

pytestmark = pytest.mark.django_db


def _batches() -> tuple[int, int]:
    return ImportBatch.objects.count(), AuditRecord.objects.filter(action="registry.import.upload").count()


def _post(client, content: bytes, **data):
    return client.post("/registry/imports/", {"file": SimpleUploadedFile("花名册.xlsx", content), **data})


def test_two_identical_uploads_store_one_batch(world):
    client = world.client("village_a")
    page = client.get("/registry/imports/").content.decode()
    assert page.count('<input type="hidden" name="form_token" value="') == 1
    content, token = xlsx(GOOD), token_new()
    first = _post(client, content, form_token=token)
    batch = ImportBatch.objects.get()
    assert (first.status_code, first["Location"]) == (302, f"/registry/imports/{batch.pk}/mapping/")
    second = _post(client, content, form_token=token)
    assert (second.status_code, second["Location"]) == (302, f"/registry/imports/{batch.pk}/mapping/")
    assert _batches() == (1, 1)
    assert "该表单已提交过，没有重复上传。" in client.get(second["Location"]).content.decode()


def test_an_upload_without_a_token_or_with_a_reused_one_stores_nothing(world):
    client = world.client("village_a")
    for token in ({}, {"form_token": "forged"}):
        response = _post(client, xlsx(GOOD), **token)
        assert response.status_code == 400 and EXPIRED in response.content.decode()
        assert _batches() == (0, 0)
    token = token_new()
    assert _post(client, xlsx(GOOD), form_token=token).status_code == 302
    # the same token with another file: not a repeat, an expired form
    other = _post(client, xlsx(GOOD[:2]), form_token=token)
    assert other.status_code == 400 and EXPIRED in other.content.decode()
    # the same token and file from another account of the village: an expired form too
    again = _post(world.client("admin"), xlsx(GOOD), form_token=token, org_code=ImportBatch.objects.get().org_code)
    assert again.status_code == 400 and EXPIRED in again.content.decode()
    assert _batches() == (1, 1)
