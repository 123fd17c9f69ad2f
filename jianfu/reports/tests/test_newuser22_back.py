"""newuser22 #3: after a successful 报送 the browser's 返回 showed the refused page before it ("「…」应为数字…") as if
current. The submission's page is never cached (返回 fetches it again), and a refused 保存/报送 marks its page with
the page's own address (data-history-url), which jianfu.js makes the history entry: 返回 then GETs the real state."""

from __future__ import annotations

import pytest

from jianfu.core.models import AuditRecord
from jianfu.reports import services
from jianfu.reports.catalog import forms_load
from jianfu.reports.models import Submission, Template

pytestmark = pytest.mark.django_db
NEVER = "max-age=0, no-cache, no-store, must-revalidate, private"
TYPED = {
    "cell_dibao_new_households": "1",
    "cell_dibao_exit_households": "0",
    "cell_dibao_fund": "0.5万",
    "cell_tekun_centralised": "0",
    "cell_tekun_fund": "3000",
}


@pytest.fixture
def sub(world):
    forms_load(actor=None)
    return services.submission_generate(
        actor=world.users["village_a"],
        org_code=world.village_a.code,
        template=Template.objects.get(code="mz_dibao_tekun"),
        period="202506",
    )


@pytest.mark.parametrize("action", ["submit", "fill"])
def test_a_refused_save_or_submit_is_never_cached_and_names_the_pages_own_address(world, sub, action):
    client = world.client("village_a")
    before = (Submission.objects.get().status, Submission.objects.get().values, AuditRecord.objects.count())
    refused = client.post(f"/reports/submissions/{sub.pk}/{action}/", TYPED)
    html = refused.content.decode()
    assert refused.status_code == 400 and refused["Cache-Control"] == NEVER
    assert (
        f'<h1 data-history-url="/reports/submissions/{sub.pk}/">城乡最低生活保障和特困人员救助供养情况月报表</h1>'
        in html
    )
    assert "「低保金发放金额」应为数字，而不是“0.5万”。" in html
    assert (
        Submission.objects.get().status,
        Submission.objects.get().values,
        AuditRecord.objects.count(),
    ) == before


def test_the_submissions_page_is_never_cached_and_shows_its_state_after_a_submit(world, sub):
    client = world.client("village_a")
    page = client.get(f"/reports/submissions/{sub.pk}/")
    assert page["Cache-Control"] == NEVER and "data-history-url" not in page.content.decode()
    client.post(f"/reports/submissions/{sub.pk}/submit/", TYPED)
    done = client.post(f"/reports/submissions/{sub.pk}/submit/", {**TYPED, "cell_dibao_fund": "5000"})
    assert done.status_code == 302 and done["Location"] == f"/reports/submissions/{sub.pk}/"
    again = client.get(f"/reports/submissions/{sub.pk}/")  # what 返回 fetches
    html = again.content.decode()
    assert again["Cache-Control"] == NEVER and "<strong>已报送待审核</strong>" in html
    assert "应为数字" not in html and 'name="cell_dibao_fund"' not in html
    assert Submission.objects.get().status == "submitted"


def test_the_script_replaces_the_history_entry_with_the_marked_address():
    from pathlib import Path

    from django.conf import settings

    script = (Path(settings.BASE_DIR) / "static" / "js" / "jianfu.js").read_text(encoding="utf-8")
    assert 'window.history.replaceState(null, "", own.getAttribute("data-history-url"));' in script
