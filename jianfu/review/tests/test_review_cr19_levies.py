"""codereview19 #1: a levy for works that are no vanity project keeps its finding (BR-DEMO-06); the vanity works' own
rules take it when they fire (one burden, one finding); a cost-sharing mechanism to be set up is no levy."""

from __future__ import annotations

import pytest

from jianfu.review.engine import review_text

TITLE = "关于做好2029年有关工作的通知\n各乡镇人民政府，县直各单位：\n一、"


def rules_fired(sentence: str) -> list[str]:
    return sorted({f.rule_id for f in review_text(TITLE + sentence).findings})


@pytest.mark.parametrize("sentence", [
    "文明城市建设经费由各乡镇按人口分摊。",
    "平安建设宣传经费由各单位分摊。",
    "各乡镇按每村2万元分摊全县亮化工程费用。",
])
def test_a_levy_for_works_is_a_levy(sentence):
    assert rules_fired(sentence) == ["BR-DEMO-06"]


def test_a_levy_for_a_vanity_works_is_that_projects_finding():
    assert rules_fired("全县雕塑和LED大屏建设经费由各乡镇分摊。") == ["BR-VAN-01", "BR-VAN-03"]


def test_a_cost_sharing_mechanism_to_be_set_up_is_no_levy():
    assert rules_fired("建立健全资金稳定投入机制和风险分担机制，保障项目建设需要。") == []
