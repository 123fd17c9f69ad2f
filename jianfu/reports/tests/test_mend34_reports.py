"""mend34: what a county department clerk met in 一表同享 (newuser34) — its own form's progress, an empty form list
explained, a Word copy of a filled form, and a one-village report without a second row of the same name."""

from __future__ import annotations

import io
import re

import pytest
from django.utils import timezone

from jianfu.accounts.models import User
from jianfu.orgs.models import OrgUnit
from jianfu.reports import services
from jianfu.reports.engine import latest_closed_period
from jianfu.reports.models import Submission, Template
from jianfu.reports.tests.test_workflow import DIBAO_MANUAL, catalog_loaded  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.fixture
def minzheng(catalog_loaded):  # noqa: F811 - the fixture imported above
    """The county's 民政局 (owner of mz_dibao_tekun) with an account; 曲木村 has submitted the last closed month."""
    w = catalog_loaded
    unit = OrgUnit.objects.create(code="450521000000D09", name="民政局", kind="department", level=3,
                                  parent_code="450521000000", short_code="MZ")
    user = User(username="dept_mz", role="department", org_unit=unit)
    user.set_password("jianfu-test-password")
    user.save()
    w.users["dept_mz"] = user
    tpl = Template.objects.get(code="mz_dibao_tekun")
    period = latest_closed_period("monthly", timezone.localdate()).id
    a = services.submission_generate(actor=w.users["village_a"], template=tpl, org_code=w.village_a.code,
                                     period=period)
    services.submission_fill(actor=w.users["village_a"], submission=a, values=DIBAO_MANUAL)
    services.submission_submit(actor=w.users["village_a"], submission=a)
    return w, tpl, period, a


def test_1_a_department_sees_its_own_forms_progress_and_whom_to_ask(minzheng):
    w, tpl, period, a = minzheng
    client = w.client("dept_mz")
    before = list(Submission.objects.order_by("pk").values_list("pk", "status", "version"))
    detail = client.get(f"/reports/templates/{tpl.code}/").content.decode()
    assert f'id="own-progress" href="/reports/templates/{tpl.code}/progress/"' in detail
    resp = client.get(f"/reports/templates/{tpl.code}/progress/")
    assert resp.status_code == 200
    html = resp.content.decode()
    counts = _text(html[html.index('id="progress-counts"'):].split("</p>", 1)[0].split(">", 1)[1])
    assert counts == "应报 3 个村（社区） · 未填报 2 · 已退回 0 · 填报中 0 · 已提交 1"
    towns = html[html.index('id="town-progress"'):].split("</table>", 1)[0]
    assert [_text(r) for r in re.findall(r"<tr>(.*?)</tr>", towns, re.S)[1:]] == [
        "廉州镇 1 0 1 请联系廉州镇催报", "曲樟乡 2 1 1 请联系曲樟乡催报"]
    names = re.findall(r'<td class="card-title">(?:<a href="[^"]+">)?([^<]+)', html.split('id="progress"', 1)[1])
    assert names == ["廉州镇某社区", "璋嘉村委会", "曲木村委会"]
    assert "部门不直接向村（社区）催报：未提交的，请联系所属乡镇催报。" in html
    # read-only: no action on the page, nothing changed; the completeness page stays the approvers'
    assert html.count('method="post"') == 1 and 'action="/logout/"' in html   # the menu's 退出 only
    assert list(Submission.objects.order_by("pk").values_list("pk", "status", "version")) == before
    assert client.get("/reports/completeness/").status_code == 404
    # another department's form, and a period that is none of this form's
    assert w.client("dept_housing").get(f"/reports/templates/{tpl.code}/progress/").status_code == 404
    assert client.get(f"/reports/templates/{tpl.code}/progress/?period=abc").status_code == 400


def test_2_a_department_without_forms_is_told_why_and_what_to_do(catalog_loaded):  # noqa: F811
    html = catalog_loaded.client("dept_housing").get("/reports/").content.decode()
    note = _text(html[html.index('id="no-own-forms"'):].split("</td>", 1)[0].split(">", 1)[1])
    assert note == ("住房和城乡建设局还没有报表模板：部门只看到本部门的报表，其他部门的报表不在这里列出。报表模板由各部门自己定义"
                    "（县减负办也可代为定义），定义后各村（社区）从共享台账生成、报送。 新建本部门的报表模板（表单设计器）")
    assert '<a href="/reports/designer/">新建本部门的报表模板（表单设计器）</a>' in html
    assert "没有可查看的报表模板。" not in html


def test_3_a_filled_form_as_word(minzheng):
    from docx import Document

    w, tpl, period, a = minzheng
    resp = w.client("village_a").get(f"/reports/submissions/{a.pk}/export/?format=docx")
    assert resp.status_code == 200
    assert resp["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    page = w.client("village_a").get(f"/reports/submissions/{a.pk}/").content.decode()
    assert f'href="/reports/submissions/{a.pk}/export/?format=docx">导出 Word</a>' in page
    doc = Document(io.BytesIO(b"".join(resp.streaming_content) if resp.streaming else resp.content))
    label = latest_closed_period("monthly", timezone.localdate()).label
    paras = [p.text for p in doc.paragraphs]
    assert paras[:6] == ["城乡最低生活保障和特困人员救助供养情况月报表", "填报单位：曲木村委会", f"报告期：{label}",
                         f"统计时点：{latest_closed_period('monthly', timezone.localdate()).reference_date.isoformat()}",
                         "主管部门：县民政局", "状态：已报送待审核"]
    assert doc.core_properties.title == "城乡最低生活保障和特困人员救助供养情况月报表"
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    sent = "（按报送时登记数）"
    assert rows == [
        ["项目", "计量单位", "数值", "来源"], [f"低保户数{sent}", "户", "0", "自动生成"],
        [f"低保对象人数{sent}", "人", "2", "自动生成"], [f"其中：女性{sent}", "人", "1", "自动生成"],
        [f"其中：老年人{sent}", "人", "2", "自动生成"], [f"其中：未成年人{sent}", "人", "0", "自动生成"],
        [f"其中：残疾人{sent}", "人", "0", "自动生成"], ["本期新增低保户数", "户", "1", "手工填报"],
        ["本期退出低保户数", "户", "0", "手工填报"], ["低保金发放金额", "元", "12500.5", "手工填报"],
        [f"特困供养人员数{sent}", "人", "1", "自动生成"], [f"未满16周岁特困人员数{sent}", "人", "0", "自动生成"],
        [f"特困人员中残疾人数{sent}", "人", "1", "自动生成"], ["集中供养特困人员数", "人", "0", "手工填报"],
        ["特困供养金发放金额", "元", "3000", "手工填报"], [f"低保覆盖率{sent}", "%", "66.67", "自动生成"]]
    # the township's run of its villages as Word: a row per village and the 合计, a column per item
    town = w.client("town_quzhang").get(f"/reports/templates/{tpl.code}/run/?period={period}&format=docx")
    table = Document(io.BytesIO(b"".join(town.streaming_content) if town.streaming else town.content)).tables[0]
    assert [r.cells[0].text for r in table.rows] == ["单位", "璋嘉村委会", "曲木村委会", "曲樟乡合计"]
    assert [c.text for c in table.rows[3].cells][:3] == ["曲樟乡合计", "0", "3"]


def test_5_a_village_report_has_one_row_and_a_towns_total_says_so(minzheng):
    w, tpl, period, a = minzheng
    html = w.client("village_a").get(f"/reports/templates/{tpl.code}/run/?period={period}").content.decode()
    table = html[html.index("<table"):html.index("</table>")]
    assert table.count("曲木村委会") == 1 and 'class="total"' not in table
    assert '<p class="muted" id="live-note">本页按台账现有数据计算；已报送的报表保留报送时的数，两者可能不同。</p>' in html
    town = w.client("town_quzhang").get(f"/reports/templates/{tpl.code}/run/?period={period}").content.decode()
    table = town[town.index("<table"):town.index("</table>")]
    assert re.findall(r'<tr class="total"><th>([^<]+)</th>', table) == ["曲樟乡合计"]
