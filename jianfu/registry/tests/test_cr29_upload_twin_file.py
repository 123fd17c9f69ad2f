"""fix-cr29 #4: two identical 台账导入 uploads at once — the second reaches `formtokens.create_once` after the first
stored the form key; its batch is refused by the unique key only at `batch.save()`, after its copy of the ledger (clear
ID numbers) was written, and that copy stayed on disk, referenced by nothing. It is deleted now (`undone_on_error`,
as a visit's photo): the stored files are the first batch's only."""

from __future__ import annotations

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core import formtokens
from jianfu.core.models import AuditRecord
from jianfu.registry import imports
from jianfu.registry.models import ImportBatch
from jianfu.registry.tests.test_imports import GOOD, xlsx

pytestmark = pytest.mark.django_db


def test_the_losing_twin_upload_leaves_no_file(world, settings):
    key, content = "k" * 64, xlsx(GOOD)

    def post() -> ImportBatch:
        return imports.import_batch_create(actor=world.users["village_a"],
                                           uploaded=SimpleUploadedFile("花名册.xlsx", content),
                                           org_code=world.village_a.code, form_key=key)

    first = post()
    twin, created = formtokens.create_once(ImportBatch.objects, key, post)
    assert (created, twin.pk, ImportBatch.objects.count()) == (False, first.pk, 1)
    assert AuditRecord.objects.filter(action="registry.import.upload").count() == 1
    stored = [os.path.join(folder, name) for folder, _dirs, names in os.walk(settings.MEDIA_ROOT) for name in names]
    assert stored == [first.file.path]
