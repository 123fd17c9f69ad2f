"""mend24 in Chromium at 390 px: the dispatch queue and an event page say how sure the router is in words (the number in
a title), a visit photo with a raw GBK file name is refused on the visit form, and the audit log names a key rotation's
fingerprints and a county's own review rule."""

from __future__ import annotations

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect
catalogue = test_daily_tasks.catalogue  # the fixture: the 12-matter catalogue in force in 合浦县
FORESTRY, HOUSING, WATER = "450521000000D02", "450521000000D01", "450521000000D05"
MEANING = "把握较大：达到系统自动派发的把握；有一定把握：比其他部门加起来更可能；仅供参考：只是可能相关，请核对事件内容后选择。"


def test_the_queue_and_the_event_page_say_how_sure_in_words(phone, world, catalogue):
    from jianfu.dispatch.tests.factories import event_in

    waiting = event_in(
        world,
        status="reported",
        text="村口有一片空地堆满了垃圾和建筑废料，还有人在上面搭棚子养鸡，气味难闻。",
        catalogue_version=catalogue,
        routing_mode="none",
        routing_confidence=0.38,
        routing_candidates=[
            {"matter": "LY-001", "department": FORESTRY, "score": 0.8},
            {"matter": "ZJ-001", "department": HOUSING, "score": 0.55},
            {"matter": "SL-002", "department": WATER, "score": 0.2},
        ],
    )
    office = phone("county_office")
    office.goto("/dispatch/queue/", timeout=60_000)
    buttons = office.locator(f"#suggest-{waiting.pk} .suggested label.choice")
    expect(buttons).to_have_text(
        [
            "林业局 · 林木林地权属争议调处 把握较大",
            "住房和城乡建设局 · 物业服务纠纷与物业监管 有一定把握",
            "水利局 · 水库山塘与农田水利设施 仅供参考",
        ]
    )
    assert [buttons.nth(i).get_attribute("title") for i in range(3)] == [
        "系统估计属于该部门的概率：0.80",
        "系统估计属于该部门的概率：0.55",
        "系统估计属于该部门的概率：0.20",
    ]
    expect(office.locator("#score-meaning")).to_have_text(MEANING)
    expect(office.locator("main")).not_to_contain_text("部门得分")
    assert fits_the_phone(office)
    shot(office, "mend24-queue-strength")

    routed = event_in(world, catalogue_version=catalogue, routing_mode="catalogue", routing_confidence=0.87)
    office.goto(f"/dispatch/events/{routed.pk}/")
    expect(office.locator("#department")).to_have_text("林业局 （按职责清单自动分派，把握较大）")
    expect(office.locator("#routing-strength")).to_have_attribute("title", "系统估计的概率：0.87")
    assert fits_the_phone(office)
    shot(office, "mend24-event-strength")


def test_a_visit_photo_with_a_raw_gbk_name_is_refused_on_the_form(phone, world):
    from jianfu.employment.models import Visit
    from jianfu.employment.tests.factories import key_person_in

    kp = key_person_in()
    worker = phone("grid_a")
    worker.goto(f"/employment/people/{kp.pk}/visit/", timeout=60_000)
    # a browser sends file names in UTF-8: the raw GBK name some phone apps send is posted by hand, as they do
    html = worker.evaluate(
        """async ([nameBytes]) => {
            const form = document.querySelector("form[enctype='multipart/form-data']");
            const value = (n) => form.querySelector(`[name='${n}']`).value;
            const b = "----mend24", enc = new TextEncoder();
            const field = (n, v) => enc.encode(`--${b}\\r\\nContent-Disposition: form-data; name="${n}"\\r\\n\\r\\n${v}\\r\\n`);
            const parts = [field("csrfmiddlewaretoken", value("csrfmiddlewaretoken")), field("form_token", value("form_token")),
                           field("outcome", "met"), field("next_step", "下周再联系"),
                           enc.encode(`--${b}\\r\\nContent-Disposition: form-data; name="photo"; filename="`),
                           new Uint8Array(nameBytes), enc.encode(`"\\r\\nContent-Type: image/jpeg\\r\\n\\r\\n`),
                           new Uint8Array([255, 216, 255, 217]), enc.encode(`\\r\\n--${b}--\\r\\n`)];
            const r = await fetch(form.action || location.href, {method: "POST", body: new Blob(parts),
                                  headers: {"Content-Type": `multipart/form-data; boundary=${b}`}});
            return (r.status === 200 ? "" : `status ${r.status}`) + await r.text();
        }""",
        [list("走访照片.jpg".encode("gbk"))],
    )
    worker.set_content(html)
    expect(worker.locator(".errorlist")).to_have_text(
        "照片的文件名无法识别（编码不是 UTF-8），请改用中文或英文文件名后重试。"
    )
    assert Visit.objects.count() == 0
    assert fits_the_phone(worker)
    shot(worker, "mend24-visit-gbk-photo")


def test_the_audit_log_names_fingerprints_and_county_rules(phone, world):
    from django.db import transaction

    from jianfu.core.audit import audit_record
    from jianfu.review.models import RuleOverride

    admin = world.users["admin"]
    with transaction.atomic():
        RuleOverride.objects.create(
            county_code="450521000000",
            org_code="450521000000",
            rule_id="CTY-01",
            definition={"name": "本县规则：一事一表"},
            created_by=admin,
        )
        audit_record(
            actor=admin,
            action="review.finding.add",
            object_type="review.review",
            object_id="1",
            org_code="450521000000",
            changes={"rule_id": "CTY-01"},
        )
        audit_record(
            actor=admin,
            action="directline.key.rotate_start",
            object_type="directline.keyrotation",
            object_id="1",
            org_code="450521000000",
            changes={"old": "3f9a77c2", "new": "b41e0d58", "reports": 12},
        )
    page = phone("admin")
    page.goto("/audit/", timeout=60_000)
    expect(page.locator("main")).to_contain_text("原密钥指纹：3f9a77c2")
    expect(page.locator("main")).to_contain_text("新密钥指纹：b41e0d58")
    expect(page.locator("main")).to_contain_text("审查规则：本县规则：一事一表（CTY-01）")
    assert fits_the_phone(page)
    shot(page, "mend24-audit-log")
