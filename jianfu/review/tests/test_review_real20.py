"""Session 20 (branch review-real20): real_blind12, the seventh labeller's set, read after its one run. General readings
for the kinds of its errors, each with short sentences written here (not the set's rows) and the look-alikes that must
stay silent or keep their finding. docs/review.md "Session 20 (branch review-real20): real_blind12 read"."""

import pytest

from jianfu.review.engine import review_text

# a provincial department's notice to the cities and counties
TITLE = "关于做好2028年重点工作的通知\n各市（含定州、辛集市）人力资源社会保障局：\n一、"
# a provincial government rule (规章), known by its promulgation formula
RULE_TITLE = "某省行政执法统计办法\n某省人民政府令第9号\n第一条"


def rules_fired(sentence: str, title: str = TITLE) -> list[str]:
    return sorted(f.rule_id for f in review_text(title + sentence).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a circulation for fraud by a designated base or an enterprise is enforcement on the holder, not the localities
        ("对已认定的省级物资储备基地，如发现申报材料弄虚作假，撤销其命名并给予通报。", []),
        ("对获得认定的企业，经核查存在弄虚作假的，撤销认定并予以通报。", []),
        # fraud found in the localities' own self-checks stays a circulation of localities
        ("各县自查要实事求是，凡经抽查发现弄虚作假的，予以通报批评。", ["BR-INS-16"]),
        # a violation kept up after a warning: the sanction on whoever offends
        ("经提醒仍不改正的，由教育行政部门对学校负责人进行约谈、通报批评。", []),
        ("对逾期拒不改正的培训机构，予以通报批评。", []),
        # poor work as the condition stays a spur to work
        ("对工作推进不力、经提醒仍不改正的乡镇，予以通报批评。", ["BR-INS-16"]),
        ("对工作进展缓慢的乡镇予以通报批评。", ["BR-INS-16"]),
    ],
)
def test_sanctions_on_offenders(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a funded project's host unit reporting to its funders is a grantee
        ("项目依托单位每年12月10日前向省基金办报送项目年度执行情况报告。", []),
        ("依托单位应当每季度向联合基金办公室报告项目经费使用情况。", []),
        # the localities reporting on a rhythm stay
        ("各市每季度向省基金办报送项目年度执行情况报告。", ["BR-INS-08"]),
    ],
)
def test_project_host_units(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a letter a regulator signs with the operators it oversees, named by their head noun
        ("各地市场监管部门要与学校食堂、企业或个人等供餐单位签订责任书，落实食品安全主体责任。", []),
        ("市场监管部门要与食品生产经营单位签订质量安全责任书。", []),
        # a letter signed with the townships or villages stays
        ("县教育局要与各乡镇中心学校和供餐企业签订责任书。", ["BR-INS-03"]),
        ("各县要与乡镇、村层层签订责任书。", ["BR-INS-03"]),
    ],
)
def test_letters_with_operators(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # records named as what may be withheld from disclosure are no meeting's burden
        ("执法过程中形成的会议纪要、请示报告等内部信息，可以不予公开。", []),
        ("座谈会记录和内部讨论稿依法不予公开。", []),
        # a meeting's record sent up as evidence stays
        ("各村召开会议后须将会议记录、照片报乡镇备查。", ["BR-MTG-06"]),
    ],
)
def test_records_withheld(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # one named provincial department doing its own work, its verb no modal
        ("省财政厅审核资金分配方案，及时下达预算，配合省科技厅制定年度资金实施方案。", []),
        ("省教育厅统筹推进试点工作，会同有关部门制定配套实施细则。", []),
        # the same department having lower levels draft and file their plans stays
        ("省财政厅审核资金分配方案，督促各市制定实施方案并报省财政厅备案。", ["BR-DOC-03"]),
    ],
)
def test_provincial_department_at_the_head(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a quota of publicity pieces or works set on every locality
        ("原则上各市提供宣传文稿20篇以上，其中典型案例不少于5篇。", ["BR-DEMO-06"]),
        ("每个县报送宣传作品不少于5件，由省里统一评选。", ["BR-DEMO-06"]),
        # entries invited without a quota stay silent
        ("欢迎各市干部群众踊跃投稿，作品题材不限。", []),
    ],
)
def test_quotas_of_publicity_pieces(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the three enforcement systems in the rule-of-law assessment: the State Council guidance restated
        ("县级以上人民政府应当全面推行行政执法公示制度，并将行政执法公示制度落实情况纳入法治政府建设考评指标体系。", []),
        ("将重大执法决定法制审核制度执行情况纳入法治政府建设考核。", []),
        # another indicator piled into the lower governments' assessment stays
        ("县级以上人民政府应当将执法窗口建设情况纳入对下级人民政府的年度考核。", ["BR-INS-12"]),
        # a half-yearly report sent to the upper level is a progress report the rule adds
        ("行政执法机关应当在每年7月10日前向上级行政执法机关报送上半年执法情况分析报告。", ["BR-INS-08"]),
        ("行政执法机关应当每半年向上一级主管部门报告执法工作情况。", ["BR-INS-08"]),
        # a deadline of half a year beside the yearly filing is no half-yearly report: the exemption stays (cr20b #6)
        ("行政执法机关应当自登记之日起半年内向上级主管部门备案，每年1月31日前向本级司法行政部门报送上一年度执法数据。", []),
        # the regime's own yearly filing keeps the legal instrument's exemption
        ("行政执法机关应当于每年1月31日前向本级司法行政部门报送上一年度执法数据。", []),
    ],
)
def test_enforcement_regimes(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence, RULE_TITLE) == expected


def test_only_a_half_year_s_report_upward_lifts_the_exemption() -> None:
    """cr20b #6: any 半年 beside any 上级 lifted it — a deadline of half a year is no reporting rhythm."""
    from jianfu.review.engine import context

    assert [context.half_year_upward(s) for s in (
        "自登记之日起半年内向上级主管部门备案", "每半年向上一级主管部门报告执法工作情况",
        "向上级行政执法机关报送上半年执法情况分析报告")] == [False, True, True]
