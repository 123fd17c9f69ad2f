"""Imports that used to end in a 500 (issue 11.2): the mapping page of a committed batch, an xlsx with
entity declarations, an xlsx whose shared strings unpack to 400 MB."""

from __future__ import annotations

import io
import zipfile

import pytest

from jianfu.core.formtokens import token_new
from jianfu.registry import imports
from jianfu.registry.ledger import reader
from jianfu.registry.models import ImportBatch, ImportRow, Person
from jianfu.registry.tests.test_imports import GOOD, _run_on_commit, stage, xlsx

_CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
       'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
       'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
       '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main'
       '+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
       'officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType='
       '"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
         '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WB = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
       '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet '
       'name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"'
            '/></Relationships>')
_SHEET = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
          '2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" '
          't="inlineStr"><is><t>张三</t></is></c></row></sheetData></worksheet>')
_SST = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>{}</t></si></sst>'


def handmade_xlsx(write_shared_strings) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, text in (("[Content_Types].xml", _CT), ("_rels/.rels", _RELS), ("xl/workbook.xml", _WB),
                           ("xl/_rels/workbook.xml.rels", _WB_RELS), ("xl/worksheets/sheet1.xml", _SHEET)):
            z.writestr(name, text)
        write_shared_strings(z)
    return out.getvalue()


def entity_expansion_xlsx() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">' for i in range(1, 10))
    xml = f'<?xml version="1.0"?><!DOCTYPE sst [{entities}]>' + _SST.format("&lol9;")
    return handmade_xlsx(lambda z: z.writestr("xl/sharedStrings.xml", xml))


def shared_strings_bomb_xlsx(megabytes: int = 400) -> bytes:
    def write(z):
        head, tail = _SST.split("{}")
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(head.encode())
            block = b"A" * 2**20
            for _ in range(megabytes):
                part.write(block)
            part.write(tail.encode())
    return handmade_xlsx(write)


def test_a_handmade_xlsx_without_tricks_is_read():
    ledger = reader.open_ledger(io.BytesIO(handmade_xlsx(lambda z: z.writestr("xl/sharedStrings.xml",
                                                                              _SST.format("姓名")))),
                                filename="a.xlsx")
    assert (ledger.headers, list(ledger.rows())) == (["姓名"], [(2, ["张三"])])


@pytest.mark.parametrize(("content", "reason"), [
    (entity_expansion_xlsx, "含有 XML 实体或文档类型声明"),
    (shared_strings_bomb_xlsx, "xl/sharedStrings.xml 解压后有 400 MB"),
])
def test_dangerous_xlsx_is_refused_by_the_reader_with_a_reason(content, reason):
    with pytest.raises(reader.LedgerFileError) as caught:
        reader.open_ledger(io.BytesIO(content()), filename="台账.xlsx")
    assert reason in caught.value.reason


@pytest.mark.django_db
@pytest.mark.parametrize(("content", "reason"), [
    (entity_expansion_xlsx, "含有 XML 实体或文档类型声明"),
    (shared_strings_bomb_xlsx, "解压后有 400 MB"),
])
def test_dangerous_xlsx_uploaded_on_the_web_gets_a_chinese_reason_and_stages_nothing(world, content, reason):
    from django.core.files.base import ContentFile
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = world.client("village_a")
    upload = SimpleUploadedFile("花名册.xlsx", content())
    response = client.post("/registry/imports/", {"file": upload, "form_token": token_new()})
    # refused in the upload form: no batch, no stored file (badinput15 #23)
    assert response.status_code == 400 and reason in response.content.decode()
    assert ImportBatch.objects.count() == 0
    # a batch stored before that check is refused the same way when it is staged
    batch = ImportBatch(org_code="450521200206", original_name="花名册.xlsx", created_by=world.users["village_a"])
    batch.file.save("花名册.xlsx", ContentFile(content()), save=True)
    mapping = imports.import_mapping_save(actor=world.users["village_a"], org_code=batch.org_code, name="花名册",
                                          columns={"姓名": "name"})
    imports.import_batch_set_mapping(actor=world.users["village_a"], batch=batch, mapping=mapping)
    staged = imports.import_batch_stage(batch_id=batch.pk)
    assert staged.status == "failed" and reason in staged.error_message
    assert ImportRow.objects.count() == 0 and Person.objects.count() == 0


@pytest.mark.django_db
def test_mapping_page_of_a_committed_batch_explains_instead_of_failing(world):
    batch = stage(world, "village_a", xlsx(GOOD))
    with _run_on_commit():  # the upload is deleted after commit
        imports.import_batch_commit(actor=world.users["village_a"], batch=batch, mode="valid_only")
    batch.refresh_from_db()
    assert batch.status == "committed" and batch.file.name == ""
    client = world.client("village_a")
    persons = Person.objects.count()
    for response in (client.get(f"/registry/imports/{batch.pk}/mapping/"),
                     client.post(f"/registry/imports/{batch.pk}/mapping/", {"col_0": "name", "name": "x"})):
        assert response.status_code == 302
        assert response["Location"] == f"/registry/imports/{batch.pk}/"
    page = client.get(f"/registry/imports/{batch.pk}/").content.decode()
    assert "不能再修改列对应" in page
    batch.refresh_from_db()
    assert batch.status == "committed" and Person.objects.count() == persons == 3


@pytest.mark.django_db
def test_mapping_page_of_a_failed_batch_whose_upload_is_gone_says_so(world):
    batch = stage(world, "village_a", xlsx(GOOD))
    batch.file.delete(save=True)
    ImportBatch.objects.filter(pk=batch.pk).update(status="failed")
    page = world.client("village_a").get(f"/registry/imports/{batch.pk}/mapping/")
    assert page.status_code == 200
    assert "上传文件已不存在" in page.content.decode()
