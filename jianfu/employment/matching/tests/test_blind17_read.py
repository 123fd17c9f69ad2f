"""Session 17 (emp-read17): blind17 read after its one run — a day shift wished for, not asked ("最好白班"); nights not
wanted ("不想上夜班"); customer service by typed replies asks no hearing, answering the phone ("接电话") does; a
town's limit bound to the people it stands before ("限本镇…或…毕业生"); a wish to sit the 编制 exams ("考编", "考村官")
and "教书" read as trades, and a wish for a bank ("银行、国企都想去") as bank work (issue 8). Own sentences, none of blind17's rows verbatim."""

import contextlib
import io

import pytest

from jianfu.employment.matching import Gazetteer, Job, Matcher, Seeker
from jianfu.employment.matching import evaluate as ev
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.features import job_occupations, seeker_occupations
from jianfu.employment.matching.parse import (
    NO_LOCAL_LIMIT,
    infer_job_demands,
    infer_seeker_limits,
    local_restriction,
)

GAZ = Gazetteer.builtin()


# ------------------------------------------------------------------------------------------------ day shifts


@pytest.mark.parametrize(
    ("text", "night"),
    [
        ("想做护理，最好白班", False),
        ("尽量上白班", False),
        ("白班优先，家里近", False),
        ("最好白班，不能上夜班", True),  # a limit said beside the wish still limits
        ("只能白班", True),
        ("白班", True),  # as before: a day shift named alone is the limit
        ("不想上夜班", True),
        ("不愿意倒班", True),
        ("夜班也行", False),
    ],
)
def test_a_day_shift_wished_for_is_no_limit_and_nights_not_wanted_are(text, night):
    assert ("NIGHT" in infer_seeker_limits(text)) is night


def test_a_seeker_who_would_rather_work_days_is_still_offered_a_rotation():
    seeker = Seeker(id="S1", age=24, residence="廉州镇某社区", desired="护士，最好白班", places="县城",
                    certificates="护士执业资格证")
    rota = Job(id="J1", title="病区护士", place="廉州镇", age="20-35岁", certificates="护士执业资格证",
               description="住院部护理，三班倒")
    strict = Seeker(id="S2", age=24, residence="廉州镇某社区", desired="护士", places="县城",
                    certificates="护士执业资格证", notes="不想上夜班")
    assert violations(seeker, rota, GAZ) == []
    assert violations(strict, rota, GAZ) == ["limits:NIGHT"]
    assert [r.job_id for r in Matcher(jobs=[rota], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)] == ["J1"]
    assert Matcher(jobs=[rota], seekers=[strict], gazetteer=GAZ).jobs_for(strict) == []


# ------------------------------------------------------------------------------------------------ hearing


@pytest.mark.parametrize(
    ("title", "text", "hearing"),
    [
        ("网店客服", "网店客服 淘宝店文字回复顾客，坐班", False),
        ("售后客服", "售后客服 打字回复，白天班", False),
        ("售后客服", "售后客服 打字回复，也要接听电话", True),  # a phone said beside it keeps it
        ("售后客服", "售后客服 处理退换货", True),  # the trade's usual phone, as before
        ("办公室文员", "办公室文员 接电话、登记来访、做表", True),
        ("办公室文员", "办公室文员 做表、录入", False),
    ],
)
def test_typed_replies_ask_no_hearing_and_answering_the_phone_does(title, text, hearing):
    codes = job_occupations(Job(id="J", title=title, description=text))
    assert ("HEARING" in infer_job_demands(text, codes)) is hearing


def test_a_deaf_graduate_is_offered_typed_customer_service_and_not_a_phone_desk():
    seeker = Seeker(id="S1", age=23, residence="廉州镇某社区", desired="客服、录入", places="县城",
                    notes="听力残疾二级，不能打电话")
    typed = Job(id="J1", title="网店客服", place="廉州镇", age="18-35岁", description="文字回复顾客，白班")
    phone = Job(id="J2", title="办公室文员", place="廉州镇", age="18-35岁", description="接电话、登记来访、做表")
    assert violations(seeker, typed, GAZ) == []
    assert violations(seeker, phone, GAZ) == ["limits:HEARING"]
    assert [r.job_id for r in Matcher(jobs=[typed, phone], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)] == ["J1"]


# ------------------------------------------------------------------------------------------------ a town's limit


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("公益性岗位，限本镇就业困难人员或离校两年内的高校毕业生", NO_LOCAL_LIMIT),
        # people of another kind beside a group ("退捕渔民家属"), as `posting_groups` reads them: not bound to the town
        ("限本乡脱贫劳动力或者退捕渔民家属", NO_LOCAL_LIMIT),
        ("限本镇脱贫劳动力或就业困难人员", 1),  # groups side by side: both the town's, as before
        ("限本镇户籍或在本镇居住满一年的人员", 1),  # the town named again
        ("限本镇就业困难人员", 1),
    ],
)
def test_a_towns_limit_binds_the_people_it_stands_before(text, level):
    assert local_restriction(text) == level


def test_a_graduate_from_another_town_may_take_a_post_for_the_towns_hard_to_place_or_graduates():
    seeker = Seeker(id="S1", age=22, residence="白沙镇", desired="文员", places="县内", category="未就业高校毕业生")
    post = Job(id="J1", title="乡镇综合文员（公益性岗位）", place="石湾镇", age="18-45岁",
               description="整理资料、录入，限本镇就业困难人员或离校两年内的高校毕业生")
    town_only = Job(id="J2", title="乡镇综合文员（公益性岗位）", place="石湾镇", age="18-45岁",
                    description="整理资料、录入，限本镇户籍")
    assert violations(seeker, post, GAZ) == []
    assert violations(seeker, town_only, GAZ) == ["local"]
    assert [r.job_id for r in Matcher(jobs=[post, town_only], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)] \
        == ["J1"]


# ------------------------------------------------------------------------------------------------ 考编 and 教书


@pytest.mark.parametrize(
    ("wish", "code"),
    [
        ("在准备考编，先找个过渡的", "3-01-02"),
        ("想考村官", "3-01-02"),
        ("考公，体制内的都行", "3-01-02"),
        ("回老家教书", "2-08-02"),
        ("银行或者国企都行", "4-05-01"),
    ],
)
def test_the_exam_wish_and_teaching_are_read_as_trades(wish, code):
    assert code in [c for c, _ in seeker_occupations(Seeker(id="S", desired=wish))]


def test_a_graduate_sitting_the_exams_is_offered_the_village_clerks_post_first():
    seeker = Seeker(id="S1", age=25, education="本科", residence="山口镇", desired="在准备考编，先找个过渡的",
                    places="县内", notes="行政管理专业")
    village = Job(id="J1", title="村务工作者（储备）", place="山口镇", age="18-35岁", education="大专",
                  description="协助村两委整理台账、入户登记")
    line = Job(id="J2", title="电子厂普工", place="山口镇", age="18-45岁", description="流水线组装，长白班")
    assert job_occupations(village)[0] == "3-01-02"
    assert [r.job_id for r in Matcher(jobs=[village, line], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)][0] \
        == "J1"


# ------------------------------------------------------------------------------------------------ the split


def test_blind17_after_its_reading():
    with contextlib.redirect_stdout(io.StringIO()):
        seekers, jobs, qrels = ev.load_split("blind17")
    m = Matcher(jobs=jobs, seekers=seekers, gazetteer=GAZ, year=ev.EVAL_YEAR)
    rows = ev.summary(ev.per_query(ev.matcher_ranker(m), qrels))
    # first run (the session's starting code): 0.76674 / 0.81024; after its reading 0.83496 / 0.86522; emp-read18's
    # certificates of 保育员, 面点师, 农机 and 挖掘机 (a seeker without one is no longer offered a post asking it): 0.84413;
    # emp-wide20's soft wishes ("最好长白班" lowers a night post, refuses nothing): 0.84432; emp-read21's 网约车 licence read
    # as a certificate, so "网约车资格证（公司协助办）" no longer makes the C1 beside it optional (J099 leaves four seekers
    # without a licence): 0.84492; emp-read31's 教师资格证 学段/学科 and 政治面貌 (S03, "小学教师资格证（语文）" and a 预备党员,
    # 0.576 → 0.878; S12, a 共青团员, 0.738 → 0.801): 0.85405 / 0.86774; fixcr35a (a past stay names no place: S09, S14,
    # S15, S19 "从广东/广州/东莞/佛山回来" no longer name where they came back from): postings 0.86774 → 0.87067;
    # emp-read35's selling refused (S14, "不想做销售", is no longer offered J043 家电导购, "3500+提成"): seekers
    # 0.85405 → 0.85529
    assert (round(rows["seekers"][0], 5), round(rows["jobs"][0], 5)) == (0.85529, 0.87067)
