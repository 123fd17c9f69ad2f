"""Two parser misreadings the blind5 writer's oracle check found (kept from the tuners until blind5's one run,
docs/matching.md "blind5, run once"): a skill certificate written as the trade and its grade, and a certificate the
employer trains for ("可公司培训考取")."""

from __future__ import annotations

import pytest

from jianfu.employment.matching.parse import normalise_certificates, parse_required_certificates


@pytest.mark.parametrize(("text", "certificates"), [
    ("育婴员（五级）；健康证", {"育婴员证", "健康证"}),
    ("中式烹调师(初级)", {"厨师证"}),
    ("电工（高级）", {"电工证"}),
    ("焊工(初级)、C1", {"焊工证", "C1", "C2"}),
    ("育婴员", set()),                      # a trade without a grade names no certificate
    ("电子商务师（四级）", {"电子商务师证"}),   # session 20: the list has one for 电子商务师 now (the second word)
    ("花艺师（四级）", set()),                # a graded trade the list has no certificate for
    ("美发师（四级）", {"美发师证"}),          # session 19: the list has one for 美发师 now (the second word)
    ("保育员（四级）", {"保育员证"}),          # session 18: the list has one for 保育员 now
])
def test_a_trade_written_with_its_grade_is_its_certificate(text, certificates):
    assert normalise_certificates(text) == frozenset(certificates)


@pytest.mark.parametrize(("text", "required", "preferred"), [
    ("无人机驾驶证可公司培训考取", set(), {"无人机驾驶证"}),
    ("持健康证，可由单位代办", set(), {"健康证"}),
    ("须持叉车证，没有的可厂里培训", set(), {"叉车证"}),
    ("须持无人机驾驶证", {"无人机驾驶证"}, set()),
    ("须持电工证，公司提供住宿", {"电工证"}, set()),
    ("须持电工证，公司不提供培训", {"电工证"}, set()),      # training refused is no way to the certificate
    ("须持电工证，公司提供培训", set(), {"电工证"}),
])
def test_a_certificate_the_employer_trains_for_is_preferred_not_required(text, required, preferred):
    assert parse_required_certificates(text) == (frozenset(required), frozenset(preferred))
