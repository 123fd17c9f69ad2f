"""fix-ui17a (a new user on a 390 px phone, session 17): the notices list is one card per notice; 本月收到的要求 has a
登记 entry per kind, the form pre-filled with what the page says (its ledger, a date in the month shown, a meeting
asking for the village secretaries); a ledger entry's 刷新本页 and 修改 and the page's month links are tap targets."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from jianfu.monitor import services
from jianfu.monitor.models import LedgerMeeting, Notice, NoticeStatus

pytestmark = pytest.mark.django_db
QUZHANG = "450521200000"


def test_the_notices_list_is_one_card_per_notice_titled_by_its_title(world):
    notice = Notice.objects.create(title="关于几起增加基层负担问题的通报", issuer="合浦县减负办", date=dt.date(2026, 11, 20),
                                   level="county", declared_cases=3, status=NoticeStatus.PUBLISHED)
    page = world.client("village_a").get("/monitor/notices/").content.decode()
    table = page.split("<h2>通报</h2>")[1].split("</table>")[0]
    assert table.startswith('\n<div class="table-wrap"><table class="cards">')
    row = re.search(rf'<tr><td class="card-title text-cell"><a href="/monitor/notices/{notice.pk}/">(.*?)</tr>', table).group(0)
    assert re.findall(r'data-label="([^"]+)"', row) == ["日期", "层级", "通报机关", "问题数"]
    assert '<td data-label="日期">2026-11-20</td>' in row and '<td class="num" data-label="问题数">3</td>' in row


def test_received_has_a_register_entry_per_kind_prefilled_with_what_the_page_says(world):
    today = timezone.localdate()
    page = world.client("village_a").get("/monitor/received/").content.decode()
    links = re.findall(r'<a class="button" href="(/monitor/ledgers/[a-z]+/new/\?[^"]+)">(登记收到的[^<]+)</a>', page)
    day = today.isoformat()
    back = f"&amp;next=%2Fmonitor%2Freceived%2F%3Fmonth%3D{today:%Y-%m}"   # newuser18 #4: saving comes back here
    assert links == [
        (f"/monitor/ledgers/document/new/?date={day}{back}", "登记收到的发文"),
        (f"/monitor/ledgers/meeting/new/?date={day}&amp;village_secretaries_required=1{back}", "登记收到的会议"),
        (f"/monitor/ledgers/inspection/new/?date={day}{back}", "登记收到的督查检查考核"),
        (f"/monitor/ledgers/demand/new/?date={day}{back}", "登记收到的村级工作事项与证明")]
    # an earlier month: dated on its first day
    first = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    earlier = world.client("village_a").get("/monitor/received/", {"month": first.strftime("%Y-%m")}).content.decode()
    assert f'href="/monitor/ledgers/meeting/new/?date={first.isoformat()}&amp;village_secretaries_required=1&amp;next=%2Fmonitor%2Freceived%2F%3Fmonth%3D{first:%Y-%m}"' in earlier
    # the month links are tap targets
    assert '<p class="toolbar taps" id="month-nav"><a href="?month=' in page


def test_the_prefilled_meeting_form_opens_ticked_and_dated_and_saves_as_shown(world):
    client = world.client("village_a")
    form = client.get("/monitor/ledgers/meeting/new/", {"date": "2026-11-03", "village_secretaries_required": "1"})
    html = form.content.decode()
    assert 'name="date" id="id_date" min="2000-01-01" value="2026-11-03"' in html
    assert 'name="village_secretaries_required" id="id_village_secretaries_required" value="1" checked' in html
    # anything else a link could carry is ignored: a future date, an unknown choice, a text field, a bool not "1"
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    plain = client.get("/monitor/ledgers/meeting/new/", {"date": tomorrow, "level": "galaxy", "title": "注入",
                                                         "by_video": "yes"}).content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in plain and f'value="{tomorrow}"' not in plain
    assert "注入" not in plain
    assert 'id="id_by_video" value="1">' in plain and 'id="id_village_secretaries_required" value="1">' in plain
    # an unknown level leaves none chosen: the empty choice stands for the issuer's level (mend33 #2)
    assert "galaxy" not in plain and '<option value="county">' in plain and "<option value=\"county\" selected>" not in plain


def test_a_ledger_entrys_refresh_and_edit_links_are_tap_targets(world, monkeypatch):
    from jianfu.monitor import tasks

    monkeypatch.setattr(tasks, "enqueue_refresh", lambda county, year, *, delay: None)  # the check waits: 正在检查…
    row = services.ledger_create(actor=world.users["village_a"], kind="meeting", data={
        "date": timezone.localdate().isoformat(), "title": "村书记培训", "issuer": "林业局", "duration_minutes": "60"})
    assert LedgerMeeting.objects.filter(pk=row.pk).count() == 1
    page = world.client("village_a").get(f"/monitor/ledgers/meeting/{row.pk}/").content.decode()
    assert f'<p><a class="tap" href="/monitor/ledgers/meeting/{row.pk}/edit/">修改</a></p>' in page
    assert 'id="checking"' in page and '<a class="tap" href="">刷新本页</a>' in page
