"""What people expect of a ledger import (issue 11.14): a value set for every row, the first of two
duplicate rows kept, the page following the commit, the target unit from the tree, a saved mapping
reused without the mapping page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.errors import ApplicationError
from jianfu.core.formtokens import token_new
from jianfu.registry import imports
from jianfu.registry.models import ImportBatch, ImportMapping, Person
from jianfu.registry.tests.test_imports import GOOD, ID1, ID2, ID3, xlsx

ELDERS = [["张三", ID1, "男", "1990-01-02"], ["李四", ID2, "女", "1985/7/9"], ["王五", ID3, "男", "1950-03-04"]]
ELDER_HEADER = ["姓名", "身份证号码", "性别", "出生日期"]
ELDER_COLUMNS = {"姓名": "name", "身份证号码": "id_number", "性别": "gender", "出生日期": "birth_date"}


def upload(client, content, **data):
    return client.post("/registry/imports/", {"file": SimpleUploadedFile("留守老人花名册.xlsx", content),
                                              "form_token": token_new(), **data})


@pytest.mark.django_db
def test_a_value_set_for_every_row_marks_each_person(world):
    client = world.client("village_a")
    assert upload(client, xlsx(ELDERS, header=ELDER_HEADER)).status_code == 302
    batch = ImportBatch.objects.get()
    response = client.post(f"/registry/imports/{batch.pk}/mapping/", {
        "name": "留守老人花名册", "col_0": "name", "col_1": "id_number", "col_2": "gender", "col_3": "birth_date",
        "const_field_0": "is_left_behind_elder", "const_value_0": "是"})
    assert response.status_code == 302
    batch.refresh_from_db()
    assert (batch.status, batch.valid_rows) == ("staged", 3)
    assert ImportMapping.objects.get().constants == {"is_left_behind_elder": "是"}
    imports.import_batch_commit(actor=world.users["village_a"], batch=batch, mode="all")
    assert sorted(Person.objects.filter(is_left_behind_elder=True).values_list("name", flat=True)) == [
        "张三", "李四", "王五"]


@pytest.mark.django_db
def test_an_invalid_value_for_every_row_is_refused_with_its_reason(world):
    with pytest.raises(ApplicationError) as caught:
        imports.import_mapping_save(actor=world.users["village_a"], org_code="450521200206", name="花名册",
                                    columns=ELDER_COLUMNS, constants={"is_left_behind_elder": "大概"})
    assert caught.value.message == "为每行设定的“留守老人”值“大概”无效：“大概”不是“是/否”"
    with pytest.raises(ApplicationError, match="已由文件中的一列提供"):
        imports.import_mapping_save(actor=world.users["village_a"], org_code="450521200206", name="花名册",
                                    columns=ELDER_COLUMNS, constants={"gender": "男"})
    assert ImportMapping.objects.count() == 0


@pytest.mark.django_db
def test_a_saved_mapping_that_fits_skips_the_mapping_page(world):
    imports.import_mapping_save(actor=world.users["village_a"], org_code="450521200206", name="留守老人花名册",
                                columns=ELDER_COLUMNS, constants={"is_left_behind_elder": "是"})
    mapping = ImportMapping.objects.get()
    client = world.client("village_a")
    response = upload(client, xlsx(ELDERS, header=ELDER_HEADER), mapping=mapping.pk)
    batch = ImportBatch.objects.get()
    assert response["Location"] == f"/registry/imports/{batch.pk}/"      # straight to the result
    batch.refresh_from_db()
    assert (batch.status, batch.valid_rows) == ("staged", 3)              # validated with the saved mapping
    other = upload(client, xlsx([["张三", "男"]], header=["姓名", "性别"]), mapping=mapping.pk)
    second = ImportBatch.objects.latest("pk")
    assert other["Location"] == f"/registry/imports/{second.pk}/mapping/"  # does not fit: the mapping page says why
    page = client.get(other["Location"]).content.decode()
    assert "已保存的列对应不适用于这个文件" in page and "身份证号码" in page


@pytest.mark.django_db
def test_the_target_unit_is_chosen_from_the_tree(world):
    client = world.client("town_quzhang")
    page = client.get("/registry/imports/").content.decode()
    assert '<optgroup label="曲樟乡">' in page and "曲木村委会" in page and 'value="450521200206"' in page
    assert "廉州镇" not in page                                            # only the town's own subtree
    assert upload(client, xlsx(GOOD), org_code="450521200206").status_code == 302
    assert ImportBatch.objects.get().org_code == "450521200206"
    refused = upload(client, xlsx(GOOD), org_code="450521100001")          # not in the list: a form error
    assert refused.status_code == 400 and ImportBatch.objects.count() == 1
    village = world.client("village_a").get("/registry/imports/").content.decode()
    assert "导入到" not in village and '<input type="hidden" name="org_code"' in village


@pytest.mark.django_db
def test_the_page_polls_from_the_commit_request_until_it_ends(world):
    from django.utils import timezone

    batch = imports.import_batch_stage(batch_id=ImportBatch.objects.create(
        org_code="450521200206", original_name="a.xlsx",
        mapping=imports.import_mapping_save(actor=world.users["village_a"], org_code="450521200206", name="x",
                                            columns={"姓名": "name"})).pk)
    assert batch.status == "failed"  # no file: staging says so
    ImportBatch.objects.filter(pk=batch.pk).update(status="staged", valid_rows=1, error_message="")
    batch.refresh_from_db()
    imports.import_batch_commit_request(actor=world.users["village_a"], batch=batch, mode="valid_only")
    batch.refresh_from_db()
    assert batch.status == "queued" and batch.lease_until > timezone.now()
    partial = world.client("village_a").get(f"/registry/imports/{batch.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in partial and "排队入库" in partial
