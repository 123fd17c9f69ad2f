"""Session 21 (branch review-dev21): what blind17's and real_blind12's reading left. Each reading with sentences written
here (not a corpus clause), a sentence that must fire and its look-alikes. docs/review.md "Session 21 (review-dev21)"."""

import pytest

from jianfu.review.engine import realdocs, review_text
from jianfu.review.engine.adjudication import adjudicated_groups, load_adjudications

# a city or county office's notice to the levels below
TITLE = "关于做好2031年下半年重点工作的通知\n各乡镇人民政府，县直有关单位：\n一、"
FLOOD_TITLE = "关于做好2031年防汛工作的通知\n各乡镇人民政府，县直有关单位：\n一、"


def rules_fired(sentence: str, title: str = TITLE) -> list[str]:
    return sorted(f.rule_id for f in review_text(title + sentence).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 1. a platform that sends the case down (派至, 派单, 推送 …) names who dispatches the work, not the channel of the
        # photos the handler uploads: with no channel of their own the photos are no app's demand (BR-APP-04)
        (
            "涉及占道经营的工单，县热线平台一律按属地派至所在社区办理，社区须在24小时内到现场处置并上传处置照片，"
            "逾期未办结的计入社区年度考核。",
            ["BR-DUTY-01", "BR-INS-12"],
        ),
        ("县热线平台按属地派单至乡镇，乡镇须在24小时内上传现场照片。", []),
        # look-alikes: the photos go back into the platform, or through a named app
        ("县热线平台将工单派至所在村（社区），村（社区）须在平台上传处置照片。", ["BR-APP-04"]),
        ("县热线平台按属地派单至乡镇，乡镇须在24小时内通过“随手拍”APP上传现场照片。", ["BR-APP-04"]),
        ("各村每日在平台上传整改照片。", ["BR-APP-04", "BR-INS-05"]),
    ],
)
def test_a_dispatching_platform_is_not_the_photos_channel(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 2. a meeting's own photos and records as proof stay the meeting's (BR-MTG-06, MTG alone, as the writers label
        # them); a meeting record listed with an activity's or a visit's records and photos is that work's evidence
        ("各村召开党员大会后，须将会议记录和照片于3日内报乡镇党委备查。", ["BR-MTG-06"]),
        ("各村召开“两委”例会后，须拍摄参会照片发至乡镇工作群。", ["BR-MTG-06"]),
        # a meeting widened to the villages whose photos are its sign-in: MTG alone, no evidence-of-work finding beside
        (
            "全县推进会视频开到村，各村党组织书记须在村级分会场收看，并拍摄参会照片上传签到。",
            ["BR-MTG-02", "BR-MTG-06"],
        ),
        ("各村的会议记录、走访记录、环境整治照片统一在小程序中上传。", ["BR-APP-04"]),
        (
            "各村开展志愿服务活动须留存签到表、活动照片和会议记录，按月报乡镇备查。",
            ["BR-INS-05", "BR-INS-08"],
        ),
    ],
)
def test_meeting_photos_and_records(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 3. localities scored, then ranked by the score, a bulletin's name between (BR-INS-04)
        ("县委督查室对各乡镇重点工作落实情况量化打分，在《督查专报》上按得分排名。", ["BR-INS-04"]),
        ("县委督查室对各乡镇重点工作落实情况量化打分，得分情况在《督查通报》中予以排名。", ["BR-INS-04"]),
        ("县委督查室对各乡镇重点工作落实情况量化打分，按得分排名。", ["BR-INS-04"]),
        # look-alikes: no ranking, a ranking refused, entries of a contest ranked
        ("县委督查室对各乡镇重点工作落实情况量化打分，得分不排名、不通报。", []),
        ("评委对参赛作品现场打分，按得分排名评出一二三等奖。", []),
    ],
)
def test_a_ranking_read_across_a_bulletins_name(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 4. a share of a task's cost on the townships or villages, with no upper level's share written: the cost pushed
        # down in part (BR-DUTY-05)
        ("入户核查所需经费乡镇承担40%。", ["BR-DUTY-05"]),
        ("入户核查所需经费由各乡镇承担30%。", ["BR-DUTY-05"]),
        ("入户核查所需经费乡镇承担40%，村级承担60%。", ["BR-DUTY-05"]),
        # look-alikes: the county's share written beside it (a split, funds sent down with the task), a ratio, a ban
        ("入户核查所需经费县财政承担60%，乡镇承担40%。", []),
        ("入户核查所需经费由乡镇承担40%，其余由县财政承担。", []),
        ("县财政补助60%，其余由各村自行筹措。", []),
        ("入户核查所需经费由县、乡镇按1:1比例分担。", []),
        ("入户核查所需经费由县财政全额保障，不得要求乡镇承担。", []),
        # session 21 (fix-cr21a): the 区 of 社区 or 城区 and the 市 of 城市 name no level's share
        ("入户核查所需经费由社区承担40%。", ["BR-DUTY-05"]),
        ("入户核查所需经费由村（社区）承担30%。", ["BR-DUTY-05"]),
        ("入户核查所需经费由城区各社区承担30%。", ["BR-DUTY-05"]),
        ("入户核查所需经费由城市社区承担30%。", ["BR-DUTY-05"]),
        ("入户核查所需经费由区级财政承担60%，社区承担40%。", []),
        ("入户核查所需经费区财政承担70%，社区承担30%。", []),
    ],
)
def test_a_share_of_the_cost_without_the_countys(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 5. a flood season's work plan drafted below and filed upward is a supporting plan (review-labelling.md's finding
        # list), not one of the regime's own plans; the plans the flood and emergency regime requires stay silent
        ("各乡镇要制定汛期防汛工作方案，5月31日前报县防汛抗旱指挥部备案。", ["BR-DOC-03"]),
        ("各乡镇要结合实际制定防汛工作实施方案，报县防指备案。", ["BR-DOC-03"]),
        ("各乡镇要制定防汛抢险应急预案和危险区群众转移避险方案，报县防指备案。", []),
        ("各乡镇要制定防御洪水方案，报县防指备案。", []),
        ("各乡镇要制定洪水调度方案，报县防指备案。", []),
        ("各乡镇要制定防汛工作方案。", []),
    ],
)
def test_a_flood_seasons_work_plan_filed_upward(sentence: str, expected: list[str]) -> None:
    assert rules_fired(sentence, FLOOD_TITLE) == expected


def test_real_blind12_adjudicated_rows() -> None:
    # 6. real_blind12's 0801:746 (a 解读 sentence describing the assessment system the sentence before imposes) is
    # adjudicated 1 -> 0; 0329:1368 and 0414:2984 are not (the guide's words do not decide them): their labels stand
    labels = realdocs.load_labels(realdocs.label_path("real_blind12"))
    corrected = adjudicated_groups("real_blind12", labels, load_adjudications())
    assert corrected == {("hebei-dev-0801", 746): frozenset()}
    disputed = {
        (label.doc_id, label.start): label.groups
        for label in labels
        if (label.doc_id, label.start)
        in {("hebei-dev-0801", 746), ("hebei-dev-0329", 1368), ("hebei-dev-0414", 2984)}
    }
    assert disputed == {
        ("hebei-dev-0801", 746): frozenset({"INS"}),
        ("hebei-dev-0329", 1368): frozenset({"INS"}),
        ("hebei-dev-0414", 2984): frozenset({"DOC"}),
    }


def test_a_programming_error_in_the_docx_reader_is_not_a_corrupt_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 7. (session 21, fix-cr21a) only what python-docx, lxml and zipfile raise on a malformed file reads as "文件已损坏";
    # a bug in the reader surfaces as itself
    import io

    import docx

    from jianfu.review.engine import readers
    from jianfu.review.engine.errors import ReviewInputError

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("各乡镇每月报送一次工作总结。")
    document.save(buffer)
    assert [p.text for p in readers.read_bytes(buffer.getvalue(), "通知.docx").paragraphs] == [
        "各乡镇每月报送一次工作总结。"
    ]

    def broken(*_args: object, **_kwargs: object) -> list[object]:
        raise TypeError("a bug")

    monkeypatch.setattr(readers, "_docx_body_paragraphs", broken)
    with pytest.raises(TypeError, match="a bug"):
        readers.read_bytes(buffer.getvalue(), "通知.docx")

    def malformed(*_args: object, **_kwargs: object) -> list[object]:
        raise ValueError("invalid literal for int() with base 10: 'x'")

    monkeypatch.setattr(readers, "_docx_body_paragraphs", malformed)
    with pytest.raises(ReviewInputError) as refused:
        readers.read_bytes(buffer.getvalue(), "通知.docx")
    assert refused.value.code == "corrupt"
