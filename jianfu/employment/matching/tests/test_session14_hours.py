"""Session 14: hours the session-13 window left open (issue 8). A latest hour in the small hours; a break stated inside a
posting's hours is not work. Own sentences."""

import pytest

from jianfu.employment.matching.hours import job_hours, seeker_busy


def hours_of(bits: int) -> list[float]:
    return [k / 2 for k in range(48) if bits >> k & 1]


@pytest.mark.parametrize(("text", "first", "count"), [
    ("凌晨3点以后不行", 3.0, 2),           # busy 3:00–4:00 (a seeker's day ends at 4:00)
    ("半夜两点后就不行了", 2.0, 4),
    ("深夜1点以后没空", 1.0, 6),
    ("晚上11点以后不行", 0.0, 10),          # as before: 23:00–4:00 (the small hours first in slot order)
])
def test_a_latest_hour_past_midnight(text, first, count):
    busy = seeker_busy(text)
    assert (hours_of(busy)[0], bin(busy).count("1")) == (first, count)


@pytest.mark.parametrize(("text", "worked"), [
    ("早上8点到晚上6点，中午12点到2点休息", [(8.0, 12.0), (14.0, 18.0)]),
    ("7:30-17:30，午休11:30-13:00", [(7.5, 11.5), (13.0, 17.5)]),
    ("8:00-17:00，中午休息一小时", [(8.0, 17.0)]),          # a break without its clock times: where is not said
    ("上午8点到12点，下午2点到6点", [(8.0, 12.0), (14.0, 18.0)]),   # as before
])
def test_a_break_inside_the_hours_is_not_work(text, worked):
    slots = job_hours(text).slots
    spans: list[tuple[float, float]] = []
    for h in hours_of(slots):
        if spans and spans[-1][1] == h:
            spans[-1] = (spans[-1][0], h + 0.5)
        else:
            spans.append((h, h + 0.5))
    assert spans == worked

