"""A new user's draft (session 9): "每周五前将整治进展情况、照片及签到表报送" was not flagged — 将 (the object marker)
before 整治 read 整治 as the clause's main verb, a negator, although a noun (进展情况) follows it."""

import pytest

from jianfu.review.engine import review_text


def _rules(sentence: str) -> list[str]:
    return [f.rule_id for f in review_text("关于开展人居环境整治的通知\n" + sentence).findings]


@pytest.mark.parametrize("sentence", [
    "各村（社区）要于每周五前将整治进展情况、照片及签到表报送镇农业服务中心。",
    "各村要于每周五前将整治进展情况报送镇农业服务中心。",
    "各村要将整治台账每周报送乡镇。",
])
def test_a_weekly_report_of_a_campaigns_progress_is_frequent_reporting(sentence):
    assert _rules(sentence) == ["BR-INS-08"]


@pytest.mark.parametrize("sentence", [
    "要坚决整治每周报送材料过多的问题。",
    "各乡镇要整治形式主义，不得要求村每周报送进展情况。",
])
def test_rectifying_such_reporting_is_still_not_a_demand(sentence):
    assert _rules(sentence) == []
