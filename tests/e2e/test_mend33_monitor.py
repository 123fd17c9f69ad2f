"""mend33 in Chromium at 390 × 844: the dashboard's 问题按规则 chart keeps its count axis readable (#4: its labels ran
together, "020406080100"); a village cadre's received meeting from 曲樟乡 is saved as 乡镇级 without choosing (#2)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import fits_the_phone, shot
from tests.e2e.test_monitor import COUNTY, expect, monitored  # noqa: F401 - the fixture

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]

AXIS = """() => {
  const chart = echarts.getInstanceByDom(document.getElementById("chart-rule"));
  const axis = chart.getModel().getComponent("xAxis", 0).axis;
  const extent = axis.getExtent();
  return [Math.abs(extent[1] - extent[0]), axis.getTicksCoords().length,
          chart.getModel().getComponent("yAxis", 0).get("axisLabel").width || 0];
}"""


def test_the_rule_chart_count_axis_has_room_for_each_label(phone, world, monitored):  # noqa: F811
    from jianfu.monitor.models import Finding

    # the chart names a rule by its finding's category: the catalogue's longest is 23 characters
    Finding.objects.update(category="分管负责同志召集的会议要求下级主要负责同志参会")
    finding = Finding.objects.get()
    copies = []
    for n in range(99):    # a rule found 100 times: the axis runs to 100, as in the demo
        finding.pk, finding.row_id = None, 10_000 + n
        copies.append(Finding(**{f.attname: getattr(finding, f.attname) for f in Finding._meta.concrete_fields}))
    Finding.objects.bulk_create(copies)
    office = phone("county_office")
    office.set_default_navigation_timeout(60_000)
    office.goto("/monitor/dashboard/?year=2025")
    expect(office.locator("#chart-rule canvas")).to_have_count(1)
    span, ticks, name_width = office.evaluate(AXIS)
    # each step of the count axis has room for a three-digit label at 10 px ("100" is about 20 px wide)
    assert span / (ticks - 1) >= 40, (span, ticks)
    assert name_width == 120
    assert fits_the_phone(office)
    office.locator("#chart-rule").scroll_into_view_if_needed()
    shot(office, "mend33-rule-chart")


def test_a_received_meeting_from_the_township_is_saved_at_its_level(phone, world):
    from jianfu.monitor.models import LedgerMeeting

    village = phone("village_a")
    village.set_default_navigation_timeout(60_000)
    village.goto("/monitor/ledgers/meeting/new/?next=/monitor/received/")
    expect(village.locator("h1")).to_have_text("登记收到的会议")
    expect(village.locator("#id_level option:checked")).to_have_text("提出要求的单位的层级（乡镇召开的为乡镇级）")
    village.fill("#id_title", "乡镇干部例会")
    village.fill("#id_issuer", "曲樟乡")
    village.fill("#id_duration_minutes", "90")
    assert fits_the_phone(village)
    shot(village, "mend33-meeting-level")
    village.get_by_role("button", name="保存").click()
    expect(village.locator(".alert-success")).to_contain_text("已登记：乡镇干部例会。")
    assert list(LedgerMeeting.objects.values_list("title", "level")) == [("乡镇干部例会", "town")]
