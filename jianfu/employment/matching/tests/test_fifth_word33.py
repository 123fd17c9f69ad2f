"""Session 33 (emp-left33): the fifth certificate word. The fourth word's top bits (55–62, `TOP_OF_FOURTH_WORD`) are
taken, so the entries by position step over them to the fifth word's bit 0; the fifth word's top (`TOP_OF_FIFTH_WORD`)
is kept for a branch reading beside. A bit of the fifth word asked by a posting and lacking in a seeker refuses the
pair in the kernel, the numpy path and the oracle (`constraints.violations`) alike."""

import pytest

from jianfu.employment.matching import Job, Seeker, parse
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.features import build_jobs, build_seekers
from jianfu.employment.matching.parse import (
    CERT_BITS,
    CERT_WORDS,
    FOURTH_WORD_END,
    THIRD_WORD_END,
    TOP_OF_FIFTH_WORD,
    TOP_OF_FOURTH_WORD,
    CertBit,
    _cert_bit,
    certificate_names,
    certificate_words,
)
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, takers

pytestmark = pytest.mark.usefixtures("ages_in_2026")


def seeker(sid: str, certificates: str) -> Seeker:
    return Seeker(id=sid, age=30, gender="女", residence="廉州镇", desired="咖啡师", places="县城", notes="",
                  certificates=certificates, education="高中", wage="3000")


def post(jid: str, certificates: str) -> Job:
    return Job(id=jid, title="咖啡师", employer="合浦某咖啡店", place="廉州镇", description="白班9:00-18:00。",
               age="18-45岁", wage="3000-4000", certificates=certificates, benefits="包吃")


def test_the_entries_by_position_step_over_the_fourth_words_top() -> None:
    assert CERT_WORDS == 5
    assert (THIRD_WORD_END, FOURTH_WORD_END) == (131, 186)
    assert [_cert_bit(i) for i in (130, 131, 185, 186, 187, 186 + 62)] == [
        CertBit(2, 1 << 62), CertBit(3, 1), CertBit(3, 1 << 54), CertBit(4, 1), CertBit(4, 2), CertBit(4, 1 << 62)]
    taken = {cb.bit for name, cb in CERT_BITS.items() if cb.word == 3 and name in TOP_OF_FOURTH_WORD}
    assert taken == {1 << b for b in range(55, 63)}
    # emp-read33 took the top four for a doctor's licences (62 down)
    assert TOP_OF_FIFTH_WORD == {parse.PHYSICIAN: 62, parse.ASSISTANT_PHYSICIAN: 61, parse.VILLAGE_DOCTOR: 60,
                                 parse.TCM_SPECIALTY_DOCTOR: 59,
                                 # emp-read34 the next two for a start before 春节 and a couple's room (held by default)
                                 parse.START_BEFORE_SPRING_OK: 58, parse.NO_COUPLE_ROOM_OK: 57,
                                 # emp-read35 the next three: selling work, a 就业见习 place, the 学位 (held by default)
                                 parse.SELLING_OK: 56, parse.TRAINEESHIP_OK: 55, parse.DEGREE_OK: 54}
    # a name in the fifth word is written to its column and read back by name
    assert certificate_words(frozenset()) == (0, 0, 0, 0, 0)
    assert certificate_names(0, 0, 0, 0, 1 << 53) == []


@pytest.fixture
def barista_in_the_fifth_word(monkeypatch: pytest.MonkeyPatch) -> CertBit:
    """The 咖啡师证 moved to the fifth word's highest free bit for the test (53: emp-read33 took 59–62, emp-read34 57–58,
    emp-read35 54–56): every path
    reads `parse.CERT_BITS` when it builds the words, so the refusal below can only come from the fifth column."""
    moved = CertBit(4, 1 << 53)
    monkeypatch.setitem(parse.CERT_BITS, parse.BARISTA, moved)
    return moved


def test_the_tables_write_the_fifth_word(barista_in_the_fifth_word: CertBit) -> None:
    s = build_seekers([seeker("A", "咖啡师证"), seeker("B", "健康证")], GAZ)
    j = build_jobs([post("X", "咖啡师证（须持）")], GAZ)
    assert s.certs.shape[1] == j.cert_req.shape[1] == 5
    held = (1 << 58) | (1 << 57)      # emp-read34's two, held by every seeker whose words rule neither out
    held |= (1 << 56) | (1 << 55) | (1 << 54)      # emp-read35's three likewise (selling, a 就业见习 place, the 学位)
    held |= (1 << 6) | (1 << 7) | (1 << 8)     # emp-left35's 执业药师 类别 and couple apart (the 护理 职称 only where stated)
    # emp-left36: the nine 届 bits (11–19, a 届 stated takes its own away), social insurance optional (20), building sites
    # (21) and the 法律职业资格's A class (25); the 主管 titles (9, 10) only where stated, the three certificates where held
    held |= sum(1 << k for k in range(11, 22)) | (1 << 25)
    assert [int(s.certs[i, 4]) for i in range(2)] == [1 << 53 | held, held]
    assert [int(w) for w in j.cert_req[0]][4] == 1 << 53
    words = [int(w) for w in j.cert_req[0]]
    assert certificate_names(0, 0, 0, 0, words[4]) == [parse.BARISTA]
    assert parse.BARISTA not in certificate_names(*words[:4])       # the other words' flags, not the certificate


@both_paths
def test_a_fifth_word_bit_asked_and_lacking_refuses(barista_in_the_fifth_word: CertBit, kernel: bool,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    asks = post("J1", "咖啡师证（须持）")
    holder, lacking = seeker("S1", "咖啡师证"), seeker("S2", "健康证")
    assert [violations(s, asks, GAZ) for s in (holder, lacking)] == [[], ["certificate"]]     # the oracle
    assert takers(asks, [holder, lacking], kernel=kernel, monkeypatch=monkeypatch) == ["S1"]
    # a post not asking it is open to both: the refusal is the fifth word's bit, not the trade
    free = post("J2", "")
    assert takers(free, [holder, lacking], kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2"]
