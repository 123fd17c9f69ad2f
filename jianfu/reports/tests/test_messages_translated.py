"""codereview16b (minor): reports/services.py raised user-facing errors with bare Chinese strings and f-strings, outside
gettext, so no translation could reach them. Every such message now goes through `_` (gettext): a marker put in its
place shows which messages pass through it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jianfu.core.errors import ApplicationError, ConflictError, NotFoundError
from jianfu.reports import services

VB = "450521200201"


@pytest.fixture
def marked(monkeypatch):
    monkeypatch.setattr(services, "_", lambda text: f"⟦{text}⟧")


@pytest.mark.django_db
def test_a_report_out_of_scope_is_refused_with_a_translated_message(world, marked):
    with pytest.raises(NotFoundError) as caught:
        services._require_approver(world.users["village_a"], VB)
    assert caught.value.message == "⟦找不到该报表，或不在您的管辖范围内。⟧"


def test_a_refused_transition_and_bad_numbers_are_translated(marked):
    with pytest.raises(ConflictError) as caught:
        services._guard("approve", None)
    assert caught.value.message == "⟦该报表当前状态为「⟦不存在⟧」，不能审核通过。⟧"
    cases = {"x": "⟦「户数」应为数字，而不是“x”。⟧", "-1": "⟦「户数」不能为负数或非数字。⟧", "1.5": "⟦「户数」应为整数。⟧",
             "1000001": "⟦「户数」不能超过 1,000,000（一个村（社区）一期的上限），请核对是否多输了数字。⟧",
             "1e3": "⟦「户数」请直接写出数字（如 1000），不能用“1e3”这样的写法。⟧"}
    for raw, message in cases.items():
        with pytest.raises(ApplicationError) as caught:
            services._parse_number(raw, "户数", "integer")
        assert caught.value.message == message
    with pytest.raises(ApplicationError) as caught:
        services._parse_number("100000000000000", "金额", "number")
    assert caught.value.message == "⟦「金额」数值过大。⟧"
    assert services._parse_number("1,200", "户数", "integer") == Decimal("1200")
