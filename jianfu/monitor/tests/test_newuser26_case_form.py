"""newuser26 #2: a refused 添加案例 (a control character, a script, more than 120 characters, an empty place posted
without the browser's checks) shows the notice again, status 400 as the monitor's other forms, with the reason beside
the field and every typed value kept — not a bare 无法完成操作 page whose 返回上一页 gave an empty form. Nothing is
stored."""

from __future__ import annotations

import html

import pytest

from jianfu.core.models import AuditRecord
from jianfu.monitor import services
from jianfu.monitor.models import NoticeCase

pytestmark = pytest.mark.django_db

SUMMARY = "要求村干部每天在 3 个 APP 打卡"


@pytest.fixture
def notice(world):
    return services.notice_create(actor=world.users["county_office"], data={
        "title": "关于几起增加基层负担问题的通报", "issuer": "合浦县减负办", "date": "2026-12-01"})


def _add(world, notice, **posted):
    data = {"place": "县某局", "category": "fingertip", "summary": SUMMARY, "rectification": "pending", **posted}
    return world.client("county_office").post(f"/monitor/notices/{notice.pk}/cases/", data)


@pytest.mark.parametrize(("posted", "field", "reason"), [
    ({"place": ""}, "place", "“地方或单位”不能为空。"),
    ({"place": "县某局\x07"}, "place", "“地方或单位”含有不可见的控制字符，请删除后重试。"),
    ({"place": "<script>alert(1)</script>"}, "place", "“地方或单位”不得包含网页代码或脚本（如 <script>、javascript:）。"),
    ({"place": "某" * 121}, "place", "“地方或单位”不能超过 120 个字。"),
    ({"summary": ""}, "summary", "“问题摘要”不能为空。"),
    ({"rectification": "fixed"}, "rectification", "整改情况无效。"),
], ids=["empty", "control", "script", "121-chars", "empty-summary", "rectification"])
def test_a_refused_case_shows_the_notice_again_with_the_typing_kept(world, notice, posted, field, reason):
    response = _add(world, notice, **posted)
    assert response.status_code == 400
    page = response.content.decode()
    assert "无法完成操作" not in page
    form = page[page.index('<h2 id="add-case">'):]
    assert form.startswith(f'<h2 id="add-case">添加案例</h2><form method="post" '
                           f'action="/monitor/notices/{notice.pk}/cases/#add-case" class="card">')
    # the reason beside its field, which is marked and focused
    assert f'<span class="field-error" id="case-error" role="alert">{html.escape(reason, quote=False)}</span>' in form
    assert form.count("aria-invalid") == 1
    invalid = {"place": '<input type="text" name="place"', "summary": '<textarea name="summary"',
               "rectification": '<select name="rectification"'}[field]
    tag = form[form.index(invalid):form.index(">", form.index(invalid))]
    assert tag.endswith('aria-invalid="true" aria-describedby="case-error" autofocus')
    # what was typed is kept
    place = posted.get("place", "县某局")
    assert f'name="place" maxlength="120" value="{html.escape(place)}"' in form
    marked = ' aria-invalid="true" aria-describedby="case-error" autofocus' if field == "summary" else ""
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
