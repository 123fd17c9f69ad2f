"""Session 15 (issue 8 leftovers) in Chromium at 390 px: the office's long review note, typed in the box with its
counter, shown whole and wrapped after 下架 (it was cut at 200 characters)."""

from __future__ import annotations

import re

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect


def test_office_writes_a_long_review_note_and_reads_it_whole_at_phone_width(phone, world):
    from jianfu.employment.discrimination import check
    from jianfu.employment.models import Posting, PostingStatus
    from jianfu.employment.tests.factories import TOWN, hrss_account, posting_in

    hrss_account(world)
    text = "电子厂生产线装配，限男性"
    posting = posting_in(TOWN, title="装配工", description=text, status=PostingStatus.FLAGGED,
                         flags=[f.as_dict() for f in check("装配工", text)])
    note = "已电话联系单位人事负责人，说明限定性别违反就业促进法。" * 12 + "\n修改后的简章：https://example.cn/" + "a" * 120
    page = phone("dept_hrss")
    page.goto(f"/employment/postings/{posting.pk}/")
    page.fill("#note", note)
    assert page.input_value("#note") == note                       # nothing cut by the browser
    expect(page.locator("#note + .char-count")).to_have_text(f"已输入 {len(note)} 字，最多 1000 字")
    page.get_by_role("button", name="下架").click()
    expect(page.locator(".alert-success")).to_have_text("已下架。")
    shown = page.locator("#review-conclusion .review-note")
    assert shown.inner_text() == f"说明：{note}"
    assert Posting.objects.get(pk=posting.pk).status == PostingStatus.WITHDRAWN
    assert fits_the_phone(page)
    shot(page, "employment-s15-long-review-note")


def test_cadre_uploads_a_seeker_sheet_and_the_batch_page_follows_the_import(phone, world, tmp_path):
    """B15 (session 14): the seeker import ran inside the request. Now the upload lands on its batch's page, which
    the worker fills in (immediate here, as the queue would): the people taken in, each with their matches."""
    from jianfu.employment.models import KeyPerson, SeekerImportBatch
    from jianfu.employment.tests.factories import person_in
    from jianfu.registry.services import person_id_number

    a, b = person_in(name="韦春燕"), person_in(name="黄志强")
    path = tmp_path / "求职登记.csv"
    path.write_bytes((f"身份证号,姓名,人员类别,求职意向\n{person_id_number(a)},韦春燕,脱贫劳动力,做过流水线想进厂\n"
                      f"{person_id_number(b)},黄志强,农村劳动力,会开车\n").encode("gbk"))
    page = phone("village_a")
    page.goto("/employment/people/import/")
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="上传并导入").click()
    batch = SeekerImportBatch.objects.get()
    expect(page).to_have_url(re.compile(f"/employment/people/import/{batch.pk}/$"))
    expect(page.locator("#import-status-label")).to_have_text("已入库")
    expect(page.locator("#import-status .alert-success")).to_contain_text("已登记 2 人的求职意向。")
    ka = KeyPerson.objects.get(person=a)
    expect(page.locator("#taken li").first).to_have_text("韦春燕 · 看匹配岗位")
    page.locator("#taken li").first.get_by_role("link", name="看匹配岗位").click()
    expect(page).to_have_url(re.compile(f"/employment/people/{ka.pk}/jobs/$"))
    assert fits_the_phone(page)


def test_a_bad_seeker_sheet_lands_on_its_batch_with_every_row_named(phone, world, tmp_path):
    from jianfu.employment.models import KeyPerson

    path = tmp_path / "求职登记.csv"
    path.write_bytes("身份证号,人员类别\n450521198501010000,登记失业人员\n,脱贫劳动力\n".encode("gbk"))
    page = phone("village_a")
    page.goto("/employment/people/import/")
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="上传并导入").click()
    expect(page.locator("#import-status-label")).to_have_text("有错误，未入库")
    expect(page.locator(".alert-error")).to_contain_text("没有任何数据入库")
    rows = page.locator("table.cards tbody tr")
    expect(rows.first.locator("td.card-title")).to_have_text("第2行")
    expect(rows.nth(1).locator("td.card-title")).to_have_text("第3行")
    assert KeyPerson.objects.count() == 0
    assert fits_the_phone(page)
    shot(page, "employment-s15-seeker-batch-errors")
