"""Each role's daily task, in Chromium at 390 px, asserting what the user sees (issue 11 item 16)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PIL import Image

from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
FORESTRY, HOUSING = "450521000000D02", "450521000000D01"


def expect(locator):
    from playwright.sync_api import expect as pw_expect

    return pw_expect(locator)


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "现场.jpg"
    Image.new("RGB", (64, 48), (30, 120, 60)).save(path, format="JPEG")
    return str(path)


@pytest.fixture
def catalogue(world):
    from jianfu.dispatch.catalogue import catalogue_load_yaml
    from jianfu.dispatch.tests.conftest import MINI

    return catalogue_load_yaml(actor=None, county_code="450521", path=MINI, effective_from=dt.date(2020, 1, 1))


def _event(world, *, status="dispatched", **fields):
    from jianfu.dispatch.tests.factories import event_in

    return event_in(world, status=status, **fields)


def test_grid_worker_reports_with_a_photo(phone, world, catalogue, photo):
    page = phone("grid_a")
    page.goto("/dispatch/report/")
    page.fill("#id_text", "曲木村后山林地两户村民因界线发生纠纷，请林业部门确认权属")
    page.select_option("#id_org_code", "450521200206001")
    page.set_input_files("#id_photos", photo)
    # the matter picker is grouped and narrows as one types
    options = page.locator("#id_matter_code option:not([value=''])")
    total = options.count()
    page.fill("#id_matter_filter", "林权")
    shown = page.evaluate("[...document.querySelectorAll('#id_matter_code option')].filter(o => o.value && !o.hidden)"
                          ".map(o => o.textContent)")
    assert total > 2 and shown == ["林权证明出具与林权信息查询"]
    page.fill("#id_matter_filter", "")
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".alert-success")).to_contain_text("已上报")
    expect(page.locator("img[alt='现场照片']")).to_be_visible()
    assert fits_the_phone(page)
    shot(page, "grid-report")
    # the list is a column of cards: number, status and deadline all on screen, no sideways scroll
    page.goto("/dispatch/")
    card = page.locator("table.cards tbody tr").first
    for cell in ("td.card-title", "td[data-label='状态']", "td[data-label='办理期限']"):
        box = card.locator(cell).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, cell
    assert fits_the_phone(page)
    shot(page, "grid-event-cards")


def test_department_accepts_asks_for_time_and_resolves_with_a_photo(phone, world, photo):
    event = _event(world, due_at=dt.datetime(2030, 1, 10, 9, 30, tzinfo=dt.UTC))
    dept = phone("dept_forestry")
    dept.goto(f"/dispatch/events/{event.pk}/")
    dept.get_by_role("button", name="签收").click()
    expect(dept.locator(".alert-success")).to_contain_text("已签收")
    dept.get_by_text("申请延期", exact=True).click()
    dept.fill("#id_xdays", "3")
    dept.fill("#id_xreason", "需等待林权档案调阅结果")
    dept.get_by_role("button", name="提交延期申请").click()
    expect(dept.locator(".alert-success")).to_contain_text("延期申请已提交")
    expect(dept.locator("#extension-pending")).to_contain_text("已申请延期 3 个工作日")
    shot(dept, "dept-extension-asked")

    town = phone("town_quzhang")
    town.goto("/")  # the request waits on the township's 工作台
    town.get_by_role("link", name=re.compile("待审批的延期申请")).click()
    town.get_by_role("link", name=event.number).click()
    expect(town.locator("#extension-decide")).to_contain_text("林业局申请延期 3 个工作日")
    town.get_by_role("button", name="同意延期").click()
    expect(town.locator(".alert-success")).to_contain_text("已同意延期")
    expect(town.locator("#due-at")).to_contain_text("2030-01-15")
    expect(town.locator("li[data-action='extend_approve'] .badge")).to_have_text("同意延期")
    shot(town, "town-extension-approved")

    dept.reload()
    dept.fill("#id_resolution", "已调阅林权档案并现场勘界，向双方出具权属证明")
    dept.set_input_files("#id_rphotos", photo)
    dept.get_by_role("button", name="办结", exact=True).click()
    expect(dept.locator(".alert-success")).to_contain_text("已办结")
    expect(dept.locator("#resolve-photos img")).to_have_count(1)
    assert fits_the_phone(dept)
    shot(dept, "dept-resolved-with-photo")


def test_township_whistles_and_rates(phone, world):
    from jianfu.dispatch import services

    event = _event(world, status="accepted")
    town = phone("town_quzhang")
    town.goto(f"/dispatch/events/{event.pk}/")
    town.get_by_label("住房和城乡建设局").check()
    town.fill("#id_wreason", "林地上有违建，需住建部门联合处置")
    town.get_by_role("button", name="吹哨").click()
    expect(town.locator(".alert-success")).to_contain_text("已吹哨")
    expect(town.locator("#summons")).to_contain_text("已报到 0/1")
    whistle = event.whistles.get()
    services.whistle_checkin(actor=world.users["dept_housing"], summons=whistle.summons.get())
    town.reload()
    expect(town.locator("#summons")).to_contain_text("已报到 1/1")
    shot(town, "town-whistle-checked-in")

    services.event_resolve(actor=world.users["dept_forestry"], event=event, resolution="已联合处置完毕")
    town.reload()
    town.select_option("#id_rdept", FORESTRY)
    town.select_option("#id_rscore", "5")
    town.fill("#id_rcomment", "响应迅速")
    town.get_by_role("button", name="提交部门评价").click()   # the township's own 评价 (newuser24 #2)
    expect(town.locator("#ratings")).to_contain_text("林业局：5 分")
    # one form per rater: the forestry bureau is no longer offered
    expect(town.locator(f"#id_rdept option[value='{FORESTRY}']")).to_have_count(0)
    shot(town, "town-rated")


def _ledger(tmp_path) -> str:
    import openpyxl

    from jianfu.registry.ledger.values import make_id_number

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号码", "性别"])
    ws.append(["张三", make_id_number("450521", dt.date(1950, 3, 4), 11), "男"])
    ws.append(["李四", make_id_number("450521", dt.date(1962, 8, 9), 22), "女"])
    path = tmp_path / "曲木村人口台账.xlsx"
    wb.save(path)
    return str(path)


def test_village_imports_a_ledger_then_fills_and_submits_a_report(phone, world, tmp_path):
    from jianfu.reports.catalog import forms_load
    from jianfu.reports.models import Submission

    forms_load(actor=None)
    village = phone("village_a")
    village.goto("/registry/imports/")
    village.set_input_files("input[type=file]", _ledger(tmp_path))
    village.get_by_role("button", name="上传").click()
    village.fill("#name", "人口台账")
    village.get_by_role("button", name="保存并校验").click()
    expect(village.locator("#import-status")).to_contain_text("正确")
    village.get_by_role("button", name="整表入库").click()
    expect(village.locator("#import-status")).to_contain_text("已入库")
    shot(village, "village-ledger-imported")

    village.goto("/reports/")
    row = village.locator("tr", has_text="城乡最低生活保障和特困人员救助供养情况月报表")
    row.get_by_role("button", name="生成本村报表").click()
    expect(village.locator(".alert-success")).to_contain_text("已从台账生成报表")
    typed = {"dibao_new_households": "1", "dibao_exit_households": "0", "dibao_fund": "0.5万",
             "tekun_centralised": "0", "tekun_fund": "3000"}
    for key, value in typed.items():
        village.fill(f"#cell-{key}", value)
    village.get_by_role("button", name="报送", exact=True).click()
    # the bad box is marked, every other typed value is still there, nothing was submitted
    expect(village.locator(".alert-error")).to_contain_text("应为数字，而不是“0.5万”")
    expect(village.locator("#cell-dibao_fund")).to_have_attribute("aria-invalid", "true")
    expect(village.locator("[aria-invalid=true]")).to_have_count(1)
    for key, value in typed.items():
        expect(village.locator(f"#cell-{key}")).to_have_value(value)
    assert fits_the_phone(village)
    shot(village, "village-report-bad-value-kept")
    village.fill("#cell-dibao_fund", "5000")
    village.get_by_role("button", name="报送", exact=True).click()
    expect(village.locator(".alert-success")).to_contain_text("已报送，等待乡镇审核")
    expect(village.locator("h1 + p")).to_contain_text("已报送待审核")
    assert Submission.objects.get().values["dibao_fund"] == 5000.0
    shot(village, "village-report-submitted")


def test_township_approves_a_report(phone, world):
    from jianfu.reports import services
    from jianfu.reports.catalog import forms_load
    from jianfu.reports.models import Template

    forms_load(actor=None)
    village = world.users["village_a"]
    tpl = Template.objects.get(code="mz_dibao_tekun")
    values = {"dibao_new_households": "1", "dibao_exit_households": "0", "dibao_fund": "5000",
              "tekun_centralised": "0", "tekun_fund": "3000"}
    for period, fund, comment in (("202505", "5000", None), ("202506", "30000", "新增 3 户纳入低保")):
        sub = services.submission_generate(actor=village, template=tpl, org_code="450521200206", period=period)
        sub = services.submission_fill(actor=village, submission=sub, values={**values, "dibao_fund": fund},
                                       comments={"jump:dibao_fund": comment} if comment else None)
        sub = services.submission_submit(actor=village, submission=sub)
        if period == "202505":
            services.submission_approve(actor=world.users["town_quzhang"], submission=sub)
    town = phone("town_quzhang")
    town.goto("/reports/submissions/?status=submitted")
    town.get_by_role("link", name="城乡最低生活保障和特困人员救助供养情况月报表").click()
    # before approving, the township reads the rule the figures tripped and the village's answer
    expect(town.locator("#checks")).to_contain_text("由上期 5000 变为 30000")
    expect(town.locator("#checks")).to_contain_text("村（社区）说明：新增 3 户纳入低保")
    town.get_by_role("button", name="审核通过").click()
    expect(town.locator(".alert-success")).to_contain_text("已审核通过")
    expect(town.locator("h1 + p")).to_contain_text("已审核（锁定）")
    shot(town, "town-report-approved")


def test_county_office_reviews_a_document_and_downloads_the_annotated_docx(phone, world, tmp_path):
    import docx

    office = phone("county_office")
    office.goto("/review/submit/")
    office.fill("textarea[name=text]", "XX县住房和城乡建设局关于开展危房排查的通知\n一、工作措施\n"
                                         "（一）考核实行千分制，考核结果每月排名通报。\n（二）实行一票否决。")
    office.get_by_role("button", name="开始审查").click()
    expect(office.locator(".alert-warning")).to_contain_text("审查完成：修改后通过")   # not green: it did not pass
    expect(office.locator("mark").first).to_be_visible()
    shot(office, "office-review")
    with office.expect_download() as info:
        office.locator("a[href$='annotated.docx']").first.click()
    saved = tmp_path / "annotated.docx"
    info.value.save_as(saved)
    annotated = docx.Document(str(saved))
    assert len(list(annotated.comments)) >= 2
    assert any("千分制" in p.text for p in annotated.paragraphs)


def test_the_character_counter_speaks_through_the_javascript_catalog(phone, world, catalogue):
    citizen = phone(None)
    catalog_requests = []
    citizen.on("request", lambda request: catalog_requests.append(request) if "/jsi18n/" in request.url else None)
    citizen.goto("/dispatch/public/report/")
    counter = citizen.locator("#id_text + .char-count")
    expect(counter).to_have_text("已输入 0 字，最多 5000 字")
    citizen.fill("#id_text", "村口路灯坏了")
    expect(counter).to_have_text("已输入 6 字，最多 5000 字")
    citizen.fill("#id_text", "路灯坏了" * 1251)
    expect(counter).to_have_text("已输入 5004 字，最多 5000 字，超出 4 字，请删减")
    expect(counter).to_have_class(re.compile(r"\bover\b"))
    # one catalog request, which does not say what page asked for it (the direct line's pages load it too)
    assert len(catalog_requests) == 1 and catalog_requests[0].headers.get("referer", "") == ""


def test_citizen_reports_and_looks_the_case_up_by_number(phone, world, catalogue):
    from jianfu.dispatch.models import Event, UnitLocation

    UnitLocation.objects.create(org_code="450521200206", latitude="21.700000", longitude="109.300000")
    UnitLocation.objects.create(org_code="450521200201", latitude="21.600000", longitude="109.100000")
    citizen = phone(None, geolocation={"latitude": 21.699, "longitude": 109.299}, permissions=["geolocation"])
    citizen.goto("/dispatch/public/report/")
    expect(citizen.locator("#id_org_code")).to_have_value("")   # no silent default
    expect(citizen.locator("#privacy")).to_contain_text("个人信息保护说明")
    citizen.get_by_role("button", name="按当前位置查找所在村").click()
    expect(citizen.locator("[data-nearest-status]")).to_contain_text("已按当前位置选中：曲木村委会")
    expect(citizen.locator("#id_town")).to_have_value("450521200000")
    expect(citizen.locator("#id_org_code")).to_have_value("450521200206")
    citizen.fill("#id_text", "村口路灯坏了一个多月，晚上看不见路")
    citizen.fill("#id_reporter_contact", "13812345678")
    assert fits_the_phone(citizen)
    shot(citizen, "citizen-form")
    citizen.get_by_role("button", name="提交").click()
    number = citizen.locator("#case-number").inner_text()
    assert re.fullmatch(r"HP\d{10}", number) and Event.objects.get().case_number == number
    shot(citizen, "citizen-case-number")

    other = phone(None)
    other.goto("/dispatch/public/lookup/")
    assert fits_the_phone(other)
    other.fill("#id_number", number)
    other.fill("#id_phone", "13900000000")
    other.get_by_role("button", name="查询").click()
    expect(other.locator(".alert-error")).to_contain_text("没有找到")
    other.fill("#id_number", number)
    other.fill("#id_phone", "13812345678")
    other.get_by_role("button", name="查询").click()
    expect(other.locator("#case-number")).to_have_text(number)
    expect(other.locator("h1")).to_contain_text("办理进度")
    shot(other, "citizen-lookup")


# What a thumb meets on the phone: every page of the grid worker's and village cadre's day fits 390 px
# without sideways scrolling, and every control (button, box, list, menu entry, checkbox with its
# label) is at least 44 px high. Inline links inside sentences are exempt (WCAG 2.5.8).
CONTROLS = """() => {
  const small = [];
  const visible = el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
  const name = el => (el.id ? '#' + el.id : el.tagName.toLowerCase()) + ' ' + (el.innerText || el.value || el.name || '').trim().slice(0, 20);
  document.querySelectorAll('button, select, textarea, summary, input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=file]), .btn, a.button, .sidenav a, td.card-title a').forEach(el => {
    if (visible(el) && el.getBoundingClientRect().height < 44) small.push(name(el) + ' ' + Math.round(el.getBoundingClientRect().height));
  });
  document.querySelectorAll('input[type=checkbox], input[type=radio]').forEach(el => {
    const label = el.closest('label') || (el.id && document.querySelector(`label[for="${el.id}"]`));
    if (visible(el) && (!label || label.getBoundingClientRect().height < 44)) small.push('checkbox ' + name(label || el));
  });
  return small;
}"""
DAY_PAGES = {
    "grid_a": ["/", "/dispatch/", "/dispatch/report/", "/registry/persons/"],
    "village_a": ["/", "/dispatch/", "/dispatch/report/", "/registry/persons/", "/registry/persons/new/",
                  "/registry/households/",
                  "/registry/imports/", "/reports/", "/reports/submissions/"],
}


@pytest.mark.parametrize("username", sorted(DAY_PAGES))
def test_phone_pages_fit_and_have_thumb_sized_controls(phone, world, catalogue, username):
    from jianfu.reports.catalog import forms_load

    forms_load(actor=None)
    _event(world)
    page = phone(username)
    problems = {}
    for path in DAY_PAGES[username]:
        page.goto(path)
        small = page.evaluate(CONTROLS)
        # a checkbox sits on the same line as its label text
        small += [f"checkbox apart from its label {t}" for t in page.evaluate("""() => [...document.querySelectorAll(
            'label > input[type=checkbox]')].filter(b => { const l = b.parentElement.getBoundingClientRect();
            const r = b.getBoundingClientRect(); return r.top < l.top - 1 || r.bottom > l.bottom + 1 || l.height > 90; })
            .map(b => b.parentElement.innerText.trim().slice(0, 12))""")]
        unlabelled = page.evaluate("""() => [...document.querySelectorAll('input[type=checkbox]')]
            .filter(b => !b.closest('label') && !(b.id && document.querySelector(`label[for="${b.id}"]`)))
            .map(b => b.name)""")
        small += [f"checkbox without a label {n}" for n in unlabelled]
        # every button of a card list is on screen (nothing hidden in a sideways-scrolling table)
        small += [f"off-screen {b}" for b in page.evaluate("""() => [...document.querySelectorAll('.table-wrap button')]
            .filter(b => b.getBoundingClientRect().right > window.innerWidth).map(b => b.innerText)""")]
        if small or not fits_the_phone(page):
            problems[path] = {"fits": fits_the_phone(page), "small": small}
        shot(page, f"{username}-{path.strip('/').replace('/', '-') or 'workbench'}")
    assert problems == {}


def test_citizen_drops_a_pin_when_a_tile_server_is_configured(phone, world, catalogue, live_server, settings):
    # a tile server the deployment names (here the platform itself serves a placeholder tile)
    from jianfu.dispatch.models import UnitLocation

    settings.JIANFU_MAP_TILE_URL = live_server.url + "/static/vendor/leaflet/images/layers.png?{z}/{x}/{y}"
    UnitLocation.objects.create(org_code="450521200206", latitude="21.700000", longitude="109.300000")
    UnitLocation.objects.create(org_code="450521200201", latitude="21.600000", longitude="109.100000")
    citizen = phone(None)
    citizen.goto("/dispatch/public/report/")
    box = citizen.locator("#pin-map")
    expect(box).to_be_visible()
    expect(citizen.locator("#pin-map .leaflet-tile").first).to_be_attached()
    box.click(position={"x": 120, "y": 80})
    expect(citizen.locator("#pin-map .leaflet-marker-icon")).to_have_count(1)
    lat, lon = float(citizen.input_value("#id_latitude")), float(citizen.input_value("#id_longitude"))
    assert 21.5 < lat < 21.8 and 109.0 < lon < 109.4
    shot(citizen, "citizen-pin")


def test_county_office_designs_a_report_without_yaml(phone, world):
    from jianfu.reports.catalog import forms_load
    from jianfu.reports.models import Template

    forms_load(actor=None)
    office = phone("county_office")
    office.goto("/reports/")
    office.get_by_role("link", name="新建报表模板（表单设计器）").click()
    office.fill("#d-code", "cun_dibao_brief")
    office.fill("#d-name", "低保情况简表")
    office.fill("#d-dept", "minzheng")
    office.fill("#d-dept-name", "县民政局")
    office.select_option("#c-el-0", "dibao_households")
    office.select_option("#c-el-1", "dibao_new_households")
    office.select_option("#r-kind-0", "range")
    office.fill("#r-cell-0", "dibao_new_households")
    office.fill("#r-max-0", "50")
    assert fits_the_phone(office)
    office.get_by_role("button", name="保存模板").click()
    expect(office.locator(".alert-success")).to_contain_text("已保存报表模板“低保情况简表”")
    expect(office.locator("h1")).to_have_text("低保情况简表")
    shot(office, "office-designer-saved")
    tpl = Template.objects.get(code="cun_dibao_brief")
    assert tpl.definition["rules"] == [{"kind": "range", "cell": "dibao_new_households", "max": 50}]
    assert [c["element"] for c in tpl.definition["cells"]] == ["dibao_households", "dibao_new_households"]
