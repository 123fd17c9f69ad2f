"""newuser24 #4: the village's 待报送的报表 opens the forms still to send, a generated form's main action is 填报/报送
(重新生成 beside it, secondary), and the township goes from a decided report to the next one waiting."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from jianfu.reports import services
from jianfu.reports.catalog import forms_load
from jianfu.reports.engine import latest_closed_period
from jianfu.reports.models import Submission, Template
from jianfu.reports.workbench import todos

pytestmark = pytest.mark.django_db

DIBAO_MANUAL = {
    "dibao_new_households": "1",
    "dibao_exit_households": "0",
    "dibao_fund": "12,500.50",
    "tekun_centralised": "0",
    "tekun_fund": "3000",
}


@pytest.fixture
def loaded(world):
    forms_load(actor=None)
    return world


def _generate(w, village: str, code: str = "mz_dibao_tekun") -> Submission:
    tpl = Template.objects.get(code=code)
    period = latest_closed_period("monthly", timezone.localdate()).id
    return services.submission_generate(
        actor=w.users[village], template=tpl, org_code=getattr(w, village).code, period=period
    )


def _submitted(w, village: str) -> Submission:
    sub = _generate(w, village)
    services.submission_fill(actor=w.users[village], submission=sub, values=DIBAO_MANUAL)
    return services.submission_submit(actor=w.users[village], submission=sub)


def _titles(page: str) -> list[str]:
    return re.findall(r'<td class="card-title"><a href="/reports/templates/([^/]+)/">', page)


def test_the_workbench_opens_the_forms_still_to_send(loaded):
    w = loaded
    total = Template.objects.count()
    todo = todos(w.users["village_a"])[0]
    assert (todo.title, todo.count, todo.url) == ("待报送的报表", total, "/reports/?due=1")
    client = w.client("village_a")
    assert len(_titles(client.get("/reports/").content.decode())) == total
    sent = _submitted(w, "village_a")
    page = client.get("/reports/?due=1").content.decode()
    listed = _titles(page)
    assert len(listed) == total - 1 == todos(w.users["village_a"])[0].count
    assert sent.template.code not in listed
    assert f'只列出待报送的 {total - 1} 张报表。 <a href="/reports/">查看全部 {total} 张</a>' in page
    # the whole list is still one tap away, the sent form in it with its state
    everything = client.get("/reports/").content.decode()
    assert len(_titles(everything)) == total and 'id="only-due"' not in everything
    # a township's list is not filtered by a village's due forms
    assert 'id="only-due"' not in w.client("town_quzhang").get("/reports/?due=1").content.decode()


def test_a_generated_form_is_filled_and_sent_from_the_main_button(loaded):
    w = loaded
    sub = _generate(w, "village_a")
    page = w.client("village_a").get("/reports/?due=1").content.decode()
    row = page[page.index(f'href="/reports/templates/{sub.template.code}/"') :]
    row = row[: row.index("</tr>")]
    assert f'<a class="btn fill-submit" href="/reports/submissions/{sub.pk}/">填报/报送</a>' in row
    assert '<button type="submit" class="btn-secondary btn-small">重新生成</button>' in row
    assert ">本村报表</a>" not in row
    # a form not generated yet keeps its one main button
    assert '<button type="submit">生成本村报表</button>' in page


def test_after_a_decision_the_township_goes_to_the_next_report_waiting(loaded):
    w = loaded
    first, second = _submitted(w, "village_a"), _submitted(w, "village_b")
    town = w.client("town_quzhang")
    waiting = town.get(f"/reports/submissions/{first.pk}/").content.decode()
    assert 'id="next-pending"' not in waiting  # still to decide: its own buttons
    response = town.post(f"/reports/submissions/{first.pk}/approve/", follow=True)
    page = response.content.decode()
    assert Submission.objects.get(pk=first.pk).status == "approved"
    assert f'<a class="btn" href="/reports/submissions/{second.pk}/">下一份待审核</a>' in page
    assert "璋嘉村委会 · " in page[page.index('id="next-pending"') :]
    response = town.post(
        f"/reports/submissions/{second.pk}/return/", {"reason": "低保金额与台账不符"}, follow=True
    )
    page = response.content.decode()
    assert Submission.objects.get(pk=second.pk).status == "returned"
    assert (
        '<span class="muted">没有其他待审核的报表。</span> <a href="/reports/submissions/?status=submitted">'
        in page
    )
    # the village filling it sees no township navigation
    assert (
        'id="next-pending"'
        not in w.client("village_a").get(f"/reports/submissions/{first.pk}/").content.decode()
    )
