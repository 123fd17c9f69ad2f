"""Session 11 (branch review-dev): families of the ways county drafters word the same burden, written from
burden-rules.md, review-labelling.md and drafting usage — not from any split's clauses — each with look-alikes that
must stay silent. docs/review.md "Session 11 (branch review-dev)"."""

import pytest

from jianfu.review.engine import review_text

TITLE = "关于做好2027年重点工作的通知\n各乡镇人民政府，县直各部门：\n一、"


def rules_fired(sentence: str) -> list[str]:
    return sorted(f.rule_id for f in review_text(TITLE + sentence).findings)


@pytest.mark.parametrize(("sentence", "expected"), [
    # sending an account up, in the other verbs of the family (汇总至, 寄送, 呈送, 抄报, 转报, 交给)
    ("请各乡镇于6月30日前将落实情况汇总至县委办公室。", ["BR-DOC-02"]),
    ("请各乡镇于9月10日前将开展情况的书面总结寄送县农业农村局。", ["BR-DOC-02"]),
    ("各村于每月3日前将上月工作进展汇总给镇党政办。", ["BR-INS-08"]),
    # the same verbs with no account, or a platform pushing a list, stay silent
    ("不得要求乡镇将落实情况汇总至县委办公室。", []),
    ("县人社局将补贴名单推送至省就业服务平台。", []),
])
def test_sending_up_in_other_verbs(sentence, expected):
    assert rules_fired(sentence) == expected
