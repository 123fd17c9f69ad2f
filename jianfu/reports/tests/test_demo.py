"""The demo puts submissions in every state (on the shared test world's accounts)."""

from __future__ import annotations

import io

import pytest

from jianfu.reports import demo
from jianfu.reports.models import Submission

pytestmark = pytest.mark.django_db


def test_demo_has_every_state(world):
    out = io.StringIO()
    demo.load(stdout=out)
    states = set(Submission.objects.values_list("status", flat=True))
    assert states == {"generated", "submitted", "approved", "returned"}
    assert Submission.objects.filter(status="returned").exclude(return_reason="").count() == \
        Submission.objects.filter(status="returned").count()
    demo.load(stdout=out)  # idempotent: nothing doubled
    assert Submission.objects.count() == len(set(Submission.objects.values_list("template", "org_code", "period")))
    assert "报表报送" in out.getvalue()


def test_demo_submissions_are_stamped_within_their_period(world):
    """Loading the demo today must not make every past period's submitted form look late."""
    demo.load(stdout=io.StringIO())
    sent = Submission.objects.exclude(submitted_at=None)
    assert sent.count() > 0
    assert [(s.template.code, s.period) for s in sent if not s.on_time] == []
    assert all(s.generated_at <= s.submitted_at for s in sent)
    assert all(s.decided_at >= s.submitted_at for s in sent if s.decided_at is not None)


def test_fresh_demo_shows_no_shared_figure_warning(world):
    """verify15 #4: a form filled later must not re-draw a figure an earlier, already sent form shares — a fresh
    demo opens with no "共用数据已变更" on any sent report."""
    from jianfu.reports.selectors import shared_changes

    demo.load(stdout=io.StringIO())
    sent = Submission.objects.filter(status__in=("submitted", "approved")).select_related("template")
    assert sent.count() > 0
    assert [(s.template.code, s.org_code, s.period, shared_changes(s)) for s in sent
            if shared_changes(s)] == []
