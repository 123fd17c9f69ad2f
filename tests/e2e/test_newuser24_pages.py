"""newuser24 in Chromium at 390 px: the dispatch queue's one card per event, the event page's one number and matter
search, the township's 评价 first; the village's due forms and the township's 下一份待审核."""

from __future__ import annotations

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect
catalogue = test_daily_tasks.catalogue  # the fixture: the 12-matter catalogue in force in 合浦县
FORESTRY, HOUSING = "450521000000D02", "450521000000D01"


def test_the_queue_and_the_event_page_give_one_number(phone, world, catalogue):
    from jianfu.dispatch.models import Source
    from jianfu.dispatch.tests.factories import event_in

    citizen = event_in(
        world,
        status="reported",
        source=Source.CITIZEN,
        case_number="HP2612000022",
        text="曲木村卫生室门口排水沟堵塞，污水漫到路面，气味很大。",
        catalogue_version=catalogue,
        routing_mode="none",
        routing_candidates=[
            {"matter": "LY-001", "department": FORESTRY, "score": 0.6},
            {"matter": "ZJ-001", "department": HOUSING, "score": 0.2},
        ],
    )
    bare = event_in(
        world,
        status="reported",
        text="村里新建商品房交房后漏水，开发商不给修。",
        catalogue_version=catalogue,
        routing_candidates=[],
    )
    office = phone("county_office")
    office.goto("/dispatch/queue/", timeout=60_000)
    expect(office.locator(".card.suggestion")).to_have_count(2)
    expect(office.locator(f"#suggest-{citizen.pk} .card-title a")).to_have_text("HP2612000022")
    expect(office.locator("main")).not_to_contain_text(citizen.number)
    expect(office.locator(f"#suggest-{citizen.pk} .suggest-hint")).to_have_text(
        "系统建议（按把握大小排列，先点选，再点派发）："
    )
    expect(office.locator(f"#suggest-{bare.pk} .suggest-hint")).to_have_count(0)
    assert fits_the_phone(office)
    shot(office, "newuser24-queue")

    office.locator(f"#suggest-{citizen.pk} .card-title a").click()
    expect(office.locator("h1")).to_contain_text("事件 HP2612000022")
    expect(office.locator("#internal-number")).to_have_text(citizen.number)
    office.fill("#id_matter_filter", "林地")
    visible = office.locator("#id_matter option:not([hidden])")
    assert visible.count() >= 2  # the empty choice and at least one 林地 matter
    names = [t for t in visible.all_inner_texts() if t != "—"]
    assert names and all("林地" in t for t in names) and not names[0].startswith("LY-")
    assert fits_the_phone(office)
    shot(office, "newuser24-event-matter-search")


def test_the_township_rates_first_then_the_reporters_answer(phone, world):
    from jianfu.dispatch.tests.factories import event_in

    event = event_in(world, status="resolved")
    town = phone("town_quzhang")
    town.goto(f"/dispatch/events/{event.pk}/", timeout=60_000)
    tops = [town.locator(sel).bounding_box()["y"] for sel in ("#ratings", "#feedback", "#reopen")]
    assert tops == sorted(tops)
    expect(town.get_by_role("button", name="提交部门评价")).to_have_count(1)
    expect(town.get_by_role("button", name="提交回访评价")).to_have_count(1)
    assert fits_the_phone(town)
    shot(town, "newuser24-town-ratings")
    dept = phone("dept_forestry")
    dept.goto(f"/dispatch/events/{event.pk}/", timeout=60_000)
    expect(dept.get_by_role("heading", name="办理", exact=True)).to_have_count(0)  # no empty card after 办结


def test_the_village_opens_its_due_forms_and_the_township_goes_on(phone, world):
    from django.utils import timezone

    from jianfu.reports import services
    from jianfu.reports.catalog import forms_load
    from jianfu.reports.engine import latest_closed_period
    from jianfu.reports.models import Template

    forms_load(actor=None)
    tpl = Template.objects.get(code="mz_dibao_tekun")
    period = latest_closed_period("monthly", timezone.localdate()).id
    manual = {
        "dibao_new_households": "1",
        "dibao_exit_households": "0",
        "dibao_fund": "100",
        "tekun_centralised": "0",
        "tekun_fund": "3000",
    }
    subs = []
    for village in ("village_a", "village_b"):
        sub = services.submission_generate(
            actor=world.users[village], template=tpl, org_code=getattr(world, village).code, period=period
        )
        services.submission_fill(actor=world.users[village], submission=sub, values=manual)
        subs.append(services.submission_submit(actor=world.users[village], submission=sub))
    other = Template.objects.exclude(code="mz_dibao_tekun").filter(period_type="monthly").first()
    generated = services.submission_generate(
        actor=world.users["village_a"],
        template=other,
        org_code=world.village_a.code,
        period=latest_closed_period("monthly", timezone.localdate()).id,
    )

    village = phone("village_a")
    village.goto("/", timeout=60_000)
    village.get_by_role("link", name="待报送的报表").first.click()
    expect(village.locator("#only-due")).to_contain_text(
        f"只列出待报送的 {Template.objects.count() - 1} 张报表。"
    )
    expect(village.locator("main")).not_to_contain_text(tpl.name)
    main = village.locator(f"a.fill-submit[href='/reports/submissions/{generated.pk}/']")
    expect(main).to_have_text("填报/报送")
    assert fits_the_phone(village)
    shot(village, "newuser24-village-due")

    town = phone("town_quzhang")
    town.goto(f"/reports/submissions/{subs[0].pk}/", timeout=60_000)
    town.get_by_role("button", name="审核通过").click()
    expect(town.locator(".alert-success")).to_have_text("已审核通过，报表已锁定。")
    expect(town.locator("#next-pending")).to_contain_text("璋嘉村委会")
    shot(town, "newuser24-town-approved")
    town.get_by_role("link", name="下一份待审核").click()
    assert town.url.endswith(f"/reports/submissions/{subs[1].pk}/")
    assert fits_the_phone(town)
    shot(town, "newuser24-town-next")
