"""A weekly status report is one burden (its frequency, BR-INS-08), not also an account of how the document was
carried out (BR-DOC-02): the new user's draft of session 8 had its one clause counted twice."""

from jianfu.review.engine import review_text

TITLE = "关于做好农村人居环境整治工作的通知\n各村委会：\n一、"


def rules_fired(sentence: str) -> list[str]:
    return sorted(f.rule_id for f in review_text(TITLE + sentence).findings)


def test_a_period_s_routine_status_is_the_reporting_frequency_only():
    assert rules_fired("各村要于每周五下班前上报本周工作开展情况。") == ["BR-INS-08"]
    assert rules_fired("各网格员每天17时前报送当日工作情况。") == ["BR-INS-08"]


def test_an_account_of_the_document_s_implementation_beside_it_is_still_its_own_finding():
    # session 10 (convention "regular reports are INS"): a one-off account by a date of its own beside the weekly report
    # is its own finding; the same account at each month's end (月底, beside a weekly rhythm) is the rhythm's
    assert rules_fired("各乡镇每周一上午10时前报送上周工作进展，6月底前报送本方案贯彻落实情况。") == ["BR-DOC-02", "BR-INS-08"]
    assert rules_fired("各乡镇每周一上午10时前报送上周工作进展，月底报送贯彻落实情况。") == ["BR-INS-08"]
    assert rules_fired("请于12月10日前将本通知贯彻落实情况报送县委办公室。") == ["BR-DOC-02"]


def test_session_8_rules_do_not_reach_past_their_kind():
    # the session's diff review: circulating to the other localities stays a hit while a peer agency does not; colours
    # that grade risks or enterprises are no ranking of localities; reading and a body's own posts are no quota
    assert rules_fired("对检查发现的问题，将通报其他乡镇。") == ["BR-INS-16"]
    assert rules_fired("检查结果定期通报其他县区。") == ["BR-INS-16"]
    assert rules_fired("将检查发现的缺陷及时通报其他海事管理机构。") == []
    assert rules_fired("对各乡镇工作成效按红黄绿三色每月标注。") == ["BR-INS-04"]
    assert rules_fired("按红橙黄蓝四色标注风险等级。") == []
    assert rules_fired("对辖区内企业按红黄绿三色进行标注。") == []
    assert rules_fired("各村干部每天转发不少于2篇。") == ["BR-APP-03"]
    assert rules_fired("各党支部每月组织党员阅读不少于2篇理论文章。") == []
    assert rules_fired("县融媒体中心每周推送信息不少于3条。") == []


def test_an_item_of_a_list_of_duties_is_not_taken_for_a_listed_act():
    from jianfu.review.engine.context import listed_act

    item = "（五）组织考核评比，定期通报排名"
    assert listed_act(item, "第二十条 乡镇人民政府应当履行下列职责：") is None
    assert listed_act("（八）利用公路附属设施悬挂牌匾，拴牲畜", "第三十条 禁止下列行为：") is not None
    assert listed_act("（八）利用公路附属设施悬挂牌匾，拴牲畜") is not None        # a flat text: no lead-in known
