"""Session 11 (branch review-dev): families of the ways county drafters word the same burden, written from
burden-rules.md, review-labelling.md and drafting usage — not from any split's clauses — each with look-alikes that
must stay silent. docs/review.md "Session 11 (branch review-dev)"."""

import pytest

from jianfu.review.engine import review_text

TITLE = "关于做好2027年重点工作的通知\n各乡镇人民政府，县直各部门：\n一、"


def rules_fired(sentence: str) -> list[str]:
    return sorted(f.rule_id for f in review_text(TITLE + sentence).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # sending an account up, in the other verbs of the family (汇总至, 寄送, 呈送, 抄报, 转报, 交给)
        ("请各乡镇于6月30日前将落实情况汇总至县委办公室。", ["BR-DOC-02"]),
        ("请各乡镇于9月10日前将开展情况的书面总结寄送县农业农村局。", ["BR-DOC-02"]),
        ("各村于每月3日前将上月工作进展汇总给镇党政办。", ["BR-INS-08"]),
        # the same verbs with no account, or a platform pushing a list, stay silent
        ("不得要求乡镇将落实情况汇总至县委办公室。", []),
        ("县人社局将补贴名单推送至省就业服务平台。", []),
    ],
)
def test_sending_up_in_other_verbs(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a ranking of localities without the word 排名: a rhythm compound, results shown up, leaders and laggards marked,
        # a board of completion rates, the last places with a consequence
        ("县里对各镇实行“月调研、季排序、年总结”。", ["BR-INS-04"]),
        ("每季度在县融媒体中心晒一晒各乡镇的项目进度。", ["BR-INS-04"]),
        ("县考核办每月在调度会上标出先进与后进乡镇。", ["BR-INS-04"]),
        ("各村人居环境整治完成率每月张榜公布。", ["BR-INS-04"]),
        ("积分末两位的社区由街道党工委约谈。", ["BR-INS-04"]),
        # village affairs posted for the villagers, a negation and a leader's own ranking stay silent
        ("村级财务收支情况每季度张榜公开，接受村民监督。", []),
        ("不得按季排序通报各乡镇工作。", []),
    ],
)
def test_rankings_without_the_word(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # evidence of work in the family's other words
        ("每场宣讲做到有计划、有照片、有签到表，年底统一检查。", ["BR-INS-05"]),
        ("各村要建立脱贫攻坚痕迹档案。", ["BR-INS-05"]),
        ("各乡镇须拍摄改厕前后对比照片。", ["BR-INS-05"]),
        ("各社区将活动照片按月整理成册，交街道备查。", ["BR-INS-05"]),
        ("网格员上门核查时要拍摄照片并附核查表。", ["BR-INS-05"]),
        # a plan with steps, a negation of traces and a tourist photo stay silent
        ("各乡镇要有计划、有步骤地推进农村改厕。", []),
        ("不得要求基层建立痕迹档案。", []),
    ],
)
def test_evidence_of_work_in_other_words(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a fixed rhythm of reporting in a compound, and a deadline counted from the end of each period
        ("专项整治期间实行“半月一报”制度。", ["BR-INS-08"]),
        ("各乡镇禁毒工作实行十日一汇总。", ["BR-INS-08"]),
        ("每个月结束后3个工作日内，各村将低保动态管理情况报镇民政办。", ["BR-INS-08"]),
        ("县里对乡镇项目建设实行“一月一通报”。", ["BR-INS-04"]),
        # Monday (每周一) is a day, not a rhythm compound; an abolished rhythm stays silent
        ("每周一上午召开局务会，研究本周工作。", []),
        ("取消“一周一报”，改为按需调度。", []),
    ],
)
def test_reporting_rhythms_in_other_words(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a veto with the locality named after the incident, a written promise to an upper body, points in an assessment
        ("凡出现群体性上访事件的村，当年不得评为先进村。", ["BR-INS-02"]),
        ("发生较大森林火灾的乡镇，年度考核等次一律定为较差。", ["BR-INS-02"]),
        ("各乡镇党委书记要向县委作出公开承诺，年内完成清零任务。", ["BR-INS-03"]),
        ("此项工作在村级年度考核中占8分。", ["BR-INS-12"]),
        ("乡镇综合考核中禁毒工作所占分值不低于5分。", ["BR-INS-12"]),
        # an applicant's sanction and an individual's promise stay silent
        ("对弄虚作假的申报单位，取消其三年内申报资格。", []),
        ("申请人应当作出书面承诺，对所提交材料的真实性负责。", []),
    ],
)
def test_vetoes_pledges_and_weights_in_other_words(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # all responsibility put on the township; a style or a landmark built for show
        ("各街道对辖区范围内的违法建设负全部责任。", ["BR-DUTY-01"]),
        ("沿河各村统一建设徽派风格农家院墙。", ["BR-VAN-01"]),
        ("各乡镇在集镇入口建设景观门楼。", ["BR-VAN-01"]),
        # a township's duty from its own list, a restored historic arch stay silent
        ("乡镇履职事项清单内的事项，由乡镇对辖区内负总责。", []),
        ("对村内清代古牌坊进行修缮保护。", []),
    ],
)
def test_duties_and_vanity_in_other_words(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # one named county body reporting its own work to the county's leadership is the county's own work
        ("县统计局每季度向县政府报告全县经济运行情况。", []),
        ("县委改革办负责跟踪督办，每半年向县委汇报一次改革推进情况。", []),
        # a township reporting to the county still binds; the county's departments as a whole reporting to the county are
        # the county's own work (session 14, review-read14: three outside writers label it 0 — blind10 B10107, dev4 D4103,
        # blind11 B11088; session 11 had it bind)
        ("县直各部门每季度向县政府报告重点工作进展。", []),
        ("各乡镇每季度向县政府报告项目推进情况。", ["BR-INS-08"]),
    ],
)
def test_a_county_body_s_own_account_to_the_county_leadership(sentence, expected):
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a short account sent up; a meeting just over relayed or watched at once
        ("各村于7月5日前将上半年工作小结报至镇党政办。", ["BR-DOC-02"]),
        ("市委全会闭幕后，各村当天要组织党员集中学习。", ["BR-MTG-03"]),
        # a scoring or appraisal rhythm of localities, the lowest score with a consequence
        ("县农业农村局对各乡镇秸秆禁烧工作按季度打分。", ["BR-INS-04"]),
        ("得分最低的村在镇党委会上作书面说明。", ["BR-INS-04"]),
        # a weight raised in the assessment of localities; a file of records and photos
        ("乡镇年度考核中安全生产权重提高到15%。", ["BR-INS-12"]),
        ("各村档案资料包括会议记录、活动照片和签到表。", ["BR-INS-05"]),
        # a rhythm of half-year accounts stays INS alone; a leader's speech over with no demand stays silent
        ("讲话结束后，与会人员有序离场。", []),
        ("严禁对村级组织按季度打分排名。", []),
    ],
)
def test_second_probe_s_kinds_in_other_words(sentence, expected):
    assert rules_fired(sentence) == expected
