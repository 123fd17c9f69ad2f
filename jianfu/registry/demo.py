"""The registry's part of the `make run` demo: 合浦县 with about 100,000 synthetic persons, a county-defined
attribute, and in 曲木村 one committed ledger import (with a field conflict and a duplicate to review) plus one
staged import awaiting a decision — so the 工作台 shows the registry's to-dos."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.base import ContentFile

from jianfu.core.officeprops import new_workbook
from jianfu.registry import imports, services
from jianfu.registry.generation import registry_generate
from jianfu.registry.ledger.values import make_id_number
from jianfu.registry.models import AttributeDefinition, ImportBatch, ImportMapping, Person

COUNTY = "450521"
DEMO_VILLAGE = "450521200206"   # 曲木村
PERSONS = 100_000
HEADER = ["姓名", "身份证号码", "性别", "出生日期", "文化程度", "联系电话", "是否低保", "承包地亩数"]
COLUMNS = {"姓名": "name", "身份证号码": "id_number", "性别": "gender", "出生日期": "birth_date", "文化程度": "education",
           "联系电话": "phone", "是否低保": "is_dibao", "承包地亩数": "extra:plot_mu"}


def _xlsx(rows) -> bytes:
    wb = new_workbook(title="村人口台账（演示数据）")
    ws = wb.active
    ws.title = "低保台账"
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _village_user():
    from jianfu.accounts.models import User

    return User.objects.filter(org_unit__code=DEMO_VILLAGE, role="village", is_active=True).first()


def load(*, stdout) -> None:
    if Person.objects.filter(org_code__startswith=COUNTY).exists():
        stdout.write("  登记库已有合浦县数据，跳过生成")
        return
    result = registry_generate(county_code=COUNTY, persons=PERSONS, seed=2025)
    stdout.write(f"  人员 {result['persons']}，户 {result['households']}，单位 {result['organisations']}"
                 f"（{result['villages']} 个村/社区，{result['seconds']} 秒）")
    AttributeDefinition.objects.get_or_create(
        org_code=f"{COUNTY}000000", applies_to="person", key="plot_mu",
        defaults={"label": "承包地亩数", "type": AttributeDefinition.Type.DECIMAL, "maximum": 10000, "decimals": 2})
    AttributeDefinition.objects.get_or_create(
        org_code=f"{COUNTY}000000", applies_to="person", key="main_crop",
        defaults={"label": "主要作物", "type": AttributeDefinition.Type.CHOICE, "choices": ["水稻", "甘蔗", "荔枝", "其他"]})
    _demo_imports(stdout)


def _demo_imports(stdout) -> None:
    actor = _village_user()
    people = list(Person.objects.filter(org_code=DEMO_VILLAGE, status="active").exclude(id_number_cipher="")
                  .order_by("pk")[:3])
    if len(people) < 3:
        return
    mapping, _ = ImportMapping.objects.get_or_create(org_code=DEMO_VILLAGE, name="曲木村低保台账",
                                                     defaults={"columns": COLUMNS})
    a, b, c = people
    other_education = "研究生" if a.education != "postgraduate" else "小学"
    rows = [
        # known by ID: education differs → a conflict to decide; 低保 is added
        [a.name, services.person_id_number(a), "", "", other_education, "", "是", "3.5"],
        [b.name, services.person_id_number(b), "", "", "", "", "否", "2"],
        # no ID, same name and birth date as someone registered → duplicate review
        [c.name, "", "男" if c.gender == "M" else "女", c.birth_date.isoformat() if c.birth_date else "", "", "", "", ""],
        # new people
        ["陈秀梅", make_id_number("450521", dt.date(1968, 4, 12), 248), "女", "1968年4月12日", "初中", "13907791234",
         "是", "1.5"],
        ["何家明", make_id_number("450521", dt.date(1991, 9, 3), 311), "男", "1991/9/3", "大专", "", "否", ""],
        # bad rows
        ["杨帆", make_id_number("450521", dt.date(1980, 1, 1), 5)[:-1] + "0", "男", "", "", "", "", ""],
        ["", "", "女", "1975-13-01", "小学", "12345", "也许", "两亩"],
    ]
    batch = ImportBatch(org_code=DEMO_VILLAGE, mapping=mapping, original_name="曲木村低保台账-2025年6月.xlsx",
                        created_by=actor)
    batch.file.save(batch.original_name, ContentFile(_xlsx(rows)), save=True)
    batch = imports.import_batch_stage(batch_id=batch.pk)
    if batch.status == ImportBatch.Status.STAGED:
        summary = imports.import_batch_commit(actor=actor, batch=batch, mode=ImportBatch.CommitMode.VALID_ONLY)
        stdout.write(f"  曲木村台账导入：新增 {summary['created']}，合并 {summary['merged']}，冲突 {summary['conflicts']}，"
                     f"待核对 {summary['reviews']}，拒绝 {summary['skipped']}")
    pending = ImportBatch(org_code=DEMO_VILLAGE, mapping=mapping, original_name="曲木村低保台账-2025年7月.xlsx",
                          created_by=actor)
    pending.file.save(pending.original_name, ContentFile(_xlsx(rows[3:])), save=True)
    pending = imports.import_batch_stage(batch_id=pending.pk)
    stdout.write(f"  另有一个待确认入库的批次（{pending.valid_rows} 行正确，{pending.error_rows} 行有错误）")
