"""tryout26 #4: the demo's work histories were fixed lines — 李波建 (born 2007) "2016-2023年在东莞电子厂做流水线" (本人7年),
陈凤 (born 2006) "12年到20年在县水泥厂做电工" — each shared by 25–40 people whatever their age. Every history is now
written for its person: any span of years starts at 16 or later and ends by this year, no history claims more years
than the person has been 16, and the lines vary."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter

import pytest

from jianfu.employment import demo, parsing
from jianfu.employment.models import KeyPerson
from jianfu.employment.tests.factories import GRID_A, VILLAGE_A, VILLAGE_B, person_in
from jianfu.registry.ledger.values import local_today

pytestmark = pytest.mark.django_db
# "2016-2023年", "12年到20年", "2023.7-2025.6", "2019年至今": a span's first year and its last (None: 至今)
SPAN = re.compile(r"(?<!\d)(\d{4}|\d{2})(?:\.\d{1,2})?年?(?:-|到|至)(?:(\d{4}|\d{2})(?:\.\d{1,2})?年?|今)")


def _year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


def test_spans_read_as_the_tester_saw_them():
    assert [m.groups() for m in SPAN.finditer("2016-2023年在东莞电子厂做流水线")] == [("2016", "2023")]
    assert [m.groups() for m in SPAN.finditer("12年到20年在县水泥厂做电工")] == [("12", "20")]
    assert [m.groups() for m in SPAN.finditer("2023.7-2025.6在南宁做电商客服；2019年至今开车")] == [
        ("2023", "2025"), ("2019", None)]


def test_every_demo_history_fits_its_persons_age(world):
    today = local_today()
    # the demo takes people of 18 to 59; here of 19 (born 2007, as 李波建: three years since 16) to 58, the young many
    for i in range(40):
        person_in(VILLAGE_A, GRID_A if i % 2 else "450521200206002", birth=dt.date(today.year - 19 - i, 1 + i % 12, 2))
    for i in range(32):
        person_in(VILLAGE_B, None, birth=dt.date(today.year - 19 - i % 4, 1, 5))
    demo.load(stdout=io.StringIO())
    people = list(KeyPerson.objects.select_related("person", "profile"))
    assert len(people) == 72
    spans = 0
    for kp in people:
        born, text = kp.person.birth_date.year, kp.profile.experience
        for first, last in (m.groups() for m in SPAN.finditer(text)):
            spans += 1
            assert _year(first) - born >= 16, (kp.person.birth_date, text)
            assert _year(last or str(today.year)) <= today.year, text
            assert _year(first) <= _year(last or str(today.year)), text
        assert parsing.experience_years(text, seeker=True) <= today.year - born - 16, (kp.person.birth_date, text)
    assert spans == 34
    shared = Counter(kp.profile.experience for kp in people if kp.profile.experience)
    # 11 with none (the 荔枝 grower's pattern); 61 lines, 56 of them different, none given to more than three people
    # (young people drawing the one recent year they can have: "2025年至今在镇上开面包车送货")
    assert (len(people) - sum(shared.values()), len(shared), max(shared.values())) == (11, 56, 3)
