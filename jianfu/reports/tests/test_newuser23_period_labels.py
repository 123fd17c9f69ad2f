"""newuser23 #4: a period is shown as the exported xlsx says it ("2026年第3季度"), never as its identifier (2026Q3,
202611), on the reports list, the submissions list and a submission's page."""

from __future__ import annotations

import pytest
from django.utils import timezone

from jianfu.reports.catalog import forms_load
from jianfu.reports.engine.periods import latest_closed_period, period_label
from jianfu.reports.models import Submission


@pytest.mark.parametrize(
    ("period_type", "period_id", "label"),
    [
        ("monthly", "202611", "2026年11月"),
        ("quarterly", "2026Q3", "2026年第3季度"),
        ("half_yearly", "2026H1", "2026年上半年"),
        ("half_yearly", "2026H2", "2026年下半年"),
        ("yearly", "2026", "2026年"),
        ("ad_hoc", "20250715", "2025年7月15日"),
        ("quarterly", "2026-3", "2026-3"),  # not an identifier of its type: shown as stored
    ],
)
def test_one_label_for_a_period(period_type, period_id, label):
    assert period_label(period_type, period_id) == label


@pytest.mark.django_db
def test_the_pages_show_the_label_not_the_identifier(world):
    forms_load(actor=None)
    village = world.client("village_a")
    village.post("/reports/submissions/generate/", {"template": "rs_key_groups", "period": "202611"})
    sub = Submission.objects.get()
    assert (sub.period, sub.period_label) == ("202611", "2026年11月")
    listing = village.get("/reports/submissions/").content.decode()
    assert ">2026年11月</td>" in listing and ">202611</td>" not in listing
    detail = village.get(f"/reports/submissions/{sub.pk}/").content.decode()
    assert " · 2026年11月 · <strong>" in detail and " · 202611 · " not in detail
    index = village.get("/reports/").content.decode()
    month = latest_closed_period("monthly", timezone.localdate())
    assert (
        f'data-label="当期">{month.label}</td>' in index and f'data-label="当期">{month.id}</td>' not in index
    )
