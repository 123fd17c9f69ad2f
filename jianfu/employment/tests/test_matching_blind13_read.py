"""Session 13 (emp-read13), kinds read after blind13's run (own sentences, not the split's rows): home outwork, whose
workplace is the worker's own home inside the place a posting names; a load stated per "一包/一袋"; an experience
requirement that names one of two jobs in a row; and a factory named as where another trade is done ("去工厂做电工").
Hours, shifts and night work are another branch's (emp-dev13) and are not read here."""

import numpy as np
import pytest

from jianfu.employment.matching import Gazetteer, Job, Matcher, Seeker
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.matcher import feasible_block
from jianfu.employment.matching.parse import (
    experience_of_one_job,
    men_only_lawful,
    occupation_scores,
    stated_load_kg,
    works_at_home,
)

GAZ = Gazetteer.builtin()


# ------------------------------------------------------------------------------ home outwork: what is read

@pytest.mark.parametrize("text", [
    "藤编果篮来料加工，可在家做，每月上门收货",
    "绣花鞋面，领回家加工，按件计酬",
    "发夹组装可以带回家做，材料厂里送",
    "居家手工，穿珠帘，计件",
    "剪线头的活，拿回家做也行",
    "在家也可以做，做好送到村委",
])
def test_work_that_may_be_done_at_home_is_home_outwork(text):
    assert works_at_home(text)


@pytest.mark.parametrize("text", [
    "住家保姆，在家做饭、打扫",             # cooking at an employer's home
    "钟点工，到客户家做家务",
    "毛绒玩具缝制，不能带回家做，须在车间完成",
    "不可在家做，要来厂里打卡",
    "外发加工厂招普工，长白班",             # a subcontracting workshop, not home work
    "在家带孩子的宝妈优先，厂里有托管",       # a wish about the worker, not where the work is done
    "严禁带回家加工",
])
def test_look_alikes_are_not_home_outwork(text):
    assert not works_at_home(text)


def _seeker(places: str, residence: str = "山口镇", desired: str = "手工活") -> Seeker:
    return Seeker(id="s", age=48, gender="女", residence=residence, desired=desired, places=places, wage="面议")


def _home_job(place: str = "合浦县", description: str = "藤编果篮来料加工，可在家做，每月上门收货") -> Job:
    return Job(id="j", title="藤编加工", place=place, description=description, wage="计件")


def test_a_seeker_who_works_only_at_home_is_offered_home_outwork_of_her_county():
    seeker, job = _seeker("在家做"), _home_job()
    assert violations(seeker, job, GAZ) == []
    m = Matcher(jobs=[job], seekers=[seeker], gazetteer=GAZ)
    assert [r.job_id for r in m.jobs_for(seeker)] == ["j"]
    assert m.J.at_home.tolist() == [3]                     # the county's three code levels
    assert "可在家做（合浦县范围内）" in m.jobs_for(seeker)[0].met


def test_the_same_posting_without_home_work_stays_out_of_her_reach():
    seeker, job = _seeker("在家做"), _home_job(description="藤编果篮来料加工，在公司车间做")
    assert violations(seeker, job, GAZ) == ["place"]
    m = Matcher(jobs=[job], seekers=[seeker], gazetteer=GAZ)
    assert m.jobs_for(seeker) == []
    assert m.J.at_home.tolist() == [0]


def test_home_outwork_elsewhere_is_no_nearer_than_its_place():
    # at 营盘镇 (铁山港区), home work of that town: a seeker of 合浦县 who accepts only her own town is not offered it
    seeker, job = _seeker("本镇"), _home_job(place="铁山港区营盘镇")
    assert violations(seeker, job, GAZ) == ["place"]
    m = Matcher(jobs=[job], seekers=[seeker], gazetteer=GAZ)
    assert m.jobs_for(seeker) == []
    assert m.J.at_home.tolist() == [4]


def test_home_outwork_scores_as_the_seekers_own_village():
    near = Job(id="near", title="藤编加工", place="山口镇", description="藤编果篮来料加工，在镇上车间做", wage="计件")
    home = _home_job()
    seeker = _seeker("县内")
    m = Matcher(jobs=[near, home], seekers=[seeker], gazetteer=GAZ, weights={"text": 0.0})
    _, level = feasible_block(m.S, np.array([0]), m.J, np.arange(2))
    assert level.tolist() == [[1, 0]]                      # 本镇 for the workshop, 本村 (her home) for home work


def test_the_fused_kernel_and_numpy_agree_on_home_outwork():
    from jianfu.employment.matching import kernel
    from jianfu.employment.matching import matcher as mod
    seekers = [_seeker("在家做"), _seeker("本镇", residence="廉州镇"), _seeker("县内", residence="北海市区")]
    seekers = [Seeker(**{**{f: getattr(s, f) for f in s.__slots__}, "id": f"s{i}"}) for i, s in enumerate(seekers)]
    jobs = [_home_job(), _home_job(place="铁山港区营盘镇"), Job(id="w", title="藤编加工", place="合浦县", wage="计件")]
    jobs = [Job(**{**{f: getattr(j, f) for f in j.__slots__}, "id": f"j{i}"}) for i, j in enumerate(jobs)]
    m = Matcher(jobs=jobs, seekers=seekers, gazetteer=GAZ)
    si, ji = np.arange(3), np.arange(3)
    fused = mod.score_block(m.S, si, m.svec, m.J, ji, m.jvec, m.weights, None).scores
    ref = mod.score_block_numpy(m.S, si, m.svec, m.J, ji, m.jvec, m.weights, None).scores
    assert np.array_equal(np.isfinite(fused), np.isfinite(ref))
    assert np.allclose(fused[np.isfinite(fused)], ref[np.isfinite(ref)], atol=1e-5)
    # home work of 合浦县 reaches its residents whatever they accept; 营盘镇's does not; the workshop of the county only
    # those who accept the county; the 北海市区 seeker, outside the county, none
    assert np.isfinite(fused).tolist() == [[True, False, False], [True, False, False], [False, False, False]]
    for row in range(3):
        assert kernel.feasible(m.S, row, m.J, ji).tolist() == np.isfinite(ref[row]).tolist()


# ------------------------------------------------------------------------------ a load per 一包 / 一袋

@pytest.mark.parametrize(("text", "kg"), [
    ("化肥一袋50公斤，上车全靠人扛", 50.0),
    ("水泥一包100斤", 50.0),
    ("一箱约30斤，搬上货架", 15.0),
    ("一天装卸4车，计件", 0.0),              # a day's loads, not a piece
    ("一件代发，打包贴单", 0.0),             # no weight
    ("一次性发放补贴30元", 0.0),
])
def test_a_load_stated_for_one_bag_or_box(text, kg):
    assert stated_load_kg(text) == kg


def test_a_men_only_posting_of_fifty_kilo_bags_is_closed_to_women_by_law():
    text = "米面搬运工，一袋50公斤，限男性"
    assert men_only_lawful(text)
    assert not men_only_lawful("米面搬运工，一袋10公斤，限男性")      # within the appendix: the gender line binds nobody
    job = Job(id="j", title="搬运工", description=text, place="廉州镇")
    woman = Seeker(id="w", age=30, gender="女", residence="廉州镇", desired="搬运")
    man = Seeker(id="m", age=30, gender="男", residence="廉州镇", desired="搬运")
    assert violations(woman, job, GAZ) == ["limits:MEN_ONLY_LAWFUL"]
    assert violations(man, job, GAZ) == []


# ------------------------------------------------------------------------------ two jobs in a row, one experience

@pytest.mark.parametrize(("title", "experience", "one"), [
    ("注塑机调机师傅、普工", "调机需3年以上注塑经验", True),
    ("包装工、铲车司机", "2年以上开铲车经验", True),
    ("电焊工", "3年以上电焊经验", False),                # one job
    ("车缝工、剪线工", "1年以上经验", False),             # names neither
    ("厨师、帮厨", "厨师和帮厨都要1年经验", False),        # names both
    ("焊工、电焊工", "电焊2年以上", False),               # one trade written twice
])
def test_an_experience_that_names_one_of_two_jobs(title, experience, one):
    assert experience_of_one_job(title, experience) is one


def test_the_other_job_of_the_row_is_open_without_that_experience():
    jobs = [Job(id="two", title="注塑机调机师傅、普工", experience="调机需3年以上注塑经验", place="廉州镇", wage="4500"),
            Job(id="one", title="注塑调机师傅", experience="调机需3年以上注塑经验", place="廉州镇", wage="4500")]
    seeker = Seeker(id="s", age=22, residence="廉州镇", desired="进厂", experience="流水线做过半年")
    m = Matcher(jobs=jobs, seekers=[seeker], gazetteer=GAZ)
    assert m.J.years.tolist() == [0.0, 3.0]


# ------------------------------------------------------------------------------ a factory named as where a trade is done

@pytest.mark.parametrize(("wish", "codes"), [
    ("想去工厂做仓库管理或者电工", {"4-02-03", "6-31-01"}),  # a storeman or electrician in a factory, not line work
    ("在厂里当保安", {"4-07-01"}),
    ("想进工厂做会计", {"2-06-01"}),
    ("进厂做普工", {"6-28-01"}),                        # the line itself named after it
    ("在工厂做过三年，想找电工", {"6-28-01", "6-31-01"}),  # a past in a factory is line work
    ("去工厂做事", {"6-28-01"}),                        # no other trade named: the factory is the wish
])
def test_a_factory_named_as_the_place_of_another_trade_is_not_line_work(wish, codes):
    assert set(occupation_scores(wish)) == codes
