"""newuser24 on the dispatch pages: one queue card per event under one number, no bare probability, 点击即派发 only
beside buttons (#1); the event page's one number, a searchable matter list with names first, no empty 办理 card, the
dispatch message naming the event, the township's own 评价 first (#2); case numbers by the report's date and the
list by the time reported (#3)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import transaction
from django.utils import timezone

from jianfu.dispatch import cases, selectors
from jianfu.dispatch.models import CaseCounter, Event, Source, TimelineEntry
from jianfu.dispatch.tests.factories import FORESTRY, HOUSING, event_in
from jianfu.dispatch.workflow import Status

pytestmark = pytest.mark.django_db

OLD_NOTE = "系统无法确定承办部门（置信度 0.48），转县指挥中心人工分派。"


def _queued(world, catalogue, **fields) -> Event:
    event = event_in(
        world, status=Status.REPORTED, catalogue_version=catalogue, routing_mode="none", **fields
    )
    TimelineEntry.objects.create(
        event=event,
        org_code=event.org_code,
        at=timezone.now(),
        action="queue",
        actor_label="系统",
        note=OLD_NOTE,
        public=False,
    )
    return event


def _card(page: str, event: Event) -> str:
    block = page[page.index(f'id="suggest-{event.pk}"') :]
    return block[: block.index("</form>\n</div>")]


def test_the_queue_shows_one_card_per_event_under_one_number(world, catalogue):
    citizen = _queued(
        world,
        catalogue,
        source=Source.CITIZEN,
        case_number="HP2612000022",
        text="曲木村卫生室门口排水沟堵塞，污水漫到路面",
        routing_candidates=[{"matter": "LY-001", "department": FORESTRY, "score": 0.48}],
    )
    bare = _queued(world, catalogue, text="村里新建商品房交房后漏水", routing_candidates=[])
    page = world.client("county_office").get("/dispatch/queue/").content.decode()
    # one card each, no table of rows beside them
    assert page.count('class="card suggestion"') == 2 and '<table class="cards">' not in page
    assert page.count(f'href="/dispatch/events/{citizen.pk}/"') == 1
    assert page.count(f'href="/dispatch/events/{bare.pk}/"') == 1
    # the citizen's number, as the lists and the receipt give it; never the WG number beside it
    card = _card(page, citizen)
    assert f'<a class="tap" href="/dispatch/events/{citizen.pk}/">HP2612000022</a>' in card
    assert citizen.number not in page
    assert f'<a class="tap" href="/dispatch/events/{bare.pk}/">{bare.number}</a>' in _card(page, bare)
    # the record written before mend24 is read without its probability
    assert '<dd class="queue-reason">系统无法确定承办部门，转县指挥中心人工分派。</dd>' in card
    assert "置信度" not in page
    assert '<span class="muted strength strength-hint">仅供参考</span>' in card
    # the hint where there is a suggestion to pick, only (dmend32 #1: pick, then 派发 — no longer 点击即派发)
    hint = "系统建议（按把握大小排列，先点选，再点派发）："
    assert page.count(hint) == 1 and hint in card and hint not in _card(page, bare)
    assert "暂无系统建议，请从全部部门中人工选择。" in _card(page, bare)


def test_the_timeline_reads_old_notes_without_the_probability(world):
    assert selectors.note_in_words(OLD_NOTE) == "系统无法确定承办部门，转县指挥中心人工分派。"
    assert (
        selectors.note_in_words("系统按职责清单派发至林业局（置信度 0.87）。")
        == "系统按职责清单派发至林业局。"
    )
    assert selectors.note_in_words("置信度低时人工核对") == "置信度低时人工核对"  # a person's words are kept


def test_the_event_page_has_one_number_and_a_searchable_matter_list(world, catalogue):
    event = _queued(world, catalogue, source=Source.CITIZEN, case_number="HP2612000021")
    page = world.client("county_office").get(f"/dispatch/events/{event.pk}/").content.decode()
    assert '<h1>事件 <span id="case-number">HP2612000021</span> ' in page
    assert "<title>HP2612000021" in page
    assert f'<dt>内部编号</dt><dd id="internal-number">{event.number}</dd>' in page
    assert (
        '<input type="search" id="id_matter_filter" data-filter-select="id_matter" '
        'placeholder="输入关键字筛选事项，如：路灯、垃圾" aria-label="筛选事项">'
    ) in page
    matter = catalogue.matters.get(code="LY-001")
    assert f'<option value="LY-001">{matter.name}（LY-001）</option>' in page
    assert f'<optgroup label="{matter.group or "其他"}">' in page
    assert '<option value="LY-001">LY-001 ' not in page
    assert "/static/dispatch/report.js" in page


def test_the_dispatch_message_names_the_event(world, catalogue):
    event = _queued(world, catalogue, source=Source.CITIZEN, case_number="HP2612000023")
    office = world.client("county_office")
    response = office.post(
        f"/dispatch/events/{event.pk}/dispatch/", {"department_code": HOUSING, "next": "queue"}
    )
    assert (response.status_code, response["Location"]) == (302, "/dispatch/queue/")
    assert (
        'role="status">事件 HP2612000023 已派发给 住房和城乡建设局。</div>'
        in office.get("/dispatch/queue/").content.decode()
    )


def test_no_empty_handling_card_after_resolve(world):
    resolved = event_in(world, status=Status.RESOLVED)
    page = world.client("dept_forestry").get(f"/dispatch/events/{resolved.pk}/").content.decode()
    assert "<h2>办理</h2>" not in page
    dispatched = event_in(world, status=Status.DISPATCHED)
    page = world.client("dept_forestry").get(f"/dispatch/events/{dispatched.pk}/").content.decode()
    assert "<h2>办理</h2>" in page and ">签收</button>" in page


def test_the_township_reads_its_own_rating_first_and_the_buttons_differ(world):
    event = event_in(world, status=Status.RESOLVED)
    town = world.client("town_quzhang").get(f"/dispatch/events/{event.pk}/").content.decode()
    assert town.index('id="ratings"') < town.index('id="feedback"') < town.index('id="reopen"')
    assert town.count(">提交部门评价</button>") == 1 and town.count(">提交回访评价</button>") == 1
    assert ">提交评价</button>" not in town
    assert '<button type="submit" class="btn-secondary">重新办理</button>' in town
    grid = world.client("grid_a").get(f"/dispatch/events/{event.pk}/").content.decode()  # the reporter
    assert 'id="ratings"' not in grid and grid.index('id="feedback"') < grid.index('id="reopen"')


def test_a_case_dated_back_is_numbered_by_its_report_date(world):
    now = timezone.now()
    month = now.astimezone(cases.BEIJING).strftime("%y%m")
    with transaction.atomic():
        number = cases.case_number_next("450521000000", now)
    assert number == f"HP{month}000001"
    event = event_in(world, source=Source.CITIZEN, case_number=number)
    july = dt.datetime(2026, 7, 9, 2, 0, tzinfo=dt.UTC)  # 10:00 in Beijing
    Event.objects.filter(pk=event.pk).update(created_at=july)
    cases.case_number_redated(event)
    assert Event.objects.get(pk=event.pk).case_number == event.case_number == "HP2607000001"
    # the number is given back: this month's next report is numbered 1 again, no gap
    assert CaseCounter.objects.get(key=f"HP{month}").last == 0
    # a number that is not its counter's last is not given back (another report came after it)
    with transaction.atomic():
        later = cases.case_number_next("450521000000", now)
        cases.case_number_next("450521000000", now)
    other = event_in(world, source=Source.CITIZEN, case_number=later)
    Event.objects.filter(pk=other.pk).update(created_at=july)
    cases.case_number_redated(other)
    assert (other.case_number, CaseCounter.objects.get(key=f"HP{month}").last) == ("HP2607000002", 2)


def test_the_event_list_is_by_time_reported_newest_first(world):
    now = timezone.now()
    old_citizen = event_in(world, source=Source.CITIZEN, case_number="HP2607000001", text="七月的反映")
    newest = event_in(world, text="今天的上报")
    middle = event_in(world, text="上周的上报")
    Event.objects.filter(pk=old_citizen.pk).update(created_at=now - dt.timedelta(days=150))
    Event.objects.filter(pk=middle.pk).update(created_at=now - dt.timedelta(days=7))
    page = world.client("county_office").get("/dispatch/").content.decode()
    listed = [
        int(pk) for pk in re.findall(r'<td class="card-title"><a href="/dispatch/events/(\d+)/">', page)
    ]
    assert listed == [newest.pk, middle.pk, old_citizen.pk]


def test_the_demo_numbers_its_events_by_the_day_they_were_reported(world, monkeypatch):
    import io

    from django.core.management.base import OutputWrapper

    from jianfu.dispatch import catalogue as cat
    from jianfu.dispatch import demo, routing_bridge
    from jianfu.dispatch.tests.conftest import MINI

    monkeypatch.setattr(cat, "DEFAULT_CATALOGUE", MINI)
    routing_bridge.clear_cache()
    demo.load(stdout=OutputWrapper(io.StringIO()))
    events = list(Event.objects.filter(county_code=demo.COUNTY).order_by("created_at"))
    assert len(events) == len(demo.OTHER) + len(demo.UNSURE) + 3  # the seed, a merged duplicate, a repeat
    months = {event.case_number[2:6] for event in events}
    assert len(months) >= 2  # the demo spans two months at least (58 days back)
    for event in events:
        assert event.case_number[2:6] == event.created_at.astimezone(cases.BEIJING).strftime("%y%m"), (
            event.text
        )
    # each month numbered 1, 2, 3 … without a gap
    for month in months:
        numbers = sorted(int(e.case_number[-6:]) for e in events if e.case_number[2:6] == month)
        assert numbers == list(range(1, len(numbers) + 1)), month
