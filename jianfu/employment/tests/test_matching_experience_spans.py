"""Years of work written as spans of dates (session 12, U04 of notes/newuser12.md): "2015-2024年在广东东莞物流园开叉车"
was read as 0.5 years (the years skipped as dates, then "做过"), so a nine-year forklift driver was told 经验不足 on
every forklift posting."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jianfu.employment.matching import Job, Matcher, Seeker
from jianfu.employment.matching.parse import EARLIEST_WORK_YEAR, _span_years, parse_experience, work_spans

YEAR = 2026
U04 = "2015-2024年在广东东莞物流园开叉车，做过仓库理货。"


@pytest.mark.parametrize(("text", "years"), [
    (U04, 9.0),
    ("2015年到2024年在物流园开叉车", 9.0),
    ("2015—2024 在东莞开叉车", 9.0),
    ("2015~2024年", 9.0),
    ("15年到24年在东莞开叉车", 9.0),
    ("98年到05年在东莞鞋厂", 7.0),
    ("2015-18年在东莞", 3.0),
    ("2018年至今在县城送快递", 8.0),
    ("2018年到现在一直开货车", 8.0),
    ("18年至今", 8.0),
    ("2019.3-2023.6在电子厂", 4.25),
    ("2019年3月至2023年6月在电子厂", 4.25),
    ("二〇一五年到二〇二四年开叉车", 9.0),
    # several spans summed, an overlap counted once
    ("2010-2012年在电子厂，2015-2018年在鞋厂", 5.0),
    ("2010-2015年在东莞，2013-2018年在深圳", 8.0),
    ("2008-2012年在东莞鞋厂，2016年至今在县里开叉车", 14.0),
    # a span and a count of the same work: the larger, never both added
    ("2015-2024年开叉车，开了九年", 9.0),
    ("2020-2022年在厂里，之前在工地干了十来年", 10.0),
    # counts as people say them
    ("干了九年", 9.0), ("十来年", 10.0), ("七八年", 7.0), ("半年", 0.5), ("三个月", 0.25), ("做过三个多月", 0.25),
    ("两年三个月", 2.25), ("一年半", 1.5), ("在药店实习10个月", 0.83),
])
def test_spans_and_counts(text, years):
    assert parse_experience(text, year=YEAR, seeker=True) == years


@pytest.mark.parametrize(("text", "years"), [
    ("1985年出生，没出去打过工", 0.0),
    ("1985年出生，在家种地", 0.0),
    ("2015年毕业", 0.0),
    ("2015年毕业，做过文员", 0.5),
    ("2024年考的叉车证", 0.0),
    ("2024年考的叉车证，还没上过班", 0.0),
    ("看到招聘要求2年以上，没做过", 0.0),
    ("厂里要求三年经验，我只干过半年", 0.5),
    ("住在幸福路2015-2024号", 0.0),
    ("家住建设路12-18号，2015-2024年在东莞开叉车", 9.0),
    ("手机13820152024", 0.0),
    ("工资2000-2500元，做过普工", 0.5),
    ("2024-05-01到的厂里", 0.0),
    ("试用期三个月", 0.0),
    ("1940-2000年种地", 0.0),                    # before any working life of a seeker under 80: not read
    ("2015-2042年", 0.0),                        # ends after the reference year: a slip, not read
    ("2024-2015年", 0.0),                        # ends before it starts
])
def test_what_is_not_years_of_work(text, years):
    assert parse_experience(text, year=YEAR, seeker=True) == years


def test_a_posting_still_asks_what_it_says():
    """"要求2年以上" is a seeker's quotation of someone else's demand, but a posting's own requirement."""
    assert parse_experience("要求2年以上") == 2.0
    assert parse_experience("要求2年以上", seeker=True) == 0.0


def test_an_open_span_needs_the_reference_year():
    """The pure core reads no clock: without `year`, "2018年至今" says some experience (0.5), no length."""
    assert parse_experience("2018年至今在县城送快递") == 0.5
    assert parse_experience("2018年至今在县城送快递", year=2030) == 12.0
    assert parse_experience("2018年至今，干了三年", year=None) == 3.0


def test_an_impossible_span_is_refused_when_strict():
    with pytest.raises(ValueError, match="工作经历的年份跨度 74 年不是可能的工作年限（最多 60 年）"):
        parse_experience("1950-2024年", strict=True)
    assert parse_experience("1950-2024年") == 0.0
    with pytest.raises(ValueError, match="工作经历的年份跨度 66 年"):
        parse_experience("1960年至今", strict=True, year=YEAR)
    assert parse_experience("1960年至今", year=YEAR) == 0.0          # not strict: no experience anyone has


_YEARS = st.integers(min_value=1900, max_value=2100)
_SEPARATORS = st.sampled_from(["-", "—", "~", "至", "到", "年到", "年-", "年至"])
_TAILS = st.sampled_from(["年", "", "年在东莞开叉车", "年，做过理货"])


@settings(max_examples=300, deadline=None)
@given(spans=st.lists(st.tuples(_YEARS, _SEPARATORS, _YEARS, _TAILS), min_size=1, max_size=4),
       opens=st.lists(_YEARS, max_size=2), reference=st.integers(min_value=1990, max_value=2100))
def test_span_years_are_never_negative_nor_beyond_a_working_life(spans, opens, reference):
    text = "，".join(f"{a}{sep}{b}{tail}" for a, sep, b, tail in spans) + "".join(f"，{y}年至今" for y in opens)
    found, _, _ = work_spans(text, year=reference)
    assert 0 <= _span_years(found) <= reference - EARLIEST_WORK_YEAR
    for a, b in found:
        assert EARLIEST_WORK_YEAR * 12 <= a <= b <= reference * 12 + 11
    assert 0 <= parse_experience(text, year=reference) <= reference - EARLIEST_WORK_YEAR


@settings(max_examples=200, deadline=None)
@given(start=st.integers(min_value=1950, max_value=2026), length=st.integers(min_value=0, max_value=40))
def test_a_closed_span_is_its_length(start, length):
    end = start + length
    if end > YEAR or length > 60:
        return
    assert parse_experience(f"{start}-{end}年在厂里", year=YEAR) == float(length)


def _forklift_job() -> Job:
    return Job(id="J1", title="叉车司机", employer="合浦物流园", education="初中", age="18-50岁", experience="2年以上",
               certificates="叉车证", wage="4000-5000", place="合浦县廉州镇", description="开叉车装卸货物，白班")


@pytest.mark.parametrize(("history", "year", "reason"), [
    (U04, YEAR, "经验满足（岗位要求2年，本人9年）"),
    ("2018年至今在物流园开叉车", YEAR, "经验满足（岗位要求2年，本人8年）"),
    ("2018年至今在物流园开叉车", None, "经验不足（岗位要求2年，本人约0.5年）"),      # no reference year: some experience only
    ("做过仓库理货", YEAR, "经验不足（岗位要求2年，本人约0.5年）"),
])
def test_u04_the_forklift_driver_is_no_longer_short_of_experience(history, year, reason):
    seeker = Seeker(id="S1", age=40, education="初中", residence="合浦县廉州镇", desired="叉车司机、仓库管理员",
                    certificates="叉车证", experience=history, wage="3500-4500", places="本镇、县内")
    recs = Matcher(jobs=[_forklift_job()], seekers=[seeker], year=year).jobs_for(seeker, top=5)
    assert [r.job_id for r in recs] == ["J1"]
    assert reason in recs[0].reasons


@pytest.mark.django_db
def test_u04_through_the_profile_form_and_the_app_matcher(world):
    """U04 end to end: the history saved through `profile_save`, the forklift posting (2年) recommended with
    "经验满足2年"; a refused history ("1950-2024年", 74 years) changes nothing."""
    from jianfu.core.errors import ApplicationError
    from jianfu.employment import matchsvc, services
    from jianfu.employment.tests.factories import TOWN, key_person_in, posting_in

    kp = key_person_in()
    posting = posting_in(TOWN, title="叉车司机", experience_years=2, certificates=["叉车证"],
                         description="开叉车装卸货物，白班", wage_min=4000, wage_max=5000)
    data = {"desired_text": "叉车司机、仓库管理员", "certificates": "叉车证", "education": "初中", "wage": "3500-4500",
            "places": ["town", "county"], "limits": ["day_only"], "experience": U04}
    profile = services.profile_save(actor=world.users["village_a"], key_person=kp, data=data)
    assert profile.experience == U04
    recs = dict((p.pk, r) for p, r in matchsvc.jobs_for(kp, top=10))
    assert "经验满足（岗位要求2年，本人9年）" in recs[posting.pk].reasons and "经验不足" not in recs[posting.pk].reasons
    with pytest.raises(ApplicationError) as exc:
        services.profile_save(actor=world.users["village_a"], key_person=kp, data={**data, "experience": "1950-2024年"})
    assert (exc.value.field, exc.value.message) == (
        "experience", "工作经历的年份跨度 74 年不是可能的工作年限（最多 60 年），请核实。")
    kp.profile.refresh_from_db()
    assert kp.profile.experience == U04
