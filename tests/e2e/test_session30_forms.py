"""Session 29's refusals as a phone shows them (newuser30, Part B): no page session 29 changed had a browser test.

A stale form is one whose one-time token (core.formtokens) was already spent by an earlier post of other content —
a second tap after the first went through, another file chosen after back: the 新增网格 form comes back (400) with the
name still typed and says so; the two upload forms (导入职责清单, the registry's 台账导入) answer 400 too and say the
file must be chosen again, and nothing more was stored. With the cache (Redis) down, a search by a whole number answers
503 in Chinese (fix-cr29 #1), not a stack trace."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from redis.exceptions import ConnectionError as RedisConnectionError

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect

EXPIRED = "表单已失效，您填写的内容仍保留在页面上，请核对后再次点击提交。"
EXPIRED_FILE = "表单已失效，请重新选择文件后提交。"


def _token_of(page) -> str:
    return page.locator("input[name=form_token]").first.input_value()


def test_a_stale_new_grid_form_comes_back_with_the_name_typed(phone, world):
    from jianfu.core.models import AuditRecord
    from jianfu.orgs.models import OrgUnit, UnitKind

    village = world.village_b.code

    def grids():
        return (list(OrgUnit.objects.filter(parent_code=village, kind=UnitKind.GRID).order_by("code")
                     .values_list("name", flat=True)), AuditRecord.objects.filter(action="orgs.grid.create").count())

    page = phone("county_office")
    page.goto(f"/orgs/{village}/")
    token = _token_of(page)
    # the same rendering of the form already added 第九网格 (the first tap went through)
    first = world.client("county_office").post(f"/orgs/{village}/grids/", {"name": "第九网格", "form_token": token})
    assert first.status_code == 302
    before = grids()
    assert before == (["第九网格"], 1)
    form = page.locator("form", has=page.get_by_role("heading", name="新增网格"))
    form.locator("input[name=name]").fill("第十网格")
    with page.expect_response(lambda r: r.url.endswith(f"/orgs/{village}/grids/")) as answer:
        form.get_by_role("button", name="新增").click()
    page.wait_for_load_state()
    assert answer.value.status == 400
    # the messages block (base.html) says an error as role="alert", read out at once (ui30 #2)
    expect(page.get_by_role("alert")).to_have_text(EXPIRED)
    expect(page.get_by_role("status")).to_have_count(0)
    form = page.locator("form", has=page.get_by_role("heading", name="新增网格"))
    expect(form.locator("input[name=name]")).to_have_value("第十网格")
    assert _token_of(page) != token   # a fresh token: 新增 again now adds the grid
    assert fits_the_phone(page)
    shot(page, "s30_grid_form_expired")
    assert grids() == before
    form.get_by_role("button", name="新增").click()
    page.wait_for_load_state()
    code = OrgUnit.objects.get(parent_code=village, name="第十网格").code
    expect(page.get_by_role("status")).to_have_text(f"已新增网格“第十网格”（{code}）。")
    assert grids() == (["第九网格", "第十网格"], 2)


def _catalogue_xlsx(code: str) -> bytes:
    from jianfu.core.tests import hostile_files
    from jianfu.dispatch import catalogue as cat

    return hostile_files.xlsx([[label for _key, label in cat.XLSX_COLUMNS],
                               [code, "正常事项", "测试", "", "", "", "林业局", "", "配合", 5, 24, ""]])


def test_a_stale_catalogue_import_imports_nothing(phone, world, tmp_path):
    from jianfu.core.models import AuditRecord
    from jianfu.dispatch.models import CatalogueVersion, Matter

    def state():
        return (CatalogueVersion.objects.count(), Matter.objects.count(),
                AuditRecord.objects.filter(action="dispatch.catalogue.import").count())

    page = phone("county_office")
    page.goto("/dispatch/catalogue/import/")
    token = _token_of(page)
    first = world.client("county_office").post("/dispatch/catalogue/import/", {
        "file": SimpleUploadedFile("清单.xlsx", _catalogue_xlsx("OK-1")), "name": "第一次", "form_token": token})
    assert first.status_code == 302
    before = state()
    assert before[0] >= 1 and before[2] == 1
    other = tmp_path / "另一份清单.xlsx"
    other.write_bytes(_catalogue_xlsx("OK-2"))
    page.fill("input[name=name]", "2026 年清单")
    page.set_input_files("input[name=file]", str(other))
    with page.expect_response(lambda r: r.url.endswith("/dispatch/catalogue/import/")) as answer:
        page.get_by_role("button", name="导入").click()
    page.wait_for_load_state()
    assert answer.value.status == 400
    expect(page.get_by_role("alert")).to_have_text(EXPIRED_FILE)
    expect(page.locator("input[name=name]")).to_have_value("2026 年清单")
    expect(page.get_by_text("您填写的内容仍保留在页面上")).to_have_count(0)
    assert fits_the_phone(page)
    shot(page, "s30_catalogue_import_expired")
    assert state() == before
    assert not Matter.objects.filter(code="OK-2").exists()


def test_a_stale_registry_ledger_upload_stores_nothing(phone, world, tmp_path):
    from jianfu.core.models import AuditRecord
    from jianfu.registry.models import ImportBatch
    from jianfu.registry.tests.test_imports import GOOD, xlsx

    def batches():
        return ImportBatch.objects.count(), AuditRecord.objects.filter(action="registry.import.upload").count()

    page = phone("village_a")
    page.goto("/registry/imports/")
    token = _token_of(page)
    first = world.client("village_a").post("/registry/imports/", {
        "file": SimpleUploadedFile("花名册.xlsx", xlsx(GOOD)), "form_token": token})
    assert first.status_code == 302
    assert batches() == (1, 1)
    other = tmp_path / "花名册（改）.xlsx"
    other.write_bytes(xlsx(GOOD[:2]))
    page.set_input_files("input[name=file]", str(other))
    with page.expect_response(lambda r: r.url.endswith("/registry/imports/")) as answer:
        page.get_by_role("button", name="上传").click()
    page.wait_for_load_state()
    # refused, a 400 as every refused form (ui30 #1: it answered 200)
    assert answer.value.status == 400
    expect(page.get_by_text(EXPIRED_FILE, exact=True)).to_have_count(1)
    expect(page.get_by_text("您填写的内容仍保留在页面上")).to_have_count(0)
    assert fits_the_phone(page)
    shot(page, "s30_registry_upload_expired")
    assert batches() == (1, 1)


class _Down:
    """The cache as it is when Redis refuses connections (the unit tests' stand-in, test_ops29_*)."""

    def __getattr__(self, name):
        def down(*_args, **_kwargs):
            raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

        return down


def test_a_number_search_with_the_cache_down_says_so_in_chinese(phone, world, monkeypatch):
    from jianfu.core import ratelimits
    from jianfu.core.models import AuditRecord

    monkeypatch.setattr(ratelimits, "cache", _Down())
    page = phone("village_a")
    page.goto("/registry/persons/")
    page.fill("input[name=q]", "13800000001")
    with page.expect_response(lambda r: "/registry/persons/?" in r.url) as answer:
        page.get_by_role("button", name="查询").click()
    page.wait_for_load_state()
    assert (answer.value.status, answer.value.headers.get("retry-after")) == (503, "60")
    expect(page.get_by_role("heading", name="系统繁忙", exact=True)).to_have_count(1)
    expect(page.get_by_text("暂时无法按完整号码查找，请几分钟后再试，或先按姓名查找。", exact=True)).to_have_count(1)
    body = page.locator("body").inner_text()
    for foreign in ("Traceback", "Error", "Redis", "Connection refused", "Service Unavailable", "过于频繁"):
        assert foreign not in body
    assert fits_the_phone(page)
    shot(page, "s30_number_search_cache_down")
    assert AuditRecord.objects.filter(action="pii.search").count() == 0
