"""Session 10 (branch review-dev3): the readings blind7's first run showed missing, each on sentences written for this
test (not blind7's rows), with the look-alikes that must stay silent; and the convention for regular reports
(corpus/DATA_CARD.md "Regular reports are INS")."""

import pytest

from jianfu.review.engine import review_text
from jianfu.review.engine.corpus import gold_groups, load_split

TITLE = "关于做好2027年重点工作的通知\n各乡镇人民政府，县直各部门：\n一、"


def rules_fired(sentence: str) -> list[str]:
    return sorted(f.rule_id for f in review_text(TITLE + sentence).findings)


@pytest.mark.parametrize(("sentence", "expected"), [
    # who bears it: the head of the subject (its last noun) — enterprises in a park, a bank's county branch — not the
    # place named before it; a subject that joins a township and enterprises still binds the township
    ("入驻开发区的物流企业应当每月向开发区管委会报送货运量数据。", []),
    ("各保险公司县级分公司要与县医保局签订服务承诺书，每季度报送理赔情况。", []),
    ("各乡镇和辖区企业每月5日前报送招商引资进展。", ["BR-INS-08"]),
    # a ranking or circulation said another way; its negation stays silent
    ("县商务局每月汇总各乡镇电商进村完成情况，按完成率从高到低通报全县。", ["BR-INS-04"]),
    ("县委办在全县工作会议上逐一点评工作滞后的村。", ["BR-INS-04"]),
    ("连续三次被评定为黄牌的社区，由街道党工委约谈社区党组织书记。", ["BR-INS-04"]),
    ("不得按完成率由高到低通报乡镇。", []),
    # a relay meeting named by its kind
    ("各村要在三天内召开村民代表大会原原本本传达县委全会精神。", ["BR-MTG-03"]),
    # a star appraisal run through the villages
    ("县文明办决定在全县开展“星级文明户”评定活动，各村组织农户逐户申报。", ["BR-DEMO-01", "BR-DEMO-02"]),
    # supporting plans and policies said another way, and a plan sent up by a date
    ("各学校要参照本方案分别制定本校的具体落实方案，报县教育局备案。", ["BR-DOC-03"]),
    ("各乡镇在两个月内出台本乡镇的配套支持政策，报县商务局备案。", ["BR-DOC-03"]),
    ("各乡镇于5月底前将春耕生产工作方案报县农业农村局。", ["BR-DOC-03"]),
    # evidence of work: the full mark of a scoring row
    ("| 5 | 宣传发动 | 5分 | 活动照片、签到表齐全的得满分 |", ["BR-INS-05"]),
    # a sign-in sheet is paper evidence, not an app check-in
    ("课后服务每天一登记，签到表每周汇总后存档备查。", ["BR-INS-05"]),
    # a village head's signature and stamp on a monthly form confirm the form; no certificate is demanded
    ("各村每月5日前填写月报表，由村委会主任签字并加盖村委会公章后报镇政府。", ["BR-INS-08"]),
    # secondment in turns to a county body
    ("商请各乡镇轮流选派1名干部到县政务服务中心驻点值守。", ["BR-SEC-01"]),
    # a uniform look imposed, verb first
    ("镇区主街建筑外立面统一改造为徽派风格，限期三个月完成。", ["BR-VAN-01"]),
    # an attachment's title names the county itself, it describes no case
    ("附件3：某县村级组织年度考核评分表（总分1000分，细化为120项评分标准）", ["BR-INS-01"]),
    # a title won in the past is described, not imposed
    ("我县去年成功创建省级卫生县城，5个村获评省级文明村。", []),
    # a people's congress reviewing the budget's execution is a statutory meeting's business
    ("各乡镇人民代表大会要依法审议本级预算执行情况的报告。", []),
    # an emergency report that stops with the emergency stays exempt; work demanded after it does not
    ("汛期各乡镇每日17时前报送水情，汛期结束后即停止报送。", []),
    ("汛期结束后，各乡镇每日报送灾后重建进展。", ["BR-INS-08"]),
])
def test_blind7_s_kinds_in_other_words(sentence, expected):
    assert rules_fired(sentence) == expected


def test_an_applicant_s_file_is_no_regular_report():
    assert "BR-INS-08" not in rules_fired("县教育局每年评选一次优秀家长学校，申报学校需提交工作方案和过程资料。")


def test_a_meeting_s_records_counted_in_the_scoring_are_two_burdens():
    # BR-INS-05 yields to BR-MTG-06 (the records as evidence are the meeting rule's); a rule that itself yields
    # subsumes nothing, so the assessment (BR-INS-12) is kept beside the meeting (one burden, one group each)
    fired = rules_fired("各村每季度召开一次村民议事会，会议记录和现场照片作为村级组织考评的计分依据。")
    assert "BR-MTG-06" in fired and "BR-INS-12" in fired and "BR-INS-05" not in fired


@pytest.mark.parametrize(("sentence", "expected"), [
    # every rhythm — quarterly, half-yearly, yearly — is a regular report, whatever it reports on
    ("各乡镇每季度结束后15日前，将本意见落实情况形成书面报告报县发改局。", ["BR-INS-08"]),
    ("各乡镇每半年向县委农办书面报告一次本方案执行情况。", ["BR-INS-08"]),
    # a one-off account by a date is the document burden; a date (10月底前) is no monthly rhythm
    ("各乡镇于6月底前将本意见落实情况报县发改局。", ["BR-DOC-02"]),
    ("各村将整治情况于10月底前报送镇政府。", ["BR-DOC-02"]),
    # a report that responsibility letters were signed belongs to the letters
    ("各村要与村民小组签订防溺水责任书，签订情况于4月底前报镇政府。", ["BR-INS-03"]),
])
def test_regular_reports_are_ins_and_one_off_accounts_doc(sentence, expected):
    assert rules_fired(sentence) == expected


# The written clauses relabelled to the convention (DATA_CARD.md lists them): none of them is a DOC-only rhythm report.
RELABELLED = {"dev": {"D002", "D003", "D132", "D143"}, "heldout": {"H001", "H009"}, "blind3": {"B3003", "B3008"},
              "blind5": {"B5009"}, "blind6": {"B6005", "B6089", "B6111"}}


@pytest.mark.parametrize("split", sorted(RELABELLED))
def test_the_relabelled_clauses_carry_ins(split):
    items = {i.id: i for i in load_split(split)}
    assert all("INS" in gold_groups(items[i]) for i in RELABELLED[split])
    assert gold_groups(items["B6005"]) == {"DOC", "INS"} if split == "blind6" else True


def test_the_comment_and_the_hover_lead_with_the_title():
    from jianfu.review.engine.annotate import comment_text
    from jianfu.review.engine.render import highlight, to_html

    result = review_text(TITLE + "考核实行千分制。")
    finding = next(f for f in result.findings if f.rule_id == "BR-INS-01")
    text = comment_text(finding)
    assert text.startswith(f"【{finding.rule_name}｜中】千分制\n依据：")
    # a dismissed finding keeps the same order after its mark
    finding.status, finding.reviewer_note = "dismissed", "法定保留事项"  # type: ignore[attr-defined]
    assert comment_text(finding) == f"【已排除】【{finding.rule_name}｜中】千分制\n减负办排除理由：法定保留事项"
    clause = next(c for c in result.document.clauses if c.index == finding.clause_index)
    mark = f'<mark class="medium" title="{finding.rule_name}（BR-INS-01）">千分制</mark>'
    assert mark in highlight(clause.text, [finding])
    assert mark in to_html(result)
