"""Session 20 (emp-wide20): readings noticed in session 19 and left — plants named as trades (电池厂, 汽配厂, 药厂), trade
words of the park's plants (糊盒, 调墨, 灯检, 修边, 送水), soft wishes that lower a fit and refuse nothing ("最好坐着的",
"尽量白班"), the kinds of a 专项职业能力证书 told apart, and certificates that show a trade. Sentences are this file's own."""

import numpy as np
import pytest

import jianfu.employment.matching.matcher as matcher_module
from jianfu.employment.matching import Gazetteer, Job, Matcher, Seeker
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.features import W_CERT, employer_trade, seeker_occupations
from jianfu.employment.matching.matcher import DEFAULT_WEIGHTS, SOFT_WISH_SHARE, score_block
from jianfu.employment.matching.occupations import BY_CODE, FACTORY_LINE, RELATED
from jianfu.employment.matching.parse import (
    CERT_BITS,
    SPECIAL,
    SPECIAL_KINDS,
    CertBit,
    infer_job_demands,
    infer_seeker_limits,
    normalise_certificates,
    normalise_occupation,
    parse_required_certificates,
    soft_wishes,
)

GAZ = Gazetteer.builtin()
PENALTY = np.float32(DEFAULT_WEIGHTS["exp"] * SOFT_WISH_SHARE)


def _line(jid: str, employer: str, description: str = "车间操作，工作地点在园区，按要求完成生产任务") -> Job:
    return Job(jid, title="普工", employer=employer, place="廉州镇", wage="4500-5500元", age="18-45周岁",
               description=description)


def _worker(sid: str, desired: str, notes: str = "", certificates: str = "") -> Seeker:
    return Seeker(sid, age=30, desired=desired, residence="廉州镇", places="县内", wage="4000", notes=notes,
                  certificates=certificates)


# ------------------------------------------------------------------------------ 1. plants as trades

@pytest.mark.parametrize(("text", "code"), [
    ("打算去电池厂上班", "6-24-01"), ("在锂电车间干过", "6-24-01"), ("电芯分选", "6-24-01"), ("新能源厂", "6-24-01"),
    ("汽配厂", "6-22-01"), ("做汽车零部件的厂", "6-22-01"), ("以前在药厂包装", "6-12-01"), ("GMP洁净区", "6-12-01"),
    ("汽配店卖配件", "4-01-01"),            # a shop of auto parts sells: no plant
])
def test_a_plant_named_is_read_as_its_trade(text, code):
    assert normalise_occupation(text)[0] == code


def test_the_plants_are_line_trades_beside_their_neighbours():
    assert {"6-12-01", "6-22-01", "6-24-01"} <= set(FACTORY_LINE)
    assert RELATED["6-24-01"] == {"6-28-01": 0.75, "6-25-01": 0.6}
    # session 21: the rubber plant (6-15-01) beside auto parts
    assert RELATED["6-22-01"] == {"6-28-01": 0.75, "6-18-02": 0.5, "6-18-03": 0.4, "6-15-01": 0.5}
    assert BY_CODE["6-12-01"].demands == frozenset({"STANDING"})
    assert employer_trade("合浦某锂电科技有限公司") == "6-24-01"
    assert employer_trade("某汽车配件制造有限公司") == "6-22-01"
    assert employer_trade("北海某药业有限公司") == "6-12-01"


def test_a_seeker_wanting_a_battery_plant_is_offered_its_line_first():
    jobs = [_line("food", "某食品有限公司"), _line("battery", "某新能源电池有限公司"), _line("chips", "某电子有限公司")]
    m = Matcher(jobs=jobs, seekers=[], gazetteer=GAZ)
    picks = m.jobs_for(_worker("s", "进电池厂"))
    assert [r.job_id for r in picks][0] == "battery"
    score = {r.job_id: r.score for r in picks}
    # the battery plant's post fits 1.0, the others as line work (0.75): the occupation weight × 0.25 apart
    assert score["battery"] - score["food"] == pytest.approx(DEFAULT_WEIGHTS["occ"] * 0.25, abs=2e-4)
    assert score["food"] == score["chips"]


# ------------------------------------------------------------------------------ 2. the park's trade words

@pytest.mark.parametrize(("text", "code"), [
    ("糊盒机操作", "6-07-02"), ("会调墨", "6-07-01"), ("做灯检员", "6-25-02"), ("找个修边工的活", "6-18-04"),
    ("送水工", "4-02-06"), ("桶装水配送", "4-02-06"),
])
def test_the_park_trade_words_are_read(text, code):
    assert normalise_occupation(text)[0] == code


def test_fruit_delivered_is_not_water_and_water_is_heavy():
    assert normalise_occupation("帮水果店送水果") != ["4-02-06"] and "4-02-06" not in normalise_occupation("送水果")
    assert "HEAVY" in infer_job_demands("送水工，负责给小区住户送桶装水", ("4-02-06",))
    assert "FINE_VISION" in infer_job_demands("灯检员，对着灯箱检查药瓶", ("6-25-02",))


# ------------------------------------------------------------------------------ 3. soft wishes

@pytest.mark.parametrize(("text", "limits", "soft"), [
    ("最好坐着的", set(), {"STANDING"}),
    ("尽量白班", set(), {"NIGHT"}),
    ("夜班尽量不要", set(), {"NIGHT"}),
    ("尽量不上夜班", set(), {"NIGHT"}),                       # a hard night limit before session 20
    ("最好是正常白班，能坐着更好", set(), {"NIGHT", "STANDING"}),
    ("重活尽量别干", set(), {"HEAVY"}),
    ("最好不加班", set(), {"LONG_HOURS"}),
    ("不能久站", {"STANDING"}, set()),
    ("上不了夜班", {"NIGHT"}, set()),                         # a fact: read as a limit since session 20
    ("夜班干不了", {"NIGHT"}, set()),
    ("夜班不要紧", set(), set()),                             # nights accepted
    ("最好白班，实在不行也不能上夜班", {"NIGHT"}, set()),     # the fact beside the wish stays hard
    ("最好坐着干，站久了膝盖受不了，不能久站", {"STANDING"}, set()),
])
def test_a_wish_is_soft_and_a_fact_is_a_limit(text, limits, soft):
    assert infer_seeker_limits(text) == frozenset(limits)
    assert soft_wishes(text) == frozenset(soft)


@pytest.mark.parametrize("use_kernel", [True, False])
def test_a_soft_wish_lowers_the_night_post_and_refuses_nothing(monkeypatch, use_kernel):
    monkeypatch.setattr(matcher_module, "USE_KERNEL", use_kernel)
    day = _line("day", "某电子有限公司", "车间装配，长白班8:00-17:30")
    night = _line("night", "某电子有限公司", "车间装配，两班倒，白班夜班每月轮换")
    wisher = _worker("wish", "电子厂", notes="尽量白班")
    plain = _worker("plain", "电子厂")
    m = Matcher(jobs=[day, night], seekers=[wisher, plain], gazetteer=GAZ)
    assert violations(wisher, night, GAZ) == [] and not m.violates(wisher, night)
    scores = score_block(m.S, np.arange(2), m.svec, m.J, np.arange(2), m.jvec, m.weights, None).scores
    assert np.isfinite(scores).all()
    # the wish costs the night post exactly the soft penalty, and nothing on the day post
    assert scores[1, 1] - scores[0, 1] == pytest.approx(PENALTY, abs=1e-6)
    assert scores[0, 0] == scores[1, 0]
    assert [r.job_id for r in m.jobs_for(wisher)] == ["day", "night"]
    night_pick = m.jobs_for(wisher)[1]
    assert "岗位涉及夜班/倒班（本人希望尽量避免）" in night_pick.unmet


def test_a_night_fact_refuses_the_night_post():
    day = _line("day", "某电子有限公司", "车间装配，长白班8:00-17:30")
    night = _line("night", "某电子有限公司", "车间装配，两班倒，白班夜班每月轮换")
    fact = _worker("fact", "电子厂", notes="身体原因上不了夜班")
    m = Matcher(jobs=[day, night], seekers=[fact], gazetteer=GAZ)
    assert violations(fact, night, GAZ) == ["limits:NIGHT"]
    assert [r.job_id for r in m.jobs_for(fact)] == ["day"]


def test_a_seated_wish_prefers_a_seated_post():
    standing = Job("stand", title="包装工", place="廉州镇", wage="4000", description="流水线包装，全程站立")
    seated = Job("seat", title="包装工", place="廉州镇", wage="4000", description="坐着包装小件，可坐")
    seeker = _worker("s", "包装", notes="年纪大了，最好坐着的")
    m = Matcher(jobs=[standing, seated], seekers=[seeker], gazetteer=GAZ)
    picks = m.jobs_for(seeker)
    assert [r.job_id for r in picks] == ["seat", "stand"]
    assert violations(seeker, standing, GAZ) == []


# ------------------------------------------------------------------------------ 4. the kinds of a 专项职业能力证书

@pytest.mark.parametrize(("text", "held"), [
    ("专项职业能力证书（电商直播）", {SPECIAL, "专项（电商直播）"}),
    ("中式面点专项能力证、健康证", {SPECIAL, "专项（中式面点）", "健康证"}),
    ("专项证书", {SPECIAL, *SPECIAL_KINDS}),                  # no kind said: every kind (unknown breaks nothing)
    ("专项职业能力证书（木雕打坯）", {SPECIAL, *SPECIAL_KINDS}),   # a kind the lists do not know: the same
])
def test_a_seeker_holds_the_kind_written(text, held):
    assert normalise_certificates(text) == frozenset(held)


def test_a_posting_asks_for_the_kind_it_names():
    assert parse_required_certificates("须持专项职业能力证书（电商直播）") == (
        frozenset({SPECIAL, "专项（电商直播）"}), frozenset())
    assert parse_required_certificates("持专项能力证即可") == (frozenset({SPECIAL}), frozenset())
    assert parse_required_certificates("有茶艺专项证优先") == (frozenset(), frozenset({SPECIAL, "专项（茶艺）"}))


def test_one_kind_does_not_meet_another():
    live = Job("live", title="直播助理", place="廉州镇", wage="4000", certificates="须持专项职业能力证书（电商直播）",
               description="协助主播上架商品")
    anyone = Job("any", title="直播助理", place="廉州镇", wage="4000", certificates="须持专项职业能力证书",
                 description="协助主播上架商品")
    baker = _worker("baker", "直播", certificates="专项职业能力证书（中式面点）")
    streamer = _worker("streamer", "直播", certificates="专项职业能力证书（直播销售）")
    unsaid = _worker("unsaid", "直播", certificates="专项职业能力证书")
    assert violations(baker, live, GAZ) == ["certificate"]
    assert violations(streamer, live, GAZ) == [] and violations(unsaid, live, GAZ) == []
    assert violations(baker, anyone, GAZ) == []
    m = Matcher(jobs=[live, anyone], seekers=[baker, streamer, unsaid], gazetteer=GAZ)
    assert sorted(r.seeker_id for r in m.seekers_for(live)) == ["streamer", "unsaid"]
    assert sorted(r.seeker_id for r in m.seekers_for(anyone)) == ["baker", "streamer", "unsaid"]
    pick = next(r for r in m.jobs_for(streamer) if r.job_id == "live")
    assert "持有专项职业能力证书（电商直播）" in pick.met


# ------------------------------------------------------------------------------ 5. certificates and their trades

@pytest.mark.parametrize(("text", "held"), [
    ("直播销售员（四级）", {"直播销售员证"}),
    ("互联网营销师证", {"直播销售员证"}),
    ("电子商务师证（三级）", {"电子商务师证"}),
    ("美容美发证", {"美容师证", "美发师证"}),
    ("美容美发师证、健康证", {"美容师证", "美发师证", "健康证"}),
])
def test_the_e_commerce_and_salon_certificates_are_held(text, held):
    assert normalise_certificates(text) == frozenset(held)


def test_the_new_certificates_take_the_second_words_next_bits():
    assert (CERT_BITS["直播销售员证"], CERT_BITS["电子商务师证"]) == (CertBit(1, 1 << 5), CertBit(1, 1 << 6))
    assert parse_required_certificates("须持直播销售员证，电子商务师证优先") == (frozenset({"直播销售员证"}),
                                                                             frozenset({"电子商务师证"}))


def test_a_posting_asking_for_the_salon_certificate_asks_for_either():
    assert parse_required_certificates("须持美容美发证、健康证") == (frozenset({"健康证"}),
                                                                     frozenset({"美容师证", "美发师证"}))
    salon = Job("salon", title="美发助理", place="廉州镇", wage="4000", certificates="须持美容美发证")
    assert violations(_worker("hair", "美发", certificates="美发师证"), salon, GAZ) == []


@pytest.mark.parametrize(("certificate", "code"), [
    ("保育员证", "2-08-01"), ("面点师证", "4-03-01"), ("农机驾驶证", "5-05-01"), ("挖掘机操作证", "6-30-01"),
    ("直播销售员证", "4-01-03"), ("电子商务师证", "4-01-03"),
])
def test_a_certificate_shows_its_trade(certificate, code):
    assert seeker_occupations(Seeker("s", desired="", certificates=certificate)) == [(code, W_CERT)]
