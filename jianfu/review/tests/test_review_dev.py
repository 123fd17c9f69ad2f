"""Session 7 (branch review-dev): readings that carry across labellers (docs/review.md, "Session 7"). Every sentence
below was written for this file; none is copied from the real documents."""

from __future__ import annotations

from jianfu.review.engine import load_catalogue
from jianfu.review.engine.context import legal_instrument
from jianfu.review.engine.matcher import match_clause
from jianfu.review.engine.structure import Clause


def judged(text: str, *, title: str = "", legal: bool = False) -> list[str]:
    """Rule ids the engine fires on one clause read with its document's title (as the evaluation reads it)."""
    clause = Clause(index=0, text=text, number="", level=None, heading_path=[], paragraph_index=0, page=None, start=0)
    return sorted({f.rule_id for f in match_clause(clause, load_catalogue().clause_rules, title=title,
                                                   legal=legal).findings})


def test_central_texts_are_read_by_the_guides_words():
    clause = "各地要将该项工作纳入年度目标考核。"
    # a central body's own new demand is neither a standing regime nor a restatement
    assert judged(clause, title="国务院办公厅关于推进某项工作的意见") == ["BR-INS-12"]
    assert judged(clause, title="人力资源社会保障部关于推进某项工作的通知") == ["BR-INS-12"]
    assert judged(clause, title="某省人民政府关于推进某项工作的意见") == ["BR-INS-12"]
    # a provincial notice forwarding a central text restates it ...
    assert judged(clause, title="关于转发《国务院关于推进某项工作的意见》的通知") == []
    assert judged(clause, title="某省教育厅转发中共教育部党组关于推进某项工作的通知") == []
    assert judged(clause, title="关于转发人力资源社会保障部办公厅推进某项工作通知的通知") == []
    # ... except where the clause names the province (the cover note's own demand)
    assert judged("各市要将该项工作纳入全省年度目标考核。", title="关于转发《国务院关于推进某项工作的意见》的通知") == [
        "BR-INS-12"]
    # a province forwarding its own department's text is judged by its clauses
    assert judged(clause, title="某省人民政府办公厅转发省某厅关于推进某项工作意见的通知") == ["BR-INS-12"]


def test_a_ministerial_order_is_a_legal_instrument():
    assert legal_instrument("某某部令第12号 某某资源管理办法实施细则", "第一条 为了规范管理，制定本细则。")
    assert not legal_instrument("某某部关于推进某项工作的通知", "各地要加强领导。")


def test_a_generic_inspection_without_frequency_materials_or_ranking_is_not_a_finding():
    assert judged("各县要定期开展督导检查，对工作不力的限期整改。") == []
    assert judged("有关部门要加强对地方的指导，定期开展督导检查。") == []
    # a specific inspection, a rhythm, materials or a circulation keep it a finding
    assert judged("对各县开展专项督查。") == ["BR-INS-10"]
    assert judged("各县每季度开展一次督导检查，结果在全县通报。") != []
    assert judged("对各乡镇开展督导检查，查阅工作台账和佐证材料。") != []


def test_a_provinces_division_of_work_is_internal_to_it():
    line = "附件：重点任务分工表"
    assert judged(line, title="某省人民政府办公厅关于推进某项工作的实施意见") == []
    assert judged("现将《某省重点任务分工方案》印发给你们，请认真贯彻执行。", title="某省人民政府办公厅关于印发某省重点任务分工方案的通知") == []
    # a county's separate division-of-work plan stays a finding
    assert judged(line, title="某县人民政府办公室关于推进某项工作的实施方案") == ["BR-DOC-07"]
    assert judged(line) == ["BR-DOC-07"]


def test_science_platforms_named_on_application_are_not_grassroots_units():
    assert judged("第九条 科普基地应于每年12月10日前向省科技厅报送年度工作总结。") == []
    assert judged("工程技术研究中心每年向主管部门报送年度运行报告。") == []
    # the same demand on the counties stays a finding
    assert judged("第九条 各县应于每年12月10日前向省科技厅报送年度工作总结。") != []


def test_progress_reported_promptly_to_a_named_upper_department():
    assert judged("各地有关进展情况请及时报送某某部。") == ["BR-INS-08"]
    assert judged("各县落实情况要及时报告省某某厅。") != []
    # not to a body of the same level, and not without a live demand
    assert judged("各县进展情况及时报送同级政府。") == []


def test_costs_the_province_shares_with_the_cities_are_support():
    assert judged("跨设区的市的重大工程建设资金，由省与有关设区的市共同承担。") == []
    # a levy shared among the townships stays a finding
    assert judged("活动经费由各乡镇共同承担。") == ["BR-DEMO-06"]


def test_every_real_development_set_has_one_labeller():
    from jianfu.review.engine import evaluate

    named = [split for _, splits in evaluate.LABELLERS for split in splits]
    assert sorted(named) == sorted(evaluate.REAL_DEV_SPLITS) and len(named) == len(set(named))


def test_precision_at_the_hidden_sets_share_of_burdens():
    from jianfu.review.engine.evaluate import hidden_precision

    # 10 positives, 90 negatives: recall 0.8, false-positive rate 0.1 → 0.8·0.5 / (0.8·0.5 + 0.1·0.5) at π = 0.5
    rows = [(True, True)] * 8 + [(True, False)] * 2 + [(False, True)] * 9 + [(False, False)] * 81
    assert hidden_precision(rows, prevalence=0.5) == "0.889"
    assert hidden_precision([(False, True)]) == "n/a"
