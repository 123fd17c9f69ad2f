"""emp-product33 #3: the API's `member_count` says in its schema that it counts current members only (在册: not moved
out, not deceased — session 32, rmend32 #3). The name is kept: docs/employment.md, Session 33, says why."""

from __future__ import annotations

from drf_spectacular.generators import SchemaGenerator


def test_the_schema_says_member_count_counts_current_members_only():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    fields = schema["components"]["schemas"]["Household"]["properties"]
    assert fields["member_count"] == {
        "type": "integer",
        "description": "在册人数：仅计现有成员（状态为在册），不含已迁出、已故的成员；只在户列表中返回，户详情的 members "
                       "列出全部成员（含已迁出、已故）"}
    # the household page's serializer inherits it, with the same words
    assert schema["components"]["schemas"]["HouseholdDetail"]["properties"]["member_count"] == fields["member_count"]
