"""Control characters, very long text, emoji and RTL marks in reports and exports: cleaned, never a 500 (issue 11.3)."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.db import connection
from openpyxl import load_workbook

from jianfu.core.formtokens import token_new
from jianfu.core.text import XLSX_CELL_MAX

EMOJI_RTL = "路灯坏了🔦\u200f\u202eمرحبا\u200e，请修"
EMOJI_RTL_KEPT = "路灯坏了🔦\u200fمرحبا\u200e，请修"  # the marks kept, the override (U+202E) removed (N14)


@pytest.mark.django_db
def test_public_form_with_control_characters_then_export_works_for_everyone(world, catalogue):
    from jianfu.dispatch.models import Event

    cache.clear()
    body = {"text": "村口\x01桥栏杆断了\x0b小孩危险" + EMOJI_RTL, "org_code": "450521200206",
            "urgency": "normal", "reporter_name": "王\x01五"}
    response = world.client(None).post("/dispatch/public/report/", {**body, "form_token": token_new()})
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.text == "村口桥栏杆断了\n小孩危险" + EMOJI_RTL_KEPT
    assert event.reporter_name == "王五"
    for user in ("county_office", "town_quzhang", "village_a", "admin"):
        export = world.client(user).get("/dispatch/export.xlsx")
        assert export.status_code == 200, user
        ws = load_workbook(io.BytesIO(export.content)).active
        assert ws.cell(2, 8).value == "村口桥栏杆断了\n小孩危险" + EMOJI_RTL_KEPT


@pytest.mark.django_db
def test_citizen_report_drops_escape_bell_and_bidi_overrides(world, catalogue):
    """N14: the citizen form accepted "\\x1b[2J\\x07" and U+202E; they are now removed (the text is kept)."""
    from jianfu.dispatch.models import Event

    cache.clear()
    body = {"text": "路灯\x1b[2J\x07坏了\u202e了坏\x85\u2066很久\u2069", "org_code": "450521200206",
            "urgency": "normal", "reporter_name": "王\u202d五"}
    assert world.client(None).post("/dispatch/public/report/", {**body, "form_token": token_new()}).status_code == 302
    event = Event.objects.get()
    assert (event.text, event.reporter_name) == ("路灯[2J坏了了坏很久", "王五")


@pytest.mark.django_db
def test_events_api_cleans_control_characters(world, catalogue):
    from jianfu.dispatch.models import Event

    response = world.api_client("grid_a").post("/api/v1/dispatch/events/", {
        "text": "河道\x01有人倾倒\x0c垃圾", "org_code": "450521200206001", "address": "村\x1f口"}, format="json")
    assert response.status_code == 201, response.content
    event = Event.objects.get()
    assert (event.text, event.address) == ("河道有人倾倒\n垃圾", "村口")


@pytest.mark.django_db
def test_exports_survive_rows_stored_before_the_cleaning(world, catalogue):
    """Data written behind the app's back (or before this fix): the exports clean when they write."""
    from jianfu.dispatch.tests.factories import event_in

    event = event_in(world, text="旧数据")
    with connection.cursor() as cur:  # raw SQL: no model field is involved
        cur.execute("UPDATE dispatch_event SET text = %s, reporter_name = %s WHERE id = %s",
                    ["旧\x01数据" + "长" * 100_000, "=\x02cmd", event.pk])
    export = world.client("county_office").get("/dispatch/export.xlsx")
    assert export.status_code == 200
    cells = load_workbook(io.BytesIO(export.content)).active[2]
    row = [c.value for c in cells]
    assert row[7].startswith("旧数据长") and len(row[7]) == XLSX_CELL_MAX
    # text, as typed, with the quote-prefix style (badinput15 #22): no apostrophe added to the text
    assert (row[8], cells[8].data_type, cells[8].quotePrefix) == ("=cmd", "s", True)


@pytest.mark.django_db
def test_event_text_drops_zero_width_and_other_format_characters(world, catalogue):
    """N12 (session 14): grid_a's event kept U+200B ("摔倒过请" did not find it) while village pages strip such
    characters: dispatch's own clean-up is the one rule of every input, whoever calls the service."""
    from jianfu.dispatch import services
    from jianfu.dispatch.models import Event

    event = services.event_report(actor=world.users["grid_a"], org_code="450521200206001", source="grid",
                                  text="\ufeff王奶奶在村口摔倒过\u200b请\u2060医生看看👩\u200d⚕\ufe0f\u00ad",
                                  address="村口\u200c桥头")
    event.refresh_from_db()
    assert (event.text, event.address) == ("王奶奶在村口摔倒过请医生看看👩\u200d⚕\ufe0f", "村口桥头")
    assert list(Event.objects.filter(text__contains="摔倒过请").values_list("pk", flat=True)) == [event.pk]
    response = world.client("grid_a").post("/dispatch/report/", {
        "text": "村道\u200b路灯坏了三天\u200d晚上很黑", "org_code": "450521200206001", "urgency": "normal",
        "form_token": token_new()})
    assert response.status_code == 302
    assert Event.objects.latest("pk").text == "村道路灯坏了三天晚上很黑"
