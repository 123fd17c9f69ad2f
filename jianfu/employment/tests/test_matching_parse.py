"""Parsing the way people write: wages, ages, education, certificates, experience, limits, occupations."""

import pytest

from jianfu.employment.matching import (
    BY_CODE,
    OCCUPATIONS,
    Gazetteer,
    Wage,
    infer_job_demands,
    infer_seeker_limits,
    is_open_intent,
    normalise_certificates,
    normalise_occupation,
    parse_age,
    parse_age_range,
    parse_education,
    parse_experience,
    parse_required_certificates,
    parse_wage,
)
from jianfu.employment.matching.places import distance_level, significant


@pytest.mark.parametrize(("text", "expected"), [
    ("面议", Wage(None, None, True, False)),
    ("4千到5千", Wage(4000, 5000)),
    ("3500元+计件", Wage(3500, None, False, True)),
    ("3000-4500元/月", Wage(3000, 4500)),
    ("３０００－４５００元", Wage(3000, 4500)),
    ("四五千", Wage(4000, 5000)),
    ("150元/天", Wage(3900, None)),
    ("20元/小时", Wage(4160, None)),
    ("年薪6万", Wage(5000, None)),
    ("月入过万", Wage(10000, None)),
    ("4k-6k", Wage(4000, 6000)),
    ("3000左右", Wage(3000, 3000)),
    ("底薪3000+提成", Wage(3000, None, False, True)),
    ("", Wage()),
    # the way 求职登记 forms write it: a digit after the unit is the next place down
    ("3千5以上", Wage(3500, None)), ("两千五", Wage(2500, None)), ("1万2", Wage(12000, None)),
    ("3千5百", Wage(3500, None)), ("4k5", Wage(4500, None)), ("底薪2千5+提成", Wage(2500, None, False, True)),
    ("五千左右", Wage(5000, 5000)), ("2800-3500元/月", Wage(2800, 3500)), ("日结200", Wage(5200, None)),
    ("日结200以上", Wage(5200, None)),
    # a range end already in yuan does not take the other end's unit
    ("3500到5千", Wage(3500, 5000)), ("4-5千", Wage(4000, 5000)),
])
def test_parse_wage(text, expected):
    assert parse_wage(text) == expected


@pytest.mark.parametrize("text", ["很多钱", "好好干", "abc"])     # "看情况" names no amount: no wish (session 14)
def test_parse_wage_refuses_words_in_chinese(text):
    with pytest.raises(ValueError, match="无法识别的工资"):
        parse_wage(text)


def test_parse_wage_refuses_absurd_amounts():
    with pytest.raises(ValueError, match="超出合理范围"):
        parse_wage("5元")


@pytest.mark.parametrize(("text", "expected"), [
    ("18-35周岁", (18, 35)), ("45岁以下", (None, 45)), ("18岁以上", (18, None)), ("不限", (None, None)),
    ("", (None, None)), ("男18-50，女18-45", (18, 50)), ("年龄不超过55岁", (None, 55)), ("五十岁以内", (None, 50)),
    ("18~40岁", (18, 40)),
])
def test_parse_age_range(text, expected):
    assert parse_age_range(text) == expected


@pytest.mark.parametrize(("text", "message"), [("200-300岁", "超出合理范围"), ("老少皆宜", "无法识别的年龄要求")])
def test_parse_age_range_refuses(text, message):
    with pytest.raises(ValueError, match=message):
        parse_age_range(text)


def test_parse_age():
    assert parse_age("45岁") == 45
    assert parse_age("四十五") == 45
    assert parse_age("") is None
    assert parse_age("1980年出生") == __import__("datetime").date.today().year - 1980
    with pytest.raises(ValueError, match="超出就业帮扶的年龄范围"):
        parse_age("200")
    with pytest.raises(ValueError, match="不是整数"):
        parse_age("abc")


@pytest.mark.parametrize(("text", "level"), [
    ("初中及以上", 2), ("中专", 3), ("高中", 3), ("大专以上", 4), ("本科", 5), ("不限", 0), ("", 0), ("小学", 1),
    ("大学专科", 4), ("大学", 5),
])
def test_parse_education(text, level):
    assert parse_education(text) == level


def test_parse_education_refuses_in_chinese():
    with pytest.raises(ValueError, match="无法识别的学历“幼儿园毕业吧”"):
        parse_education("幼儿园毕业吧")


def test_certificate_synonyms_and_implied_licences():
    # A2 ⊃ B1 (session 7); the 应急管理 electrician's certificate is held as such and as "电工证" (session 22)
    assert normalise_certificates("低压电工作业证、A2驾照") == {"电工证", "电工作业证（应急管理）", "低压电工作业证（应急管理）", "A2",
                                                          "B1", "B2", "C1", "C2"}     # the 低压 项目: session 33
    assert normalise_certificates("小车驾照") == {"C1", "C2"}
    assert normalise_certificates(["焊工作业证", "叉车操作证", "健康证明"]) == {"焊工证", "叉车证", "健康证"}
    assert normalise_certificates("有驾照") == {"C1", "C2"}
    assert normalise_certificates("无") == frozenset()


def test_required_versus_preferred_certificates():
    assert parse_required_certificates("有C1驾照，健康证优先") == ({"C1"}, {"健康证"})
    assert parse_required_certificates("健康证可入职后办理") == (frozenset(), {"健康证"})
    assert parse_required_certificates("持低压电工作业证") == ({"低压电工作业证（应急管理）"}, frozenset())   # session 22, 33
    assert parse_required_certificates("不需要证书") == (frozenset(), frozenset())


@pytest.mark.parametrize(("text", "years"), [
    ("3年", 3.0), ("两年以上", 2.0), ("半年", 0.5), ("做过流水线", 0.5), ("无", 0.0), ("经验不限", 0.0),
    ("做建筑十多年", 10.0), ("做了好几年", 3.0), ("1年以上经验", 1.0),
])
def test_parse_experience(text, years):
    assert parse_experience(text) == years


@pytest.mark.parametrize(("text", "code"), [
    ("做过流水线，想进厂", "6-28-01"), ("带娃", "4-10-02"), ("跑外卖", "4-02-05"), ("直播带货", "4-01-03"),
    ("保姆", "4-10-01"), ("电子厂普工", "6-25-01"), ("剥虾", "6-01-01"), ("开叉车", "4-02-02"), ("搞卫生", "4-09-01"),
    ("乡村保洁公益岗", "4-09-05"), ("驾校教练", "4-02-07"), ("想当驾驶教练", "4-02-07"),
])
def test_normalise_occupation_colloquial(text, code):
    assert normalise_occupation(text)[0] == code


def test_normalise_occupation_negation_and_nothing():
    assert normalise_occupation("不想进厂，想做保安") == ["4-07-01"]
    assert normalise_occupation("随便") == []
    assert is_open_intent("什么都能干")
    assert not is_open_intent("电工")


def test_occupation_list_is_well_formed():
    codes = [o.code for o in OCCUPATIONS]
    assert len(codes) == len(set(codes))
    for o in OCCUPATIONS:
        assert len(o.code) == 7 and o.code[1] == "-" and o.code[4] == "-"
        # every trade has its words; "什么都能干" (8-00-01) is a seeker slot only, matched by no word
        assert bool(o.synonyms) == (o.code != "8-00-01"), o.code
    assert BY_CODE["6-28-01"].name == "普工（生产线操作工）"
    assert "STANDING" in BY_CODE["6-28-01"].demands


def test_job_demands_from_text_and_lifts():
    assert infer_job_demands("电子厂普工 两班倒 流水线", ["6-25-01"]) == {"NIGHT", "STANDING", "FINE_VISION"}
    # session 13: a long day shift is day work only (DAYTIME) and a full day's hours (FULL_DAY)
    assert infer_job_demands("长白班，坐着干活", ["6-25-01"]) == {"FINE_VISION", "DAYTIME", "FULL_DAY"}
    assert "NIGHT" not in infer_job_demands("不上夜班，白天做", [])
    assert "NIGHT" in infer_job_demands("白班夜班两班倒", [])
    # planting and picking carry no default lifting demand; the text adds it when the work is heavy
    assert "HEAVY" not in infer_job_demands("蔬菜大棚种植管理", ["5-01-01"])
    assert "HEAVY" in infer_job_demands("甘蔗装车搬运，体力好", ["5-01-01"])


def test_seeker_limits():
    assert infer_seeker_limits("要接送孩子，只上白班") == {"NIGHT", "LONG_HOURS", "AWAY"}
    assert infer_seeker_limits("腰不好不能久站") == {"STANDING", "HEAVY"}
    assert infer_seeker_limits("听力残疾") == {"HEARING"}
    assert infer_seeker_limits("") == frozenset()


def test_gazetteer_names_codes_and_distance():
    g = Gazetteer.builtin()
    assert g.resolve("廉州镇某村") == "450521100"
    assert g.resolve("广东东莞") == "4419"
    assert g.resolve("北海市区") == "450502"
    assert g.resolve("450521200206") == "450521200206"
    assert g.resolve("火星") is None
    assert significant("450521000000") == "450521"
    assert distance_level("450521100", "450521100") == 1
    assert distance_level("450521100", "450521101") == 2
    assert distance_level("450521100", "450502") == 3
    assert distance_level("450521100", "4419") == 5
    assert g.acceptable("离家近就行", home="450521101") == (1, ())
    assert g.acceptable("县内或广东", home="450521101") == (2, ("44",))
    assert g.acceptable("哪里都行", home="450521101") == (5, ())
    assert g.acceptable("", home="450521101") == (2, ())


# --- parser misreadings found by the blind-set writers (session 4, after the blind runs) ---------------

@pytest.mark.parametrize("text", [
    "母婴护理师证，没有的公司免费送培训",
    "叉车证，公司送培训",
    "母婴护理师证，包培训",
    "母婴护理师证，免费培训上岗",
    "母婴护理师证，没有的公司提供免费培训",
    "母婴护理师证，厂里出钱送培训",
])
def test_certificate_made_optional_by_free_training(text):
    required, preferred = parse_required_certificates(text)
    assert required == frozenset()
    assert len(preferred) == 1


def test_free_training_family_leaves_plain_requirements_required():
    assert parse_required_certificates("母婴护理师证，没有的公司免费送培训") == (frozenset(), frozenset({"母婴护理证"}))
    assert parse_required_certificates("须持叉车证，公司定期培训") == (frozenset({"叉车证"}), frozenset())
    assert parse_required_certificates("须持电工证；提供免费培训") == (frozenset({"电工证"}), frozenset())


def test_industrial_park_is_in_the_county_seat_in_every_gazetteer():
    g = Gazetteer.builtin()
    assert g.resolve("合浦工业园") == "450521100"
    assert g.resolve("合浦工业园区") == "450521100"
    assert g.resolve("合浦工业园区某电子厂") == "450521100"
    assert g.resolve("合浦县") == "450521"
    rows = [("450521000000", "合浦县"), ("450521100000", "廉州镇"), ("450521100201", "廉北社区居委会")]
    loaded = Gazetteer.from_rows(rows, home_county="450521", source="orgunit")
    assert loaded.resolve("合浦工业园") == "450521100"
    assert loaded.resolve("合浦工业园区") == "450521100"
    # another county's gazetteer does not know the park
    other = Gazetteer.from_rows([("450502000000", "海城区")], home_county="450502", source="orgunit")
    assert other.resolve("合浦工业园区") is None


@pytest.mark.parametrize("text", ["不低于最低工资", "最低工资以上", "最低工资就行", "最低工资标准以上"])
def test_minimum_wage_is_no_stated_expectation(text):
    w = parse_wage(text)
    assert w == Wage()
    assert not w.known


def test_minimum_wage_with_an_amount_keeps_the_amount():
    assert parse_wage("最低工资以上，3000左右") == Wage(3000, 3000)


def test_places_run_together_are_all_accepted():
    g = Gazetteer.builtin()
    assert g.acceptable("去深圳东莞也行", home="450521101") == (2, ("4403", "4419"))
    # far places named alone: only there (level 0, not the county around home; session 7)
    assert g.acceptable("深圳、东莞", home="450521101") == (0, ("4403", "4419"))
    assert g.resolve_all("广州佛山中山都行") == ["4401", "4406", "4420"]
    # a place and the places it lies in are one place, the most specific
    assert g.resolve_all("北海市合浦县廉州镇") == ["450521100"]
    assert g.resolve_all("广东东莞") == ["4419"]
