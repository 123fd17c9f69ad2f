"""Session 30 (emp-bits30): the certificates and licences that waited for a bit, in the fourth certificate word — a care
trade's training card taken as one of two, hospitality and tourism's licences (救生员, 导游资格证, 道路旅客运输, N2 观光车,
内河 / 海船 crew cards, 游艇, 西式 cook and baker, 咖啡师, 调酒师), a 健康证 that cannot be had — and two slips of the
explanation (a flag said as a certificate held, a stray 均).
Own sentences: for each reading one that must fire and a look-alike that must not, in the kernel, the numpy path and the
oracle (`constraints.violations`) alike."""

import pytest

from jianfu.employment.matching import Job, Seeker, matcher
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.parse import (
    CERT_BITS,
    CERTIFICATES,
    CIVIL_LEVELS,
    FOURTH_WORD,
    NOT_CERTIFICATES,
    SESSION33_LICENCES,
    SESSION34_LEFT,
    SESSION35_LEFT,
    SESSION36_LEFT,
    TOP_OF_FIFTH_WORD,
    TOP_OF_FOURTH_WORD,
    health_card_refused,
    held_certificates,
    lapsed_certificates,
    parse_required_certificates,
)
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, takers

pytestmark = pytest.mark.usefixtures("ages_in_2026")


def seeker(sid: str, certificates: str, *, desired: str = "服务员", notes: str = "") -> Seeker:
    return Seeker(id=sid, age=35, gender="女", residence="廉州镇", desired=desired, places="县城", notes=notes,
                  certificates=certificates, education="高中", wage="3000")


def post(jid: str, title: str, certificates: str, description: str = "白班8:00-17:00。") -> Job:
    return Job(id=jid, title=title, employer="合浦某公司", place="廉州镇", description=description, age="18-55岁",
               wage="3000-4000", certificates=certificates, benefits="包吃")


def broken(s: Seeker, j: Job) -> list[str]:
    return violations(s, j, GAZ)


def test_the_fourth_word_holds_the_new_names() -> None:
    # session 31 (emp-window31) added a 17th, bit 16 (`PERIOD_UNSTATED_OK`): the sixteen keep their bits
    assert [CERT_BITS[name].word for name in FOURTH_WORD] == [3] * 17
    assert [CERT_BITS[name].bit for name in FOURTH_WORD] == [1 << k for k in range(17)]
    # session 31: the public-sector conditions (`CIVIL_LEVELS`, emp-read31) follow them in the same word; the languages
    # and the employer's kinds sit at the word's top (bits 62–57, emp-lang31), counted apart (`TOP_OF_FOURTH_WORD`)
    # (session 33: emp-left33's licences by 项目 follow the public-sector conditions; emp-read33's doctor's licences sit
    # at the fifth word's top: both counted apart)
    by_position = [n for n in CERTIFICATES
                   if n not in TOP_OF_FOURTH_WORD and n not in SESSION33_LICENCES and n not in TOP_OF_FIFTH_WORD
                   and n not in SESSION34_LEFT       # emp-left34's two, the fifth word's bits 2–3
                   and n not in SESSION35_LEFT       # emp-left35's five, bits 4–8
                   and n not in SESSION36_LEFT]      # emp-left36's seventeen, bits 9–25
    assert by_position[-17 - len(CIVIL_LEVELS):-len(CIVIL_LEVELS)] == list(FOURTH_WORD)
    assert CERT_BITS["可夜间在外（通宵、值夜）"].word == 2          # every earlier bit where it was


# ------------------------------------------------------------------------------------------ a. care training cards


@pytest.mark.parametrize(("text", "required", "preferred"), [
    ("养老护理员证或培训结业证均可", {"养老护理培训证"}, set()),
    ("医疗护理员培训合格证或养老护理员证均可", {"养老护理培训证"}, set()),
    ("育婴员证或培训结业证均可", {"育婴培训证"}, set()),
    ("养老护理员证或培训结业证均可，没有的可入职后培训", set(), {"养老护理培训证"}),
    ("养老护理员证", {"养老护理员证"}, set()),                          # the trade's certificate alone: as before
    ("保育员证或培训结业证均可", set(), {"保育员证"}),                    # no card of its own: both preferred, as before
    ("拖拉机驾驶证或农机培训结业证均可", {"拖拉机驾驶证（农机）"}, set()),    # a licence's post: as before
])
def test_a_training_card_said_to_do_as_well_is_asked(text: str, required: set[str], preferred: set[str]) -> None:
    assert parse_required_certificates(text) == (frozenset(required), frozenset(preferred))


def test_who_holds_a_care_training_card() -> None:
    assert held_certificates("养老护理员培训结业证") == {"养老护理培训证"}
    assert held_certificates("护工培训合格证") == {"养老护理培训证"}
    assert held_certificates("养老护理员职业技能等级证书（四级）") == {"养老护理员证", "养老护理培训证"}
    assert held_certificates("母婴护理培训结业证") == {"母婴护理证"}                   # session 29's synonym, as before
    assert held_certificates("养老护理员培训结业证（在考）") == frozenset()


@both_paths
def test_a_post_taking_a_training_card_is_not_open_to_one_with_neither(kernel: bool,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    either = post("J1", "养老护理员", "养老护理员证或培训结业证均可")
    card = post("J2", "养老护理员", "养老护理员证")
    trained, certified, neither = (seeker("S1", "养老护理员培训结业证", desired="养老护理员"),
                                   seeker("S2", "养老护理员证", desired="养老护理员"), seeker("S3", "健康证", desired="养老护理员"))
    assert [[broken(s, j) for j in (either, card)] for s in (trained, certified, neither)] == [
        [[], ["certificate"]], [[], []], [["certificate"], ["certificate"]]]
    assert takers(either, [trained, certified, neither], kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2"]
    assert takers(card, [trained, certified, neither], kernel=kernel, monkeypatch=monkeypatch) == ["S2"]


# ------------------------------------------------------------------------------------------ b. hospitality and tourism


@pytest.mark.parametrize(("text", "required", "preferred"), [
    ("救生员国家职业资格证书（须在有效期内）", {"救生员证"}, set()),
    ("游泳救生员证，公司送考", set(), {"救生员证"}),
    ("导游资格证（须持）", {"导游资格证"}, set()),
    ("导游证或导游资格证", {"导游资格证"}, set()),
    ("道路运输从业资格证（旅客运输）", {"道路客运从业资格证"}, set()),
    ("道路运输从业资格证（货物运输）", set(), set()),
    ("场（厂）内专用机动车辆作业证（N2观光车）", {"观光车司机证（N2）"}, set()),
    ("场（厂）内专用机动车辆作业证（N1）", {"叉车证"}, set()),
    ("内河船舶船员适任证书", {"内河船员证"}, set()),
    ("海船船员适任证书（值班水手）", {"海船船员证"}, set()),
    ("游艇驾驶证（须持）", {"游艇驾驶证"}, set()),                       # no car's licence: was C1
    ("持C1驾驶证", {"C1"}, set()),
    ("西式面点师证（四级以上）", {"西式面点师证", "中级及以上等级"}, set()),
    ("中式面点师证", {"面点师证"}, set()),
    ("西式烹调师职业技能等级证书", {"西式烹调师证"}, set()),
    ("中式烹调师证", {"厨师证"}, set()),
    ("调酒师或咖啡师职业技能等级证书", set(), {"调酒师证", "咖啡师证"}),
    ("咖啡师四级以上", {"咖啡师证", "中级及以上等级"}, set()),
])
def test_the_licences_of_hospitality_and_tourism_asked(text: str, required: set[str], preferred: set[str]) -> None:
    assert parse_required_certificates(text) == (frozenset(required), frozenset(preferred))


@pytest.mark.parametrize(("text", "held"), [
    ("导游证", {"导游证", "导游资格证"}),
    ("导游资格证", {"导游资格证"}),
    ("导游证（英语）", {"外语导游证", "导游证", "导游资格证"}),
    ("导游证(电子导游证,中文,2023年)", {"导游证", "导游资格证"}),
    ("导游资格证（外语类英语）", {"导游资格证"}),                          # the exam passed, no card applied for
    ("导游证、英语四级", {"导游证", "导游资格证"}),                         # a language test beside it: not the card's
    ("水手证", {"船员证", "内河船员证", "海船船员证"}),                    # no 航区 named: either
    ("海船船员适任证书（三副）", {"船员证", "海船船员证"}),
    ("渔业船员证", {"船员证"}),                                            # another issuer's: neither 航区
    ("游艇驾驶证", {"游艇驾驶证"}),
    ("西式面点师（四级）", {"西式面点师证"}),
    ("中式面点师证", {"面点师证"}),
    ("道路运输从业资格证", {"道路客运从业资格证"}),                         # no kind named: may be the 客运 one
    ("道路运输从业资格证（货运）", set()),
    ("N2观光车", {"观光车司机证（N2）"}),
    ("叉车证（N1）", {"叉车证"}),
    ("救生员证（过期了没年审）", set()),
])
def test_the_licences_of_hospitality_and_tourism_held(text: str, held: set[str]) -> None:
    assert held_certificates(text) == frozenset(held)


def test_a_lifeguards_card_lapsed_is_held_as_lapsed() -> None:
    assert lapsed_certificates("游泳救生员证（过期了没年审）") == {"救生员证"}
    assert lapsed_certificates("救生员证") == frozenset()


@both_paths
def test_a_yacht_licence_is_no_car_licence(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    yacht = post("J1", "游艇驾驶员", "游艇驾驶证（须持）")
    car, skipper = seeker("S1", "C1驾照", desired="司机"), seeker("S2", "游艇驾驶证", desired="司机")
    assert (broken(car, yacht), broken(skipper, yacht)) == (["certificate"], [])
    assert takers(yacht, [car, skipper], kernel=kernel, monkeypatch=monkeypatch) == ["S2"]


@both_paths
def test_a_crew_card_by_its_waters(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    inland = post("J1", "游船水手", "内河船舶船员适任证书")
    any_crew = post("J2", "游船水手", "船员证")
    sea, river, unsaid = (seeker("S1", "海船船员适任证书", desired="水手"), seeker("S2", "内河船员证", desired="水手"),
                          seeker("S3", "水手证", desired="水手"))
    assert [[broken(s, j) for j in (inland, any_crew)] for s in (sea, river, unsaid)] == [
        [["certificate"], []], [[], []], [[], []]]
    assert takers(inland, [sea, river, unsaid], kernel=kernel, monkeypatch=monkeypatch) == ["S2", "S3"]
    assert takers(any_crew, [sea, river, unsaid], kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2", "S3"]


@both_paths
def test_a_western_pastry_card_is_not_the_chinese_one(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    western, chinese = post("J1", "西点师", "西式面点师证"), post("J2", "面点师", "中式面点师证")
    baker, dim_sum = seeker("S1", "西式面点师（四级）", desired="面点师"), seeker("S2", "中式面点师证", desired="面点师")
    assert [[broken(s, j) for j in (western, chinese)] for s in (baker, dim_sum)] == [
        [[], ["certificate"]], [["certificate"], []]]
    assert takers(western, [baker, dim_sum], kernel=kernel, monkeypatch=monkeypatch) == ["S1"]
    assert takers(chinese, [baker, dim_sum], kernel=kernel, monkeypatch=monkeypatch) == ["S2"]


@both_paths
def test_a_guides_qualification_meets_a_post_asking_it(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    qualified, card = post("J1", "导游", "导游资格证（须持）"), post("J2", "导游", "导游证")
    passed, licensed, none = (seeker("S1", "导游资格证", desired="导游"), seeker("S2", "导游证", desired="导游"),
                              seeker("S3", "无", desired="导游"))
    assert [[broken(s, j) for j in (qualified, card)] for s in (passed, licensed, none)] == [
        [[], ["certificate"]], [[], []], [["certificate"], ["certificate"]]]
    assert takers(qualified, [passed, licensed, none], kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2"]


@both_paths
def test_a_foreign_language_guides_card(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    foreign = post("J1", "外语导游", "外语导游证(须持)")
    english, chinese = seeker("S1", "导游证（英语）", desired="导游"), seeker("S2", "导游证（中文）", desired="导游")
    assert parse_required_certificates("外语导游证(须持)") == (frozenset({"外语导游证"}), frozenset())
    assert (broken(english, foreign), broken(chinese, foreign)) == ([], ["certificate"])
    assert takers(foreign, [english, chinese], kernel=kernel, monkeypatch=monkeypatch) == ["S1"]


@both_paths
def test_a_lifeguard_post_and_a_lapsed_card(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    pool = post("J1", "救生员", "救生员国家职业资格证书（须在有效期内）")
    valid, lapsed = (seeker("S1", "游泳救生员证", desired="救生员"),
                     seeker("S2", "游泳救生员证（过期了没年审）", desired="救生员"))
    assert (broken(valid, pool), broken(lapsed, pool)) == ([], ["certificate"])
    assert takers(pool, [valid, lapsed], kernel=kernel, monkeypatch=monkeypatch) == ["S1"]


# ------------------------------------------------------------------------------------------ c. a 健康证 that cannot be had


@pytest.mark.parametrize(("text", "refused"), [
    ("有渗出性皮肤病，医院说办不了健康证", True), ("健康证办不下来", True), ("健康证体检过不了", True),
    ("健康证还没办", False), ("健康证可以去办", False), ("没有健康证", False), ("办了健康证", False),
])
def test_a_health_card_that_cannot_be_had(text: str, refused: bool) -> None:
    assert health_card_refused(text) is refused


@both_paths
def test_one_who_cannot_get_a_health_card_takes_no_post_naming_it(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    now, later, none = (post("J1", "服务员", "须持有效健康证上岗"), post("J2", "服务员", "健康证可入职后办理"),
                        post("J3", "服务员", "无"))
    barred = seeker("S1", "无", notes="有渗出性皮肤病，医院说办不了健康证")
    to_get = seeker("S2", "无", notes="健康证还没办，可以去办")
    assert [[broken(s, j) for j in (now, later, none)] for s in (barred, to_get)] == [
        [["certificate:health", "certificate"], ["certificate:health"], []], [["certificate"], [], []]]
    assert takers(later, [barred, to_get], kernel=kernel, monkeypatch=monkeypatch) == ["S2"]
    assert takers(none, [barred, to_get], kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2"]


# ------------------------------------------------------------------------------------------ 2. the explanation


def reasons(s: Seeker, j: Job) -> str:
    return matcher.Matcher(jobs=[j], seekers=[s], gazetteer=GAZ).jobs_for(s)[0].reasons


def test_no_flag_of_the_words_is_a_certificate_named() -> None:
    assert {"可夜间在外（通宵、值夜）", "可考取有发证年龄的证书（60周岁以下或已持证）", "可办健康证", "自有电动车"} <= NOT_CERTIFICATES
    assert not NOT_CERTIFICATES & {"健康证", "叉车证", "中级及以上等级", "专项（电商直播）", "救生员证"}


def man(sid: str, desired: str, certificates: str = "无") -> Seeker:
    return Seeker(id=sid, age=35, gender="男", residence="廉州镇", desired=desired, places="县城", notes="",
                  certificates=certificates, education="高中", wage="3000")


def test_a_night_away_is_not_said_as_a_certificate_held() -> None:
    night = post("J1", "夜班保安", "无", "22:00至次日8:00值夜，巡逻")
    assert reasons(man("S1", "保安"), night) == (
        "为何推荐：求职意向相符（保安员）；年龄35岁符合18–55岁；工作地点廉州镇（本镇），在可接受范围内；月薪3000–4000元，"
        "达到期望3000元。")       # was "…；持有可夜间在外（通宵、值夜）；…"


def test_a_certificate_sat_through_the_employer_is_not_said_as_one_held() -> None:
    sat = post("J1", "叉车工", "叉车证可公司送考", "白班")
    assert reasons(man("S1", "叉车", "叉车证"), sat) == (
        "为何推荐：求职意向相符（叉车司机）；年龄35岁符合18–55岁；持有优先证书叉车证；工作地点廉州镇（本镇），在可接受范围内；"
        "月薪3000–4000元，达到期望3000元。")     # was "…；持有可考取有发证年龄的证书（60周岁以下或已持证）；…"


def test_a_certificate_held_is_still_said() -> None:
    assert "持有健康证；" in reasons(seeker("S1", "健康证"), post("J1", "服务员", "健康证"))


def test_one_trade_of_a_public_welfare_post_is_unlike_the_wish_without_a_stray_both() -> None:
    forest = Job(id="J1", title="公益性岗位（护林员）", employer="合浦县林业局", place="廉州镇", description="巡山护林，白班",
                 age="18-55岁", wage="3000-4000", certificates="无", benefits="包吃")
    assert reasons(man("S1", "电工"), forest).endswith("不足：公益性岗位（护林员），与求职意向“电工”不同。")   # was "，均与"
    two = post("J2", "客服打包员", "无", "白班，客服和打包")
    assert reasons(man("S2", "电工"), two).endswith("不足：岗位包含客服和包装工两项工作，均与求职意向“电工”不同。")
