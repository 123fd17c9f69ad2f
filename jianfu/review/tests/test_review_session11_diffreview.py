"""Session 11, the diff review's D2: four look-alikes the wording families first flagged and one finding the county-body
reading first silenced, each pinned (sentences written for this test)."""

import pytest

from jianfu.review.engine import review_text

TITLE = "关于做好2027年重点工作的通知\n各乡镇人民政府，县直各部门：\n一、"


def rules_fired(sentence: str) -> list[str]:
    return sorted(f.rule_id for f in review_text(TITLE + sentence).findings)


@pytest.mark.parametrize("sentence", [
    "各村每月核对低保对象身份证号后四位。",          # the last digits of a number are no ranking
    "每月数据统一保留小数点后四位。",
    "各村每月将慰问物资及时送至困难群众家中。",      # goods delivered to people send nothing up
    "请各村于每月5日前将补贴资金交给农户。",
])
def test_look_alikes_of_the_families_stay_silent(sentence):
    assert rules_fired(sentence) == []


@pytest.mark.parametrize(("sentence", "expected"), [
    ("县农业农村局组织各村每季度向县政府汇报产业发展情况。", ["BR-INS-08"]),   # the villages report, on a rhythm
    ("各乡镇每季度将工作进展送至县委办公室。", ["BR-INS-08"]),                   # sent to an upper office: still a finding
])
def test_reports_the_families_must_keep(sentence, expected):
    assert rules_fired(sentence) == expected
