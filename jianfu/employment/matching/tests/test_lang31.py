"""Session 31 (emp-lang31): English, Vietnamese and 白话 as skills (`languages`; three bits at the top of the fourth
certificate word, `parse.TOP_OF_FOURTH_WORD`). Own sentences: a wording that must fire beside a look-alike that must
not, in the kernel, the numpy path and the oracle (`constraints.violations`) alike."""

from __future__ import annotations

import pytest

from jianfu.employment.matching import Job, Seeker
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.features import build_jobs, build_seekers
from jianfu.employment.matching.languages import (
    CANTONESE,
    ENGLISH,
    LANGUAGES,
    VIETNAMESE,
    posting_languages,
    seeker_languages,
)
from jianfu.employment.matching.parse import (
    CERT_BITS,
    CERT_WORDS,
    CERTIFICATES,
    FOURTH_WORD,
    NOT_CERTIFICATES,
    TOP_OF_FOURTH_WORD,
)
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, offered, takers

pytestmark = pytest.mark.usefixtures("ages_in_2026")


def seeker(sid: str, notes: str = "", certificates: str = "无") -> Seeker:
    return Seeker(id=sid, age=26, gender="女", residence="廉州镇", desired="酒店前台", places="县城", notes=notes,
                  certificates=certificates, experience="酒店前台2年", education="大专", wage="3000")


def post(jid: str, certificates: str = "", description: str = "白班8:00-17:00。") -> Job:
    return Job(id=jid, title="酒店前台", employer="合浦县某酒店", place="廉州镇", description=description, age="18-40岁",
               wage="3500", certificates=certificates)


# ------------------------------------------------------------------------------------------------- the readings


@pytest.mark.parametrize(("text", "held"), [
    ("大学英语六级，口语还可以", {ENGLISH}),
    ("CET-4", {ENGLISH}),
    ("英语专业毕业，专八", {ENGLISH}),
    ("英语口语流利，能接待外宾", {ENGLISH}),
    ("外公是越南人，越南话很流利", {VIETNAMESE}),
    ("会讲普通话和白话", {CANTONESE}),
    ("会客家话、粤语", {CANTONESE}),
    ("普通话不会，只讲廉州话", {CANTONESE}),
    ("会白话、越南语，不会英语", {CANTONESE, VIETNAMESE}),
    # look-alikes: partial, denied, a test not passed, a wish
    ("英语一般", set()),
    ("会一点英语", set()),
    ("会简单英语", set()),
    ("英语不太好", set()),
    ("不会英语", set()),
    ("英语四级没过", set()),
    ("听不懂白话", set()),
    ("不会讲白话", set()),
    ("想找用得上越南语的工作", set()),
])
def test_what_a_seeker_states(text: str, held: set[str]) -> None:
    assert seeker_languages(text) == held


@pytest.mark.parametrize(("certificates", "description", "required", "preferred"), [
    ("英语口语流利（须）", "", {ENGLISH}, set()),
    ("英语能简单对话（须）", "", {ENGLISH}, set()),
    ("", "要求会越南语，接待越南客人", {VIETNAMESE}, set()),
    ("", "须会普通话和粤语，坐班", {CANTONESE}, set()),
    ("普通话、白话（必须）", "", {CANTONESE}, set()),
    ("英语六级（CET-6）", "", {ENGLISH}, set()),       # a test level in the certificates column
    # look-alikes: 优先 prefers; no must; one of two; Mandarin beside it; not asked
    ("会英语者优先", "", set(), {ENGLISH}),
    ("", "能讲白话更好", set(), {CANTONESE}),
    ("", "须会英语或越南语", set(), {ENGLISH, VIETNAMESE}),
    ("", "要讲普通话和白话", set(), set()),
    ("", "会讲白话，照顾老人", set(), set()),
    ("英语口语流利", "", set(), set()),
    ("", "英语六级，外贸专业", set(), set()),             # a level in the description: not a column's certificate
    ("", "普通话或粤语流利（须）", set(), set()),
    ("", "不要求会英语", set(), set()),
])
def test_what_a_posting_asks(certificates: str, description: str, required: set[str], preferred: set[str]) -> None:
    assert posting_languages(certificates, description) == (frozenset(required), frozenset(preferred))


# ------------------------------------------------------------------------------------------------- the bits


def test_the_bits_are_the_fourth_words_top() -> None:
    assert [CERT_BITS[name] for name in LANGUAGES] == [(3, 1 << 62), (3, 1 << 61), (3, 1 << 60)]
    assert {n: TOP_OF_FOURTH_WORD[n] for n in LANGUAGES} == {ENGLISH: 62, VIETNAMESE: 61, CANTONESE: 60}
    assert CERT_WORDS == 5     # session 33 (emp-left33): a fifth word after them
    # the positional entries end below them (FOURTH_WORD's last at bit 16, emp-window31's flag; then emp-read31's
    # public-sector conditions to bit 52), and no bit is taken twice
    assert max(CERT_BITS[name].bit for name in FOURTH_WORD).bit_length() - 1 == 16
    # (emp-left33: then bits 53–54 and on to the fifth word)
    assert max(cb.bit for name, cb in CERT_BITS.items() if cb.word == 3 and name not in TOP_OF_FOURTH_WORD) == 1 << 54
    assert len({tuple(cb) for cb in CERT_BITS.values()}) == len(CERTIFICATES) == 229   # emp-read32: bits 56, 55; emp-read33: 62–59 of the fifth; emp-read34: 58, 57; emp-left34: 2, 3; emp-read35: 56–54 of the fifth; emp-left35: five (4–8 of the fifth); emp-left36: seventeen (9–25)
    assert set(LANGUAGES) <= NOT_CERTIFICATES        # never said as "持有…" in an explanation


def test_the_tables_carry_the_bits() -> None:
    s = build_seekers([seeker("A", "英语口语流利；会白话"), seeker("B", "英语一般")], GAZ)
    j = build_jobs([post("X", "英语口语流利（须）"), post("Y", "会白话优先")], GAZ)
    en, yue = CERT_BITS[ENGLISH], CERT_BITS[CANTONESE]
    assert [int(s.certs[i, 3]) & (en.bit | yue.bit) for i in range(2)] == [en.bit | yue.bit, 0]
    assert [int(j.cert_req[i, 3]) & (en.bit | yue.bit) for i in range(2)] == [en.bit, 0]
    assert [int(j.cert_pref[i, 3]) & (en.bit | yue.bit) for i in range(2)] == [0, yue.bit]


# ------------------------------------------------------------------------------------------------- both paths


@both_paths
def test_a_must_is_met_only_by_one_who_states_it(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    people = [seeker("fluent", "英语口语还可以"), seeker("cet6", certificates="大学英语六级"), seeker("so-so", "英语一般"),
              seeker("silent"), seeker("denies", "不会英语")]
    assert takers(post("must", "英语能简单对话（须）"), people, kernel=kernel, monkeypatch=monkeypatch) == \
        ["cet6", "fluent"]
    # the look-alikes: preferred or unmarked asks nothing
    for job in (post("liked", "会英语者优先"), post("bare", "英语口语流利")):
        assert takers(job, people, kernel=kernel, monkeypatch=monkeypatch) == sorted(p.id for p in people)


@both_paths
def test_cantonese_and_vietnamese_as_musts(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    s = seeker("S", "会普通话，平时讲白话")
    jobs = [post("yue", description="须会普通话和白话，白班。"), post("vi", "越南语（须）"),
            post("said", description="要讲普通话和白话，白班。")]
    assert offered(s, jobs, kernel=kernel, monkeypatch=monkeypatch) == ["said", "yue"]
    v = seeker("V", "母亲是越南人，越南语流利")
    assert offered(v, jobs, kernel=kernel, monkeypatch=monkeypatch) == ["said", "vi"]


def test_the_oracle_reads_them_alike() -> None:
    must = post("must", "英语口语流利（须）")
    assert violations(seeker("so-so", "英语一般"), must, GAZ) == ["certificate"]
    assert violations(seeker("fluent", "英语口语流利"), must, GAZ) == []
    assert violations(seeker("silent"), post("liked", "英语口语流利优先"), GAZ) == []
    assert violations(seeker("S", "只会讲白话"), post("yue", description="须会白话，白班。"), GAZ) == []
    assert violations(seeker("T", "会普通话"), post("yue", description="须会白话，白班。"), GAZ) == ["certificate"]
