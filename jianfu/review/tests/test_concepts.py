"""Concept classes (rules/_concepts.yaml) and the paraphrase coverage they give the rules; the wider
negation scope; the evaluation of group-annotated blind splits."""

from __future__ import annotations

import re

import pytest

from jianfu.review.engine import RuleCatalogueError, load_catalogue, review_text
from jianfu.review.engine.evaluate import SPLITS, evaluate, gold_groups, load_split
from jianfu.review.engine.matcher import match_clause
from jianfu.review.engine.rules import expand_concepts, load_concepts
from jianfu.review.engine.structure import Clause


def groups_of(text: str, issuer: str = "unknown") -> list[str]:
    clause = Clause(index=0, text=text, number="", level=None, heading_path=[], paragraph_index=0, page=None, start=0)
    return sorted({f.group for f in match_clause(clause, load_catalogue().clause_rules, issuer=issuer).findings})


def test_concepts_load_and_expand_to_longest_first_alternations():
    concepts = load_concepts()
    assert {"submit", "pledge_doc", "rank", "evidence", "principal", "daily", "borrow", "app"} <= set(concepts)
    for name, alternation in concepts.items():
        assert re.fullmatch(r"[a-z_]+", name)
        re.compile(alternation)
    assert expand_concepts("签[^。；]{0,12}{pledge_doc}").startswith("签[^。；]{0,12}(?:")
    pledge = concepts["pledge_doc"]
    assert re.fullmatch(pledge, "军令状") and re.fullmatch(pledge, "保证书")
    # quantifiers are left alone; longer items are tried first (责任状 before 状 would not matter, 一同出席 before 出席 does)
    assert expand_concepts("a{0,12}") == "a{0,12}"
    assert concepts["attend"].index("一同出席") < concepts["attend"].index("|出席")


def test_unknown_concept_is_a_clear_chinese_error():
    with pytest.raises(RuleCatalogueError, match="引用了不存在的概念“{nosuch}”"):
        load_catalogue().with_overrides(extra=[{
            "id": "CUSTOM-009", "name": "测试", "group": "CUSTOM", "severity": "low", "patterns": ["{nosuch}"],
            "provision": "本县规定", "suggestion": "删除"}])


def test_a_county_rule_can_use_concept_classes():
    catalogue = load_catalogue().with_overrides(extra=[{
        "id": "CUSTOM-010", "name": "要求提交保证材料", "group": "CUSTOM", "severity": "low",
        "patterns": ["{pledge_verb}[^。；]{0,6}{pledge_doc}"], "provision": "本县规定", "suggestion": "删除"}],
        disabled={"BR-INS-03"})
    result = review_text("各村向镇里立下军令状。", catalogue=catalogue)
    assert [f.rule_id for f in result.findings] == ["CUSTOM-010"]
    assert result.findings[0].matched == "立下军令状"


# Paraphrases written for this test (not taken from any corpus split): a concept pattern catches each.
@pytest.mark.parametrize(("text", "groups"), [
    ("各街道于收文后五日内将传达学习情况以电子邮件发送至区委办。", ["DOC"]),
    ("请各部门参照本方案分别拟订本系统的推进方案，报县政府审定后印发执行。", ["DOC"]),
    ("请各乡镇党政正职一同出席，不得派人代会。", ["MTG"]),
    ("市委常委会会议结束后，各县区须连夜组织召开常委会会议。", ["MTG"]),
    ("各村两委成员须向镇党委提交廉政保证书。", ["INS"]),
    ("每季度对各村工作进行排序，排序情况在全镇公布。", ["INS"]),
    ("入户核查时须拍照存档，做到有据可查。", ["INS"]),
    ("工作经验被省级报刊刊登的，每篇得3分。", ["INS"]),
    ("整治期间实行一日一报制度。", ["INS"]),
    ("每位在编干部年内须介绍不少于5户农户参加保险。", ["INS"]),
    ("请各村干部于本周内完成“XX通”客户端注册。", ["APP"]),
    ("各单位另需将已在系统填报的数据打印纸质版报送。", ["APP"]),
    ("辖区内小微企业安全监管由乡镇承担兜底责任。", ["DUTY"]),
    ("节庆活动经费由各乡镇按财政收入比例分担。", ["DEMO"]),
])
def test_paraphrases_are_found(text, groups):
    assert groups_of(text) == groups


@pytest.mark.parametrize("text", [
    # a strong negator opening the segment governs all of it, however long
    "严禁以任何理由要求村干部在手机上下载各类应用程序或把应用程序的下载安装情况作为年度考核的重要依据。",
    "各级原则上不得另行要求乡镇报送贯彻落实情况。",
    # 派人代会 is not 人代会 (a statutory meeting), 签字 on a pledge is not a certificate
    "今后不再签订各类责任状。",
    # approved: an item on a retained list
    "该评选已列入省级保留的评比表彰项目目录，按程序组织申报。",
])
def test_look_alikes_stay_silent(text):
    assert groups_of(text) == []


def test_signature_on_a_pledge_is_not_a_village_certificate():
    assert groups_of("各村需向镇党委递交承诺书，由村书记签字后存档。") == ["INS"]


def test_send_in_substitute_is_not_read_as_a_statutory_meeting():
    assert groups_of("会议请各乡镇书记出席，不得派人代会。") == ["MTG"]


def test_group_annotated_blind_splits_are_evaluated_at_group_level():
    assert {"blind3", "blind4"} <= set(SPLITS)
    blind3, blind4 = load_split("blind3"), load_split("blind4")
    assert (len(blind3), sum(1 for i in blind3 if i.groups)) == (128, 72)
    assert (len(blind4), sum(1 for i in blind4 if i.groups)) == (65, 39)
    assert gold_groups(blind3[16]) == {"MTG", "INS"}
    rule_level = evaluate(blind3, load_catalogue(), level="rule")
    assert sum(rule_level.tp.values()) + sum(rule_level.fn.values()) == 0  # no rule-level gold: skipped


@pytest.mark.parametrize("split", SPLITS)
def test_precision_holds_on_every_split(split):
    p, r, _f = evaluate(load_split(split), load_catalogue()).overall()
    assert p >= 0.90
    assert r >= 0.75
