"""Session 21's features that only Django's test client had checked, in Chromium at 390 × 844 (e2e22):
event photo thumbnails (fix-photo21), the monitor ledger's quick check (fix-monitor21), 谁来办 (who21) and the audit
log's Chinese keys after a reveal (newuser21b #2). Layout is left to other tests (the thumbnails' arrangement is
changing): these assert what is loaded, what a tap opens and what the page says."""

from __future__ import annotations

import io
import re
import threading
import time

import pytest
from PIL import Image

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot
from tests.e2e.test_daily_tasks import catalogue  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect
COUNTY = "450521000000"
GRID = "450521200206001"


def _jpeg(size: tuple[int, int], seed: int) -> bytes:
    """A photo-like JPEG (smooth gradients and a few blocks, not noise), as a phone's form would send it."""
    width, height = size
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image.paste((40 + seed * 30, 120, 60), (width // 4, height // 4, width // 2, height // 2))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    return out.getvalue()


def _loaded(page, selector: str) -> list[dict]:
    """Each matching <img>, scrolled to (they load lazily), once decoded: its src, natural and shown size."""
    images = page.locator(selector)
    for i in range(images.count()):
        images.nth(i).scroll_into_view_if_needed()
    page.wait_for_function(
        f"[...document.querySelectorAll({selector!r})].every(i => i.complete && i.naturalWidth)"
    )
    return images.evaluate_all(
        "els => els.map(i => ({src: new URL(i.src).pathname, href: i.closest('a') && "
        "new URL(i.closest('a').href).pathname, w: i.naturalWidth, h: i.naturalHeight}))"
    )


def test_event_photos_show_small_thumbnails_and_a_tap_opens_the_full_photo(phone, world, catalogue):  # noqa: F811
    from django.core.files.base import ContentFile
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jianfu.core import thumbnails
    from jianfu.dispatch import services
    from jianfu.dispatch.models import EventPhoto

    uploads = [
        SimpleUploadedFile("a.jpg", _jpeg((1600, 1200), 1), content_type="image/jpeg"),
        SimpleUploadedFile("b.jpg", _jpeg((1200, 1600), 2), content_type="image/jpeg"),
    ]
    event = services.event_report(
        actor=world.users["grid_a"],
        text="路边电线杆倾斜，存在安全隐患",
        org_code=GRID,
        source="grid",
        photos=uploads,
    )
    # a photo stored before thumbnails existed: its thumbnail is made on the page's first request for it
    older = EventPhoto.objects.create(
        event=event,
        org_code=event.org_code,
        content_type="image/jpeg",
        width=1600,
        height=1200,
        size=1,
        sha256="0" * 64,
        image=ContentFile(_jpeg((1600, 1200), 3), name=f"{event.pk}-old.jpg"),
    )
    stored = list(EventPhoto.objects.filter(event=event).order_by("pk"))
    assert not older.image.storage.exists(thumbnails.thumbnail_name(older.image.name))
    page = phone("grid_a")
    sent: dict[str, int] = {}
    page.on(
        "response",
        lambda r: (
            sent.__setitem__(r.url.split("//", 1)[1].split("/", 1)[1], len(r.body()))
            if "/photos/" in r.url
            else None
        ),
    )
    page.goto(f"/dispatch/events/{event.pk}/", timeout=60_000)
    shown = _loaded(page, "main img[src*='/photos/']")
    base = f"/dispatch/events/{event.pk}/photos"
    assert [(i["src"], i["href"]) for i in shown] == [
        (f"{base}/{p.pk}/thumb/", f"{base}/{p.pk}/") for p in stored
    ]
    assert [(i["w"], i["h"]) for i in shown] == [(320, 240), (240, 320), (320, 240)]
    # only the thumbnails were fetched, each a few KB (the full photos are 20-60 times that)
    assert sorted(sent) == sorted(f"{i['src'][1:]}" for i in shown), sent
    assert all(0 < n <= 20_000 for n in sent.values()), sent
    assert sum(sent.values()) * 10 < sum(p.image.size for p in stored), (sent, [p.image.size for p in stored])
    assert older.image.storage.exists(thumbnails.thumbnail_name(older.image.name))
    assert fits_the_phone(page)
    shot(page, "session21-thumbnails")
    # a tap on the second thumbnail opens that photo, whole
    page.locator("main img[src*='/photos/']").nth(1).click()
    page.wait_for_url(f"**{base}/{stored[1].pk}/")
    full = page.locator("img").first
    page.wait_for_function(
        "document.images[0] && document.images[0].complete && document.images[0].naturalWidth"
    )
    assert full.evaluate("i => [i.naturalWidth, i.naturalHeight]") == [1200, 1600]


def test_a_saved_ledger_row_shows_its_finding_within_seconds_without_a_reload(phone, world, monkeypatch):
    """The check runs in the worker about a second after the save; the page asks again after 0.5 s, 1 s, 2 s and
    replaces "正在检查…" with the finding by itself (its banner `#checking`)."""
    from django.db import OperationalError, connection

    from jianfu.monitor import services, tasks
    from jianfu.monitor.models import Finding

    services.rules_seed()
    queued: list[tuple[str, int, float]] = []
    monkeypatch.setattr(
        tasks, "enqueue_refresh", lambda county, year, *, delay: queued.append((county, year, delay))
    )
    page = phone("county_office")
    navigations: list[str] = []
    page.on(
        "framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None
    )
    page.goto("/monitor/ledgers/meeting/new/", timeout=60_000)
    page.fill("input[name=date]", "2025-03-01")
    page.fill("input[name=title]", "森林防火推进会")
    page.fill("input[name=issuer]", "林业局")
    page.fill("input[name=duration_minutes]", "150")
    page.fill("input[name=speech_minutes]", "90")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("#checking")).to_be_visible()
    expect(page.locator("#ledger-findings")).not_to_contain_text("未发现问题")
    assert queued == [(COUNTY, 2025, 0.0)]  # a single save: queued with no delay
    row_url, loads = page.url, len(navigations)

    # the worker takes it a moment later, as huey's would — and, as huey's task retries, tries again when the page's
    # own poll holds the in-memory database's table lock at that instant (shared-cache SQLite answers "database table
    # is locked" at once, with no busy wait; the run is one transaction, so a failed try leaves nothing)
    def work() -> None:
        try:
            for _ in range(40):
                try:
                    services.findings_refresh_run(county_code=COUNTY, year=2025)
                    return
                except OperationalError as exc:
                    if "locked" not in str(exc):
                        raise
                    time.sleep(0.05)
        finally:
            connection.close()  # the thread's own connection: none left open for the test database's teardown

    worker = threading.Timer(0.3, work)
    started = time.monotonic()
    worker.start()
    try:
        expect(page.locator("#checking")).to_have_count(0, timeout=10_000)
        seen_after = time.monotonic() - started
    finally:
        worker.join()
    finding = Finding.objects.get()
    assert finding.rule_code == "P6-MTG-SPEECH"
    shown = page.locator("#ledger-findings li")
    expect(shown).to_have_count(1)
    expect(shown.first).to_contain_text(f"{finding.summary}（{finding.get_status_display()}）")
    assert shown.first.locator("a").get_attribute("href") == f"/monitor/findings/{finding.pk}/"
    # asked again 0.5 s, 1.5 s and 3.5 s after the page loaded (then every 3 s): a few seconds, not the 20 s of before
    assert seen_after < 6.0, seen_after
    assert (page.url, len(navigations)) == (row_url, loads)  # the same page, not reloaded
    assert fits_the_phone(page)
    shot(page, "session21-ledger-check")


def test_who_handles_answers_a_typed_matter_and_prompts_on_an_empty_one(phone, world, catalogue):  # noqa: F811
    page = phone("grid_a")
    page.goto("/dispatch/who/", timeout=60_000)
    box = page.locator("#who-q")
    assert box.get_attribute("placeholder") == "例如：路灯坏了、宅基地纠纷"
    expect(page.locator("main p.muted").first).to_contain_text("输入发生了什么或事项名称")
    expect(page.locator("article.card")).to_have_count(0)
    box.fill("后山林地有人乱占，界线说不清")
    page.get_by_role("button", name="查找").click()
    page.wait_for_url(re.compile(r"/dispatch/who/\?q="))
    cards = page.locator("article.card")
    expect(cards.first.locator("h2")).to_have_text("林木林地权属争议调处")
    assert 1 <= cards.count() <= 5
    first = cards.first
    expect(first.locator("dt", has_text="承办部门")).to_have_count(1)
    expect(first.locator("dd strong")).to_have_text("林业局")
    expect(first).to_contain_text("个工作日")
    assert box.input_value() == "后山林地有人乱占，界线说不清"
    assert fits_the_phone(page)
    shot(page, "session21-who-handles")
    # an empty (or blank) query: no results, no "没有找到", the prompt again
    box.fill("   ")
    page.get_by_role("button", name="查找").click()
    page.wait_for_load_state()
    expect(page.locator("article.card")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text("没有找到")
    expect(page.locator("main p.muted").first).to_contain_text("输入发生了什么或事项名称")
    assert box.get_attribute("placeholder") == "例如：路灯坏了、宅基地纠纷"
    # a matter nobody handles: the Chinese "nothing found", with what to do instead
    box.fill("zzzz")
    page.get_by_role("button", name="查找").click()
    expect(page.locator("main")).to_contain_text(
        "没有找到与“zzzz”相符的事项。可以换个说法，或直接上报事件，由县里分派。"
    )


def test_the_audit_log_names_a_reveal_in_chinese(phone, world):
    from jianfu.registry.tests.scoping_cases import make_person

    person = make_person(org="450521200206", name="韦秀兰")
    village = phone("village_a")
    village.goto(f"/registry/persons/{person.pk}/", timeout=60_000)
    for target in ("#pii-id", "#pii-phone"):
        village.locator(f"{target} button", has_text="查看完整号码").click()
        expect(village.locator(f"{target} .revealed")).to_have_text(re.compile(r"^(\d{11}|\d{17}[\dX])\s*$"))
    office = phone("county_office")
    office.goto("/audit/", timeout=60_000)
    rows = office.locator("table.cards tbody tr", has=office.locator("td.text-cell", has_text="韦秀兰"))
    expect(rows).to_have_count(2)
    assert rows.locator("td.card-title").all_inner_texts() == ["查看完整号码"] * 2
    changes = rows.locator("td[data-label='变更摘要']").all_inner_texts()
    assert sorted(changes) == ["字段：联系电话", "字段：身份证号"], changes
    # nothing internal on the page's records: no English key, value or action
    cells = office.locator("table.cards tbody td.card-title, table.cards tbody td[data-label='变更摘要']")
    english = [t for t in cells.all_inner_texts() if re.search(r"[A-Za-z_]{2,}", t)]
    assert english == []
    assert fits_the_phone(office)
    shot(office, "session21-audit-reveal")
