"""Session 33 (emp-read33): blind33 read after its one run — a health recruitment window (护士, 医师, 药学, 检验/影像, and a
hospital's 后勤). The readings: the 护士 exam passed and not yet registered, a licence renewed by its register (延续注册),
an exam a month or a season ahead, a family member "在家" (and "在家这边": near home, not work at home), a clause of the
wish refusing work, and a hospital's own names for work the list has (挂号/收费, 药房). Own sentences, none of
blind33's rows: for each reading one that must fire and a look-alike that must not, in the kernel, the numpy path and
the oracle (`constraints.violations`) alike."""

import contextlib
import io

import pytest

from jianfu.employment.matching import Job, Seeker
from jianfu.employment.matching import evaluate as ev
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.features import _wish_and_past, job_occupations, seeker_occupations
from jianfu.employment.matching.matcher import Matcher
from jianfu.employment.matching.parse import (
    ASSISTANT_PHYSICIAN,
    CERT_BITS,
    PHYSICIAN,
    TCM_SPECIALTY_DOCTOR,
    TOP_OF_FIFTH_WORD,
    VILLAGE_DOCTOR,
    ages_counted_in,
    held_certificates,
    lapsed_certificates,
    parse_required_certificates,
    renewal_taken,
)
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, takers

pytestmark = pytest.mark.usefixtures("ages_in_2026")

NURSE_CARD = "护士资格证"


def seeker(sid: str, certificates: str, *, desired: str = "护士", notes: str = "", places: str = "县内",
           experience: str = "") -> Seeker:
    return Seeker(id=sid, age=30, gender="女", residence="廉州镇", desired=desired, places=places, notes=notes,
                  certificates=certificates, education="大专（护理）", wage="4000",
                  experience=experience or f"{desired}3年")


def post(jid: str, certificates: str, *, title: str = "护士", description: str = "病房护理，倒班。",
         place: str = "廉州镇") -> Job:
    return Job(id=jid, title=title, employer="合浦某医院", place=place, description=description,
               age="18-45周岁", wage="3500-4500", certificates=certificates, education="中专及以上", benefits="五险")


def broken(s: Seeker, j: Job) -> list[str]:
    return violations(s, j, GAZ)


# ------------------------------------------------------------------------- the 护士 exam passed, not yet registered


def test_the_nurse_exam_passed_is_the_licence_for_matching_not_one_failed_or_ahead() -> None:
    assert held_certificates("护士执业资格考试已通过，还没注册") == {NURSE_CARD}
    assert held_certificates("护士资格考试成绩合格（未注册执业）") == {NURSE_CARD}
    # look-alikes: the exam failed, its result awaited, or sat next year
    assert held_certificates("护士执业资格考试没通过") == set()
    assert held_certificates("护士资格考试考完了，等成绩") == set()
    assert held_certificates("无（护士资格证明年5月才考）") == set()


@both_paths
def test_a_nurse_post_takes_the_exam_passed_but_not_the_exam_ahead(kernel, monkeypatch) -> None:
    job = post("J", "须持护士执业证书")
    passed = seeker("P", "护士执业资格考试已通过，还没注册")
    ahead = seeker("A", "无（护士资格证下半年才考）")
    assert takers(job, [passed, ahead], kernel=kernel, monkeypatch=monkeypatch) == ["P"]
    assert broken(passed, job) == [] and broken(ahead, job) == ["certificate"]


# ------------------------------------------------------------------------- a licence renewed by its register


def test_a_lapsed_licence_unrenewed_by_its_register_is_lapsed_not_held() -> None:
    assert held_certificates("护士证（没延续注册）") == set()
    assert lapsed_certificates("护士证（没延续注册）") == {NURSE_CARD}
    assert lapsed_certificates("护士执业证书（有效）") == set()


def test_a_post_helping_with_the_register_takes_a_lapsed_licence_not_one_refusing_it() -> None:
    assert renewal_taken("须持护士执业证书，证书过期的可协助办理延续注册")
    assert not renewal_taken("须持护士执业证书，过期不予注册")


@both_paths
def test_a_lapsed_nurse_licence_meets_only_the_post_that_renews_it(kernel, monkeypatch) -> None:
    renews = post("R", "须持护士执业证书；过期的可协助延续注册")
    strict = post("S", "须持有效护士执业证书")
    lapsed = seeker("L", "护士执业证书（2023年到期，没去延续注册）")
    assert takers(renews, [lapsed], kernel=kernel, monkeypatch=monkeypatch) == ["L"]
    assert takers(strict, [lapsed], kernel=kernel, monkeypatch=monkeypatch) == []
    assert broken(lapsed, renews) == [] and broken(lapsed, strict) == ["certificate"]


# ------------------------------------------------------------------------- "在家" of the family


def test_a_family_member_at_home_is_no_place_of_the_seekers_own() -> None:
    home = GAZ.resolve("廉州镇")
    # the seeker's places column decides (the county seat, the city proper), not where her husband is
    level, _ = GAZ.acceptable("县城、北海市区", home=home, notes="老公在家这边，回来不走了")
    assert level >= 1
    assert GAZ.acceptable("", home=home, notes="孩子在家没人带")[0] == 2
    # "在家这边" said of herself is near home; "只能在家做" is work at home
    assert GAZ.acceptable("", home=home, notes="想在家这边找")[0] == 1
    assert GAZ.acceptable("", home=home, notes="只能在家做")[0] == 0


@both_paths
def test_a_husband_at_home_keeps_the_town_posts(kernel, monkeypatch) -> None:
    job = post("J", "护士执业证书")
    wife = seeker("W", "护士执业证书（有效）", places="县城", notes="老公在家这边，我回来不走了")
    at_home = seeker("H", "护士执业证书（有效）", places="", notes="只能在家做")
    assert takers(job, [wife, at_home], kernel=kernel, monkeypatch=monkeypatch) == ["W"]
    assert broken(wife, job) == [] and broken(at_home, job) == ["place"]


# ------------------------------------------------------------------------- a clause of the wish refusing work


def test_a_clause_refusing_work_is_not_the_wish() -> None:
    assert _wish_and_past("什么活都可以，就是保安和门卫不干") == ("什么活都可以", "")
    assert _wish_and_past("药店，夜班不做") == ("药店", "")
    # alone, it is left as written (nothing else to read); a wish naming work is kept
    assert _wish_and_past("保安不干") == ("保安不干", "")
    assert _wish_and_past("保安，门卫也行") == ("保安，门卫也行", "")
    # a refusal naming a kind of the work wished first is left in the wish
    assert _wish_and_past("只做英语讲解，不做中文导游") == ("只做英语讲解，不做中文导游", "")


def test_a_refused_trade_is_no_slot_of_the_seeker() -> None:
    codes = [c for c, _ in seeker_occupations(seeker("X", "", desired="什么活都可以，就是保安和门卫不干",
                                                       experience="仓库搬运2年"))]
    assert "4-07-01" not in codes           # 保安
    codes = [c for c, _ in seeker_occupations(seeker("Y", "", desired="保安和门卫都行", experience="仓库搬运2年"))]
    assert "4-07-01" in codes


# ------------------------------------------------------------------------- a hospital's names for work


def test_a_hospitals_names_for_work_the_list_has() -> None:
    assert job_occupations(post("G", "", title="挂号员", description="门诊挂号窗口，白班。")) == ("4-01-02",)
    assert [c for c, _ in seeker_occupations(seeker("P", "药士", desired="医院药房"))][0] == "2-05-03"
    # look-alikes: a 药店 is the 医药商品购销员's, a 医师 the doctor's
    assert job_occupations(post("S", "", title="大药房营业员", description="售药、收银。")) == ("4-01-05",)
    assert job_occupations(post("M", "", title="门诊医师", description="内科门诊。")) == ("2-05-02",)


# ------------------------------------------------------------------------- a doctor's licences by 级别


def test_the_doctors_licences_sit_at_the_fifth_words_top() -> None:
    # (emp-read34 took 58 and 57 below them: test_blind34_read.py)
    assert {n: b for n, b in TOP_OF_FIFTH_WORD.items() if b >= 59} == {PHYSICIAN: 62, ASSISTANT_PHYSICIAN: 61, VILLAGE_DOCTOR: 60,
                                                                     TCM_SPECIALTY_DOCTOR: 59}
    assert {CERT_BITS[n] for n in TOP_OF_FIFTH_WORD if TOP_OF_FIFTH_WORD[n] >= 59} == {(4, 1 << b) for b in (59, 60, 61, 62)}


def test_a_doctors_licences_held_by_their_level() -> None:
    doctor = {PHYSICIAN, ASSISTANT_PHYSICIAN, VILLAGE_DOCTOR}
    assert held_certificates("执业医师证书（内科）") == doctor
    assert held_certificates("医师资格考试通过的医师资格证书（还没注册）") == doctor      # as the nurse's exam
    assert held_certificates("执业助理医师证（全科）") == {ASSISTANT_PHYSICIAN, VILLAGE_DOCTOR}
    assert held_certificates("乡村医生执业证书（有效期至2029年）") == {VILLAGE_DOCTOR}
    # look-alikes: the 专长 certificate is no 执业医师's, a lapsed village licence is not held
    assert held_certificates("中医（专长）医师资格证书（推拿）") == {TCM_SPECIALTY_DOCTOR}
    assert held_certificates("乡村医生证（去年到期没再注册）") == set()


def test_a_post_asks_the_level_it_names_and_not_the_one_it_refuses() -> None:
    assert parse_required_certificates("须持执业医师证书，执业助理医师不可") == ({PHYSICIAN}, set())
    assert parse_required_certificates("执业助理医师及以上（乡村医生证不可）") == ({ASSISTANT_PHYSICIAN}, set())
    assert parse_required_certificates("乡村医生执业证书或执业助理医师均可") == (set(), {VILLAGE_DOCTOR, ASSISTANT_PHYSICIAN})
    # "缺一不可" asks them all
    assert parse_required_certificates("健康证、执业医师证书缺一不可") == ({"健康证", PHYSICIAN}, set())


@both_paths
def test_an_assistant_meets_the_assistants_post_not_the_doctors(kernel, monkeypatch) -> None:
    doctor = seeker("D", "执业医师证书（临床）", desired="医生")
    assistant = seeker("A", "执业助理医师证书（临床）", desired="医生")
    village = seeker("V", "乡村医生执业证书（有效）", desired="医生")
    doctors_post = post("P", "须持执业医师证书", title="门诊医师", description="内科门诊，白班。")
    assistants_post = post("Q", "执业助理医师及以上", title="门诊医师", description="内科门诊，白班。")
    village_post = post("R", "须持乡村医生执业证书", title="村医", description="村卫生室坐诊。")
    assert takers(doctors_post, [doctor, assistant, village], kernel=kernel, monkeypatch=monkeypatch) == ["D"]
    assert takers(assistants_post, [doctor, assistant, village], kernel=kernel, monkeypatch=monkeypatch) == ["A", "D"]
    assert takers(village_post, [doctor, assistant, village], kernel=kernel, monkeypatch=monkeypatch) == ["A", "D", "V"]
    assert broken(assistant, doctors_post) == ["certificate"] and broken(assistant, assistants_post) == []


def test_blind33_after_its_reading() -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        seekers, jobs, qrels = ev.load_split("blind33")
    with ages_counted_in(ev.EVAL_YEAR):
        m = Matcher(jobs=jobs, seekers=seekers, gazetteer=GAZ, year=ev.EVAL_YEAR, today=ev.EVAL_DATE)
        rows = ev.summary(ev.per_query(ev.matcher_ranker(m), qrels))
    # first run (the session's starting code 9077f051): 0.854 / 0.906 (NDCG@10, seekers / postings); after its reading
    # (emp-read33): see eval/README.md "Session 33 (branch emp-read33)". Pinned on session 34's machine: session 33's
    # gave (0.90663, 0.9492) for the same code (9ed2ba40 reproduces 0.91071 here); the embedding places a few titles
    # within a hair of its margin (导医: best − second 0.00525 against MIN_MARGIN 0.005 here), so the figure can move
    # by a few thousandths from one machine's engine to another's.
    # fixcr34c: 0.94815 → 0.94816 — B33-S09's "不想去县城" no longer names the county seat as a place wished (`_REFUSED`);
    # emp-left34 (the 执业药师's licence not the 药师 职称, a 护师 holding the 护士执业证书): seekers 0.91071 → 0.91233
    # pins35: (0.91233, 0.94816) → (0.90825, 0.94922) — committed vectors: the figure no longer rests on this CPU's engine
    # (semantic.py reads blind33's titles and the occupation table from vectors/, ADR 0049; the same on every machine);
    # emp-left35: the 护理 职称 and the 执业药师's 类别 asked (B33-J002/J137/J141, J064/J065/J081) move seekers
    # 0.90825 → 0.90927
    # emp-left36: the 放射工作人员证 asked (B33-J090) and held (S23), the 规培 asked in 经验要求 (J035) and held where completed
    # (S07, S24), the 届 a post takes (J026) move seekers 0.90927 → 0.92068
    assert (round(rows["seekers"][0], 5), round(rows["jobs"][0], 5)) == (0.92068, 0.94922)
