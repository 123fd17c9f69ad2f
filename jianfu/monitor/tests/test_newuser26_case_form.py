"""newuser26 #2: a refused 添加案例 (a script, more than 120 characters, an empty place posted
without the browser's checks) shows the notice again, status 400 as the monitor's other forms, with the reason beside
the field and every typed value kept — not a bare 无法完成操作 page whose 返回上一页 gave an empty form. Nothing is
stored."""

from __future__ import annotations

import datetime as dt
import html

import pytest

from jianfu.core import formtokens
from jianfu.core.errors import ApplicationError
from jianfu.core.models import AuditRecord
from jianfu.core.text import clean_text
from jianfu.monitor import services
from jianfu.monitor.models import NoticeCase

pytestmark = pytest.mark.django_db

SUMMARY = "要求村干部每天在 3 个 APP 打卡"
CATEGORIES = ("文山会海、督查检查考核过多过频、过度留痕、指尖上的形式主义、违规借调、牌子多、证明多、违规创建示范、评比表彰、"
              "节庆展会论坛泛滥、摊派、层层加码、不切实际指标、政绩工程、面子工程、其他")


@pytest.fixture
def notice(world):
    return services.notice_create(actor=world.users["county_office"], data={
        "title": "关于几起增加基层负担问题的通报", "issuer": "合浦县减负办", "date": "2026-12-01"})


def _add(world, notice, **posted):
    data = {"place": "县某局", "category": "fingertip", "summary": SUMMARY, "rectification": "pending",
            "form_token": formtokens.token_new(), **posted}
    return world.client("county_office").post(f"/monitor/notices/{notice.pk}/cases/", data)


@pytest.mark.parametrize(("posted", "field", "reason"), [
    ({"place": ""}, "place", "“地方或单位”不能为空。"),
    ({"place": "<script>alert(1)</script>"}, "place", "“地方或单位”不得包含网页代码或脚本（如 <script>、javascript:）。"),
    ({"place": "某" * 121}, "place", "“地方或单位”不能超过 120 个字。"),
    ({"summary": ""}, "summary", "“问题摘要”不能为空。"),
    ({"rectification": "fixed"}, "rectification", "整改情况无效。"),
], ids=["empty", "script", "121-chars", "empty-summary", "rectification"])
def test_a_refused_case_shows_the_notice_again_with_the_typing_kept(world, notice, posted, field, reason):
    response = _add(world, notice, **posted)
    assert response.status_code == 400
    page = response.content.decode()
    assert "无法完成操作" not in page
    form = page[page.index('<h2 id="add-case">'):]
    assert form.startswith(f'<h2 id="add-case">添加案例</h2><form method="post" '
                           f'action="/monitor/notices/{notice.pk}/cases/#add-case" class="card">')
    # the reason beside its field, which is marked and focused
    assert (f'<span class="field-error" id="case-error-{field}" role="alert">{html.escape(reason, quote=False)}</span>'
            in form)
    assert form.count("aria-invalid") == 1
    invalid = {"place": '<input type="text" name="place"', "summary": '<textarea name="summary"',
               "rectification": '<select name="rectification"'}[field]
    tag = form[form.index(invalid):form.index(">", form.index(invalid))]
    assert tag.endswith(f'aria-invalid="true" aria-describedby="case-error-{field}" autofocus')
    # what was typed is kept, without its control characters (sec26 #4: "县某局\x07" came back raw)
    place = clean_text(posted.get("place", "县某局"))
    assert f'name="place" maxlength="120" value="{html.escape(place)}"' in form
    marked = ' aria-invalid="true" aria-describedby="case-error-summary" autofocus' if field == "summary" else ""
    assert f'required{marked}>{html.escape(posted.get("summary", SUMMARY))}</textarea>' in form
    assert '<option value="fingertip" selected>指尖上的形式主义</option>' in form
    if field != "rectification":
        assert '<option value="pending" selected>未整改</option>' in form
    assert NoticeCase.objects.count() == 0
    assert not AuditRecord.objects.filter(action="monitor.notice.case_add").exists()


def test_a_valid_case_is_still_added_and_the_form_is_empty_again(world, notice):
    response = _add(world, notice)
    assert (response.status_code, response["Location"]) == (302, f"/monitor/notices/{notice.pk}/")
    assert list(NoticeCase.objects.values_list("place", "category", "summary", "rectification")) == [
        ("县某局", "fingertip", SUMMARY, "pending")]
    form = world.client("county_office").get(response["Location"]).content.decode()
    form = form[form.index('<h2 id="add-case">'):]
    assert 'name="place" maxlength="120" value="" required>' in form and "aria-invalid" not in form


def test_another_countys_office_is_not_shown_the_notice(world, notice):
    from jianfu.accounts.models import User
    from jianfu.orgs.models import OrgUnit

    other = OrgUnit.objects.create(code="450522000000", name="浦北县", kind="county", level=3,
                                   parent_code="450500000000")
    user = User.objects.create(username="other_office", role="county_office", org_unit=other)
    client = world.client(None)
    client.force_login(user)
    response = client.post(f"/monitor/notices/{notice.pk}/cases/", {"place": "", "summary": SUMMARY})
    assert response.status_code == 404
    assert "关于几起增加基层负担问题的通报" not in response.content.decode()
    assert NoticeCase.objects.count() == 0


# ------------------------------------------------------------------ fix-monitor26b #1: one case per form

def test_the_same_form_posted_twice_adds_one_case(world, notice):
    client = world.client("county_office")
    page = client.get(f"/monitor/notices/{notice.pk}/").content.decode()
    form = page[page.index('<h2 id="add-case">'):]
    start = form.index('name="form_token" value="') + len('name="form_token" value="')
    token = form[start:form.index('"', start)]
    assert formtokens.valid(token)
    posted = {"place": "县某局", "category": "fingertip", "summary": SUMMARY, "rectification": "pending",
              "form_token": token}
    first = client.post(f"/monitor/notices/{notice.pk}/cases/", posted, follow=True)
    second = client.post(f"/monitor/notices/{notice.pk}/cases/", posted, follow=True)
    assert first.redirect_chain == second.redirect_chain == [(f"/monitor/notices/{notice.pk}/", 302)]
    assert "已添加案例。" in first.content.decode()
    assert "该案例已经添加过，没有重复添加。" in second.content.decode()
    assert list(NoticeCase.objects.values_list("place", "summary")) == [("县某局", SUMMARY)]
    assert AuditRecord.objects.filter(action="monitor.notice.case_add").count() == 1
    notice.refresh_from_db()
    assert notice.declared_cases == 1


def test_a_case_form_without_a_token_or_reused_for_other_content_adds_nothing(world, notice):
    client = world.client("county_office")
    posted = {"place": "县某局", "category": "fingertip", "summary": SUMMARY, "rectification": "pending"}
    response = client.post(f"/monitor/notices/{notice.pk}/cases/", posted)
    assert response.status_code == 400
    expired = "表单已失效，您填写的内容仍保留在页面上，请核对后再次点击提交。"
    assert f'<div class="alert alert-error" role="alert" id="case-error">{expired}</div>' in response.content.decode()
    assert NoticeCase.objects.count() == 0
    token = formtokens.token_new()
    assert client.post(f"/monitor/notices/{notice.pk}/cases/", {**posted, "form_token": token}).status_code == 302
    response = client.post(f"/monitor/notices/{notice.pk}/cases/", {**posted, "form_token": token, "place": "另一局"})
    assert response.status_code == 400 and expired in response.content.decode()
    assert list(NoticeCase.objects.values_list("place", flat=True)) == ["县某局"]


def test_another_accounts_case_form_token_is_an_expired_form(world, notice):
    """sec26 #3: a second county office account posting the first one's token with the same content was told
    该案例已经添加过; it is an expired form now, as a notice's and a ledger row's are, nothing stored."""
    from jianfu.accounts.models import User

    other = User(username="county_office2", role="county_office", org_unit=world.units["county"])
    other.set_password("jianfu-test-password")
    other.save()
    world.users["county_office2"] = other
    posted = {"place": "县某局", "category": "fingertip", "summary": SUMMARY, "rectification": "pending",
              "form_token": formtokens.token_new()}
    assert world.client("county_office").post(f"/monitor/notices/{notice.pk}/cases/", posted).status_code == 302
    case = NoticeCase.objects.get()
    assert case.created_by_id == world.users["county_office"].pk
    before = (list(NoticeCase.objects.values_list("pk", "place", "summary")), AuditRecord.objects.count())
    response = world.client("county_office2").post(f"/monitor/notices/{notice.pk}/cases/", posted)
    expired = "表单已失效，您填写的内容仍保留在页面上，请核对后再次点击提交。"
    assert response.status_code == 400
    assert f'<div class="alert alert-error" role="alert" id="case-error">{expired}</div>' in response.content.decode()
    assert "该案例已经添加过" not in response.content.decode()
    assert (list(NoticeCase.objects.values_list("pk", "place", "summary")), AuditRecord.objects.count()) == before
    notice.refresh_from_db()
    assert notice.declared_cases == 1


# ------------------------------------------------------------------ fix-monitor26b #2: 更新整改情况 keeps the typing

NOTE = "已约谈，取消排名功能"


@pytest.fixture
def case(world, notice):
    return services.notice_case_add(actor=world.users["county_office"], notice_pk=notice.pk, data={
        "place": "县某局", "category": "fingertip", "summary": SUMMARY, "rectification": "pending"})


def _state():
    return (list(NoticeCase.objects.values_list("rectification", "rectification_date", "rectification_note")),
            AuditRecord.objects.filter(action="monitor.notice.case_rectify").count())


@pytest.mark.parametrize(("posted", "field", "reason"), [
    ({"date": "2026-11-30"}, "date", "“整改情况日期”不能早于通报日期（2026-12-01）。"),
    ({"date": ""}, "date", "“整改情况日期”不能为空。"),
    ({"note": "<script>x</script>"}, "note", "“整改说明”不得包含网页代码或脚本（如 <script>、javascript:）。"),
    ({"to": "unknown"}, "to", "请选择整改情况。"),
], ids=["before-notice", "no-date", "script-note", "bad-to"])
def test_a_refused_rectification_shows_the_notice_again_with_the_typing_kept(world, notice, case, posted, field,
                                                                            reason):
    before = _state()
    data = {"to": "ongoing", "date": "2026-12-02", "note": NOTE, "expected": "pending", **posted}
    response = world.client("county_office").post(f"/monitor/cases/{case.pk}/rectification/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "无法完成操作" not in page
    form = page[page.index(f'<form method="post" action="/monitor/cases/{case.pk}/rectification/#case-{case.pk}" '
                           'class="rectify">'):]
    form = form[:form.index("</form>")]
    error_id = f"rectify-error-{case.pk}-{field}"
    assert f'<span class="field-error" id="{error_id}" role="alert">{html.escape(reason, quote=False)}</span>' in form
    assert form.count("aria-invalid") == 1
    assert f'aria-invalid="true" aria-describedby="{error_id}" autofocus>' in form
    # what was typed is kept
    assert f'<input type="date" name="date" value="{data["date"]}" min="2000-01-01" required' in form
    assert f'<input type="text" name="note" maxlength="2000" value="{html.escape(data["note"])}"' in form
    if field != "to":
        assert '<option value="ongoing" selected>整改中</option>' in form
    assert _state() == before


def test_a_stale_rectification_is_named_in_the_form_and_keeps_the_note(world, notice, case):
    services.notice_case_rectify(actor=world.users["county_office"], pk=case.pk, to="ongoing", date="2026-12-02")
    before = _state()
    response = world.client("county_office").post(f"/monitor/cases/{case.pk}/rectification/", {
        "to": "ongoing", "date": "2026-12-03", "note": NOTE, "expected": "pending"})
    assert response.status_code == 400
    page = response.content.decode()
    assert (f'<div class="alert alert-error" role="alert" id="rectify-error-{case.pk}">'
            "该案例的整改情况已被改为“整改中”，请刷新后再操作。</div>") in page
    assert f'name="note" maxlength="2000" value="{NOTE}">' in page
    assert "aria-invalid" not in page
    assert _state() == before


def test_a_valid_rectification_still_moves_the_case(world, notice, case):
    response = world.client("county_office").post(f"/monitor/cases/{case.pk}/rectification/", {
        "to": "ongoing", "date": "2026-12-02", "note": NOTE, "expected": "pending"})
    assert (response.status_code, response["Location"]) == (302, f"/monitor/notices/{notice.pk}/#case-{case.pk}")
    assert _state() == ([("ongoing", dt.date(2026, 12, 2), NOTE)], 1)


# ------------------------------------------------------------------ fix-monitor26b #3: every bad field at once

PLACE_SCRIPT = "“地方或单位”不得包含网页代码或脚本（如 <script>、javascript:）。"


def test_two_bad_fields_of_a_case_give_two_errors_and_add_nothing(world, notice):
    response = _add(world, notice, place="<script>alert(1)</script>", summary="")
    assert response.status_code == 400
    form = response.content.decode()
    form = form[form.index('<h2 id="add-case">'):]
    assert (f'<span class="field-error" id="case-error-place" role="alert">{html.escape(PLACE_SCRIPT, quote=False)}'
            '</span>') in form
    assert '<span class="field-error" id="case-error-summary" role="alert">“问题摘要”不能为空。</span>' in form
    assert form.count('class="field-error"') == 2 and form.count("aria-invalid") == 2
    assert form.count("autofocus") == 1     # the first of them
    assert 'aria-describedby="case-error-place" autofocus' in form
    assert 'id="case-error"' not in form    # nothing left over above the form
    assert NoticeCase.objects.count() == 0
    assert not AuditRecord.objects.filter(action="monitor.notice.case_add").exists()


def test_every_bad_field_of_a_case_is_named_by_the_service(world, notice, case):
    office = world.users["county_office"]
    with pytest.raises(ApplicationError) as caught:
        services.notice_case_add(actor=office, notice_pk=notice.pk, data={
            "place": "", "category": "nonsense", "summary": "", "rectification": "fixed"})
    assert caught.value.details["fields"] == {
        "place": "“地方或单位”不能为空。", "category": "“问题类别”应为以下之一：" + CATEGORIES + "。",
        "summary": "“问题摘要”不能为空。", "rectification": "整改情况无效。"}
    with pytest.raises(ApplicationError) as caught:
        services.notice_case_update(actor=office, pk=case.pk, data={"place": "", "summary": "<script>x</script>"})
    assert caught.value.details["fields"] == {
        "place": "“地方或单位”不能为空。", "summary": "“问题摘要”不得包含网页代码或脚本（如 <script>、javascript:）。"}
    with pytest.raises(ApplicationError) as caught:
        services.notice_case_rectify(actor=office, pk=case.pk, to="unknown", date="", note="<script>x</script>")
    assert caught.value.details["fields"] == {
        "date": "“整改情况日期”不能为空。", "note": "“整改说明”不得包含网页代码或脚本（如 <script>、javascript:）。",
        "to": "请选择整改情况。"}
    # what the case's state allows is named with the rest: a move it does not allow, a date before the notice's
    with pytest.raises(ApplicationError) as caught:
        services.notice_case_rectify(actor=office, pk=case.pk, to="pending", date="2026-11-30", note=NOTE)
    assert caught.value.details["fields"] == {"to": "该案例当前为“未整改”，不能改为“未整改”。",
                                              "date": "“整改情况日期”不能早于通报日期（2026-12-01）。"}
    assert list(NoticeCase.objects.values_list("place", "summary", "rectification", "rectification_note")) == [
        ("县某局", SUMMARY, "pending", "")]
    assert AuditRecord.objects.filter(action__in=["monitor.notice.case_update", "monitor.notice.case_rectify"]
                                      ).count() == 0


def test_two_bad_fields_of_a_rectification_are_both_beside_their_fields(world, notice, case):
    response = world.client("county_office").post(f"/monitor/cases/{case.pk}/rectification/", {
        "to": "ongoing", "date": "2026-11-30", "note": "<script>x</script>", "expected": "pending"})
    assert response.status_code == 400
    page = response.content.decode()
    assert (f'<span class="field-error" id="rectify-error-{case.pk}-date" role="alert">'
            "“整改情况日期”不能早于通报日期（2026-12-01）。</span>") in page
    assert (f'<span class="field-error" id="rectify-error-{case.pk}-note" role="alert">'
            f"{html.escape('“整改说明”不得包含网页代码或脚本（如 <script>、javascript:）。', quote=False)}</span>") in page
    response = world.client("county_office").post(f"/monitor/cases/{case.pk}/rectification/", {
        "to": "unknown", "date": "", "note": NOTE, "expected": "pending"})
    page = response.content.decode()
    assert response.status_code == 400 and page.count("aria-invalid") == 2
    assert f'<span class="field-error" id="rectify-error-{case.pk}-date" role="alert">“整改情况日期”不能为空。</span>' in page
    assert f'<span class="field-error" id="rectify-error-{case.pk}-to" role="alert">请选择整改情况。</span>' in page
    assert f'name="note" maxlength="2000" value="{NOTE}">' in page
    assert _state() == ([("pending", None, "")], 0)


def test_two_bad_fields_of_a_case_edit_are_both_beside_their_fields(world, notice, case):
    response = world.client("county_office").post(f"/monitor/cases/{case.pk}/edit/", {
        "place": "", "category": "fingertip", "summary": "<script>x</script>"})
    assert response.status_code == 400
    page = response.content.decode()
    script = html.escape("“问题摘要”不得包含网页代码或脚本（如 <script>、javascript:）。", quote=False)
    assert f'<div class="alert alert-error" role="alert" id="form-error">“地方或单位”不能为空。{script}</div>' in page
    assert '<span class="field-error">“地方或单位”不能为空。</span>' in page
    assert f'<span class="field-error">{script}</span>' in page
    assert page.count('aria-invalid="true"') == 2
    assert html.escape("<script>x</script>") in page      # what was typed is kept
    assert list(NoticeCase.objects.values_list("place", "summary")) == [("县某局", SUMMARY)]
    assert not AuditRecord.objects.filter(action="monitor.notice.case_update").exists()


def test_a_refused_case_is_shown_back_without_control_characters(world, notice):
    """sec26 #4: the typed text was put back raw, U+0007 and U+0000 in the page's HTML. (Control characters alone are
    cleaned and saved since newuser27 #9; the markup is what is refused here.)"""
    before = (NoticeCase.objects.count(), AuditRecord.objects.count())
    response = _add(world, notice, place="a\x07\x1b[31m<b>", summary="b\x00c")
    page = response.content.decode()
    assert response.status_code == 400
    assert not any(ch in page for ch in ("\x07", "\x1b", "\x00"))
    assert 'value="a[31m&lt;b&gt;"' in page and ">bc</textarea>" in page
    assert (NoticeCase.objects.count(), AuditRecord.objects.count()) == before
