"""fixcr33b L6: the mapping page prefills 来源表名称 with the file's name; a second "花名册.xlsx" saved under it overwrote
the first one's saved mapping silently. A clash with other columns is refused until renamed or confirmed."""

from __future__ import annotations

import pytest

from jianfu.registry.models import ImportMapping
from jianfu.registry.tests.test_rmend32_registry import _upload

pytestmark = pytest.mark.django_db


def _saved(batch) -> ImportMapping:
    return ImportMapping.objects.create(org_code=batch.org_code, name="花名册", columns={"姓名": "name"},
                                        header_row=1, constants={})


def test_a_name_clash_is_refused_with_the_overwrite_offered_and_nothing_changes(world):
    client = world.client("village_b")
    batch = _upload(client, "花名册.xlsx")
    first = _saved(batch)
    response = client.post(f"/registry/imports/{batch.pk}/mapping/", {"name": "花名册", "col_0": "name", "col_1": "gender"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "已有名为“花名册”的来源表，其列对应与本次不同：请换一个名称，或勾选“覆盖同名来源表”后再保存。" in page
    assert '<input type="checkbox" name="overwrite" value="1"> 覆盖同名来源表' in page
    batch.refresh_from_db()
    assert (batch.mapping_id, batch.status) == (None, "uploaded")
    assert list(ImportMapping.objects.values_list("pk", "name", "columns")) == [(first.pk, "花名册", {"姓名": "name"})]


def test_confirmed_the_mapping_of_that_name_is_replaced(world):
    client = world.client("village_b")
    batch = _upload(client, "花名册.xlsx")
    first = _saved(batch)
    response = client.post(f"/registry/imports/{batch.pk}/mapping/",
                           {"name": "花名册", "col_0": "name", "col_1": "gender", "overwrite": "1"})
    assert response.status_code == 302
    assert list(ImportMapping.objects.values_list("pk", "columns")) == [(first.pk, {"姓名": "name", "性别": "gender"})]


def test_another_name_saves_a_second_mapping_beside_the_first(world):
    client = world.client("village_b")
    batch = _upload(client, "花名册.xlsx")
    _saved(batch)
    response = client.post(f"/registry/imports/{batch.pk}/mapping/",
                           {"name": "花名册（二）", "col_0": "name", "col_1": "gender"})
    assert response.status_code == 302
    assert sorted(ImportMapping.objects.values_list("name", flat=True)) == ["花名册", "花名册（二）"]
