"""Session 6 (branch review-rules3): readings adjudicated by review-labelling.md's own words after reading the third
labeller's set (real_blind8), and the adjudicated-labels file. Every sentence below was written for this file; none
is copied from the real documents."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from jianfu.review.engine import load_catalogue, realdocs
from jianfu.review.engine.adjudication import ADJUDICATION_PATH, adjudicated_groups, load_adjudications
from jianfu.review.engine.matcher import match_clause
from jianfu.review.engine.realdocs import EvaluationFileError
from jianfu.review.engine.structure import Clause


def judged(text: str, *, title: str = "") -> list[str]:
    """Rule ids the engine fires on one clause read with its document's title (as the evaluation reads it)."""
    clause = Clause(index=0, text=text, number="", level=None, heading_path=[], paragraph_index=0, page=None, start=0)
    return sorted({f.rule_id for f in match_clause(clause, load_catalogue().clause_rules, title=title).findings})


@pytest.mark.parametrize("text, expected", [
    # 取消…资格 after a sanction is a further sanction, not the abolition of the circulation
    ("对整改后仍不达标的学校，予以通报批评并取消其示范学校称号。", ["BR-INS-16"]),
    ("对各乡镇的通报批评一律取消。", []),
    # recommendation letters and forms are an applicant's file; a summary of work is an account sent up
    ("请各县于5月10日前将推荐函和推荐表等书面材料报送市人社局。", []),
    ("请各县于5月10日前将工作总结等书面材料报送市人社局。", ["BR-DOC-02"]),
    # problems met on the way, reported as they arise, are an escalation — unless an account is demanded too
    ("工作中遇到的新情况、新问题，要及时报告市农业农村局。", []),
    ("请各乡镇将贯彻落实情况和遇到的问题于6月30日前报送县政府办。", ["BR-DOC-02"]),
])
def test_sanctions_applications_and_escalations(text, expected):
    assert judged(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the safety regime's own assessment and the statutory information-disclosure report are statutory regimes
    ("县级人民政府应当将某类设施保护工作纳入本地安全生产责任目标考核体系。", []),
    ("县级人民政府应当将某类设施保护工作纳入年度目标考核体系。", ["BR-INS-12"]),
    ("各部门应当在政府信息公开工作年度报告中报送上一年度某项工作情况。", []),
    # an assessment the State Council mandates of local governments is a central regime
    ("市级人民政府应当将考核结果作为实行最严格水资源管理制度考核的重要内容。", []),
])
def test_statutory_and_central_regimes(text, expected):
    assert judged(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a hit across commas is borne by the doer of its first part
    ("项目承担单位须于每年年初提交项目执行情况报告，经主管部门审核后报送市科技局。", []),
    # (session 10: a yearly report is a regular report, BR-INS-08 only — DATA_CARD.md "Regular reports")
    ("各县须于每年年初提交项目执行情况报告，经主管部门审核后报送市科技局。", ["BR-INS-08"]),
    # universities are not grassroots units; schools run by counties are
    ("各高校要制定实施方案，并于6月30日前报省教育厅备案。", []),
    ("各中小学要制定实施方案，并于6月30日前报县教育局备案。", ["BR-DOC-03"]),
    # a certificate made the basis of a test of persons is not an assessment of lower levels
    ("对培训合格者颁发证书，作为从事该项工作考核、检查的依据。", []),
    ("将该项工作开展情况作为各县年度考核的重要依据。", ["BR-INS-12"]),
    # circulating the agencies an inspection falls on is not a circulation of localities
    ("市人社局对培训机构开展实地督导，并定期通报。", []),
    ("市人社局对各县开展实地督导，并定期通报。", ["BR-INS-16"]),
    # a fee per person is an individual's; a charge on the units taking part in an appraisal is not
    ("按标准缴纳评审费，每人50元。", []),
    ("参评单位须缴纳评审费2000元。", ["BR-DEMO-03"]),
    # a selection of individual talents confers a designation on persons; a 最美 selection is an honour campaign
    ("开展某行业领军人才评选。", []),
    ("在全县开展“最美网格员”评选活动。", ["BR-DEMO-05"]),
    # a quota of sites to build is a development target; a quota of 示范 sites is a creation campaign
    ("每个县至少建设1个创业孵化基地。", []),
    ("每个县至少建设1个示范基地。", ["BR-DEMO-01"]),
])
def test_who_bears_it_and_what_it_confers(text, expected):
    assert judged(text) == expected


@pytest.mark.parametrize("text, expected", [
    # an enumeration of assessments is read to its end
    ("把该项工作作为各级教育行政部门绩效考核、各级各类学校办学水平评估的重要内容。", ["BR-INS-12"]),
    # a yearly evaluation of every county (review-labelling.md: fixed rhythms such as 年考核)
    ("市科技局组织全市年度县域创新监测、评价工作。", ["BR-INS-18"]),
    # the deadline first, then the account of an activity sent up
    ("请于3月1日前报送本单位活动安排情况，6月1日前报送活动总结。", ["BR-DOC-02"]),
    # a new assessment-and-reward mechanism with growth indicators
    ("综合考虑政策落实成效、市场主体增量等因素，建立考核奖补机制。", ["BR-INS-12"]),
])
def test_new_assessments_and_one_off_accounts(text, expected):
    assert judged(text) == expected


# session 7 replaced the reading "a central body's own document is centrally mandated" by the guide's words: a central
# text's own demand is judged like any other, a provincial notice forwarding one restates it
# (tests/test_review_dev.py::test_central_texts_are_read_by_the_guides_words)


def test_the_committed_adjudications_match_their_label_files():
    adjudications = load_adjudications()
    # session 7 removed the ten central-document rows of session 6 and added three (docs/review.md, "Session 7");
    # session 21 added real_blind12's 0801:746 (docs/review.md, "Session 21 (review-dev21)")
    assert Counter((a.split, int(a.label), int(a.adjudicated)) for a in adjudications) == {
        ("real_blind8", 0, 1): 4, ("real_dev", 1, 0): 2, ("real_blind6", 1, 0): 1, ("real_blind9", 1, 0): 2,
        ("real_blind7", 1, 0): 1, ("real_blind12", 1, 0): 1}
    for split in {a.split for a in adjudications}:
        labels = realdocs.load_labels(realdocs.label_path(split))
        corrected = adjudicated_groups(split, labels, adjudications)
        assert len(corrected) == sum(a.split == split for a in adjudications)
    sessions = ("adjudicated (session 6)", "adjudicated (session 7)", "adjudicated (session 21)")
    assert all(a.reason.startswith(sessions) for a in adjudications)


HEADER = "split\tdoc_id\tstart\tend\tsha1\tlabel\tadjudicated\tgroups\treason\n"


@pytest.mark.parametrize("row, message", [
    ("real_dev\thebei-dev-0001\t0\t10\tabc\t1\t1\tINS\tsame\n", "第2行：裁定标注与原标注相同"),
    ("real_dev\thebei-dev-0001\t0\t10\tabc\t1\t0\t\t \n", "第2行：缺少裁定理由"),
    ("real_dev\thebei-dev-0001\t0\t10\tabc\t0\t1\t\twhy\n", "第2行：裁定为正例须标明规则组"),
    ("real_dev\thebei-dev-0001\t0\tx\tabc\t0\t1\tINS\twhy\n", "第2行：起止位置须为整数"),
    ("real_dev\thebei-dev-0001\t0\t10\tabc\t2\t1\tINS\twhy\n", "第2行：标注须为 0/1"),
])
def test_a_malformed_adjudication_is_refused_naming_its_line(tmp_path: Path, row, message):
    path = tmp_path / "real_adjudicated.tsv"
    path.write_text(HEADER + row, encoding="utf-8")
    with pytest.raises(EvaluationFileError, match=message):
        load_adjudications(path)


def test_an_adjudication_that_matches_no_labelled_row_is_refused(tmp_path: Path):
    path = tmp_path / "real_adjudicated.tsv"
    path.write_text(HEADER + "real_dev\thebei-dev-9999\t0\t10\tabc\t1\t0\t\twhy\n", encoding="utf-8")
    labels = realdocs.load_labels(realdocs.label_path("real_dev"))
    with pytest.raises(EvaluationFileError, match="real_dev 中没有与之相符的标注行"):
        adjudicated_groups("real_dev", labels, load_adjudications(path))
    assert ADJUDICATION_PATH.name == "real_adjudicated.tsv"


def test_an_adjudication_of_a_misspelt_split_is_refused_naming_its_line(tmp_path: Path, monkeypatch, capsys):
    from jianfu.review.engine import evaluate

    path = tmp_path / "real_adjudicated.tsv"
    path.write_text(HEADER + "real_blind_8\thebei-dev-0001\t0\t10\tabc\t0\t1\tINS\twhy\n", encoding="utf-8")
    monkeypatch.setattr(evaluate, "load_adjudications", lambda: load_adjudications(path))
    with pytest.raises(EvaluationFileError, match="第2行：没有名为 real_blind_8 的真实文档标注集"):
        evaluate.adjudicate("real_dev", [])
    monkeypatch.setattr(evaluate, "real_items", lambda split: [])
    assert evaluate.main(["--split", "real_dev"]) == 2         # the run stops there, naming the line, no traceback
    assert "第2行：没有名为 real_blind_8" in capsys.readouterr().out
