"""Session 5's parser and CLI fixes (issue 8, branch emp-parse2): a posting at two towns, back and neck
complaints as limits, impossible years of experience, the working ages — each written to fail before."""

import csv
import re

import pytest
from django.core.management import call_command

from jianfu.employment.matching import Gazetteer, Job, Matcher, Seeker, infer_seeker_limits, parse_age
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.parse import (
    MAX_AGE,
    MAX_EXPERIENCE_YEARS,
    MIN_WORKING_AGE,
    check_seeker_age,
    parse_age_range,
    parse_experience,
)
from jianfu.employment.tests.test_employment_match_command import (
    JOB_HEADER,
    JOBS,
    SEEKER_HEADER,
    SEEKERS,
    read_out,
    run,
    write_csv,
)

GAZ = Gazetteer.builtin()
DANGJIANG, SHATIAN, LIANZHOU, SHIKANG = "450521101", "450521109", "450521100", "450521111"


# ------------------------------------------------------------------------------ 1. a posting at two towns

@pytest.mark.parametrize(("text", "each", "one"), [
    ("党江镇、沙田镇", [DANGJIANG, SHATIAN], DANGJIANG),          # was 沙田镇 (the higher code won the tie)
    ("沙田镇、党江镇", [SHATIAN, DANGJIANG], SHATIAN),
    ("廉州镇/石康镇", [LIANZHOU, SHIKANG], LIANZHOU),
    ("北海市区、廉州镇", ["450502", LIANZHOU], LIANZHOU),          # was 北海市区 (the longer name won)
    ("合浦县、廉州镇", [LIANZHOU], LIANZHOU),                      # the county encloses the town: one place
    ("北海市合浦县廉州镇", [LIANZHOU], LIANZHOU),
    ("广东东莞", ["4419"], "4419"),
])
def test_a_posting_lists_each_place_and_resolves_to_the_first_in_the_county(text, each, one):
    assert GAZ.resolve_each(text) == each
    assert GAZ.resolve(text) == one


def _shatian_only(sid="S", **kw):
    return Seeker(id=sid, age=40, residence="沙田镇", desired="晒鱿鱼", places="本镇", **kw)


def test_the_oracle_takes_a_posting_at_either_town():
    job = Job(id="J", title="鱿鱼晒制工", place="党江镇、沙田镇", description="晒场翻晒鱿鱼")
    for town in ("党江镇", "沙田镇"):
        assert violations(Seeker(id="S", age=40, residence=town, desired="晒鱿鱼", places="本镇"), job, GAZ) == []
    assert violations(Seeker(id="S", age=40, residence="廉州镇", desired="晒鱿鱼", places="本镇"), job, GAZ) == ["place"]
    # before: the posting was read as 沙田镇 only, so the 党江镇 seeker was "broken" on place
    assert violations(_shatian_only(), Job(id="J", title="鱿鱼晒制工", place="北海市区、沙田镇"), GAZ) == []


def test_the_matcher_offers_a_two_town_posting_at_either_town_and_never_breaks_the_oracle():
    job = Job(id="J", title="鱿鱼晒制工", place="党江镇、沙田镇", description="晒场翻晒鱿鱼")
    dangjiang = Seeker(id="D", age=40, residence="党江镇", desired="晒鱿鱼", places="本镇")
    lianzhou = Seeker(id="L", age=40, residence="廉州镇", desired="晒鱿鱼", places="县内")
    m = Matcher(jobs=[job], seekers=[dangjiang, lianzhou, _shatian_only()], gazetteer=GAZ)
    # session 6 (emp-margin): the second town is a column of its own (`JobTable.place2`), so the 沙田镇 seeker who
    # takes only their own town is offered it too, at their own town's distance (before: left out)
    assert [r.seeker_id for r in m.seekers_for(job)] == ["D", "S", "L"]
    rec = m.jobs_for(dangjiang)[0]
    assert "工作地点党江镇（本镇），在可接受范围内" in rec.reasons
    assert not m.violates(_shatian_only(), job) and violations(_shatian_only(), job, GAZ) == []
    county = Seeker(id="C", age=40, residence="沙田镇", desired="晒鱿鱼", places="县内")
    assert "工作地点沙田镇（本镇），在可接受范围内" in m.jobs_for(county)[0].reasons


# ------------------------------------------------------------------------------ 2. back and neck complaints

@pytest.mark.parametrize(("text", "limits"), [
    ("腰椎间盘突出", {"HEAVY"}),                   # was {"STANDING", "HEAVY"}
    ("腰不好", {"HEAVY"}),                         # was {"STANDING", "HEAVY"}
    ("腰肌劳损", {"HEAVY"}),                       # was nothing
    ("颈椎病", {"HEAVY"}),                         # was nothing
    ("腰间盘突出，站久了腰疼", {"HEAVY", "STANDING"}),   # a standing limit only when it is said
    ("腰椎间盘突出，不能搬重的", {"HEAVY"}),
])
def test_back_and_neck_complaints_limit_lifting_not_standing(text, limits):
    assert infer_seeker_limits(text) == limits


def test_a_seeker_with_a_bad_back_may_take_a_seated_or_standing_line_but_not_a_loading_job():
    seeker = Seeker(id="S", age=45, residence="廉州镇", desired="进厂", notes="腰椎间盘突出")
    line = Job(id="J1", title="电子厂普工", place="廉州镇", description="流水线，长白班")
    loading = Job(id="J2", title="装卸工", place="廉州镇", description="搬运货物上车")
    assert violations(seeker, line, GAZ) == []
    assert violations(seeker, loading, GAZ) == ["limits:HEAVY"]


# ------------------------------------------------------------------------------ 3. impossible experience

def test_an_impossible_number_of_years_is_refused_when_strict_and_ignored_otherwise():
    assert MAX_EXPERIENCE_YEARS == 60
    with pytest.raises(ValueError) as exc:
        parse_experience("100年", strict=True)
    assert str(exc.value) == "“100年”不是可能的工作年限（最多 60 年），请核实。"
    with pytest.raises(ValueError, match="“做了200多年”|“200多年”"):
        parse_experience("做了200多年", strict=True)
    assert parse_experience("100年") == 0.0
    assert parse_experience("种地55年", strict=True) == 55.0        # was 0: anything above 50 was dropped
    # dates are not years of work
    assert parse_experience("95年去广东，做过普工", strict=True) == 0.5
    assert parse_experience("2019年毕业，做过文员", strict=True) == 0.5
    assert parse_experience("70年代就开始种地", strict=True) == 0.0


def test_the_cli_refuses_impossible_experience_naming_the_row_and_field(tmp_path, capsys):
    seekers = write_csv(tmp_path / "s.csv", SEEKER_HEADER, SEEKERS + [
        ["S4", "赵某", "男", "40", "初中", "廉州镇", "", "保安", "", "100年", "3000", "", ""],
        ["S5", "钱某", "男", "30", "初中", "廉州镇", "", "保安", "", "做保安40年", "3000", "", ""],
    ])
    jobs = write_csv(tmp_path / "j.csv", JOB_HEADER, JOBS + [
        ["J4", "某厂", "普工", "5", "", "18-45岁", "100年以上", "", "4000", "廉州镇", "", ""],
    ])
    rows = read_out(run(tmp_path, seekers, jobs))
    assert {r["seeker_id"] for r in rows} == {"S1", "S2", "S3"}
    assert "J4" not in {r["job_id"] for r in rows}
    err = capsys.readouterr().err
    assert "求职者表 第 5 行“工作经历”列：“100年”不是可能的工作年限（最多 60 年），请核实。" in err
    assert "求职者表 第 6 行“工作经历”列：工作年限 40 年超过年龄 30 岁，请核实。" in err
    assert "岗位表 第 5 行“经验要求”列：“100年”不是可能的工作年限（最多 60 年），请核实。" in err


# ------------------------------------------------------------------------------ 4. the working ages

def test_the_working_ages_are_one_rule():
    assert (MIN_WORKING_AGE, MAX_AGE) == (16, 80)
    assert check_seeker_age(16) == 16 and check_seeker_age(79) == 79
    with pytest.raises(ValueError) as exc:
        parse_age("14")
    assert str(exc.value) == "年龄 14 岁未满16周岁（法定最低就业年龄，《劳动法》第十五条），不能纳入就业帮扶。"
    with pytest.raises(ValueError) as exc:
        parse_age("80岁")
    assert str(exc.value) == "年龄 80 岁超出就业帮扶的年龄范围（16–79 岁）。"
    with pytest.raises(ValueError) as exc:
        parse_age_range("15-30岁")
    assert str(exc.value) == "最低年龄15岁低于法定最低就业年龄16周岁（《劳动法》第十五条）。"
    assert parse_age_range("16-30岁") == (16, 30)


def test_the_app_takes_its_working_ages_from_the_core():
    from jianfu.employment import services

    assert (services.MIN_WORKING_AGE, services.MAX_HELP_AGE) == (MIN_WORKING_AGE, MAX_AGE)


def test_the_cli_refuses_a_fourteen_year_old_naming_the_row_and_field(tmp_path, capsys):
    seekers = write_csv(tmp_path / "s.csv", SEEKER_HEADER, SEEKERS + [
        ["S4", "小赵", "男", "14", "初中", "廉州镇", "", "想进厂", "", "", "3000", "", ""],
        ["S5", "小钱", "女", "16", "初中", "廉州镇", "", "想进厂", "", "", "3000", "", ""],
    ])
    jobs = write_csv(tmp_path / "j.csv", JOB_HEADER, JOBS)
    out = tmp_path / "out.csv"
    call_command("employment_match", seekers=str(seekers), jobs=str(jobs), direction="seekers", top=10, out=str(out))
    assert {r["seeker_id"] for r in read_out(out)} == {"S1", "S2", "S3"}    # no posting takes a 16-year-old
    assert "求职者表 第 5 行“年龄”列：年龄 14 岁未满16周岁（法定最低就业年龄，《劳动法》第十五条），不能纳入就业帮扶。" \
        in capsys.readouterr().err
    with open(tmp_path / "out.errors.csv", encoding="utf-8-sig") as fh:      # the 16-year-old is not refused
        assert list(csv.reader(fh))[1:] == [["求职者", "5", "年龄",
                                             "年龄 14 岁未满16周岁（法定最低就业年龄，《劳动法》第十五条），不能纳入就业帮扶。"],
                                            # listed as matched with nothing (fixcr34d, newuser34b #7)
                                            ["求职者", "6", "", "编号“S5”：没有符合硬性条件的岗位，未写入推荐"]]


# ------------------------------------------------------------------------------ 6. synthetic employer names

def test_synthetic_employers_have_trade_names_and_towns_not_given_names():
    from jianfu.employment.matching import synth

    jobs = list(synth.jobs(2000, seed=2026))
    assert [j.employer for j in jobs[:4]] == ["合浦合兴水产食品有限公司", "合浦顺发护理院", "北海市绿源运输有限公司",
                                              "合浦县金湾烧腊店"]
    towns = "|".join(synth.BUILTIN_TOWNS)
    government = {j.employer for j in jobs if "政府" in j.employer or "服务中心" in j.employer and "养老" not in j.employer}
    assert government and all(re.fullmatch(rf"合浦县({towns})(人民政府|社会事务服务中心)", e) for e in government)
    brands = "|".join(synth.BRANDS)
    firms = {j.employer for j in jobs} - government
    # a Guangdong firm is named after the city it works in (newuser16): 东莞/佛山 as drawn, 深圳/中山 by its place
    assert all(re.fullmatch(rf"(合浦县?|北海市?|北海银滩|合浦星岛湖|广西|东莞市|佛山市|深圳市|中山市)({brands})\w+", e)
               for e in firms)
    # before: "娟人民政府", "丽村委会" — a given name glued to an organisation's suffix
    assert not any(e.startswith(tuple(synth.GIVEN)) for e in firms | government)
    assert len(firms) >= 50


# ------------------------------------------------------------------------------ 5. ties, online and batch

def _tied_market():
    import random

    ids = [f"J{n:02d}" for n in range(40)]
    random.Random(5).shuffle(ids)                 # input order is not id order
    jobs = [Job(id=i, title="剥虾工", place="党江镇", age="18-55岁", wage="3500元", description="剥虾，长白班") for i in ids]
    jobs += [Job(id=f"K{n:02d}", title="保安", place="廉州镇", age="18-55岁", wage="3000元", description="门岗")
             for n in range(10)]
    seekers = [Seeker(id=f"S{n}", age=40, residence="党江镇", desired="剥虾", places="县内", wage="3000") for n in range(6)]
    return Matcher(jobs=jobs, seekers=seekers, gazetteer=GAZ), seekers


def test_online_ties_are_broken_by_id():
    m, seekers = _tied_market()
    assert [r.job_id for r in m.jobs_for(seekers[0], top=5)] == ["J00", "J01", "J02", "J03", "J04"]
    assert len({r.score for r in m.jobs_for(seekers[0], top=5)}) == 1


@pytest.mark.parametrize("kw", [{}, {"exact_below": 0, "processes": 1}, {"exact_below": 0, "processes": 2}])
def test_batch_ties_are_broken_by_id_as_online(kw):
    from jianfu.employment.matching.batch import batch_top

    m, _ = _tied_market()
    result = batch_top(m, k=5, **kw)
    assert [m.J.ids[j] for j in result.seeker_jobs[0]] == ["J00", "J01", "J02", "J03", "J04"]


@pytest.mark.parametrize("kw", [{}, {"exact_below": 0, "processes": 1}, {"exact_below": 0, "processes": 2}])
def test_batch_tied_seekers_are_broken_by_id(kw):
    """The other direction: a posting's tied seekers, given out of id order, come back in id order."""
    import random

    from jianfu.employment.matching.batch import batch_top

    ids = [f"S{n:02d}" for n in range(30)]
    random.Random(7).shuffle(ids)
    seekers = [Seeker(id=i, age=40, residence="党江镇", desired="剥虾", places="县内", wage="3000") for i in ids]
    jobs = [Job(id=f"J{n}", title="剥虾工", place="党江镇", age="18-55岁", wage="3500元", description="剥虾，长白班")
            for n in range(3)]
    jobs += [Job(id="K0", title="保安", place="廉州镇", age="18-55岁", wage="3000元", description="门岗")]  # 2 blocks
    m = Matcher(jobs=jobs, seekers=seekers, gazetteer=GAZ)
    result = batch_top(m, k=5, **kw)
    assert [[m.S.ids[s] for s in row] for row in result.job_seekers[:3]] == [["S00", "S01", "S02", "S03", "S04"]] * 3
    assert len(set(result.job_scores[:3].ravel().tolist())) == 1
