"""Session 32 (branch review-mend32): the engine reads session 32's adjudicated lines 8 and 9 (corpus/DATA_CARD.md,
"Adjudication (session 32)") generally — a ranger's plain patrol track is the ranger's own job in any season, and a
station's 标准化 / 规范化 建设 met by a deadline is no creation. Each reading beside look-alikes written here (not the
corpus's rows) that must keep their finding. docs/review.md "Session 32 (branch review-mend32)"."""

import pytest

from jianfu.review.engine import load_catalogue, review_text
from jianfu.review.engine.corpus import load_split
from jianfu.review.engine.evaluate import predict

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
        ("村医每天巡河并通过小程序上传巡河轨迹。", ["BR-APP-04"]),
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


def test_dev_d084_a_rangers_plain_real_time_track_is_silent() -> None:
    """dev D084 (a ranger's plain real-time track, adjudicated 0 in session 32) is no longer read as BR-APP-04."""
    d084 = next(i for i in load_split("dev") if i.id == "D084")
    assert predict(d084, load_catalogue()) == set()
