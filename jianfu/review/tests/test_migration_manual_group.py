"""Migration 0003: group-only findings the office added before newuser13 V06 (named 减负办人工认定 with no group, the
note repeated as 建议) read as newer ones do after it: named by their group, the group filled from their rule id."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps

from jianfu.review.models import Finding
from jianfu.review.services import finding_add, review_submit

DRAFT = """XX县住房和城乡建设局关于开展危房排查的通知
一、工作措施
（一）考核实行千分制，考核结果每月排名通报。
（二）各村安排专人负责危房巡查，每周报送材料不少于3000字。"""
NOTE = "对材料规定字数下限，属于以文辅政。"

migration = importlib.import_module("jianfu.review.migrations.0003_manual_findings_group")

FIELDS = ("rule_id", "rule_name", "group", "suggestion", "reason", "origin")


def rows():
    return list(Finding.objects.order_by("pk").values_list(*FIELDS))


@pytest.mark.django_db
def test_older_group_only_findings_get_their_group(world):
    actor = world.users["county_office"]
    review = review_submit(actor=world.users["dept_housing"], text=DRAFT)
    index = next(c["index"] for c in review.clauses if c["text"].startswith("（二）"))
    engine_rows = rows()
    assert engine_rows and all(r[5] == "engine" for r in engine_rows)
    old_doc = finding_add(actor=actor, review_id=review.pk, clause_index=index, group="DOC", note=NOTE)
    old_ins = finding_add(actor=actor, review_id=review.pk, clause_index=index, group="INS", note="排名通报")
    new_app = finding_add(actor=actor, review_id=review.pk, clause_index=index, group="APP", note="新的")
    by_rule = finding_add(actor=actor, review_id=review.pk, clause_index=index, rule_id="BR-INS-04", note="规则")
    # as stored before V06: no group in the name, the note as 建议; one of them even without its group field
    Finding.objects.filter(pk=old_doc.pk).update(rule_name="减负办人工认定", suggestion=NOTE)
    Finding.objects.filter(pk=old_ins.pk).update(rule_name="减负办人工认定", suggestion="排名通报", group="")
    by_rule_before = Finding.objects.filter(pk=by_rule.pk).values_list(*FIELDS).get()

    migration.name_manual_findings_by_group(apps, None)

    get = {pk: Finding.objects.filter(pk=pk).values_list(*FIELDS).get() for pk in (old_doc.pk, old_ins.pk, new_app.pk)}
    assert get[old_doc.pk] == ("MANUAL-DOC", "减负办人工认定·文件", "DOC", "", NOTE, "reviewer")
    assert get[old_ins.pk] == ("MANUAL-INS", "减负办人工认定·督查检查考核", "INS", "", "排名通报", "reviewer")
    assert get[new_app.pk] == ("MANUAL-APP", "减负办人工认定·政务App与工作群", "APP", "", "新的", "reviewer")
    assert Finding.objects.filter(pk=by_rule.pk).values_list(*FIELDS).get() == by_rule_before
    assert rows()[:len(engine_rows)] == engine_rows
    # the page names the group and prints the note once, as 说明
    text = re.sub(r"<[^>]+>", "", world.client("county_office").get(f"/review/reviews/{review.pk}/").content.decode())
    assert "减负办人工认定·督查检查考核（中）" in text and text.count(NOTE) == 1 and f"说明：{NOTE}" in text
    # run twice: nothing more changes
    after = rows()
    migration.name_manual_findings_by_group(apps, None)
    assert rows() == after


@pytest.mark.django_db
def test_a_rule_id_outside_the_groups_is_left_alone(world):
    review = review_submit(actor=world.users["dept_housing"], text=DRAFT)
    index = review.clauses[-1]["index"]
    added = finding_add(actor=world.users["county_office"], review_id=review.pk, clause_index=index, group="DOC",
                        note=NOTE)
    Finding.objects.filter(pk=added.pk).update(rule_id="MANUAL-XYZ", rule_name="减负办人工认定", suggestion=NOTE)
    before = rows()
    migration.name_manual_findings_by_group(apps, None)
    assert rows() == before
