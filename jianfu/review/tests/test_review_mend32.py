"""Session 32 (branch review-mend32): the engine reads session 32's adjudicated lines 8 and 9 (corpus/DATA_CARD.md,
"Adjudication (session 32)") generally — a ranger's plain patrol track is the ranger's own job in any season, and a
station's 标准化 / 规范化 建设 met by a deadline is no creation. Each reading beside look-alikes written here (not the
corpus's rows) that must keep their finding. docs/review.md "Session 32 (branch review-mend32)"."""

import pytest

from jianfu.review.engine import load_catalogue, review_text
from jianfu.review.engine.corpus import load_split
from jianfu.review.engine.evaluate import evaluate, predict

# a county body's notice to its townships on everyday patrols (no fire or flood instrument in the title)
TITLE = "关于加强林区和河道日常巡护管理的通知\n各乡镇人民政府：\n一、"


def rules_fired(sentence: str, title: str = TITLE) -> list[str]:
    return sorted(f.rule_id for f in review_text(title + sentence).findings)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a ranger's plain track, kept by a terminal or an app, daily or in real time, no season or a season at large: silent
        ("护林员每天巡山时用巡护终端记录行走轨迹，当天上传。", []),
        ("巡河员巡河时须开启手机轨迹记录，巡河轨迹实时同步至河长制APP。", []),
        ("巡护员每日巡护时通过巡护终端记录巡护轨迹，轨迹数据自动传至县林业局。", []),
        ("森林防火期内，护林员巡山轨迹每日上传巡护APP。", []),
        # a floor on the track makes it a quota
        ("护林员每天巡山轨迹须达到8公里以上，并实时上传巡护APP。", ["BR-APP-02"]),
        # a check-in beside the track
        ("护林员每日巡山须在巡护APP打卡并上传巡山轨迹。", ["BR-APP-02", "BR-APP-04"]),
        # the same track demanded of village cadres, clinic doctors or grid workers
        ("包村干部和护林员每日巡山须开启轨迹记录并实时上传。", ["BR-APP-04"]),
        # (session 33, review-read33: the river patrol put on a village doctor is DUTY too, as dev5 D5014 is labelled)
        ("村医每天巡河并通过小程序上传巡河轨迹。", ["BR-APP-04", "BR-DUTY-01"]),
        ("网格员每日巡查时须开启轨迹记录，巡查轨迹实时上传。", ["BR-APP-04"]),
        # localities ranked, or scored in an assessment, by the upload
        ("护林员巡山轨迹每日上传，县林业局每周按乡镇通报上传情况并排名。", ["BR-APP-04", "BR-INS-04"]),
        ("护林员巡山轨迹每日上传，上传率纳入乡镇年度考核。", ["BR-APP-04", "BR-INS-12"]),
        # photos are no track: a river patroller's photos up a platform stay the app's demand
        ("巡河员巡河须开启轨迹记录，巡河照片每日上传河长制平台。", ["BR-APP-04"]),
    ],
)
def test_a_rangers_plain_track_is_his_job_a_floor_check_in_cadre_or_ranking_is_not(
    sentence: str, expected: list[str]
) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a station's or centre's standard construction by a deadline, its 达标 counted: INS (and DUTY for county plaques
        # and walls), no DEMO
        (
            "各村党群服务中心要在6月底前完成标准化建设，统一标识标牌，标准化建设达标情况纳入乡镇年度考核。",
            ["BR-DUTY-02", "BR-INS-12"],
        ),
        ("各乡镇综治中心于年底前完成规范化建设，规范化建设达标率计入平安建设考评。", ["BR-INS-12"]),
        # a title, a plaque given to those that pass, a 示范 creation or an appraisal keep DEMO
        (
            "各乡镇便民服务中心完成标准化建设后由县里验收，验收合格的授予“标准化示范中心”称号，达标情况纳入年度考核。",
            ["BR-DEMO-04", "BR-INS-12"],
        ),
        (
            "各村卫生室10月底前完成标准化建设，达标的由县卫健局授牌，建设达标率纳入乡镇年度考核。",
            ["BR-DEMO-04", "BR-INS-12"],
        ),
        ("在全县开展“规范化建设示范村”创建活动，创建达标率纳入乡镇年度考核。", ["BR-DEMO-04", "BR-INS-12"]),
        (
            "开展村卫生室规范化建设达标评比，达标情况纳入乡镇年度考核。",
            ["BR-DEMO-04", "BR-DEMO-05", "BR-INS-12"],
        ),
    ],
)
def test_a_standard_construction_met_is_no_creation_a_title_or_appraisal_is(
    sentence: str, expected: list[str]
) -> None:
    assert rules_fired(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # through a fire or flood season at large, a track made a quota (a floor, or demanded of clinic doctors) is the app's
        ("防火期内，各村护林员每天须通过巡护APP上传巡山轨迹，每日巡山里程不少于6公里。", ["BR-APP-04"]),
        ("汛期内，村医每天巡查本村河段并在“巡河通”小程序上传巡查轨迹。", ["BR-APP-04"]),
        # a declared period keeps the exemption, and a ranger's plain track in the season stays silent
        ("森林防火紧要期内，各村护林员每天须通过巡护APP上传巡山轨迹，每日巡山里程不少于6公里。", []),
        ("防汛应急响应期间，村干部每天巡堤并通过APP上传巡查轨迹。", []),
        ("汛期内，巡河员每天巡河轨迹须实时上传“河长通”APP。", []),
    ],
)
def test_a_track_made_a_quota_through_a_season_at_large_is_the_apps_a_declared_period_is_exempt(
    sentence: str, expected: list[str]
) -> None:
    assert rules_fired(sentence) == expected


def test_dev_d084_a_rangers_plain_real_time_track_is_silent() -> None:
    """dev D084 (a ranger's plain real-time track, adjudicated 0 in session 32) is no longer read as BR-APP-04."""
    d084 = next(i for i in load_split("dev") if i.id == "D084")
    assert predict(d084, load_catalogue()) == set()


def test_blind29_b29064_a_stations_standard_construction_is_duty_and_ins_and_blind29_has_no_error() -> None:
    """blind29 B29064 (a station's 五有 标准化建设 by a deadline, adjudicated DUTY + INS in session 32) is read without
    DEMO; blind29 is then without an error at group level."""
    catalogue = load_catalogue()
    b29064 = next(i for i in load_split("blind29") if i.id == "B29064")
    assert sorted(predict(b29064, catalogue)) == ["BR-DUTY-02", "BR-INS-12"]
    scores = evaluate(load_split("blind29"), catalogue)
    assert (sum(scores.tp.values()), sum(scores.fp.values()), sum(scores.fn.values())) == (82, 0, 0)
    assert scores.errors == []


def test_dev6_d6129_and_dev5_d5014_tracks_made_quotas_in_a_season_at_large_are_read_app() -> None:
    """dev6 D6129 (a ranger's track with a mileage floor through the 防火期, villages ranked: APP + INS) and dev5 D5014
    (clinic doctors' track uploads through the 汛期: DUTY + APP) now carry their APP; D5014's DUTY is read since session 33
    (review-read33: teachers or village doctors sent to guard or patrol waters, BR-DUTY-01)."""
    catalogue = load_catalogue()
    d6129 = next(i for i in load_split("dev6") if i.id == "D6129")
    d5014 = next(i for i in load_split("dev5") if i.id == "D5014")
    assert sorted(predict(d6129, catalogue)) == ["BR-APP-02", "BR-APP-04", "BR-INS-04"]
    assert sorted(predict(d5014, catalogue)) == ["BR-APP-04", "BR-DUTY-01"]
