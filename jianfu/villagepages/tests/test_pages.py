"""Public village pages: the workflow from village draft to township approval, the public page on a
phone, the A4 poster, bad input and another township's village."""

from __future__ import annotations

import io
import shutil
import subprocess

import pdfplumber
import pytest

from jianfu.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from jianfu.core.models import AuditRecord
from jianfu.villagepages import services
from jianfu.villagepages.models import ServiceList
from jianfu.villagepages.poster import PosterData, PosterItem, cjk_font, render_poster
from jianfu.villagepages.tests.factories import ITEMS, LIANZHOU_VILLAGE, QUMU, ZHANGJIA, list_in, snapshot
from jianfu.villagepages.workflow import Status


def _post_edit(client, code=QUMU, *, submit=False, **extra):
    data = {"office_address": "曲木村党群服务中心", "office_hours": "工作日 8:00—17:30", "office_phone": "0779-7201234",
            "note": "", "rows": "3", "item-0-name": "开具居住证明", "item-0-place": "1 号窗口",
            "item-0-materials": "身份证", "item-0-time_limit": "即时办结", "item-1-name": "低保申请受理",
            "item-1-place": "村两委办公室", "item-1-hours": "每周二、四", "item-1-materials": "身份证、户口簿",
            "item-1-time_limit": "15 个工作日", "item-2-name": "", **extra}
    if submit:
        data["submit"] = "1"
    return client.post(f"/villages/manage/{code}/edit/", data)


@pytest.mark.django_db
def test_village_edits_township_approves_public_sees(world):
    village = world.client("village_a")
    assert village.get(f"/villages/manage/{QUMU}/edit/").status_code == 200
    assert ServiceList.objects.count() == 0  # a GET writes nothing
    assert _post_edit(village, submit=True).status_code == 302
    service_list = ServiceList.objects.get()
    assert (service_list.status, service_list.number) == (Status.SUBMITTED, 1)
    assert [i.name for i in service_list.items.all()] == ["开具居住证明", "低保申请受理"]
    public = world.client(None).get(f"/villages/{QUMU}/").content.decode()
    assert "开具居住证明" not in public and "本村（社区）的服务清单已提交乡镇（街道）审核，审核通过后在此公开。" in public
    town = world.client("town_quzhang")
    approved = town.post(f"/villages/lists/{service_list.pk}/approve/", {"note": "同意"}, follow=True)
    assert approved.redirect_chain[-1][1] == 302 and "已审核通过，清单已公开。" in approved.content.decode()
    public = world.client(None).get(f"/villages/{QUMU}/").content.decode()
    assert "开具居住证明" in public and "低保申请受理" in public and "0779-7201234" in public
    # A second version replaces the first only when approved.
    assert _post_edit(village, submit=True, **{"item-0-name": "开具居住证明（新）"}).status_code == 302
    assert "开具居住证明（新）" not in world.client(None).get(f"/villages/{QUMU}/").content.decode()
    second = ServiceList.objects.get(number=2)
    town.post(f"/villages/lists/{second.pk}/approve/", {})
    assert "开具居住证明（新）" in world.client(None).get(f"/villages/{QUMU}/").content.decode()
    assert list(ServiceList.objects.order_by("number").values_list("status", flat=True)) == [
        Status.SUPERSEDED, Status.APPROVED]
    actions = list(AuditRecord.objects.filter(action__startswith="villagepages").order_by("id")
                   .values_list("action", "actor__username"))
    assert actions == [
        ("villagepages.list.create", "village_a"), ("villagepages.list.update", "village_a"),
        ("villagepages.list.submit", "village_a"), ("villagepages.list.approve", "town_quzhang"),
        ("villagepages.list.create", "village_a"), ("villagepages.list.update", "village_a"),
        ("villagepages.list.submit", "village_a"), ("villagepages.list.supersede", "town_quzhang"),
        ("villagepages.list.approve", "town_quzhang")]


@pytest.mark.django_db
def test_saving_and_submitting_each_say_what_was_done(world):
    """N14 (session 14): after 保存并提交乡镇审核 succeeded only the status line said 待乡镇审核."""
    village = world.client("village_a")
    saved = village.post(f"/villages/manage/{QUMU}/edit/", {}, follow=False)  # nothing posted: a draft, no items
    assert saved.status_code == 302
    page = village.get(saved["Location"]).content.decode()
    assert '<div class="alert alert-success" role="status">已保存为草稿，尚未提交乡镇审核。</div>' in page
    assert ServiceList.objects.get().status == Status.DRAFT
    submitted = _post_edit(village, submit=True)
    assert submitted.status_code == 302 and submitted["Location"] == f"/villages/manage/{QUMU}/edit/"
    page = village.get(submitted["Location"]).content.decode()
    assert '<div class="alert alert-success" role="status">已提交乡镇（街道）审核。</div>' in page
    assert "已保存为草稿" not in page
    assert ServiceList.objects.get().status == Status.SUBMITTED
    # a refused submit says the draft was kept, and no success
    ServiceList.objects.all().delete()
    refused = _post_edit(village, submit=True, **{"item-0-materials": ""})
    text = refused.content.decode()
    assert refused.status_code == 400 and "已提交乡镇（街道）审核。" not in text
    assert "修改已保存为草稿，尚未提交乡镇审核。" in text


@pytest.mark.django_db
def test_return_needs_a_reason_and_the_village_can_resubmit(world):
    submitted = list_in(QUMU, status=Status.SUBMITTED)
    town = world.users["town_quzhang"]
    with pytest.raises(ApplicationError) as err:
        services.list_return(actor=town, service_list=submitted, note="  ")
    assert err.value.code == "required"
    services.list_return(actor=town, service_list=submitted, note="请补充办理时限")
    submitted.refresh_from_db()
    assert (submitted.status, submitted.review_note) == (Status.RETURNED, "请补充办理时限")
    services.list_submit(actor=world.users["village_a"], service_list=submitted)
    assert ServiceList.objects.get(pk=submitted.pk).status == Status.SUBMITTED


@pytest.mark.django_db
def test_return_without_reason_is_said_beside_the_field(world):
    submitted = list_in(QUMU, status=Status.SUBMITTED)
    before = snapshot()
    town = world.client("town_quzhang")
    page = town.get(f"/villages/lists/{submitted.pk}/").content.decode()
    assert '<input id="id_rnote" name="note" maxlength="500" required value="">' in page
    response = town.post(f"/villages/lists/{submitted.pk}/return/", {"note": "   "})
    assert response.status_code == 400
    page = response.content.decode()
    # the review page itself (not an error page), with the message beside the reason field
    assert "<h1>曲木村委会 · 第 1 版</h1>" in page
    assert ('aria-invalid="true" aria-describedby="err-rnote"><div class="field-error" id="err-rnote" role="alert">'
            '请写明退回原因。</div>') in page
    assert snapshot() == before
    # too long: said there too, and what was typed comes back
    response = town.post(f"/villages/lists/{submitted.pk}/return/", {"note": "缺" * 501})
    assert response.status_code == 400 and "退回原因过长（501 字），不能超过 500 字。" in response.content.decode()
    assert 'value="' + "缺" * 501 + '"' in response.content.decode()
    assert snapshot() == before


@pytest.mark.django_db
def test_another_township_and_another_village_are_refused(world):
    foreign = list_in(LIANZHOU_VILLAGE, status=Status.SUBMITTED)
    before = snapshot(LIANZHOU_VILLAGE)
    with pytest.raises(NotFoundError):
        services.list_approve(actor=world.users["town_quzhang"], service_list=foreign)
    with pytest.raises(NotFoundError):
        services.list_open_or_create(actor=world.users["village_a"], village_code=ZHANGJIA)
    with pytest.raises(PermissionDeniedError):  # the village may not approve its own list
        services.list_approve(actor=world.users["village_a"], service_list=list_in(QUMU, status=Status.SUBMITTED))
    assert snapshot(LIANZHOU_VILLAGE) == before
    assert world.client("village_a").post(f"/villages/manage/{ZHANGJIA}/edit/", {"rows": "0"}).status_code == 404
    assert world.client("town_quzhang").get(f"/villages/lists/{foreign.pk}/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(("extra", "message"), [
    ({"item-0-name": "长" * 101}, "第 1 项：服务事项过长"),
    ({"item-0-name": "", "item-0-materials": "身份证"}, "第 1 项：请填写服务事项名称"),
    ({"office_phone": "1" * 41}, "办公电话过长"),
    ({"office_phone": "not a phone"}, "办公电话“not a phone”不是可以拨通的号码"),
    ({"office_phone": "12345"}, "办公电话“12345”不是可以拨通的号码"),
    ({"item-1-name": "<b>低保</b>申请"}, "第 2 项：服务事项名称不能包含“&lt;”“&gt;”等标记符号"),
])


def test_bad_input_names_the_row_and_saves_nothing(world, extra, message):
    list_in(QUMU, status=Status.APPROVED)
    before = snapshot()
    response = _post_edit(world.client("village_a"), **extra)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert snapshot() == before


@pytest.mark.django_db
def test_phone_field_error_stands_beside_the_field(world):
    response = _post_edit(world.client("village_a"), office_phone="not a phone").content.decode()
    assert 'aria-invalid="true" aria-describedby="err-office_phone"' in response
    assert ('<div class="field-error" id="err-office_phone">办公电话“not a phone”不是可以拨通的号码：'
            '请填写 11 位手机号或带区号的固定电话，也可以不填。</div>') in response
    assert 'value="not a phone"' in response  # what was typed comes back
    # a mobile number, a landline with or without dashes, full-width digits: accepted
    for phone in ("13812345678", "0779 7201234", "０７７９－７２０１２３４"):
        assert _post_edit(world.client("village_a"), office_phone=phone).status_code == 302


@pytest.mark.django_db
def test_a_draft_may_be_incomplete_but_submitting_names_each_missing_part(world):
    village = world.client("village_a")
    lacking = {"item-1-place": "", "item-1-materials": "", "item-1-time_limit": ""}
    assert _post_edit(village, **lacking).status_code == 302  # saving a draft is lenient
    draft = ServiceList.objects.get()
    assert draft.status == Status.DRAFT and draft.items.count() == 2
    before = snapshot()
    response = _post_edit(village, submit=True, **lacking)
    assert response.status_code == 400
    page = response.content.decode()
    assert "提交乡镇审核前请补全：第 2 项缺办理地点、所需材料、办理时限。" in page
    assert '<div class="field-error" id="err-i1p">请填写办理地点。</div>' in page
    assert '<div class="field-error" id="err-i1m">请填写所需材料。</div>' in page
    assert '<div class="field-error" id="err-i1t">请填写办理时限。</div>' in page
    assert 'id="err-i0' not in page  # the complete item has no error
    # the posted edits are kept as the draft (saved again, the same content), nothing is submitted
    assert [row[1:] for row in snapshot()] == [row[1:] for row in before]
    assert ServiceList.objects.get().status == Status.DRAFT
    before = snapshot()
    # the review page's submit button checks the same
    with pytest.raises(ApplicationError) as err:
        services.list_submit(actor=world.users["village_a"], service_list=draft)
    assert (err.value.code, err.value.details) == ("incomplete", {"items": {2: {
        "place": "请填写办理地点。", "materials": "请填写所需材料。", "time_limit": "请填写办理时限。"}}})
    assert snapshot() == before


@pytest.mark.django_db
def test_a_refused_submit_keeps_the_edits_as_a_draft(world):
    # the session's diff review: the submit was refused and the whole POST rolled back, so a cadre who closed the page
    # lost every edit made with it
    village = world.client("village_a")
    lacking = {"item-1-place": "", "item-1-materials": "", "item-1-time_limit": ""}
    response = _post_edit(village, submit=True, office_address="曲木村党群服务中心二楼", **lacking)
    assert response.status_code == 400
    assert "修改已保存为草稿，尚未提交乡镇审核。" in response.content.decode()
    draft = ServiceList.objects.get()
    assert (draft.status, draft.office_address, draft.items.count()) == (Status.DRAFT, "曲木村党群服务中心二楼", 2)


@pytest.mark.django_db
def test_script_and_control_characters_are_inert(world):
    # markup is refused in the form; a name stored before that rule is still shown inert
    _post_edit(world.client("village_a"), **{"item-0-name": "居住证明\u202e\x00"})
    assert ServiceList.objects.get().items.first().name == "居住证明"
    service_list = list_in(QUMU, status=Status.SUBMITTED, items=[{**ITEMS[0], "name": "<script>alert(1)</script>证明"}])
    services.list_approve(actor=world.users["town_quzhang"], service_list=service_list)
    page = world.client(None).get(f"/villages/{QUMU}/").content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;证明" in page


@pytest.mark.django_db
def test_bell_escape_and_bidi_isolates_are_dropped_from_every_field(world):
    # N14: the public page takes the same rule as every other text input
    _post_edit(world.client("village_a"), **{"item-0-name": "老年人优待证办理\u202e（代办）\u2066",
                                             "item-0-materials": "身份证\x07\x1b[31m\x85", "note": "说明\u202d"})
    saved = ServiceList.objects.get()
    assert (saved.note, saved.items.first().name, saved.items.first().materials) == (
        "说明", "老年人优待证办理（代办）", "身份证[31m")


@pytest.mark.django_db
def test_the_public_page_and_an_event_clean_text_by_the_same_rule(world):
    """N12 (session 14): one rule for every app's free text (core.text.clean_text): zero-width and other format
    characters out — a ZWJ inside an emoji kept, as everywhere else, and the bidi marks beside no right-to-left
    letter removed (sec27 #1)."""
    from jianfu.core.text import clean_text

    typed = {"item-0-name": "老年人\u200b优待证\u200d办理", "item-0-materials": "身份证\ufeff👨\u200d👩\u200d👧户口簿",
             "note": "说明\u2060\u200e"}
    _post_edit(world.client("village_a"), **typed)
    saved = ServiceList.objects.get()
    stored = (saved.items.first().name, saved.items.first().materials, saved.note)
    assert stored == ("老年人优待证办理", "身份证👨\u200d👩\u200d👧户口簿", "说明")
    assert stored == tuple(clean_text(typed[k]) for k in ("item-0-name", "item-0-materials", "note"))


@pytest.mark.django_db
def test_unknown_or_non_village_codes_are_404(world):
    client = world.client(None)
    for code in ("450521200000", "450521999999", "450521000000"):
        assert client.get(f"/villages/{code}/").status_code == 404
        assert client.get(f"/api/v1/villages/public/{code}/").status_code == 404
    assert client.get("/villages/45052120020/").status_code == 404
    assert client.get(f"/villages/{ZHANGJIA}/poster.pdf").status_code == 404  # no public list yet


@pytest.mark.django_db
def test_public_index_groups_by_township(world):
    list_in(QUMU, status=Status.APPROVED)
    data = world.api_client(None).get("/api/v1/villages/public/").json()
    # the town with a public list first (newuser20 #11), its villages in division-code order
    assert [(t["town"], [(v["name"], v["has_list"]) for v in t["villages"]]) for t in data] == [
        ("曲樟乡", [("璋嘉村委会", False), ("曲木村委会", True)]), ("廉州镇", [("廉州镇某社区", False)])]
    page = world.client(None).get("/villages/").content.decode()
    assert page.index("<strong>曲樟乡</strong>") < page.index("<strong>廉州镇</strong>") and "（暂无清单）" in page


@pytest.mark.django_db
def test_plaques_from_the_monitor_ledger(world):
    from jianfu.monitor.models import LedgerPlaque

    fields = {f.name for f in LedgerPlaque._meta.get_fields()}
    base = {"org_code": QUMU, "issuer_code": "450521000000D01", "issuer_name": "住房和城乡建设局"}
    base = {k: v for k, v in base.items() if k in fields}
    import datetime as dt

    for i in range(9):
        LedgerPlaque.objects.create(title=f"牌子{i + 1}", placement="outside", status="kept", date=dt.date(2026, 1, 5),
                                    **base)
    LedgerPlaque.objects.create(title="旧牌子", placement="outside", status="removed", date=dt.date(2025, 1, 5), **base)
    page = world.client(None).get(f"/villages/{QUMU}/").content.decode()
    assert "办公场所外部挂牌 9 块" in page and "超出外部挂牌 4 至 6 块的规范" in page and "已摘除 1 块" in page
    api = world.api_client(None).get(f"/api/v1/villages/public/{QUMU}/").json()
    assert len(api["plaques"]) == 10


@pytest.mark.django_db
def test_poster_is_an_a4_pdf_with_the_chinese_text(world):
    list_in(QUMU, status=Status.APPROVED)
    response = world.client(None).get(f"/villages/{QUMU}/poster.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        page = pdf.pages[0]
        assert (round(page.width), round(page.height)) == (595, 842)  # A4 in points
        text = page.extract_text()
    font, embedded = cjk_font()
    if embedded:  # a TrueType CJK font was found and embedded: the text layer is real Chinese
        for expected in ("曲木村委会", "服务群众事项清单", ITEMS[1]["name"], "0779-7201234"):
            assert expected in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) is not installed")
def test_poster_renders_to_an_image(tmp_path):
    pdf = tmp_path / "poster.pdf"
    pdf.write_bytes(render_poster(PosterData(village="曲木村委会", township="曲樟乡", county="合浦县",
                                             items=[PosterItem("开具居住证明", "1 号窗口", "工作日", "身份证")],
                                             url="http://example.org/villages/450521200206/")))
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-singlefile", str(pdf), str(tmp_path / "p")], check=True)
    from PIL import Image

    image = Image.open(tmp_path / "p.png")
    assert image.size == (249, 351)  # A4 (595 × 842 pt) at 30 dpi, rounded up by poppler
    # Not blank: the title, the table and the QR code put dark pixels on the page.
    dark = image.convert("L").histogram()[:128]
    dark = sum(dark)
    assert dark > 500


@pytest.mark.django_db
def test_workbench_todos(world):
    list_in(QUMU, status=Status.SUBMITTED)
    list_in(ZHANGJIA, status=Status.RETURNED)
    town = world.client("town_quzhang").get("/").content.decode()
    assert "待审核的村（社区）服务清单" in town
    assert "被退回修改的服务清单" in world.client("village_b").get("/").content.decode()
    assert "被退回修改的服务清单" not in world.client("village_a").get("/").content.decode()


@pytest.mark.django_db
def test_a_single_waiting_list_is_one_tap_from_the_workbench(world):
    from jianfu.villagepages.workbench import todos

    submitted = list_in(QUMU, status=Status.SUBMITTED)
    list_in(ZHANGJIA, status=Status.RETURNED)
    assert [(t.url, t.count) for t in todos(world.users["town_quzhang"])] == [(f"/villages/lists/{submitted.pk}/", 1)]
    assert [(t.url, t.count) for t in todos(world.users["village_b"])] == [(f"/villages/manage/{ZHANGJIA}/edit/", 1)]
    list_in(ZHANGJIA, status=Status.SUBMITTED)
    assert [(t.url, t.count) for t in todos(world.users["town_quzhang"])] == [("/villages/manage/", 2)]


@pytest.mark.django_db
def test_public_index_finds_a_village_by_name_or_township(world):
    # session 7 (a new user's trial): 276 villages on one long page, no search
    client = world.client(None)
    page = client.get("/villages/", {"q": "曲木"}).content.decode()
    assert "曲木村委会" in page and "璋嘉村委会" not in page and "廉州镇某社区" not in page
    by_town = client.get("/villages/", {"q": "曲樟"}).content.decode()
    assert "曲木村委会" in by_town and "璋嘉村委会" in by_town and "廉州镇某社区" not in by_town
    both = client.get("/villages/", {"q": "曲樟乡曲木村"}).content.decode()
    assert "曲木村委会" in both and "璋嘉村委会" not in both
    none = client.get("/villages/", {"q": "<script>"}).content.decode()
    assert "没有找到名称中含有该字词的村（社区）" in none and "<script>" not in none.split("<main")[-1].split('value="')[0]


@pytest.mark.django_db
def test_withdrawing_says_so_and_opens_the_edit_page(world):
    # session 7 (a new user's trial): withdraw, submit and approve said nothing; "撤回后才能修改" then left the cadre on
    # the review page
    village = world.client("village_a")
    assert _post_edit(village, submit=True).status_code == 302
    service_list = ServiceList.objects.get()
    # session 8 (the next trial): the locked form offers the withdrawal at its top, not on another page
    locked = village.get(f"/villages/manage/{QUMU}/edit/").content.decode()
    assert f'<form method="post" action="/villages/lists/{service_list.pk}/withdraw/">' in locked.split("<fieldset")[0]
    town = world.client("town_quzhang").get(f"/villages/manage/{QUMU}/edit/")
    assert town.status_code == 403                 # the township reviews on the review page; it never edits
    response = village.post(f"/villages/lists/{service_list.pk}/withdraw/", follow=True)
    assert response.redirect_chain == [(f"/villages/manage/{QUMU}/edit/", 302)]
    assert "已撤回，现在可以修改。" in response.content.decode()
    service_list.refresh_from_db()
    assert service_list.status == Status.DRAFT


@pytest.mark.django_db
def test_the_edit_form_counts_instead_of_cutting_pasted_text(world):
    import re

    page = world.client("village_a").get(f"/villages/manage/{QUMU}/edit/").content.decode()
    form = page.split('class="card list-form"')[1].split("</form>")[0]
    assert " maxlength=" not in form
    assert re.findall(r'name="(note|item-0-materials)" (?:rows="2" )?data-maxlength="(\d+)"', form) == [
        ("note", "1000"), ("item-0-materials", "1000")]
    before = snapshot()
    response = _post_edit(world.client("village_a"), **{"item-1-materials": "身份证" * 334})
    assert response.status_code == 400
    assert "第 2 项：所需材料过长（1002 字），不能超过 1000 字。" in response.content.decode()
    assert snapshot() == before


@pytest.mark.django_db
def test_every_bad_part_of_every_item_is_named_in_one_save(world):
    """A new user saved three times to learn of three faults (V07): each is named at once, nothing is written, and
    the typed text is kept in the form."""
    before = snapshot()
    response = _post_edit(world.client("village_a"), **{"item-0-materials": "身份证" * 334,
                                                        "item-1-name": "<script>x</script>低保申请受理"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "第 1 项：所需材料过长（1002 字），不能超过 1000 字；第 2 项：服务事项名称不能包含“&lt;”“&gt;”等标记符号。" in page
    assert "<script>x</script>" not in page
    assert "身份证" * 334 in page
    assert snapshot() == before


def test_the_township_sees_what_a_new_version_changes_in_the_public_one(world):
    """The reviewer saw the whole submitted list and only "当前公开的是第 1 版（2 项）": what changed had to be found by
    eye. The review page lists the office details changed and the items added, removed and changed."""
    import re

    village, town = world.client("village_a"), world.client("town_quzhang")
    _post_edit(village, submit=True)
    first = ServiceList.objects.get()
    page = town.get(f"/villages/lists/{first.pk}/").content.decode()
    assert "本村（社区）尚无公开的清单：下面的清单全文均为新公开的内容。" in page   # nothing to compare with yet
    town.post(f"/villages/lists/{first.pk}/approve/", {})
    _post_edit(village, submit=True, office_phone="0779-7205678", **{
        "item-0-materials": "身份证、户口簿", "item-1-name": "临时救助申请", "item-1-hours": ""})
    second = ServiceList.objects.get(number=2)
    page = town.get(f"/villages/lists/{second.pk}/").content.decode()
    section = re.search(r'<section class="card" id="changes">(.*?)</section>', page, re.S).group(1)
    # the top-level entries (a changed item's fields are a nested list inside its entry)
    items = [re.sub(r"<[^>]+>", "", li).strip() for li in re.findall(r'<li class="\w+">(.*?)</li>\n', section, re.S)]
    assert "与当前公开的第 1 版相比" in section
    assert items == ["办公电话：“0779-7201234” 改为 “0779-7205678”", "新增事项：临时救助申请", "删除事项：低保申请受理",
                     "修改事项：开具居住证明所需材料：“身份证” 改为 “身份证、户口簿”"]
    # newuser15 F9: what changed, then the decision, then the whole list (on a phone 2,000 px that came first)
    order = [page.index(mark) for mark in ('id="changes"', "审核通过并公开", "退回修改", 'id="full-list"', "临时救助申请</td>")]
    assert order == sorted(order)
    # the same list submitted again unchanged says so
    town.post(f"/villages/lists/{second.pk}/approve/", {})
    _post_edit(village, submit=True, office_phone="0779-7205678", **{
        "item-0-materials": "身份证、户口簿", "item-1-name": "临时救助申请", "item-1-hours": ""})
    third = ServiceList.objects.get(number=3)
    assert "没有改动。" in town.get(f"/villages/lists/{third.pk}/").content.decode()


@pytest.mark.django_db
def test_the_version_comparison_flags_an_item_listed_twice(world):
    """The trial's 高龄津贴 listed twice showed as nothing at all: items are matched by name, so the second hid."""
    import re

    village, town = world.client("village_a"), world.client("town_quzhang")
    _post_edit(village, submit=True)
    first = ServiceList.objects.get()
    town.post(f"/villages/lists/{first.pk}/approve/", {})
    _post_edit(village, submit=True, **{"item-2-name": "低保申请受理", "item-2-place": "村两委办公室",
                                        "item-2-materials": "身份证、户口簿", "item-2-time_limit": "15 个工作日"})
    second = ServiceList.objects.get(number=2)
    assert second.items.filter(name="低保申请受理").count() == 2
    page = town.get(f"/villages/lists/{second.pk}/").content.decode()
    section = re.search(r'<section class="card" id="changes">(.*?)</section>', page, re.S).group(1)
    assert "没有改动。" not in section
    assert '<li class="duplicated">重复事项：低保申请受理（列了 2 次，请退回村里合并）</li>' in section


@pytest.mark.django_db
def test_poster_page_and_api_give_the_approval_date_in_beijing_time(world):
    """Approved at 06:20 Beijing time (22:20 UTC the day before): the page, the poster and the API all say
    the Beijing date, the one the township saw on its calendar (newuser13 V01)."""
    import datetime as dt

    from jianfu.villagepages import selectors
    from jianfu.villagepages.views import poster_data

    service_list = list_in(QUMU, status=Status.APPROVED)
    ServiceList.objects.filter(pk=service_list.pk).update(
        decided_at=dt.datetime(2026, 12, 4, 22, 20, tzinfo=dt.UTC))
    service_list.refresh_from_db()
    page = world.client(None).get(f"/villages/{QUMU}/").content.decode()
    assert "第 1 版，曲樟乡 2026-12-05 审核公开。" in page
    data = poster_data(selectors.public_page(village_code=QUMU), "http://example.org/")
    assert data.approved == "曲樟乡 2026-12-05 审核公开"
    api = world.client(None).get(f"/api/v1/villages/public/{QUMU}/")
    assert api.status_code == 200 and api.json()["service_list"]["approved_on"] == "2026-12-05"


@pytest.mark.django_db
def test_the_public_pages_lead_on_to_report_lookup_and_the_direct_line(world):
    """newuser13 V10/V02: the village page was a dead end; it now carries the 群众办事 entries, the report form
    opening with this village (and its township) chosen."""
    import datetime as dt
    import re

    from jianfu.dispatch.catalogue import catalogue_load_yaml
    from jianfu.dispatch.tests.conftest import MINI

    # the public report form offers the villages of a county whose catalogue is published
    catalogue_load_yaml(actor=None, county_code="450521", path=MINI, effective_from=dt.date(2020, 1, 1))
    list_in(QUMU, status=Status.APPROVED)
    client = world.client(None)
    page = client.get(f"/villages/{QUMU}/").content.decode()
    assert (f'<p class="muted taps" id="quick-entry"><a href="/dispatch/public/report/?village={QUMU}">反映本村的问题</a> · '
            '<a href="#citizen-entry">更多群众办事</a></p>') in page   # at the top: the list may be long
    entry = page[page.index('id="citizen-entry"'):]
    links = re.findall(r'<a href="([^"]+)">([^<]+)', entry)
    assert links == [(f"/dispatch/public/report/?village={QUMU}", "我要反映问题"),
                     ("/dispatch/public/lookup/", "查询办理进度"), ("/villages/", "村（社区）服务公开"),
                     ("/employment/jobs/", "招聘岗位"), ("/directline/public/report/", "基层减负直通车")]
    form = client.get(f"/dispatch/public/report/?village={QUMU}").content.decode()
    assert re.findall(r'<option value="(\d+)"[^>]* selected>', form) == ["450521200000", QUMU]
    # a code the form does not offer (a township, another county's village, rubbish) chooses nothing
    for code in ("450521200000", "450521100001x", "<script>", "999999999999"):
        form = client.get("/dispatch/public/report/", {"village": code}).content.decode()
        assert " selected>" not in form
    index = client.get("/villages/").content.decode()
    assert '<a href="/directline/public/report/">基层减负直通车' in index
    assert '<a href="/dispatch/public/report/">我要反映问题</a>' in index


@pytest.mark.django_db
def test_the_draft_api_refuses_non_text_item_values_naming_them_and_saves_nothing(world):
    """B10: PUT drafts/<pk>/ with items [{"name": ["a"], "place": {"x": 1}, "hours": 5, "time_limit": true}] was 200
    and stored "['a']", "{'x': 1}", "5", "True". PUT stays a full replacement (the API's documented 整体替换)."""
    draft = list_in(QUMU, status=Status.DRAFT, office_address="曲木村党群服务中心一楼")
    api = world.api_client("village_a")
    before = (snapshot(), list(ServiceList.objects.values_list("office_address", "office_hours", "office_phone")))
    audits = AuditRecord.objects.count()
    response = api.put(f"/api/v1/villages/drafts/{draft.pk}/", {"items": [
        {"name": "开具居住证明", "place": "1 号窗口", "materials": "身份证", "time_limit": "即时办结"},
        {"name": ["a"], "place": {"x": 1}, "hours": 5, "materials": None, "time_limit": True}]}, format="json")
    assert response.status_code == 400
    message = ("第 2 项：服务事项应为文字，收到列表；第 2 项：办理地点应为文字，收到对象；"
               "第 2 项：办理时间应为文字，收到数字 5；第 2 项：办理时限应为文字，收到true/false。")
    assert response.json()["error"] == {"code": "invalid", "message": message, "fields": {"items[2].name": [message]}}
    after = (snapshot(), list(ServiceList.objects.values_list("office_address", "office_hours", "office_phone")))
    assert after == before and AuditRecord.objects.count() == audits
    # strings (and null for an empty part) are saved; a body without the header blanks it, as documented
    ok = api.put(f"/api/v1/villages/drafts/{draft.pk}/", {"items": [
        {"name": "开具居住证明", "place": "1 号窗口", "hours": "5", "materials": None, "time_limit": "即时办结"}]},
        format="json")
    assert ok.status_code == 200
    assert [(i["name"], i["hours"], i["materials"]) for i in ok.json()["items"]] == [("开具居住证明", "5", "")]
    assert ok.json()["office_address"] == ""


@pytest.mark.django_db
def test_the_draft_api_names_an_item_that_is_not_an_object_without_python_reprs(world):
    """badinput15 #17: items ["abc", 1] gave "items：[ErrorDetail(string='期望是包含类目的字典…', code='not_a_dict')]"."""
    draft = list_in(QUMU, status=Status.DRAFT, office_address="曲木村党群服务中心一楼")
    api = world.api_client("village_a")
    before = (snapshot(), list(ServiceList.objects.values_list("office_address", "office_hours", "office_phone")))
    audits = AuditRecord.objects.count()
    response = api.put(f"/api/v1/villages/drafts/{draft.pk}/", {"office_phone": "0779-7200005", "items": ["abc", 1]},
                       format="json")
    assert response.status_code == 400
    # fix-left16 #4: as every other serializer's refusal (`api.errors.validated`): each field by its Chinese label, an
    # item by its 1-based row as the service numbers them, and `fields` with each field's own reasons
    assert response.json()["error"] == {
        "code": "invalid",
        "message": "提交的数据有误：“第 1 项”：期望是包含类目的字典，得到类型为 “str”；“第 2 项”：期望是包含类目的字典，得到类型为 “int”。",
        "fields": {"items[1]": ["期望是包含类目的字典，得到类型为 “str”。"], "items[2]": ["期望是包含类目的字典，得到类型为 “int”。"]}}
    bad_phone = api.put(f"/api/v1/villages/drafts/{draft.pk}/", {"office_phone": ["x"], "items": []}, format="json")
    assert bad_phone.status_code == 400
    assert bad_phone.json()["error"] == {"code": "invalid", "message": "提交的数据有误：“办公电话”：不是有效的字符串。",
                                         "fields": {"office_phone": ["不是有效的字符串。"]}}
    after = (snapshot(), list(ServiceList.objects.values_list("office_address", "office_hours", "office_phone")))
    assert after == before and AuditRecord.objects.count() == audits


@pytest.mark.django_db
def test_every_bad_field_of_the_edit_form_is_told_at_once(world):
    """newuser26 #2: a 说明 of 5,000 characters and a 办公电话 "<script>" showed only the 说明 error; the phone's came
    on the next save. Both at once, each beside its field, with a bad item's too; nothing stored, the typed text kept."""
    list_in(QUMU, status=Status.APPROVED)
    before = snapshot()
    response = _post_edit(world.client("village_a"), note="说" * 5000, office_phone="<script>",
                          **{"item-1-name": "<b>低保</b>申请"})
    page = response.content.decode()
    assert response.status_code == 400
    assert snapshot() == before
    note_error = "说明过长（5000 字），不能超过 1000 字。"
    phone_error = "办公电话“&lt;script&gt;”不是可以拨通的号码：请填写 11 位手机号或带区号的固定电话，也可以不填。"
    item_error = "第 2 项：服务事项名称不能包含“&lt;”“&gt;”等标记符号。"
    assert f'<p class="alert alert-error" role="alert">{note_error}{phone_error}{item_error}</p>' in page
    assert f'<div class="field-error" id="err-note">{note_error}</div>' in page
    assert f'<div class="field-error" id="err-office_phone">{phone_error}</div>' in page
    assert '<div class="field-error" id="err-i1n">服务事项名称不能包含“&lt;”“&gt;”等标记符号。</div>' in page
    assert 'aria-describedby="err-office_address"' not in page and 'aria-describedby="err-office_hours"' not in page
    assert f'>{"说" * 5000}</textarea>' in page and 'value="&lt;script&gt;"' in page


@pytest.mark.django_db
def test_the_service_refuses_every_bad_header_field_at_once(world):
    draft = list_in(QUMU, status=Status.DRAFT)
    before = snapshot()
    with pytest.raises(ApplicationError) as refused:
        services.list_update(actor=world.users["village_a"], service_list=draft, items=[],
                             header={"office_hours": "时" * 201, "office_phone": "12345", "note": "说" * 1001})
    assert refused.value.code == "too_long" and refused.value.field == "office_hours"
    assert refused.value.details == {"fields": {
        "office_hours": "办公时间过长（201 字），不能超过 200 字。",
        "office_phone": "办公电话“12345”不是可以拨通的号码：请填写 11 位手机号或带区号的固定电话，也可以不填。",
        "note": "说明过长（1001 字），不能超过 1000 字。"}}
    assert snapshot() == before


@pytest.mark.django_db
def test_a_refused_edit_is_shown_back_without_control_characters(world):
    """sec26 #4: the typed header and items were put back raw, U+0007 and U+0000 in the page's HTML."""
    list_in(QUMU, status=Status.APPROVED)
    before = (snapshot(), AuditRecord.objects.count())
    response = _post_edit(world.client("village_a"), office_phone="not a phone",
                          office_address="a\x07\x1b[31m", **{"item-0-place": "b\x00c"})
    page = response.content.decode()
    assert response.status_code == 400
    assert not any(ch in page for ch in ("\x07", "\x1b", "\x00"))
    assert 'value="a[31m"' in page and 'value="bc"' in page
    assert (snapshot(), AuditRecord.objects.count()) == before
