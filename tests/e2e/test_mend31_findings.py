"""mend31: a new user's findings in 减负监测 and 就业帮扶, in Chromium at 390 px."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect
COUNTY, QUMU = "450521000000", "450521200206"


def test_a_plaque_count_lists_every_plaque_it_counts_earlier_years_too(phone, world):
    """#1: /monitor/findings/311/ said 曲木村 had 9 plaques outside; the village's ledger of this year showed 1 and the
    finding listed 1 (the ninth, put up last year). The 9 are the plaques still kept, whichever year they were
    recorded: the finding now says so and lists all 9."""
    from jianfu.monitor import services
    from jianfu.monitor.models import Finding

    year = timezone.localdate().year
    last_year = f"{year - 1}-01-10"
    names = ["村党组织", "村民委员会", "村务监督委员会", "村集体经济组织", "新时代文明实践站", "综治中心",
             "退役军人服务站", "妇女儿童之家", "网格化服务管理站"]
    services.ledger_bulk_create(actor=world.users["village_a"], kind="plaque", rows=[
        (n, {"date": last_year, "title": name, "issuer": "林业局", "placement": "outside"})
        for n, name in enumerate(names, start=2)])
    services.ledger_bulk_create(actor=world.users["village_a"], kind="plaque", rows=[
        (2, {"date": f"{year}-03-02", "title": "文明创建示范点", "issuer": "林业局", "placement": "outside",
             "status": "removed"})])
    services.findings_evaluate(actor=None, county_code=COUNTY, year=year)
    finding = Finding.objects.get(rule_code="P6A-PLAQUE-OUT", org_code=QUMU, year=year)
    page = phone("village_a")
    page.goto(f"/monitor/findings/{finding.pk}/", timeout=60_000)
    expect(page.locator("main p").first).to_have_text(
        "村（社区）办公场所外部挂牌 9 块（台账中状态为“保留”的，含往年登记的），超过 6 块。")
    expect(page.locator("#finding-rows-title")).to_have_text("计入的台账记录（9 条）")
    expect(page.locator("#finding-rows-note")).to_have_text(
        "这类台账记的是现状：计入的是截至当年年底仍保留的记录，往年登记的也在内，所以本年度台账里可能看不到全部。")
    items = page.locator("#finding-rows li")
    expect(items).to_have_count(9)
    assert [i.inner_text() for i in items.all()] == [f"{name}（{last_year}，林业局）" for name in names]
    assert fits_the_phone(page)
    shot(page, "mend31-plaque-finding")
