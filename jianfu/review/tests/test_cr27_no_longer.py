"""fix-cr27 #5: what "no longer counts" (不再作为…考核指标) is an abolition only where nothing in its sentence puts the
demand back — a 但/仍/须/还 clause after it that re-imposes, or 唯一 (no longer the only measure: it still counts)."""

import pytest

from jianfu.review.engine import review_text

TITLE = "关于做好2030年民生保障和社会保险工作的通知\n各乡镇人民政府、街道办事处，县直各单位：\n一、"


def rules_fired(sentence: str) -> list[str]:
    return sorted(f.rule_id for f in review_text(TITLE + sentence).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # re-imposed by the next clause: the rate is still demanded (both gave [] / lost BR-APP-01 before)
        ("各村电子社保卡激活率不再作为考核指标，但须达到95%。", ["BR-APP-01"]),
        ("各村关注“县融媒”公众号人数不再作为唯一考核依据，仍纳入乡镇年度考核。", ["BR-APP-01", "BR-INS-12"]),
        # look-alikes that stay abolitions: no clause puts it back, or the next sentence is another matter
        ("各村电子社保卡激活率不再作为考核指标。", []),
        ("签约率不再作为村级考核指标，各村自愿开展。", []),
        ("各村关注“县融媒”公众号人数不再作为考核依据。", []),
    ],
)
def test_no_longer_counts_unless_reimposed(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected
