"""Two of session 19's steps (fix-ui19b) that only had Django-client tests, done as a user does them in Chromium at
390 px: the county office dispatches a waiting event to the router's second suggestion from the event's
人工分派 form (named choices, the top one preselected), and a township reviewing a village's 服务清单 is warned about
the items that ask the village for a certificate (证明事项提醒), opens the linked burden finding and sends the list
back — or, with no such item, sees no warning and approves."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
catalogue = test_daily_tasks.catalogue   # the fixture: the 12-matter catalogue in force in 合浦县
FORESTRY, WATER, POLICE = "450521000000D02", "450521000000D05", "450521000000D08"
ELSEWHERE = "450522000000D02"            # a 林业局 of another county
TEXT = "曲木村两户村民为后山林地界线争吵，双方都有林权证，请林业部门确认权属"
# as the router stores them for a waiting event: each department's probability with its best matter
CANDIDATES = [{"matter": "LY-001", "department": FORESTRY, "score": 0.71},
              {"matter": "SL-002", "department": WATER, "score": 0.28},
              {"matter": "GA-002", "department": POLICE, "score": 0.0}]
QUMU, ZHANGJIA = "450521200206", "450521200201"


def expect(locator):
    from playwright.sync_api import expect as pw_expect

    return pw_expect(locator)


def _state(event) -> tuple:
    from jianfu.dispatch.models import RoutingFeedback
    from jianfu.dispatch.tests.factories import snapshot

    event.refresh_from_db()
    return (*snapshot(event), event.matter_id, event.routing_mode, RoutingFeedback.objects.filter(event=event).count())


def test_the_county_office_dispatches_a_waiting_event_to_the_second_suggestion(phone, world, catalogue):
    from jianfu.dispatch.models import RoutingFeedback
    from jianfu.dispatch.tests.factories import event_in
    from jianfu.orgs.models import OrgUnit

    # waiting as the router leaves an event it could not decide (stored directly: the router's own scores would move
    # with the model, these are exact)
    event = event_in(world, status="reported", text=TEXT, catalogue_version=catalogue, routing_mode="none",
                     routing_candidates=CANDIDATES, routing_confidence=0.64)
    OrgUnit.objects.create(code="450522000000", name="某县", kind="county", level=3, parent_code="450500000000")
    OrgUnit.objects.create(code=ELSEWHERE, name="林业局", kind="department", level=3, parent_code="450522000000")

    office = phone("county_office")
    office.goto("/dispatch/queue/", timeout=60_000)
    expect(office.locator("h1")).to_have_text("县指挥中心 · 待人工分派")
    office.locator(f"#suggest-{event.pk}").get_by_role("link", name=event.number, exact=True).click()   # its card (newuser24 #1)
    expect(office.locator("h2", has_text="人工分派")).to_be_visible()
    choices = office.locator("#suggested-choices label.choice")
    # two named suggestions (the 0.00 one is no evidence) and the way out, the top one ticked
    expect(choices).to_have_text(["林业局 · 林木林地权属争议调处 有一定把握", "水利局 · 水库山塘与农田水利设施 仅供参考",
                                  "不采用建议，在下方选择"])
    radios = office.locator("#suggested-choices input[name='suggestion']")
    assert [radios.nth(i).get_attribute("value") for i in range(3)] == [f"{FORESTRY}|LY-001", f"{WATER}|SL-002", ""]
    assert [radios.nth(i).is_checked() for i in range(3)] == [True, False, False]
    # how sure, in words (mend24 #1); the probability stays in the tooltip
    expect(office.locator("#score-meaning")).to_have_text(
        "把握较大：达到系统自动派发的把握；有一定把握：比其他部门加起来更可能；仅供参考：只是可能相关，请核对事件内容后选择。")
    expect(office.locator("#suggested-choices .strength").first).to_have_attribute("title", "系统估计属于该部门的概率：0.71")
    assert fits_the_phone(office)
    before = _state(event)

    # no choice at all: "不采用建议" ticked and nothing picked below — refused in Chinese, nothing changed
    choices.nth(2).click()
    office.get_by_role("button", name="派发", exact=True).click()
    expect(office.locator("#id_department_error")).to_have_text("请选择承办部门或事项。")   # beside it, once (fix-cr31b)
    expect(office.locator(".alert-error")).to_have_count(0)
    assert _state(event) == before
    # a department of another county slipped into the list (a forged form): refused, nothing changed
    office.evaluate(f"""() => {{ const o = document.createElement('option'); o.value = '{ELSEWHERE}';
                                  o.textContent = '林业局（外县）'; document.querySelector('#id_department').append(o); }}""")
    office.select_option("#id_department", ELSEWHERE)
    office.get_by_role("button", name="派发", exact=True).click()
    expect(office.locator("#id_department_error")).to_have_text("「某县林业局」不是本县在用的承办部门，请从列表中选择。")   # beside it, once (fix-cr31b)
    expect(office.locator(".alert-error")).to_have_count(0)
    assert _state(event) == before

    # the second suggestion, tapped, then 派发
    assert radios.nth(0).is_checked()   # the page came back with the top one ticked again
    choices.nth(1).click()
    assert [radios.nth(i).is_checked() for i in range(3)] == [False, True, False]
    shot(office, "s20-manual-dispatch-second-suggestion")
    office.get_by_role("button", name="派发", exact=True).click()
    expect(office.locator(".alert-success")).to_have_text(f"事件 {event.shown_number} 已派发给 水利局。")   # names the event (newuser24 #2)
    event.refresh_from_db()
    assert (event.status, event.department_code, event.matter.code, event.routing_mode) == (
        "dispatched", WATER, "SL-002", "manual")
    assert list(RoutingFeedback.objects.filter(event=event).values_list(
        "kind", "predicted_department_code", "department_code", "matter_code")) == [
        ("correction", FORESTRY, WATER, "SL-002")]
    dispatched = office.locator("ol.timeline li[data-action='dispatch']")
    expect(dispatched).to_have_count(1)
    expect(dispatched).to_contain_text("人工派发至水利局。")
    expect(office.locator("#suggested-choices")).to_have_count(0)
    office.goto("/dispatch/queue/")
    expect(office.locator("main")).not_to_contain_text(event.number)
    expect(office.locator("main")).to_contain_text("本页没有待分派的事件。")
    shot(office, "s20-queue-after-dispatch")


def _submit(world, village: str, *names: str):
    from jianfu.villagepages.models import ServiceList

    data = {"office_address": "村党群服务中心", "office_hours": "工作日", "office_phone": "0779-7201234", "note": "",
            "rows": str(len(names)), "submit": "1"}
    for i, name in enumerate(names):
        data |= {f"item-{i}-name": name, f"item-{i}-place": "村两委办公室", f"item-{i}-materials": "身份证",
                 f"item-{i}-time_limit": "3 个工作日"}
    account = {QUMU: "village_a", ZHANGJIA: "village_b"}[village]
    assert world.client(account).post(f"/villages/manage/{village}/edit/", data).status_code == 302
    return ServiceList.objects.get(org_code=village, status="submitted")


def test_the_township_is_warned_of_a_certificate_item_opens_the_finding_and_returns_the_list(phone, world):
    from jianfu.monitor import services as monitor_services
    from jianfu.monitor.models import Finding, LedgerDemand, Rule

    monitor_services.rules_seed()
    LedgerDemand.objects.create(org_code=QUMU, county_code="450521000000", issuer_code=POLICE, issuer_name="公安局",
                                date=dt.date(2026, 3, 2), title="出具居住证明", demand_kind="certificate",
                                in_access_list=False, times=6)
    monitor_services.findings_evaluate(actor=None, county_code="450521000000", year=2026)
    finding = Finding.objects.get(org_code=QUMU)
    rule = Rule.objects.get(code="P6A-DEMAND")
    service_list = _submit(world, QUMU, "低保申请受理", "开具居住、亲属关系等证明")

    township = phone("town_quzhang")
    township.goto("/villages/manage/")
    township.get_by_role("link", name="第 1 版 · 待乡镇审核").click()
    box = township.locator("#certificates")
    expect(box.locator("h2")).to_have_text("证明事项提醒")
    expect(box.locator("p").first).to_have_text(
        "以下事项要求村（社区）出具证明，须在县保留证明事项清单内，并写明所依据的法律法规；不在清单内的请退回村里删除：")
    # the item asking for a certificate is named; the one that does not is not
    # (newuser33 #2: with what it rests on, or 未写明依据)
    expect(box.locator("li.certificate-item")).to_have_text(["开具居住、亲属关系等证明未写明依据"])
    expect(box).not_to_contain_text("低保申请受理")
    expect(box.locator("p.muted")).to_have_text(f"减负监测规则「{rule.name}」：{rule.citation}")
    expect(box.locator("li.open-finding")).to_have_text(["要求村（社区）出具证明，未列入清单：“出具居住证明”。（待处理）"])
    # the warning comes before the decision
    assert box.bounding_box()["y"] < township.get_by_role("button", name="审核通过并公开").bounding_box()["y"]
    assert fits_the_phone(township)
    shot(township, "s20-village-list-certificate-warning")

    # the box's link: the finding it names, read-only for the township
    box.get_by_role("link", name="要求村（社区）出具证明，未列入清单：“出具居住证明”。").click()
    assert township.url.endswith(f"/monitor/findings/{finding.pk}/")
    expect(township.locator("main p").first).to_have_text("要求村（社区）出具证明，未列入清单：“出具居住证明”。")
    expect(township.locator("tr", has_text="状态").locator("td")).to_have_text("待处理")
    expect(township.locator("#finding-note")).to_have_count(0)
    township.go_back()

    # sent back to the village by tapping, with the reason the box asks for
    township.fill("#id_rnote", "“开具居住、亲属关系等证明”不在县保留证明事项清单内，请删除")
    township.get_by_role("button", name="退回修改").click()
    expect(township.locator(".alert-success")).to_have_text("已退回村（社区）修改。")
    service_list.refresh_from_db()
    assert (service_list.status, service_list.review_note) == (
        "returned", "“开具居住、亲属关系等证明”不在县保留证明事项清单内，请删除")
    finding.refresh_from_db()
    assert finding.status == "open"   # the warning changes nothing in the monitor
    shot(township, "s20-village-list-returned")


def test_no_certificate_box_without_a_certificate_item_and_the_township_approves(phone, world):
    service_list = _submit(world, ZHANGJIA, "低保申请受理", "矛盾纠纷调解")
    township = phone("town_quzhang")
    township.goto(f"/villages/lists/{service_list.pk}/")
    expect(township.locator("#full-list li, #full-list td.card-title")).to_have_text(["低保申请受理", "矛盾纠纷调解"])
    expect(township.locator("#certificates")).to_have_count(0)
    expect(township.locator("main")).not_to_contain_text("证明事项提醒")
    shot(township, "s20-village-list-no-certificate")
    township.get_by_role("button", name="审核通过并公开").click()
    expect(township.locator(".alert-success")).to_have_text("已审核通过，清单已公开。")
    service_list.refresh_from_db()
    assert service_list.status == "approved"
