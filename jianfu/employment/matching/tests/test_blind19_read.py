"""Session 19 (emp-read19): blind19 read after its one run — health and ability limits against the conditions a
factory's posting states (its 体检 items and its work, in its description or its benefits). Own sentences, none of
blind19's rows verbatim: for each reading one that must fire and a look-alike that must not, in the kernel, the numpy
path and the oracle (`constraints.violations`) alike where a constraint is involved."""

import pytest

from jianfu.employment.matching import Job, Seeker, matcher
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.features import employer_trade, plant_trade
from jianfu.employment.matching.parse import (
    body_conditions,
    body_limits,
    cold_water_limited,
    conditions_text,
    infer_job_demands,
    infer_seeker_limits,
)
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, offered, takers

# ------------------------------------------------------------------------------------------------ colour blindness is no
# limit of fine sight


def test_colour_blindness_is_not_poor_sight():
    assert "FINE_VISION" not in infer_seeker_limits("我是红绿色盲")
    assert "FINE_VISION" in infer_seeker_limits("眼睛不好，看小字费劲")


@both_paths
def test_a_colour_blind_assembler_is_offered_soldering_that_states_no_colour_check(kernel, monkeypatch):
    seeker = Seeker(id="S1", age=30, residence="廉州镇", desired="电子厂装配", places="县城", notes="天生红绿色盲")
    soldering = Job(id="J1", title="焊锡工", place="合浦工业园", age="18-45岁", description="电烙铁焊接线路板，精细作业")
    assert violations(seeker, soldering, GAZ) == []
    assert offered(seeker, [soldering], kernel=kernel, monkeypatch=monkeypatch) == ["J1"]
    # the look-alike: a seeker who says their sight is poor is still refused fine work
    poor = Seeker(id="S2", age=30, residence="廉州镇", desired="电子厂装配", places="县城", notes="视力差，看东西模糊")
    assert violations(poor, soldering, GAZ) == ["limits:FINE_VISION"]
    assert offered(poor, [soldering], kernel=kernel, monkeypatch=monkeypatch) == []


def test_good_sight_stated_and_a_loupe_are_fine_sight():
    assert "FINE_VISION" in infer_job_demands("在显微镜下检查芯片外观")
    assert "FINE_VISION" in infer_job_demands("要求视力良好，可戴眼镜")
    assert "FINE_VISION" not in infer_job_demands("搬运纸箱，长白班")


# ------------------------------------------------------------------------------------------------ a courier's load only
# where stated


@both_paths
def test_a_parcel_counter_is_open_to_a_seeker_with_a_bad_back(kernel, monkeypatch):
    seeker = Seeker(id="S1", age=44, residence="常乐镇", desired="本镇的活", places="本镇", notes="腰椎不好，不能搬重东西")
    counter = Job(id="J1", title="快递驿站店员", place="常乐镇", age="18-55岁", description="驿站取件登记，坐着干")
    assert "HEAVY" not in infer_job_demands("驿站取件登记，坐着干", ("4-02-04",))
    assert violations(seeker, counter, GAZ) == []
    assert offered(seeker, [counter], kernel=kernel, monkeypatch=monkeypatch) == ["J1"]
    # the look-alike: a courier's post that states its load still refuses them
    loaded = Job(id="J2", title="快递员", place="常乐镇", age="18-55岁", description="片区派件，需搬运，每件约30公斤")
    assert violations(seeker, loaded, GAZ) == ["limits:HEAVY"]
    assert offered(seeker, [loaded], kernel=kernel, monkeypatch=monkeypatch) == []


# ------------------------------------------------------------------------------------------------ conditions written in
# the benefits


@both_paths
def test_a_rota_written_in_the_benefits_binds_a_day_worker(kernel, monkeypatch):
    seeker = Seeker(id="S1", age=35, residence="廉州镇", desired="进厂", places="县城", notes="只能上白班")
    rota = Job(id="J1", title="操作工", place="合浦工业园", age="18-45岁", description="注塑机看机",
               benefits="包吃住，三班倒")
    days = Job(id="J2", title="操作工", place="合浦工业园", age="18-45岁", description="注塑机看机",
               benefits="包吃住，长白班")
    assert "NIGHT" in infer_job_demands(conditions_text(rota.title, rota.description, rota.benefits))
    assert violations(seeker, rota, GAZ) == ["limits:NIGHT"]
    assert violations(seeker, days, GAZ) == []
    assert offered(seeker, [rota, days], kernel=kernel, monkeypatch=monkeypatch) == ["J2"]


def test_a_load_written_in_the_benefits_is_a_load():
    seeker = Seeker(id="S1", age=50, residence="廉州镇", desired="仓库", places="县城", notes="腰不好")
    post = Job(id="J1", title="理货员", place="合浦工业园", age="18-55岁", description="成品理货",
               benefits="五险，需搬运，每箱约25公斤")
    assert violations(seeker, post, GAZ) == ["limits:HEAVY"]
    # the look-alike: benefits that state no work ("包吃住，五险，年底双薪") add nothing
    plain = Job(id="J2", title="理货员", place="合浦工业园", age="18-55岁", description="成品理货",
                benefits="包吃住，五险，年底双薪")
    assert violations(seeker, plain, GAZ) == []


# ------------------------------------------------------------------------------------------------ hearing as a 体检 item


@both_paths
def test_hearing_stated_as_a_check_refuses_a_seeker_who_hears_poorly(kernel, monkeypatch):
    seeker = Seeker(id="S1", age=40, residence="廉州镇", desired="仓库叉车", places="县城", notes="耳朵听力差，戴着助听器")
    noisy = Job(id="J1", title="叉车工", place="合浦工业园", age="18-50岁", description="车间噪音大，要求听力正常")
    quiet = Job(id="J2", title="叉车工", place="合浦工业园", age="18-50岁", description="仓库内短驳，长白班")
    assert violations(seeker, noisy, GAZ) == ["limits:HEARING"]
    assert violations(seeker, quiet, GAZ) == []
    assert offered(seeker, [noisy, quiet], kernel=kernel, monkeypatch=monkeypatch) == ["J2"]


# ------------------------------------------------------------------------------------------------ the cold, a pregnancy


def test_the_cold_itself_and_a_pregnancy_limit_a_cold_store():
    assert cold_water_limited("怕冷，膝盖有关节炎")
    assert cold_water_limited("有风湿")
    assert cold_water_limited("怀孕五个月了")
    assert not cold_water_limited("不怕冷，什么都能干")


def test_a_pregnancy_limits_nights_and_heights_and_breastfeeding_nights():
    assert {"NIGHT", "HEIGHT", "HEAVY"} <= infer_seeker_limits("怀孕三个月")
    assert "NIGHT" in infer_seeker_limits("哺乳期")
    assert not {"NIGHT", "HEIGHT"} & infer_seeker_limits("身体好，什么班都行")


# ------------------------------------------------------------------------------------------------ the conditions read


@pytest.mark.parametrize(
    ("notes", "limits"),
    [
        ("先天色盲", {"COLOUR", "NO_COLOUR_BLIND"}),
        ("有点色弱", {"COLOUR"}),
        ("近视，平时戴眼镜", {"NAKED_EYE"}),
        ("坐大巴会晕车", {"RIDING"}),
        ("有哮喘", {"DUST_PAINT", "CHEMICALS"}),
        ("闻到油漆味就过敏", {"DUST_PAINT", "CHEMICALS"}),
        ("怀孕两个月", {"DUST_PAINT", "CHEMICALS", "HEAT"}),
        ("还在哺乳期", {"CHEMICALS"}),
        ("腰不好，坐不久", {"SITTING"}),
        ("血压高，在吃药", {"HEAT", "BP_CHECK"}),
        ("不认字", {"READ_SIMPLE", "READ_WRITE"}),
        ("认识几个字，写不来", {"READ_WRITE"}),
        ("用的老人机", {"APP"}),
        ("脖子上有纹身", {"NO_TATTOO", "NO_VISIBLE_TATTOO"}),
        ("腰上有个文身，衣服遮住看不见", {"NO_TATTOO"}),
        ("右手断了一根手指", {"HANDS"}),
        ("穿无尘服受不了，会晕", {"CLEANROOM"}),
        # look-alikes: nothing stated, or the limit denied
        ("身体健康，没有纹身", set()),
        ("视力很好，不晕车", set()),
        ("能吃苦", set()),
    ],
)
def test_a_seekers_limits(notes, limits):
    assert body_limits(notes) == frozenset(limits)


@pytest.mark.parametrize(
    ("text", "conditions"),
    [
        ("入职体检：无色盲、色弱", {"COLOUR"}),
        ("体检要求无色盲", {"NO_COLOUR_BLIND"}),
        ("印刷品看色，需分辨色差", {"COLOUR"}),
        ("要求裸眼视力1.0", {"NAKED_EYE"}),
        ("随车配送，每天跑乡镇", {"RIDING"}),
        ("车间有粉尘", {"DUST_PAINT"}),
        ("需接触化学试剂", {"CHEMICALS"}),
        ("全程坐着作业", {"SITTING"}),
        ("炉前操作，夏天热", {"HEAT"}),
        ("体检：无高血压", {"BP_CHECK"}),
        ("会简单识字即可", {"READ_SIMPLE"}),
        ("需要填写出库单据", {"READ_WRITE"}),
        ("用手机APP打卡", {"APP"}),
        ("无纹身", {"NO_TATTOO"}),
        ("无外露纹身", {"NO_VISIBLE_TATTOO"}),
        ("要求双手健全", {"HANDS"}),
        ("十万级净化车间", {"CLEANROOM"}),
        # look-alikes: a condition said absent, opened, or a check with no item named
        ("车间无粉尘，不用跟车", set()),
        ("不识字也可以", set()),
        ("入职体检，身体健康", set()),
        ("有高温补贴", set()),
    ],
)
def test_a_postings_conditions(text, conditions):
    assert body_conditions(text) == frozenset(conditions)


# ------------------------------------------------------------------------------------------------ the plant a wish names


def test_an_employers_name_names_its_plant():
    assert employer_trade("北海某精密电子有限公司") == "6-25-01"
    assert employer_trade("石湾镇某海产加工厂") == "6-01-01"
    # look-alikes: an online shop is no electronics plant; a firm whose name names no line trade
    assert employer_trade("合浦某电子商务有限公司") is None
    assert employer_trade("合浦某物流有限公司") is None


@both_paths
def test_a_warehouse_post_at_an_electronics_plant_serves_a_wish_for_the_plant(kernel, monkeypatch):
    seeker = Seeker(id="S1", age=28, residence="廉州镇", desired="想去电子厂上班", places="县城")
    plant = Job(id="J1", title="仓库管理员", employer="合浦某电子有限公司", place="合浦工业园", age="18-45岁",
                wage="4500元", description="物料收发")
    depot = Job(id="J2", title="仓库管理员", employer="合浦某物流有限公司", place="合浦工业园", age="18-45岁",
                wage="4500元", description="物料收发")
    assert plant_trade(plant) == "6-25-01" and plant_trade(depot) is None
    monkeypatch.setattr(matcher, "USE_KERNEL", kernel)
    recs = matcher.Matcher(jobs=[depot, plant], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)
    assert [r.job_id for r in recs] == ["J1", "J2"]
    assert recs[0].met[0] == "岗位为仓储管理员，用人单位“合浦某电子有限公司”与求职意向“电子厂”相符"


def test_a_line_trades_own_post_keeps_its_trade():
    # a printer at a carton plant is a printer's post: the plant's trade is no second one
    press = Job(id="J1", title="印刷机长", employer="合浦某纸箱厂", place="合浦工业园", description="纸箱印刷")
    assert plant_trade(press) is None


# ------------------------------------------------------------------------------------------------ the conditions refuse
# in the kernel, the numpy path and the oracle alike


@both_paths
@pytest.mark.parametrize(
    ("notes", "description", "benefits", "broken"),
    [
        # colour: 色弱 meets "无色盲" alone, not "无色盲色弱"; 色盲 meets neither
        ("色弱", "贴标签", "体检要求无色盲", None),
        ("色弱", "贴标签", "入职体检：无色盲色弱", "body:COLOUR"),
        ("红绿色盲", "贴标签", "体检要求无色盲", "body:NO_COLOUR_BLIND"),
        # glasses meet "视力良好（可戴眼镜）", not a naked-eye check
        ("近视八百度，戴眼镜", "检查外观，视力良好（可戴眼镜）", "", None),
        ("近视八百度，戴眼镜", "灯检，要求裸眼视力1.0", "", "body:NAKED_EYE"),
        # reading: a little meets a scanner, not a form
        ("认得几个字", "扫码入库，会简单识字即可", "", None),
        ("认得几个字", "入库登记，需填写单据", "", "body:READ_WRITE"),
        ("不识字", "扫码入库，会简单识字即可", "", "body:READ_SIMPLE"),
        # a tattoo said covered meets "无外露纹身", not "无纹身"
        ("背部有纹身，衣服挡住", "车间包装", "无外露纹身", None),
        ("背部有纹身，衣服挡住", "车间包装", "无纹身", "body:NO_TATTOO"),
        ("小臂有纹身", "车间包装", "无外露纹身", "body:NO_VISIBLE_TATTOO"),
        # fumes, a pregnancy, an app, a clean room, the heat
        ("有哮喘", "木器打磨，车间有粉尘", "", "body:DUST_PAINT"),
        ("怀孕四个月", "电芯注液，接触电解液", "", "body:CHEMICALS"),
        ("怀孕四个月", "成品包装，坐着作业", "长白班", None),
        ("只有老人机", "上门送水", "用手机APP接单", "body:APP"),
        ("穿无尘服受不了", "面板贴合，无尘车间", "", "body:CLEANROOM"),
        ("近视", "面板贴合，无尘车间", "", None),
        ("高血压", "窑炉看火，高温车间", "", "body:HEAT"),
    ],
)
def test_a_condition_stated_refuses_the_limit_said(kernel, monkeypatch, notes, description, benefits, broken):
    seeker = Seeker(id="S1", age=30, residence="廉州镇", desired="进厂", places="县城", notes=notes)
    post = Job(id="J1", title="普工", place="合浦工业园", age="18-50岁", description=description, benefits=benefits)
    assert violations(seeker, post, GAZ) == ([broken] if broken else [])
    assert offered(seeker, [post], kernel=kernel, monkeypatch=monkeypatch) == ([] if broken else ["J1"])
    assert takers(post, [seeker], kernel=kernel, monkeypatch=monkeypatch) == ([] if broken else ["S1"])


def test_the_body_conditions_sit_above_the_second_words_certificates():
    from jianfu.employment.matching.parse import ALL_BODY_BITS, BODY_BITS, BODY_SHIFT, CERT_BITS

    assert BODY_SHIFT == 40 and len(BODY_BITS) == 16 and ALL_BODY_BITS == 0xFFFF << 40
    assert max(cb.bit for cb in CERT_BITS.values() if cb.word == 1) < 1 << BODY_SHIFT
