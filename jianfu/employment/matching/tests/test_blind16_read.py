"""Session 16 (emp-read16): blind16 read after its one run — a certificate got at the medical on joining, a stool, home
outwork fetched from a workshop, a child fetched at a time, a window of hours said as when one can work, and shifts
written one or the other (issue 8). Own sentences, none of blind16's rows verbatim."""

import contextlib
import io

import pytest

from jianfu.employment.matching import Gazetteer, Job, Matcher, Seeker, hours
from jianfu.employment.matching import evaluate as ev
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.features import job_occupations
from jianfu.employment.matching.parse import infer_job_demands, parse_required_certificates, works_at_home

GAZ = Gazetteer.builtin()


def _first_busy(text: str) -> float:
    """The first half-hour after noon a seeker cannot work."""
    busy = hours.seeker_busy(text)
    return min(k / 2 for k in range(24, hours.SLOTS) if busy >> k & 1)


# ------------------------------------------------------------------------------------------------ certificates


@pytest.mark.parametrize(
    ("text", "required", "preferred"),
    [
        ("健康证（入职体检后办）", set(), {"健康证"}),
        ("健康证(入职体检时办理)", set(), {"健康证"}),
        ("健康证（上岗体检后补办）", set(), {"健康证"}),
        ("健康证", {"健康证"}, set()),  # no wording: required, as before
        (
            "健康证（入职前须体检合格）",
            {"健康证"},
            set(),
        ),  # a medical passed before joining gets no card later
    ],
)
def test_a_certificate_got_at_the_medical_on_joining_is_not_required(text, required, preferred):
    assert parse_required_certificates(text) == (frozenset(required), frozenset(preferred))


def test_a_seeker_without_a_health_card_is_offered_a_post_that_gets_it_at_the_joining_medical():
    seeker = Seeker(id="S1", age=30, residence="廉州镇某社区", desired="食品厂普工", places="县城")
    post = Job(
        id="J1",
        title="食品包装工",
        place="廉州镇",
        age="18-45岁",
        certificates="健康证（入职体检后办）",
        description="装袋封口，坐着干",
    )
    strict = Job(
        id="J2",
        title="食品包装工",
        place="廉州镇",
        age="18-45岁",
        certificates="健康证",
        description="装袋封口，坐着干",
    )
    assert violations(seeker, post, GAZ) == []
    assert violations(seeker, strict, GAZ) == ["certificate"]
    assert [
        r.job_id for r in Matcher(jobs=[post, strict], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)
    ] == ["J1"]


# ------------------------------------------------------------------------------------------------ seated work


@pytest.mark.parametrize(
    ("title", "text", "standing"),
    [
        ("剥虾工", "剥虾去壳，坐小板凳干，早上5点开工", False),
        ("开蚝工", "坐小凳开蚝，计件", False),
        ("剥虾工", "剥虾去壳，早上5点开工", True),  # nothing said of sitting: the trade's usual standing
        # home outwork: the trade's usual standing is not asked, standing stated stays, a line stands
        ("包装工（外发）", "到村里加工点领料回家装袋，按件计", False),
        ("包装工（外发）", "在加工点站着装袋，不能带回家做", True),
        ("包装工", "流水线装袋，可领料回家做", True),
    ],
)
def test_a_stool_and_home_outwork_ask_no_standing(title, text, standing):
    job = Job(id="J", title=title, description=text)
    assert ("STANDING" in infer_job_demands(f"{title} {text}", job_occupations(job))) is standing


@pytest.mark.parametrize(
    ("text", "at_home"),
    [
        ("到社区加工点领料回家做，交货结账", True),
        ("材料拿回家缠好装袋再送回来", True),
        ("可以拿材料回去穿珠子", True),
        ("领回家加工", True),  # as before
        ("领料后在车间做，不能拿回家做", False),
        ("下班拿回家吃饭", False),
    ],
)
def test_home_outwork_fetched_from_a_workshop_is_read(text, at_home):
    assert works_at_home(text) is at_home


def test_a_mother_who_can_only_work_at_home_is_offered_outwork_fetched_in_her_town():
    seeker = Seeker(
        id="S1",
        age=31,
        residence="廉州镇某社区",
        desired="手工活",
        places="县城",
        notes="孩子小，只能在家做，腿不好",
    )
    outwork = Job(
        id="J1",
        title="饰品串珠（外发）",
        place="廉州镇",
        age="16-65岁",
        description="到加工点领料回家串珠，按件计钱",
    )
    workshop = Job(id="J2", title="饰品串珠", place="廉州镇", age="16-65岁", description="在车间串珠，坐着干")
    assert violations(seeker, outwork, GAZ) == []
    assert violations(seeker, workshop, GAZ) == ["place"]
    assert [
        r.job_id for r in Matcher(jobs=[outwork, workshop], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)
    ] == ["J1"]


# ------------------------------------------------------------------------------------------------ hours


@pytest.mark.parametrize(
    ("said", "first_busy"),
    [
        ("下午4点半要接孩子", 16.5),  # free until the time she fetches the child
        ("每天下午5点要去学校接孙子", 17.0),
        ("下午5点前要去学校接孩子", 16.5),  # "前": gone before the time
        ("下午6点前要接小孩", 17.5),  # as before
        ("下午5点要回家做饭", 16.5),  # going home to cook: half an hour to get there, as before
        ("早上9点以后、下午5点以前可以上班", 17.0),  # a window said as the hours one can work
        ("8点后到5点前都有空", 17.0),
    ],
)
def test_the_end_of_a_seekers_day_is_read(said, first_busy):
    assert _first_busy(said) == first_busy


def test_a_window_said_as_the_hours_one_can_work_starts_the_day_too():
    busy = hours.seeker_busy("早上9点以后、下午5点以前可以上班")
    assert [k / 2 for k in range(8, 20) if busy >> k & 1] == [
        4.0,
        4.5,
        5.0,
        5.5,
        6.0,
        6.5,
        7.0,
        7.5,
        8.0,
        8.5,
    ]


def test_a_mother_who_fetches_her_child_at_half_past_four_is_offered_a_shift_ending_then():
    seeker = Seeker(
        id="S1", age=33, residence="廉州镇某社区", desired="进厂", places="县城", notes="下午4点半要接孩子"
    )
    fits = Job(id="J1", title="普工", place="廉州镇", age="18-45岁", description="坐着组装，8:00-16:30")
    late = Job(id="J2", title="普工", place="廉州镇", age="18-45岁", description="坐着组装，8:00-17:00")
    assert violations(seeker, fits, GAZ) == []
    assert violations(seeker, late, GAZ) == ["hours"]
    assert [
        r.job_id for r in Matcher(jobs=[fits, late], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)
    ] == ["J1"]


@pytest.mark.parametrize(
    ("text", "ranges", "alternatives", "night"),
    [
        ("客服，8:30-17:30或者14:00-23:00", ((8.5, 17.5), (14.0, 23.0)), True, False),
        ("理货，7:00-15:00或15:00-23:00", ((7.0, 15.0), (15.0, 23.0)), True, False),
        ("理货，两班倒7:00-15:00或15:00-23:00", ((7.0, 15.0), (15.0, 23.0)), False, True),  # rotating: both
        ("理货，7:00-15:00、15:00-23:00", ((7.0, 15.0), (15.0, 23.0)), False, True),  # a split day, as before
        ("保安，20:00-8:00或者22:00-6:00", ((20.0, 32.0), (22.0, 30.0)), True, True),  # no day shift offered
    ],
)
def test_shifts_written_one_or_the_other_are_alternatives(text, ranges, alternatives, night):
    stated = hours.job_hours(text)
    assert (stated.ranges, stated.alternatives) == (ranges, alternatives)
    assert ("NIGHT" in infer_job_demands(text)) is night


def test_a_day_only_seeker_may_take_a_post_whose_shifts_include_a_day_one():
    seeker = Seeker(
        id="S1", age=35, residence="山口镇某村", desired="超市收银", places="本镇", notes="只能白班"
    )
    choice = Job(
        id="J1", title="收银员", place="山口镇", age="18-45岁", description="收银，8:00-16:00或者15:00-23:00"
    )
    rota = Job(
        id="J2",
        title="收银员",
        place="山口镇",
        age="18-45岁",
        description="收银，两班倒8:00-16:00/15:00-23:00",
    )
    assert violations(seeker, choice, GAZ) == []
    assert violations(seeker, rota, GAZ) == ["limits:NIGHT"]
    assert [
        r.job_id for r in Matcher(jobs=[choice, rota], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)
    ] == ["J1"]


def test_blind16_after_its_reading():
    with contextlib.redirect_stdout(io.StringIO()):
        seekers, jobs, qrels = ev.load_split("blind16")
    m = Matcher(jobs=jobs, seekers=seekers, gazetteer=GAZ, year=ev.EVAL_YEAR)
    rows = ev.summary(ev.per_query(ev.matcher_ranker(m), qrels))
    # the lead's run 0.86259 / 0.86526; after the first readings 0.90190 / 0.90336; after the scope ceiling and walking
    # 0.90594 / 0.90716; emp-dev16b: a front desk is desk work to a clerk, 农家书屋 is a village post: 0.91438 / 0.91340;
    # emp-read19: conditions written in a posting's benefits (0.91405 / 0.91340) and the plant a post's employer names
    # (R-J060, R-J076 at a 线材制品 firm read as electronics, R-J130 at a 印刷店); session 21 (emp-dev21): a posting's
    # seekers ordered for sight as a seeker's jobs are (0.91337 / 0.91373)
    assert (round(rows["seekers"][0], 5), round(rows["jobs"][0], 5)) == (0.91337, 0.91373)


# ------------------------------------------------------------------------------------------------ places, walking


@pytest.mark.parametrize(
    ("places", "notes", "level"),
    [
        ("本镇", "老人卧床，不能出远门", 1),  # a ceiling said beside the town: the town
        ("本镇", "不去外地", 1),
        ("哪里都行", "不要出省", 4),  # a wider wish is capped
        ("", "不要出省", 4),  # said alone: the scope it leaves, as before
        ("", "不去外地", 2),
    ],
)
def test_a_scope_said_not_to_be_left_caps_and_widens_nothing(places, notes, level):
    home = GAZ.resolve("闸口镇")
    assert GAZ.acceptable(places, home=home, notes=notes)[0] == level


def test_a_seeker_who_cannot_go_far_is_not_sent_to_another_town():
    seeker = Seeker(
        id="S1", age=50, residence="闸口镇", desired="手工活", places="本镇", notes="老人卧床，不能出远门"
    )
    near = Job(id="J1", title="串珠手工", place="闸口镇", description="坐着串珠")
    far = Job(id="J2", title="串珠手工", place="石康镇", description="坐着串珠")
    assert violations(seeker, near, GAZ) == []
    assert violations(seeker, far, GAZ) == ["place"]
    assert [
        r.job_id for r in Matcher(jobs=[near, far], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)
    ] == ["J1"]


@pytest.mark.parametrize(
    ("text", "standing"),
    [
        ("村级协管员，入户走访，骑车走村", True),
        ("社区网格员，步行巡查楼道", True),
        ("村级协管员，在村委坐班登记台账", False),
    ],
)
def test_walking_rounds_keep_the_worker_on_their_feet(text, standing):
    assert ("STANDING" in infer_job_demands(text)) is standing


def test_a_seeker_who_walks_with_difficulty_is_not_sent_on_rounds():
    seeker = Seeker(
        id="S1", age=42, residence="党江镇", desired="村里坐班的活", places="本镇", notes="行走不便"
    )
    desk = Job(id="J1", title="村级协管员", place="党江镇", description="在村委坐班登记台账")
    rounds = Job(id="J2", title="村级协管员", place="党江镇", description="入户走访，骑车走村")
    assert violations(seeker, desk, GAZ) == []
    assert violations(seeker, rounds, GAZ) == ["limits:STANDING"]
    assert [
        r.job_id for r in Matcher(jobs=[desk, rounds], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)
    ] == ["J1"]


def test_why_recommended_says_a_day_shift_may_be_chosen():
    seeker = Seeker(
        id="S1",
        age=35,
        residence="山口镇某村",
        desired="超市收银",
        places="本镇",
        notes="只能白班，下午5点要接孩子",
    )
    post = Job(
        id="J1", title="收银员", place="山口镇", age="18-45岁", description="收银，8:00-16:00或者15:00-23:00"
    )
    rec = Matcher(jobs=[post], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)[0]
    assert "班次可选，可上白班（符合“只能白班”）" in rec.met
    assert "岗位班次可选（8:00–16:00、15:00–23:00），其中 8:00–16:00 不与“下午5点要接孩子”冲突" in rec.met
    assert not any(phrase.startswith(("不上夜班", "岗位工作时间")) for phrase in rec.met)
