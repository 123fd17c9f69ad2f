"""mend24 #4: the audit log names old/new per action — the direct line's key rotation writes key fingerprints, any other
action a plain 原值/新值 — and names the review rules of a page of records with one query, not one per row."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from jianfu.core import labels
from jianfu.core.audit import audit_record
from jianfu.core.models import AuditRecord

# the audit log's page: session and user, the count and the page of records, the accounts and the units named (one
# query each, audit-merge24), one RuleOverride query for all the county rules the page names (before mend24: one per
# row, 9 for two rows), the session saved (savepoint, update, release)
QUERIES = 10


def test_old_and_new_are_key_fingerprints_only_where_the_action_writes_them():
    changes = {"old": "3f9a-77c2", "new": "b41e-0d58", "reports": 12}
    assert labels.changes_lines("directline.keyrotation", changes, "directline.key.rotate_start") == [
        "原密钥指纹：3f9a-77c2",
        "新密钥指纹：b41e-0d58",
        "反映件数：12",
    ]
    assert labels.changes_lines(
        "directline.keyrotation", {"new": "b41e-0d58"}, "directline.key.rotate_finish"
    ) == ["新密钥指纹：b41e-0d58"]
    # the same keys from any other action (or none named) are plain values
    assert labels.changes_lines("", {"old": "甲", "new": "乙"}, "monitor.rule.update") == [
        "原值：甲",
        "新值：乙",
    ]
    assert labels.changes_lines("", {"old": "甲", "new": "乙"}) == ["原值：甲", "新值：乙"]
    assert (labels.field_label("", "old"), labels.field_label("", "new")) == ("原值", "新值")


def _records(world, n: int, first: int) -> None:
    from jianfu.review.models import RuleOverride

    admin = world.users["admin"]
    with transaction.atomic():
        for i in range(first, first + n):
            RuleOverride.objects.create(
                county_code="450521000000",
                org_code="450521000000",
                rule_id=f"CTY-{i:02d}",
                definition={"name": f"本县规则{i}"},
                created_by=admin,
            )
            audit_record(
                actor=admin,
                action="review.finding.add",
                object_type="review.review",
                object_id="1",
                org_code="450521000000",
                changes={"review": 1, "rule_id": f"CTY-{i:02d}", "note": "补充"},
            )


@pytest.mark.django_db
def test_the_audit_log_names_a_pages_rules_with_one_query(world, client, django_assert_num_queries):
    client.force_login(world.users["admin"])
    url = reverse("accounts:audit_list")
    _records(world, 2, 1)
    client.get(url)  # warm the per-process caches (the rule catalogue, the label registry)
    with django_assert_num_queries(QUERIES):
        page = client.get(url).content.decode()
    assert "审查规则：本县规则1（CTY-01）" in page and "审查规则：本县规则2（CTY-02）" in page
    _records(world, 8, 3)
    with django_assert_num_queries(QUERIES):  # ten rows: the same queries as two
        page = client.get(url).content.decode()
    assert [f"审查规则：本县规则{i}（CTY-{i:02d}）" in page for i in range(1, 11)] == [True] * 10
    assert AuditRecord.objects.filter(action="review.finding.add").count() == 10
