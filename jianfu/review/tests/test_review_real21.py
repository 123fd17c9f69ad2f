"""Session 21 (branch review-real21): real_blind13, the eighth labeller's set, read after its one run. General readings
for the kinds of its errors, each with short sentences written here (not the set's rows) and the look-alikes that must
stay silent or keep their finding. docs/review.md "Session 21 (branch review-real21): real_blind13 read after its one
run"."""

import pytest

from jianfu.review.engine import review_text
from jianfu.review.engine.context import amended_away

# a provincial department's notice to the cities and counties
TITLE = "关于做好2029年重点工作的通知\n各市（含定州、辛集市）教育局：\n一、"
# a county government's decision amending its own earlier documents
AMENDING_TITLE = "某县人民政府关于修改部分规范性文件的决定\n各乡镇人民政府，县直有关部门：\n"
# a department's notice announcing the results of a contest it ran
RESULTS_TITLE = "某省农业农村厅关于乡村文化作品征集评选情况的通报\n各市农业农村局：\n"


def rules_fired(sentence: str, title: str = TITLE) -> list[str]:
    return sorted(f.rule_id for f in review_text(title + sentence).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the old words quoted to be replaced impose nothing; the new ones are judged (here no burden in them)
        (
            "1.将“四、保障措施”中的“县里对各乡镇实行月通报、季排名制度。”修改为“县里每年对各乡镇工作进行一次综合评价。”",
            [],
        ),
        # the new words after 修改为 are the demand and keep their finding
        (
            "2.将第八条中的“各乡镇每年报送一次工作总结”修改为“各乡镇每月5日前报送上月工作进展”。",
            ["BR-INS-08"],
        ),
        # words deleted are quoted to be removed
        ("3.删去第十条中的“各村每周上传工作照片作为考核依据”。", []),
        # old words running over two sentences of one item: the second has no marker of its own
        (
            "4.将“五、组织实施”中的“县减负办建立月调度制度。对进度滞后的乡镇，约谈其主要负责同志；”修改为“县减负办加强对乡镇"
            "工作的指导。”",
            [],
        ),
        # a quoted name after 将 amends nothing: the demand stays
        ("5.将“河长制”落实情况纳入乡镇年度综合考核。", ["BR-INS-12"]),
    ],
)
def test_an_amendment_quotes_the_words_it_replaces(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence, AMENDING_TITLE) == expected


def test_the_old_words_end_at_their_closing_quote() -> None:
    text = "将第三条中的“各村每月报送台账”修改为“各村每月报送台账和照片”。"
    old, new = text.index("每月报送台账"), text.rindex("每月报送台账")
    assert amended_away(text, old, old + 6) is not None
    assert amended_away(text, new, new + 6) is None
    # a quotation nested in the old words does not close them early
    nested = "将第二条中的“开展“清洁村庄”评比，每月通报排名”删除。"
    hit = nested.index("每月通报")
    assert amended_away(nested, hit, hit + 4) is not None
    # an opener with no part amended and no amending verb after the quote is no amendment
    plain = "将“一周一报”制度推广到全县各村。"
    assert amended_away(plain, 2, 6) is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a selection already made, its winners listed in the attachment
        ("根据各地组织情况，评出优秀组织奖5个（名单详见附件）。", []),
        ("本次征集共评选出优秀组织奖8名，获奖名单附后。", []),
        # a selection still to be held keeps its finding
        ("活动结束后评选出优秀组织奖若干名，予以通报表扬。", ["BR-DEMO-05"]),
        # and a demand to select, even with a list form attached
        ("各市要评选出优秀组织奖3名，推荐名单见附件格式。", ["BR-DEMO-05"]),
    ],
)
def test_results_announced(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence, RESULTS_TITLE) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the leaders of lagging cities or counties talked to
        ("对工作落实不到位、进度慢的县（市、区），由市政府分管领导进行约谈。", ["BR-INS-04"]),
        ("对推进不力的乡镇，县委督查室对其主要负责同志进行督导谈话。", ["BR-INS-04"]),
        # an individual cadre's talk, an enterprise's, and a talk forbidden are not
        ("对履职不到位的村干部，由乡镇党委进行提醒谈话。", []),
        ("对整改不到位的企业，约谈其主要负责人。", []),
        ("不得对进度慢的乡镇进行约谈。", []),
        # a talk joined with a circulation stays the circulation's finding (BR-INS-16, one burden one finding)
        ("对落实不到位的县（市、区），予以约谈、通报。", ["BR-INS-16"]),
    ],
)
def test_talks_with_lagging_localities(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a batch or a count of 示范 schools, villages or townships to be made
        ("打造一批乡村学校劳动教育示范校。", ["BR-DEMO-01"]),
        ("每个县培育2个美丽乡村示范村。", ["BR-DEMO-01"]),
        # 示范 enterprises, bases and projects are not grassroots units; a national title is approved
        ("打造一批数字化转型示范企业。", []),
        ("培育一批乡村振兴示范项目。", []),
        ("建设一批中小学劳动教育实践基地。", []),
        ("创建一批国家级文明示范村。", []),
    ],
)
def test_demonstration_units_to_be_made(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


def test_a_heading_that_names_an_assessment_stays_silent() -> None:
    # left as it was (docs/review.md): a heading naming its part, with no indicator, rhythm, materials or ranking of its
    # own, reads as the guide's generic supervision; the part's measures are judged in their own sentences
    assert rules_fired("第二部分，加强对乡镇落实惠民政策的考核和督导。") == []
    assert rules_fired("将惠民政策落实情况纳入对县（市、区）政府的年度考核。") == ["BR-INS-12"]
