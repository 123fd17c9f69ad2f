"""Session 33's new user at 390 px (newuser33): a revised draft is still compared with the higher-level document its
first version was (#1); a returned village list can say what a certificate rests on (#2); the direct line's handler
picks the unit a report is about from a list (#3)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]

COPIED = ("一、各地要以村庄清洁行动为抓手，扎实推进农村人居环境整治提升，持续改善农村生产生活条件，建设宜居宜业和美乡村。\n"
          "二、各地要健全长效管护机制，明确管护主体、管护责任和管护经费，确保设施建得好、管得住、用得久。\n")
REFERENCE = "关于开展农村人居环境整治的通知\n" + COPIED + "三、各地要充分发挥农民主体作用，尊重农民意愿，不搞一刀切。\n"
DRAFT = "关于开展全县农村人居环境整治的通知\n各乡镇：\n" + COPIED + "三、各乡镇要结合本地实际抓好落实。\n"


def expect(locator):
    from playwright.sync_api import expect as pw_expect

    return pw_expect(locator)


def test_a_revision_is_still_checked_against_the_higher_level_document(phone, world, tmp_path):
    reference = tmp_path / "省通知.txt"
    reference.write_text(REFERENCE, encoding="utf-8")
    office = phone("county_office")
    office.goto("/review/submit/")
    office.locator("textarea[name=text]").fill(DRAFT)
    office.locator("input[name=reference]").set_input_files(str(reference))
    office.get_by_role("button", name="开始审查").click()
    expect(office.locator("#reference-used")).to_have_text("是否照搬上级文件：已与“省通知.txt”对照。")
    expect(office.locator(".rv-finding", has_text="照抄照搬上级文件")).to_have_count(1)
    office.get_by_role("link", name="上传修改稿").click()
    expect(office.locator("#reference-kept")).to_have_text("不选则沿用上一版对照的上级文件“省通知.txt”。")
    assert fits_the_phone(office)
    shot(office, "newuser33-revise-reference")
    # the copied paragraphs kept, one line of its own changed: still a copy, not 已修改
    office.locator("form[action$='/revise/'] textarea[name=text]").fill(DRAFT.replace("抓好落实", "自行安排落实"))
    office.get_by_role("button", name="重新审查").click()
    expect(office.locator("h1")).to_contain_text("第 1 版 → 第 2 版")
    expect(office.locator("main")).to_contain_text("已修改 0 处")
    expect(office.locator("main")).to_contain_text("仍存在 1 处")
    expect(office.locator("main")).to_contain_text("照抄照搬上级文件（上下一般粗）")
    assert fits_the_phone(office)
    shot(office, "newuser33-revise-compare")


def test_a_returned_village_list_says_what_a_certificate_rests_on(phone, world):
    from jianfu.villagepages.tests.factories import QUMU, list_in

    list_in(QUMU)   # the public first version
    village = phone("village_a")
    village.goto(f"/villages/manage/{QUMU}/edit/")
    row = village.locator("fieldset").nth(2)   # the first empty row after the two public items
    row.get_by_label("服务事项").fill("开具居住、亲属关系等证明")
    row.get_by_label("办理地点").fill("村两委办公室")
    row.get_by_label("所需材料").fill("身份证")
    row.get_by_label("办理时限").fill("3 个工作日")
    row.get_by_label("依据（开具证明的，写明所依据的法律法规）").fill("《中华人民共和国户口登记条例》第十六条")
    assert fits_the_phone(village)
    village.get_by_role("button", name="保存并提交乡镇审核").click()
    expect(village.locator("body")).to_contain_text("待乡镇审核")

    township = phone("town_quzhang")
    township.goto("/villages/manage/")
    township.get_by_role("link", name="第 2 版 · 待乡镇审核").click()
    expect(township.locator("#certificates li.certificate-item")).to_have_text(
        ["开具居住、亲属关系等证明依据：《中华人民共和国户口登记条例》第十六条"])
    assert fits_the_phone(township)
    shot(township, "newuser33-certificate-basis")


def test_the_handler_picks_the_unit_a_report_is_about_from_a_list(phone, world):
    from django.utils import timezone

    from jianfu.directline import services
    from jianfu.directline.tests.factories import PASSPHRASE, county_key_with_handler, submitted
    from jianfu.monitor.models import Finding

    county_key_with_handler(world)
    report, _code = submitted()
    services.digest_send(slot=timezone.now())
    handler = phone("county_office")
    handler.goto(f"/directline/{report.pk}/")
    handler.get_by_role("link", name="解锁").click()
    handler.fill("#id_passphrase", PASSPHRASE)
    handler.get_by_role("button", name="解锁").click()
    handler.get_by_role("button", name="受理").click()
    box = handler.get_by_label("责任单位（造成负担的部门或乡镇，填名称或代码，可从列表中选）")
    expect(box).to_have_attribute("list", "issuer-units")
    assert "曲樟乡" in handler.locator("#issuer-units option").evaluate_all("os => os.map(o => o.value)")
    box.fill("曲樟乡")
    handler.locator("textarea[name=summary]").fill("某乡要求每个村每周上报三张台账照片并打卡排名。")
    handler.locator("form[action$='/act/to_finding/'] textarea[name=note]").fill("已转为监测问题。")
    handler.get_by_role("button", name="转为监测问题").click()
    expect(handler.locator("body")).to_contain_text("已转为监测问题")
    assert list(Finding.objects.values_list("issuer_code", flat=True)) == ["450521200000"]
    assert fits_the_phone(handler)
    shot(handler, "newuser33-directline-to-finding")
