"""Session 4: parsing and relations that generalise to wording the project has not seen — wages as text,
optional certificates as a family of phrasings, requirements inside job-board descriptions, intents that
name a place, "什么都能干", relations people assume, the embedding fallback, and the dev3 split."""

import csv

import pytest

from jianfu.employment.matching import (
    Gazetteer,
    Job,
    Matcher,
    Seeker,
    Wage,
    parse_required_certificates,
    parse_wage,
)
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.evaluate import EVAL_DIR, load_split
from jianfu.employment.matching.features import W_OPEN, job_occupations, seeker_occupations
from jianfu.employment.matching.matcher import occupation_similarity
from jianfu.employment.matching.occupations import ENTRY_LEVEL, OCCUPATIONS, OPEN_CODE
from jianfu.employment.matching.parse import normalise_occupation
from jianfu.employment.matching.sheets import read_sheet

GAZ = Gazetteer.builtin()
IDX = {o.code: i for i, o in enumerate(OCCUPATIONS)}


@pytest.mark.parametrize(("text", "expected"), [
    ("一天两百", Wage(5200, None)), ("一天两百左右", Wage(5200, 5200)), ("一天150", Wage(3900, None)),
    ("按吨计，日均200左右", Wage(5200, 5200, piece_rate=True)), ("一百五一天", Wage(3900, None)), ("日结两百五", Wage(6500, None)),
    ("一个月三千", Wage(3000, None)), ("每小时十五元", Wage(3120, None)), ("一天一百五十", Wage(3900, None)),
    ("四千上下", Wage(4000, 4000)), ("两三千就行", Wage(2000, 3000)), ("月入四千到五千五", Wage(4000, 5500)),
    ("13元/小时", Wage(2704, None)), ("面议（5000以上）", Wage(5000, None, True, False)),
])
def test_wages_as_people_write_them(text, expected):
    assert parse_wage(text) == expected


@pytest.mark.parametrize(("text", "required", "preferred"), [
    ("健康证（入职可办）", set(), {"健康证"}),
    ("健康证（可入职后办理）", set(), {"健康证"}),
    ("健康证公司协助办理", set(), {"健康证"}),
    ("有健康证或者上岗前办理", set(), {"健康证"}),
    ("须持健康证，没有的可入职后办理。", set(), {"健康证"}),
    ("健康证，无证可培训", set(), {"健康证"}),
    ("包考证，叉车证", set(), {"叉车证"}),
    ("电工证（可代办）", set(), {"电工证"}),
    ("持养老护理员证或健康证者优先", set(), {"养老护理员证", "健康证"}),
    ("有母婴护理证、育婴员证其中之一，无证可免费培训后上岗", set(), {"母婴护理证", "育婴员证"}),
    # one of two licences: the lower one, which the higher one includes
    ("持A2或B2驾驶证，3年以上驾龄", {"B2"}, set()),
    # still required
    ("需持健康证，年轻有活力", {"健康证"}, set()),
    ("持健康证上岗", {"健康证"}, set()),
    ("持叉车证，没有经验也可以", {"叉车证"}, set()),
    ("持C1驾照5年以上，取得教练员证者优先", {"C1"}, set()),
    # session 22 (emp-read22): the 应急管理 electrician's certificate by its issuer, not any "电工证"
    ("持特种作业操作证（低压电工）", {"低压电工作业证（应急管理）"}, set()),     # the 低压 项目 (session 33)
])
def test_optional_certificates_as_a_family(text, required, preferred):
    assert parse_required_certificates(text) == (frozenset(required), frozenset(preferred))


def test_requirements_read_from_a_job_board_description(tmp_path):
    path = tmp_path / "jobs.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["职位编号", "职位名称", "年龄", "证书要求", "薪资范围", "工作区域", "职位详情"])
        w.writerow(["J1", "生产线普工", "", "", "4000-5000", "廉州镇",
                    "【岗位职责】装罐、封口。【任职要求】1、18-45周岁；2、初中以上学历；3、须持健康证，没有的可入职后办理。"])
        w.writerow(["J2", "科目二教练", "", "", "5000", "廉州镇", "帮助学员考取C1驾照，教学员倒车入库。"])
    jobs = read_sheet(path, "jobs")
    assert not jobs.errors
    j1, j2 = jobs.items
    assert (j1.age, j1.education) == ("18-45周岁", "初中以上学历")
    assert parse_required_certificates(j1.certificates) == (frozenset(), frozenset({"健康证"}))
    # no requirements heading: a licence named in the description is not a requirement
    assert (j2.age, j2.certificates) == ("", "")


def test_intent_that_names_a_place_is_accepted_and_scored_as_near():
    seeker = Seeker(id="S1", age=31, residence="沙岗镇", desired="想去东莞进厂", wage="6000")
    here = Job(id="J1", title="普工", age="18-45岁", wage="6000-7000", place="廉州镇")
    there = Job(id="J2", title="普工", age="18-45岁", wage="6000-7000", place="广东东莞")
    assert GAZ.acceptable("", home="450521103", intent="想去东莞进厂") == (2, ("4419",))
    assert violations(seeker, there, GAZ) == []
    m = Matcher(jobs=[here, there], seekers=[seeker], gazetteer=GAZ)
    recs = m.jobs_for(seeker)
    assert [r.job_id for r in recs] == ["J2", "J1"]
    assert "工作地点东莞，是本人想去的地方（东莞）" in recs[0].reasons


def test_anything_is_one_slot_related_to_every_entry_level_class():
    slots = seeker_occupations(Seeker(id="S", desired="啥活都干，能挣钱就行"))
    assert slots == [(OPEN_CODE, W_OPEN)]
    assert len(ENTRY_LEVEL) == 26            # 5-05-02 农产品分拣包装工 since session 8; five classes of session 10
    for code in ("6-29-06", "5-01-01", "4-07-01", "5-03-01", "4-09-05", "4-09-01", "6-28-01", "4-02-04", "4-02-05"):
        assert code in ENTRY_LEVEL
        assert occupation_similarity(IDX[OPEN_CODE], IDX[code]) == 1.0
    assert occupation_similarity(IDX[OPEN_CODE], IDX["6-31-01"]) == 0.0      # 电工 needs a certificate
    seeker = Seeker(id="S", age=45, residence="公馆镇", desired="什么都能干", places="本镇")
    jobs = [Job(id="J1", title="建筑杂工", place="公馆镇", wage="日结200"),
            Job(id="J2", title="电工", certificates="电工证", place="公馆镇")]
    recs = Matcher(jobs=jobs, seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)
    assert [r.job_id for r in recs] == ["J1"]
    assert recs[0].reasons.startswith("为何推荐：入门岗位，无需专门技能（建筑普工）")


@pytest.mark.parametrize(("a", "b", "similarity"), [
    ("4-09-05", "3-01-01", 0.6),    # 公益性岗位 ↔ 文员
    ("4-09-05", "4-07-01", 0.5),    # 公益性岗位 ↔ 保安
    ("4-09-05", "4-09-01", 0.6),    # 公益性岗位 ↔ 保洁
    ("4-03-03", "4-03-01", 0.6),    # 帮厨 ↔ 厨师
    ("6-23-01", "6-18-01", 0.6),    # 船体装配 ↔ 焊工
    ("5-03-01", "5-04-01", 0.5),    # 养殖 ↔ 养殖
])
def test_relations_people_assume(a, b, similarity):
    assert occupation_similarity(IDX[a], IDX[b]) == similarity
    assert occupation_similarity(IDX[b], IDX[a]) == similarity


@pytest.mark.parametrize(("text", "code"), [
    ("做饭", "4-03-03"), ("幼儿园厨房阿姨", "4-03-03"), ("居家养老上门服务员", "4-10-04"), ("电商客服", "4-04-01"),
    ("网上客服或者坐办公室", "3-01-01"), ("奶茶店员", "4-03-02"), ("对虾养殖工", "5-04-01"), ("船体装配工", "6-23-01"),
    ("鱼干晒制工", "6-01-01"), ("看大门、守夜都行", "4-07-01"), ("防贫监测协管员（公益性岗位）", "4-09-05"),
    ("送货安装工", "4-02-06"),
])
def test_new_words(text, code):
    assert normalise_occupation(text)[0] == code


def test_embedding_fallback_for_words_no_list_knows():
    # placed when clearly nearest; left unknown otherwise; a condition without a trade is "anything"
    # (化验员, 打磨工 and 铲车司机, the examples until session 9, are words of the lists since session 10's classes)
    assert seeker_occupations(Seeker(id="S", desired="拉面师傅")) == [("4-03-01", 0.8)]
    assert seeker_occupations(Seeker(id="S", desired="锅炉工")) == [(OPEN_CODE, W_OPEN)]
    assert seeker_occupations(Seeker(id="S", desired="离家近的工作")) == [(OPEN_CODE, W_OPEN)]
    assert job_occupations(Job(id="J", title="刷碗")) == ("4-03-03",)
    assert job_occupations(Job(id="J", title="拉面师傅")) == ("4-03-01",)
    assert job_occupations(Job(id="J", title="锅炉工")) == ()
    m = Matcher(jobs=[Job(id="J", title="拉面师傅", place="廉州镇")], seekers=[], gazetteer=GAZ)
    rec = m.jobs_for(Seeker(id="S", desired="拉面师傅", residence="廉州镇"))[0]
    assert "求职意向与此工种相近（中式烹调师（厨师），按词义推断）" in rec.reasons


def test_dev3_split_loads_whole():
    seekers, jobs, qrels = load_split("dev3")
    assert (len(seekers), len(jobs), len(qrels)) == (25, 35, 46)
    assert sum(g == 2 for g in qrels.values()) == 23
    # the graded pairs the oracle calls broken: one, where the grader (before any run) read 居家养老上门服务
    # (cleaning, cooking, company) as light work and the parser gives 养老护理员 its default lifting demand
    # against 腰不好 — kept as graded, counted as a miss (docs/matching.md)
    by_s, by_j = {s.id: s for s in seekers}, {j.id: j for j in jobs}
    broken = [p for p, g in sorted(qrels.items()) if g > 0 and violations(by_s[p[0]], by_j[p[1]], GAZ)]
    # and, since session 8 (emp-dev2) read "要包住" as a limit (the rule of the blind6–8 writers), D3-S24 ("要包住") ×
    # D3-J26 (a night sorting post that says nothing of beds), graded 1 by dev3's writer, who wrote no housing rule
    # — read since session 16: a plain "要包住" refuses only a posting that says it houses nobody. D3-S11 × D3-J31 is read
    # since session 29 (emp-read29): a carer's trade lifts only where the posting names lifting care (失能, 卧床, 翻身 …),
    # as the grader read it (and blind29's writer, convention 5)
    assert broken == []
    assert (EVAL_DIR / "dev3_qrels.csv").exists()


def test_headers_no_list_has_are_read_by_their_words(tmp_path):
    path = tmp_path / "seekers.csv"
    path.write_text("人员编号,姓名,求职意愿,薪资待遇（元/月）,现住址（村/社区）,联系电话,身份证号,期望工作区域,持证情况,工作年限\n"
                    "S1,某某,想进厂,一天两百,党江镇,13800000000,450521199001011234,县内,叉车证,3年\n", encoding="utf-8")
    result = read_sheet(path, "seekers")
    assert not result.errors
    assert result.ignored == ["联系电话"]          # 身份证号 is read since session 14, for an age left empty beside it
    s = result.items[0]
    assert (s.desired, s.wage, s.residence, s.places, s.certificates, s.experience) == \
        ("想进厂", "一天两百", "党江镇", "县内", "叉车证", "3年")
    jobs = tmp_path / "jobs.csv"
    jobs.write_text("岗位编号,用工单位,招聘工种,岗位说明,应聘条件,薪酬待遇,工作地,发布日期\n"
                    "J1,某厂,普工,流水线,18-45周岁，须持健康证,4000-5000,廉州镇,2026-12-01\n", encoding="utf-8")
    result = read_sheet(jobs, "jobs")
    assert not result.errors and result.ignored == ["发布日期"]
    j = result.items[0]
    assert (j.title, j.age, j.wage, j.place, j.employer) == ("普工", "18-45周岁", "4000-5000", "廉州镇", "某厂")
    assert parse_required_certificates(j.certificates) == (frozenset({"健康证"}), frozenset())


def test_more_ways_of_writing_the_same_thing():
    from jianfu.employment.matching import normalise_certificates, parse_age_range, parse_education
    from jianfu.employment.matching.parse import infer_seeker_limits

    # "男女不限" in an age cell is not "no age limit"
    assert parse_age_range("男女不限，45岁内") == (None, 45)
    assert parse_age_range("性别不限，18-50岁") == (18, 50)
    assert parse_age_range("男女不限") == (None, None)
    assert parse_education("不识字") == 0 and parse_education("识字不多") == 0
    assert normalise_certificates("养老护理证") == frozenset({"养老护理员证"})
    assert normalise_certificates("母婴护理师证") == frozenset({"母婴护理证"})
    assert normalise_certificates("厨师等级证") == frozenset({"厨师证"})
    assert infer_seeker_limits("只能白天") == frozenset({"NIGHT"})


@pytest.mark.parametrize(("text", "expected"), [
    ("全市", (3, ())), ("不要出省", (4, ())), ("不去外地", (2, ())), ("不出去打工", (2, ())), ("出去打工", (5, ())),
    ("廉州周边", (1, ("450521100",))),
])
def test_place_scope_as_people_say_it(text, expected):
    assert GAZ.acceptable(text, home="450521101") == expected
