"""Session 36 (emp-left36): readings left by session 35 — "只去外地" and "本镇或外出" (outside the county, or the own town
and outside), the 主管 药学/检验 titles, the 届 a post takes, social insurance a must, building sites refused, and the
放射工作人员证, 规培证 and 法律职业资格证书 (A/C). Exact readings, look-alikes, then tiny hand-made pools through both
formulations (kernel and numpy) and the oracle (`constraints.violations`). "外出，不去东莞" is pinned as it is (left: it
cannot be written in the 24 place slots)."""

import pytest

from jianfu.employment.matching import Job, Seeker
from jianfu.employment.matching.civil import posting_needs, seeker_lacks
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.features import PLACE_SLOTS
from jianfu.employment.matching.graduates import posting_classes, seeker_class
from jianfu.employment.matching.parse import (
    CERT_BITS,
    HEALTH_TECH_SENIOR,
    HEALTH_TECH_TITLES,
    LAW_QUALIFICATION,
    LAW_QUALIFICATION_A,
    RADIATION_WORKER,
    RESIDENCY_TRAINED,
    SESSION36_LEFT,
    asks_residency_training,
    held_certificates,
    parse_required_certificates,
    posting_pays_no_insurance,
    refuses_sites,
    residency_done,
    seeker_needs_insurance,
    works_on_site,
)
from jianfu.employment.matching.places import said_as
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, offered, takers

pytestmark = pytest.mark.usefixtures("ages_in_2026")

SHIKANG = "450521111"         # 石康镇, a town of the county
# every place the gazetteer knows outside 合浦县 (emp-left34's 22: ten provinces, nine prefectures, three districts)
OUTSIDE = ("11", "31", "32", "33", "35", "43", "44", "4501", "4502", "4503", "4504", "450502", "450503", "450512", "4506",
           "4507", "4508", "4509", "4510", "46", "52", "53")
SENIOR_PHARMACIST, SENIOR_LAB = HEALTH_TECH_SENIOR
TITLES = {*HEALTH_TECH_TITLES, *HEALTH_TECH_SENIOR}


def worker(sid: str, *, places: str = "县内", notes: str = "", certificates: str = "无", category: str = "",
           desired: str = "服装车位", education: str = "初中", experience: str = "车位3年") -> Seeker:
    return Seeker(id=sid, age=30, gender="女", residence="石康镇", desired=desired, places=places, notes=notes,
                  certificates=certificates, education=education, wage="4000", experience=experience, category=category)


def job(jid: str, *, place: str = "石康镇", title: str = "服装车位", description: str = "车缝衣服，计件。",
        certificates: str = "无", education: str = "不限", benefits: str = "包住", experience: str = "") -> Job:
    return Job(id=jid, title=title, employer="某制衣有限公司", place=place, description=description, age="18-50周岁",
               wage="4000-6000", certificates=certificates, education=education, benefits=benefits,
               experience=experience)


def test_the_seventeen_entries_take_the_fifth_words_bits_nine_to_twenty_five() -> None:
    assert [CERT_BITS[n] for n in SESSION36_LEFT] == [(4, 1 << k) for k in range(9, 26)]


# ------------------------------------------------------------------------------------------- 1. "只去外地"


@pytest.mark.parametrize(("places", "notes"), [
    ("只去外地", ""), ("只在外地干", ""), ("", "只想去外地打工，家里有人照顾"), ("只到外地", ""),
])
def test_only_away_is_outside_the_county(places: str, notes: str) -> None:
    assert GAZ.acceptable(places, home=SHIKANG, notes=notes) == (0, OUTSIDE)


@pytest.mark.parametrize("places", ["去外地", "外地也行", "外地", "不只在外地", "出去打工"])
def test_away_without_only_stays_anywhere(places: str) -> None:
    assert GAZ.acceptable(places, home=SHIKANG) == (5, ())


def test_a_place_added_by_only_away_is_said_as_away() -> None:
    assert (said_as("只去外地", "4507"), said_as("外出", "4507"), said_as("县内", "4507")) == ("外地", "外出", None)


@both_paths
def test_an_only_away_seeker_is_sent_outside_the_county_only(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    s = worker("O", places="只在外地干")
    own, seat, qinzhou = job("T"), job("C", place="廉州镇"), job("Q", place="钦州")
    assert offered(s, [own, seat, qinzhou], kernel=kernel, monkeypatch=monkeypatch) == ["Q"]
    assert [violations(s, j, GAZ) for j in (own, seat, qinzhou)] == [["place"], ["place"], []]


# --------------------------------------------------------------------------------------- 2. "本镇或外出"


@pytest.mark.parametrize("places", ["本镇或外出", "本镇、外出", "外出、本镇", "本村或外出"])
def test_the_own_town_or_going_out_is_that_town_and_outside_the_county(places: str) -> None:
    assert GAZ.acceptable(places, home=SHIKANG) == (1, OUTSIDE)


def test_a_town_named_or_going_out_is_that_town_and_outside_the_county() -> None:
    assert GAZ.acceptable("县城/外出", home=SHIKANG) == (1, ("450521100", *OUTSIDE))      # 县城 = 廉州镇


@pytest.mark.parametrize("places", ["县内或外出", "本镇，外出也行", "外出哪里都行"])
def test_the_county_or_an_also_beside_going_out_stays_anywhere(places: str) -> None:
    assert GAZ.acceptable(places, home=SHIKANG) == (5, ())


@both_paths
def test_the_own_town_or_going_out_shuts_the_countys_other_towns(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    s = worker("E", places="本镇或外出")
    own, seat, qinzhou = job("T"), job("C", place="廉州镇"), job("Q", place="钦州")
    assert offered(s, [own, seat, qinzhou], kernel=kernel, monkeypatch=monkeypatch) == ["Q", "T"]
    assert [violations(s, j, GAZ) for j in (own, seat, qinzhou)] == [[], ["place"], []]


# ------------------------------------------------------------------------------- 3. "外出，不去东莞" (left)


def test_going_out_but_one_city_still_leaves_its_province_out() -> None:
    # 广东's twelve other known cities would make 21 + 12 = 33 places: more than the 24 slots, so 广东 is left out whole
    # (a refused place is never offered); the reading is pinned as it is until the slots can hold it
    level, named = GAZ.acceptable("外出，不去东莞", home=SHIKANG)
    assert (level, named) == (0, tuple(c for c in OUTSIDE if c != "44")) and PLACE_SLOTS == 24


# --------------------------------------------------------------------- 4. the 主管 药学/检验 titles asked


def needs(certificates: str, description: str = "") -> set[str]:
    return set(posting_needs("药剂科", description, "大专", certificates)) & TITLES


def lacks(certificates: str) -> set[str]:
    return set(seeker_lacks("", "", "大专", False, certificates)) & {SENIOR_PHARMACIST, SENIOR_LAB}


@pytest.mark.parametrize(("certificates", "description", "asked"), [
    ("主管药师", "", {SENIOR_PHARMACIST}),                         # the title alone in the certificates column
    ("", "主管药师及以上职称，负责药房管理", {SENIOR_PHARMACIST}),
    ("", "须具有主管检验师资格", {SENIOR_LAB}),
    ("主管检验技师及以上", "", {SENIOR_LAB}),
    ("", "副主任药师及以上", {SENIOR_PHARMACIST}),                  # the highest level read is the 主管
    ("药师", "", {HEALTH_TECH_TITLES[1]}),                        # the 师 alone in the certificates column
    ("检验师", "", {HEALTH_TECH_TITLES[3]}),
    ("", "须具有药师职称", {HEALTH_TECH_TITLES[1]}),
    ("", "主管药师优先", set()),                                   # preferred
    ("", "协助主管药师调配处方", set()),                             # a colleague
    ("", "取得主管检验师职称另加补贴", set()),                       # rewarded
    ("", "药师职称或执业药师均可", set()),                           # either, 均可
    ("执业药师", "", set()),                                       # the licence, not the 职称
    ("执业中药师资格", "", set()),
])
def test_the_titles_asked(certificates: str, description: str, asked: set[str]) -> None:
    assert needs(certificates, description) == asked


@pytest.mark.parametrize(("certificates", "lacked"), [
    ("主管药师", {SENIOR_LAB}),
    ("副主任药师", {SENIOR_LAB}),
    ("药学（中级）", {SENIOR_LAB}),
    ("主管检验技师", {SENIOR_PHARMACIST}),
    ("药师（初级）", {SENIOR_PHARMACIST, SENIOR_LAB}),
    ("主管药师在考", {SENIOR_PHARMACIST, SENIOR_LAB}),
    ("无", {SENIOR_PHARMACIST, SENIOR_LAB}),
])
def test_the_senior_titles_held_only_where_stated(certificates: str, lacked: set[str]) -> None:
    assert lacks(certificates) == lacked


@both_paths
def test_a_post_asking_the_senior_title_takes_only_who_states_it(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    post = job("P", title="药房组长", description="负责门诊药房管理，白班。", certificates="主管药师及以上", education="大专",
               benefits="五险一金")
    seekers = [worker(sid, certificates=c, desired="药剂", education="大专", experience="医院药房5年")
               for sid, c in (("S1", "主管药师"), ("S2", "药师（初级）"), ("S3", "执业药师注册证书"))]
    assert takers(post, seekers, kernel=kernel, monkeypatch=monkeypatch) == ["S1"]
    assert [violations(s, post, GAZ) for s in seekers] == [[], [f"civil:{SENIOR_PHARMACIST}"],
        [f"civil:{SENIOR_PHARMACIST}"]]


# ------------------------------------------------------------------------------------------------ 5. 届


@pytest.mark.parametrize(("text", "classes"), [
    ("限2026届毕业生", {2026}),
    ("2025届、2026届均可", {2025, 2026}),
    ("面向2026届高校毕业生，双休", {2026}),
    ("2024-2026届可报", {2024, 2025, 2026}),
    ("要求2025、2026届毕业生", {2025, 2026}),                # a year listed before the one written with 届
    ("限2025届或2026届毕业生", {2025, 2026}),
    ("2024届及以后毕业生", {2024, 2025, 2026, 2027, 2028}),
    ("2026届优先", set()),                        # preferred
    ("应届往届均可，2026届", set()),                # the others opened
    ("2026届及往届毕业生", set()),
    ("2026届校园招聘", set()),                     # no word of graduates or limit
])
def test_the_classes_a_post_takes(text: str, classes: set[int]) -> None:
    assert posting_classes(text) == classes


@pytest.mark.parametrize(("text", "year"), [
    ("离校未就业高校毕业生（2025届）", 2025), ("2024年6月毕业于广西某学院", 2024), ("本科 2026届", 2026),
    ("2023年专科毕业，2025年专升本毕业", 2025), ("初中", None),
])
def test_the_class_a_seeker_states(text: str, year: int | None) -> None:
    assert seeker_class(text) == year


@both_paths
def test_a_post_for_one_class_refuses_another(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    post = job("P", title="行政专员", description="行政事务、接待；限2026届毕业生；双休。", education="全日制本科及以上",
               benefits="五险一金", place="廉州镇")
    seekers = [worker(sid, category=c, desired="行政文员", education="本科", experience="无", places="县内")
               for sid, c in (("S1", "离校未就业高校毕业生（2026届）"), ("S2", "离校未就业高校毕业生（2024届）"),
                              ("S3", "离校未就业高校毕业生"))]
    assert takers(post, seekers, kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S3"]     # none stated: kept
    assert [violations(s, post, GAZ) for s in seekers] == [[], ["class"], []]


# ------------------------------------------------------------------------------------- 6. 必须五险一金


@pytest.mark.parametrize(("text", "must"), [
    ("必须五险一金", True), ("一定要买社保", True), ("没有社保的不去", True), ("要求五险一金", True),
    ("最好有五险一金", False), ("有五险一金更好", False), ("不用买社保", False), ("社保无所谓", False),
    ("不需要社保", False),
])
def test_social_insurance_a_must(text: str, must: bool) -> None:
    assert seeker_needs_insurance(text) is must


@pytest.mark.parametrize(("text", "none"), [
    ("不交社保", True), ("试用期不买社保", True), ("无社保，工资日结", True), ("社保自理", True), ("无五险一金", True),
    ("见习补贴每月2200元；购买意外伤害保险", True),                      # an accident insurance only
    ("录用后签劳动合同、交五险一金；见习期购买意外伤害保险", True),          # social insurance only after hiring
    ("自愿不交社保的每月补300", False), ("购买五险一金", False), ("五险一金，购买意外险", False), ("包吃住", False),
    ("转正后购买社保", False),
])
def test_a_post_paying_no_social_insurance(text: str, none: bool) -> None:
    assert posting_pays_no_insurance(text) is none


@both_paths
def test_social_insurance_a_must_refuses_a_post_paying_none(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    s = worker("S", notes="必须五险一金，家里老人要看病")
    posts = [job("J1", benefits="包住，不交社保"), job("J2", benefits="包住，试用期不买社保"), job("J3", benefits="包住"),
             job("J4", benefits="包住，五险一金")]
    assert offered(s, posts, kernel=kernel, monkeypatch=monkeypatch) == ["J3", "J4"]     # silent: kept
    assert [violations(s, j, GAZ) for j in posts] == [["insurance"], ["insurance"], [], []]
    other = worker("O", notes="有社保最好")
    assert offered(other, posts, kernel=kernel, monkeypatch=monkeypatch) == ["J1", "J2", "J3", "J4"]


# ------------------------------------------------------------------------------------- 7. three certificates


@pytest.mark.parametrize(("text", "held"), [
    ("放射工作人员证（有效）", {RADIATION_WORKER}),
    ("规培证", {RESIDENCY_TRAINED}),
    ("医师执业证书；住院医师规范化培训合格证书", {RESIDENCY_TRAINED}),
    ("法律职业资格证书（A类）", {LAW_QUALIFICATION}),
    ("通过法考，C证", {LAW_QUALIFICATION}),
    ("放射工作人员证（在办）", set()),
])
def test_the_three_certificates_held(text: str, held: set[str]) -> None:
    assert set(held_certificates(text)) & {RADIATION_WORKER, RESIDENCY_TRAINED, LAW_QUALIFICATION} == held


def test_the_three_certificates_asked() -> None:
    assert parse_required_certificates("须放射工作人员证") == ({RADIATION_WORKER}, frozenset())
    assert parse_required_certificates("放射工作人员证（入职后统一培训办证）") == (frozenset(), {RADIATION_WORKER})
    assert parse_required_certificates("须法律职业资格证书（A证）") == ({LAW_QUALIFICATION}, frozenset())
    assert parse_required_certificates("规培证优先") == (frozenset(), {RESIDENCY_TRAINED})
    assert [asks_residency_training(t) for t in ("须完成住院医师规范化培训（取得合格证）", "须住院医师规范化培训合格", "规培优先",
                                                 "无需规培", "需参加住院医师规范化培训（医院安排）")] == [
        True, True, False, False, False]                 # a training the post gives is no condition (blind35 J005)
    # completed, the certificate still to be issued (blind33 S24), is held; in progress or planned is not
    assert [residency_done(t) for t in ("规培刚结业，规培合格证书下个月发", "规培在南宁做完了", "规培在读", "还没规培",
                                        "准备规培")] == [True, True, False, False, False]


@pytest.mark.parametrize(("certificates", "asked"), [
    ("须法律职业资格证书（A证）", {LAW_QUALIFICATION_A}), ("法律职业资格证书（A证或C证）", set()),
    ("法律职业资格证书", set()), ("法律职业资格证书A证优先", set()),
])
def test_the_a_class_asked(certificates: str, asked: set[str]) -> None:
    assert set(posting_needs("法务", "", "本科", certificates)) & {LAW_QUALIFICATION_A} == asked


@both_paths
def test_the_certificates_refuse_who_lacks_them(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    law = job("L", title="法务专员", description="合同审查、诉讼事务；双休。", certificates="须法律职业资格证书（A证）",
              education="本科", place="廉州镇", benefits="五险一金")
    lawyers = [worker(sid, certificates=c, desired="法务", education="本科", experience="律所2年", places="县内")
               for sid, c in (("A", "法律职业资格证书（A类）"), ("C", "法律职业资格证书（C证）"), ("N", "无（法考主观题没过）"),
                              ("U", "法律职业资格证书"))]
    assert takers(law, lawyers, kernel=kernel, monkeypatch=monkeypatch) == ["A", "U"]     # no class said: kept
    assert [violations(s, law, GAZ) for s in lawyers] == [[], [f"civil:{LAW_QUALIFICATION_A}"], ["certificate"], []]
    scan = job("R", title="放射科技师", description="DR、CT检查操作。", certificates="须放射工作人员证", education="大专",
               place="廉州镇", benefits="五险一金")
    doctor = job("D", title="影像诊断医师", description="影像诊断。", certificates="须医师执业证书", education="本科",
                 place="廉州镇", benefits="五险一金", experience="须完成住院医师规范化培训（取得合格证）")
    techs = [worker(sid, certificates=c, desired="影像", education="本科", experience="医院3年", places="县内")
             for sid, c in (("R1", "放射工作人员证"), ("R0", "无"),
                            ("D1", "医师执业证书；住院医师规范化培训合格证书"), ("D0", "医师执业证书"))]
    assert takers(scan, techs, kernel=kernel, monkeypatch=monkeypatch) == ["R1"]
    assert takers(doctor, techs, kernel=kernel, monkeypatch=monkeypatch) == ["D1"]
    assert [violations(s, doctor, GAZ) for s in techs[2:]] == [[], ["certificate"]]


# ---------------------------------------------------------------------------------------------- 8. 不跑工地


@pytest.mark.parametrize(("text", "refused"), [
    ("只做办公室的活，不跑工地", True), ("不去工地", True), ("工地不去", True), ("工地的活不干", True),
    ("工地也行", False), ("不怕工地", False), ("做过工地", False),
])
def test_building_sites_refused(text: str, refused: bool) -> None:
    assert refuses_sites(text) is refused


@pytest.mark.parametrize(("text", "on_site"), [
    ("资料员 驻项目部（工地）整理施工资料", True), ("施工员 常驻工地", True), ("工地杂工，日结", True),
    ("造价员 办公室工作，不驻工地", False), ("无需去工地", False), ("办公室文员", False),
])
def test_a_post_on_a_building_site(text: str, on_site: bool) -> None:
    assert works_on_site(text) is on_site


@both_paths
def test_a_seeker_refusing_sites_is_not_sent_to_one(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    s = worker("S", notes="只做办公室的活，不跑工地", desired="资料员", education="大专", experience="资料员1年")
    site = job("W", title="资料员", description="驻项目部（工地）整理施工资料、报验。", education="大专")
    office = job("O", title="资料员", description="工程资料整理、录入，办公室工作，不驻工地。", education="大专")
    assert offered(s, [site, office], kernel=kernel, monkeypatch=monkeypatch) == ["O"]
    assert [violations(s, j, GAZ) for j in (site, office)] == [["site"], []]
