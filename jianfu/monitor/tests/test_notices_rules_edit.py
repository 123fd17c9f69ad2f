"""Editing and deleting notices, cases and local rules; a case's 整改 moving on (issue 9, the gap left open)."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from jianfu.core.models import AuditRecord
from jianfu.core.versioning import version_of
from jianfu.monitor import services
from jianfu.monitor.models import Finding, Notice, NoticeCase, Rule

pytestmark = pytest.mark.django_db
COUNTY = "450521000000"


@pytest.fixture
def office(world):
    return world.users["county_office"]


@pytest.fixture
def notice(office):
    return services.notice_create(actor=office, data={"title": "关于5起形式主义典型问题的通报",
                                                      "issuer": "合浦县减负办", "date": "2025-03-01"})


@pytest.fixture
def case(office, notice):
    return services.notice_case_add(actor=office, notice_pk=notice.pk, data={
        "place": "某局", "category": "fingertip", "summary": "要求村干部每日打卡", "rectification": "pending"})


def snapshot():
    return (list(Notice.objects.order_by("id").values_list("id", "title", "batch", "date", "declared_cases")),
            list(NoticeCase.objects.order_by("id").values_list("id", "place", "category", "summary", "rectification",
                                                              "rectification_date", "rectification_note")),
            list(Rule.objects.exclude(county_code="").order_by("id").values_list("id", "name", "threshold")))


# ---------------------------------------------------------------------------------- rectification

def test_a_case_moves_from_not_rectified_to_rectified_with_dates_and_notes(office, case):
    services.notice_case_rectify(actor=office, pk=case.pk, to="ongoing", date="2025-03-10", note="已约谈主要负责人",
                                 expected="pending")
    moved = services.notice_case_rectify(actor=office, pk=case.pk, to="done", date="2025/04/02", note="已取消打卡功能")
    assert (moved.rectification, moved.rectification_date, moved.rectification_note) == (
        "done", dt.date(2025, 4, 2), "已取消打卡功能")
    trail = list(AuditRecord.objects.filter(action="monitor.notice.case_rectify").order_by("id")
                 .values_list("changes", flat=True))
    assert [t["rectification"] for t in trail] == [["pending", "ongoing"], ["ongoing", "done"]]
    assert [t["note"] for t in trail] == ["已约谈主要负责人", "已取消打卡功能"]
    # found wanting: back to 整改中, but only with a reason
    with pytest.raises(ApplicationError, match="写明原因"):
        services.notice_case_rectify(actor=office, pk=case.pk, to="ongoing", date="2025-05-01")
    back = services.notice_case_rectify(actor=office, pk=case.pk, to="ongoing", date="2025-05-01", note="回潮，重新整改")
    assert back.rectification == "ongoing"


@pytest.mark.parametrize(("kwargs", "message", "field"), [
    ({"to": "pending", "date": "2025-03-10"}, "当前为“未整改”，不能改为“未整改”", "to"),
    ({"to": "unknown", "date": "2025-03-10"}, "请选择整改情况", "to"),
    ({"to": "ongoing", "date": ""}, "“整改情况日期”不能为空", "date"),
    ({"to": "ongoing", "date": "2025-02-28"}, "不能早于通报日期（2025-03-01）", "date"),
    ({"to": "ongoing", "date": "2099-01-01"}, "不能晚于今天", "date"),
    ({"to": "ongoing", "date": "2025-03-10", "note": "<script>alert(1)</script>"}, "不得包含网页代码", "note"),
    ({"to": "ongoing", "date": "2025-03-10", "expected": "done"}, "已被改为“未整改”，请刷新", None),
    # B14: a bad `expected` is named itself (it was blamed on `to`, or read as someone else's change)
    ({"to": "ongoing", "date": "2025-03-10", "expected": "zzz"}, "“页面上看到的当前整改情况”（expected）无效", "expected"),
])
def test_bad_rectification_moves_are_refused_in_chinese_and_change_nothing(office, case, kwargs, message, field):
    before = snapshot()
    audits = AuditRecord.objects.count()
    with pytest.raises(ApplicationError, match=message) as caught:
        services.notice_case_rectify(actor=office, pk=case.pk, **kwargs)
    assert caught.value.field == field
    assert snapshot() == before and AuditRecord.objects.count() == audits


def test_an_invalid_expected_is_named_by_the_api_and_with_a_bad_to_both_are_named(world, case):
    """B14: POST cases/<id>/rectification/ with a bad `expected` answered "请选择整改情况" against `to`."""
    api = world.api_client("county_office")
    before = snapshot()
    audits = AuditRecord.objects.count()
    response = api.post(f"/api/v1/monitor/cases/{case.pk}/rectification/",
                        {"to": "ongoing", "date": "2025-03-10", "expected": "zzz"}, format="json")
    message = "“页面上看到的当前整改情况”（expected）无效：应为 pending、ongoing、done、unknown 之一，或不填。"
    assert response.status_code == 400
    assert response.json()["error"] == {"code": "invalid", "message": message, "fields": {"expected": [message]}}
    # the reporter's body: `to` ("rectified") is not a state either; the message names both, each in details
    with pytest.raises(ApplicationError) as caught:
        services.notice_case_rectify(actor=world.users["county_office"], pk=case.pk, to="rectified",
                                     date="2025-03-10", expected="zzz")
    assert caught.value.details["fields"] == {"to": "请选择整改情况。", "expected": message}
    assert caught.value.message == "请选择整改情况。" + message
    assert snapshot() == before and AuditRecord.objects.count() == audits


def test_only_the_county_office_moves_its_own_cases(world, office, case):
    before = snapshot()
    for name in ("dept_housing", "town_quzhang", "village_a"):
        with pytest.raises(PermissionDeniedError):
            services.notice_case_rectify(actor=world.users[name], pk=case.pk, to="ongoing", date="2025-03-10")
    with pytest.raises(ApplicationError, match="请使用县减负办账号"):
        services.notice_case_rectify(actor=world.users["admin"], pk=case.pk, to="ongoing", date="2025-03-10")
    central = Notice.objects.create(level="central", date=dt.date(2024, 1, 5), issuer="中央层面整治形式主义为基层减负专项工作机制办公室",
                                    title="中央通报", declared_cases=1)
    national = NoticeCase.objects.create(notice=central, place="某省", category="fingertip", summary="x",
                                         rectification="unknown")
    with pytest.raises(NotFoundError, match="上级通报只读"):
        services.notice_case_rectify(actor=office, pk=national.pk, to="done", date="2025-03-10")
    with pytest.raises(NotFoundError):
        services.notice_delete(actor=office, pk=central.pk)
    assert snapshot()[1][0] == before[1][0] and NoticeCase.objects.get(pk=national.pk).rectification == "unknown"


# ------------------------------------------------------------------------------ notices and cases

def test_notice_and_case_edits_are_validated_and_audited(office, notice, case):
    services.notice_update(actor=office, pk=notice.pk, data={"batch": "第一批", "title": "关于5起典型问题的通报"})
    with pytest.raises(ApplicationError, match="“问题类别”应为以下之一") as caught:
        services.notice_case_update(actor=office, pk=case.pk, data={"category": "风险"})
    assert caught.value.field == "category"
    services.notice_case_update(actor=office, pk=case.pk, data={"category": "指尖上的形式主义", "place": "某县某局"})
    notice.refresh_from_db()
    case.refresh_from_db()
    assert (notice.title, notice.batch, case.place, case.category) == ("关于5起典型问题的通报", "第一批", "某县某局",
                                                                       "fingertip")
    updates = AuditRecord.objects.filter(action__in=["monitor.notice.update", "monitor.notice.case_update"])
    assert [a.changes for a in updates.order_by("id")] == [
        {"title": ["关于5起形式主义典型问题的通报", "关于5起典型问题的通报"], "batch": ["", "第一批"],
         "version": version_of(notice)},   # the version the save gave it (fix-back16)
        {"place": ["某局", "某县某局"]}]
    before = snapshot()
    for data, message in (({"title": ""}, "“标题”不能为空"), ({"date": "2025-13-01"}, "不是有效的日期"),
                          ({"issuer": "<b>县委</b>"}, "不得包含网页代码")):
        with pytest.raises(ApplicationError, match=message):
            services.notice_update(actor=office, pk=notice.pk, data=data)
    assert snapshot() == before


def test_a_notice_with_cases_is_not_deleted_its_cases_are(office, notice, case):
    before = snapshot()
    with pytest.raises(ApplicationError, match="该通报下还有 1 个案例，不能删除"):
        services.notice_delete(actor=office, pk=notice.pk)
    assert snapshot() == before
    services.notice_case_delete(actor=office, pk=case.pk)
    notice.refresh_from_db()
    assert notice.declared_cases == 0 and not NoticeCase.objects.exists()
    services.notice_delete(actor=office, pk=notice.pk)
    assert not Notice.objects.filter(pk=notice.pk).exists()
    assert list(AuditRecord.objects.filter(action__in=["monitor.notice.case_delete", "monitor.notice.delete"])
                .order_by("id").values_list("action", flat=True)) == ["monitor.notice.case_delete",
                                                                      "monitor.notice.delete"]


# ------------------------------------------------------------------------------------ local rules

def _plaques(world, n: int):
    rows = [(i + 2, {"date": "2025-01-10", "title": f"牌子{i}", "issuer": "林业局", "placement": "outside"})
            for i in range(n)]
    return services.ledger_bulk_create(actor=world.users["village_a"], kind="plaque", rows=rows)


def _local(office, threshold: str = "4") -> Rule:
    return services.rule_create(actor=office, data={"code": "GX-PLAQUE-4", "name": "外部挂牌不超过4块",
                                                    "check": "plaques_outside_max", "threshold": threshold,
                                                    "citation": "某省村级组织挂牌规范（4+4）"})


def test_editing_a_local_rule_changes_its_findings(world, office):
    _plaques(world, 5)
    rule = _local(office)
    services.findings_evaluate(actor=office, county_code=COUNTY, year=2025)
    assert list(Finding.objects.values_list("rule_code", "summary")) == [
        ("GX-PLAQUE-4", "村（社区）办公场所外部挂牌 5 块（台账中状态为“保留”的，含往年登记的），超过 4 块。")]
    services.rule_update(actor=office, pk=rule.pk, data={"threshold": "5", "severity": "high", "code": "IGNORED"})
    rule.refresh_from_db()
    assert (rule.code, rule.threshold, rule.severity) == ("GX-PLAQUE-4", 5, "high")
    services.findings_evaluate(actor=office, county_code=COUNTY, year=2025)
    assert not Finding.objects.exists()
    before = snapshot()
    with pytest.raises(ApplicationError, match="阈值"):
        services.rule_update(actor=office, pk=rule.pk, data={"threshold": ""})
    with pytest.raises(ApplicationError, match="“阈值”不能为负数"):
        services.rule_update(actor=office, pk=rule.pk, data={"threshold": "-1"})
    assert snapshot() == before
    audit = AuditRecord.objects.get(action="monitor.rule.update")
    assert audit.changes == {"threshold": [4, 5], "severity": ["medium", "high"]}


def test_national_rules_stay_read_only_but_switch_off(office):
    national = Rule.objects.get(county_code="", code="P6-MTG-SPEECH")
    with pytest.raises(PermissionDeniedError, match="全国规则不能修改或删除"):
        services.rule_update(actor=office, pk=national.pk, data={"threshold": "90"})
    with pytest.raises(PermissionDeniedError, match="全国规则不能修改或删除"):
        services.rule_delete(actor=office, pk=national.pk)
    national.refresh_from_db()
    assert national.threshold == 60
    services.rule_toggle(actor=office, pk=national.pk, enabled=False)


def test_deleting_a_rule_takes_its_untriaged_findings_and_refuses_while_a_triage_refers_to_it(world, office):
    _plaques(world, 5)
    rule = _local(office)
    services.findings_evaluate(actor=office, county_code=COUNTY, year=2025)
    finding = Finding.objects.get(rule=rule)
    services.finding_confirm(actor=office, pk=finding.pk, note="督促摘牌")
    before = snapshot()
    with pytest.raises(ApplicationError, match="1 个已处理或人工登记的问题引用该规则。如不再适用，请停用该规则"):
        services.rule_delete(actor=office, pk=rule.pk)
    assert snapshot() == before and Finding.objects.filter(pk=finding.pk, status="confirmed").exists()
    # an untriaged finding is derived data: it goes with its rule (deliberate cascade), audited with the count
    Finding.objects.filter(pk=finding.pk).update(status="open")
    services.rule_delete(actor=office, pk=rule.pk)
    assert not Rule.objects.filter(pk=rule.pk).exists() and not Finding.objects.exists()
    assert AuditRecord.objects.get(action="monitor.rule.delete").changes["findings_removed"] == 1


def test_a_rule_the_direct_line_was_triaged_into_is_not_deleted(world, office):
    from jianfu.directline import services as directline
    from jianfu.directline.tests.factories import county_key_with_handler, submitted

    rule = _local(office)
    _key, private = county_key_with_handler(world)
    report, _code = submitted(category="app")
    directline.report_accept(actor=office, report=report, private=private)
    directline.report_to_rule(actor=office, report=report, private=private, rule_id=rule.pk)
    with pytest.raises(ApplicationError, match="1 件直通车反映已纳入该规则"):
        services.rule_delete(actor=office, pk=rule.pk)
    assert Rule.objects.filter(pk=rule.pk).exists()


# ------------------------------------------------------------------------------------------ pages

def test_pages_show_a_refusal_as_a_message_and_change_nothing(world, notice, case):
    client = world.client("county_office")
    before = snapshot()
    # a refused 更新整改情况 shows the notice again, the reason beside its field (fix-monitor26b #2)
    response = client.post(f"/monitor/cases/{case.pk}/rectification/", {"to": "ongoing", "date": "2024-01-01"})
    assert response.status_code == 400
    assert (f'<span class="field-error" id="rectify-error-{case.pk}-date" role="alert">'
            "“整改情况日期”不能早于通报日期（2025-03-01）。</span>") in response.content.decode()
    response = client.post(f"/monitor/notices/{notice.pk}/delete/", {"confirm": "1"}, follow=True)
    assert "该通报下还有 1 个案例，不能删除" in response.content.decode()
    response = client.post(f"/monitor/notices/{notice.pk}/edit/", {"title": "", "issuer": "改过的机关",
                                                                   "date": "2025-03-01"})
    page = response.content.decode()
    assert response.status_code == 400 and "“标题”不能为空。" in page and 'value="改过的机关"' in page
    response = client.post(f"/monitor/cases/{case.pk}/edit/", {"place": "某局", "category": "fingertip",
                                                                "summary": "<script>x</script>"})
    assert response.status_code == 400 and "“问题摘要”不得包含网页代码" in response.content.decode()
    assert snapshot() == before
    # the page offers the county office only the moves the table allows, and the edit links
    page = client.get(f"/monitor/notices/{notice.pk}/").content.decode()
    assert '<option value="ongoing">整改中</option><option value="done">已整改</option>' in page
    assert f"/monitor/cases/{case.pk}/edit/" in page
    # a department reads the notice (once published) without any of the office's forms
    services.notice_publish(actor=world.users["county_office"], pk=notice.pk)
    page = world.client("dept_housing").get(f"/monitor/notices/{notice.pk}/").content.decode()
    assert "更新整改情况" not in page and "/edit/" not in page and "要求村干部每日打卡" in page


def test_rule_pages_edit_a_local_rule_and_refuse_a_national_one(world, office):
    rule = _local(office)
    client = world.client("county_office")
    response = client.post(f"/monitor/rules/{rule.pk}/edit/", {"name": "外部挂牌不超过4块", "threshold": "-2",
                                                              "citation": "某省规范", "severity": "medium"})
    assert response.status_code == 400 and "“阈值”不能为负数。" in response.content.decode()
    assert Rule.objects.get(pk=rule.pk).threshold == 4
    response = client.post(f"/monitor/rules/{rule.pk}/edit/", {"name": "外部挂牌不超过5块", "threshold": "5",
                                                              "citation": "某省规范", "severity": "medium"})
    assert response.status_code == 302 and Rule.objects.get(pk=rule.pk).threshold == 5
    national = Rule.objects.get(county_code="", code="P6-MTG-SPEECH")
    assert client.get(f"/monitor/rules/{national.pk}/edit/").status_code == 404
    assert client.post(f"/monitor/rules/{national.pk}/delete/").status_code == 404
    assert client.post(f"/monitor/rules/{rule.pk}/delete/", {"confirm": "1"}).status_code == 302
    assert not Rule.objects.filter(pk=rule.pk).exists()


def test_delete_buttons_ask_first_one_post_deletes_nothing(world, office, notice, case):
    """N04 (session 14): 删除案例 / 删除通报 at one tap deleted at once. A POST without confirm=1 shows a confirmation
    page (no JavaScript needed) and changes nothing; its form posts confirm=1 and deletes."""
    client = world.client("county_office")
    before = snapshot()
    audits = AuditRecord.objects.count()
    page = client.post(f"/monitor/cases/{case.pk}/delete/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "确定从通报“关于5起形式主义典型问题的通报”中删除这个案例吗？删除后不能恢复。" in text
    assert "某局：要求村干部每日打卡" in text
    assert f'<form method="post" action="/monitor/cases/{case.pk}/delete/" class="actions">' in text
    assert '<input type="hidden" name="confirm" value="1">' in text
    assert f'href="/monitor/notices/{notice.pk}/#case-{case.pk}">取消</a>' in text
    assert client.post(f"/monitor/cases/{case.pk}/delete/", {"confirm": "yes"}).status_code == 200
    assert snapshot() == before and AuditRecord.objects.count() == audits
    done = client.post(f"/monitor/cases/{case.pk}/delete/", {"confirm": "1"}, follow=True)
    assert done.redirect_chain == [(f"/monitor/notices/{notice.pk}/", 302)]
    assert "已删除案例。" in done.content.decode()
    assert not NoticeCase.objects.exists()
    # The notice, now without cases: the same step.
    before = snapshot()
    page = client.post(f"/monitor/notices/{notice.pk}/delete/")
    assert page.status_code == 200 and "确定删除这份通报吗？删除后不能恢复。" in page.content.decode()
    assert snapshot() == before and Notice.objects.filter(pk=notice.pk).exists()
    done = client.post(f"/monitor/notices/{notice.pk}/delete/", {"confirm": "1"}, follow=True)
    assert done.redirect_chain == [("/monitor/notices/", 302)] and "已删除通报。" in done.content.decode()
    assert not Notice.objects.filter(pk=notice.pk).exists()


def test_deleting_a_local_rule_or_a_ledger_row_asks_first(world, office):
    """Session 15 (left over from N04): 删除 of a local rule and of a ledger row deleted at one tap. A POST without
    confirm=1 shows the same confirmation page as notices and cases (no JavaScript needed) and changes nothing."""
    from jianfu.monitor.models import LedgerPlaque

    rule = _local(office)
    client = world.client("county_office")
    before = snapshot()
    audits = AuditRecord.objects.count()
    page = client.post(f"/monitor/rules/{rule.pk}/delete/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "<h1>删除本地规则</h1>" in text
    assert "确定删除这条本地规则吗？删除后不能恢复；如本县只是暂不适用，可改为停用。" in text
    assert "GX-PLAQUE-4 外部挂牌不超过4块" in text
    assert f'<form method="post" action="/monitor/rules/{rule.pk}/delete/" class="actions">' in text
    assert '<input type="hidden" name="confirm" value="1">' in text
    assert 'href="/monitor/rules/">取消</a>' in text
    assert client.post(f"/monitor/rules/{rule.pk}/delete/", {"confirm": "yes"}).status_code == 200
    assert snapshot() == before and AuditRecord.objects.count() == audits
    done = client.post(f"/monitor/rules/{rule.pk}/delete/", {"confirm": "1"}, follow=True)
    assert done.redirect_chain == [("/monitor/rules/", 302)] and "已删除本地规则。" in done.content.decode()
    assert not Rule.objects.filter(pk=rule.pk).exists()

    plaque = services.ledger_create(actor=world.users["village_a"], kind="plaque", data={
        "date": "2025-05-01", "title": "某某示范村", "issuer": "450521000000D02", "placement": "outside"})
    rows = lambda: list(LedgerPlaque.objects.values_list("id", "title", "status"))  # noqa: E731
    before, audits = rows(), AuditRecord.objects.count()
    village = world.client("village_a")
    page = village.post(f"/monitor/ledgers/plaque/{plaque.pk}/delete/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "<h1>删除村级牌子记录</h1>" in text
    assert "确定删除这条记录吗？删除后不能恢复，检查结果将重新计算。" in text
    assert "2025-05-01 某某示范村" in text
    assert f'<form method="post" action="/monitor/ledgers/plaque/{plaque.pk}/delete/" class="actions">' in text
    assert f'href="/monitor/ledgers/plaque/{plaque.pk}/">取消</a>' in text
    assert rows() == before and AuditRecord.objects.count() == audits
    # whoever may not delete the row is refused before being asked, as the deletion would refuse them
    for username, status in (("town_quzhang", 403), ("village_b", 404)):
        assert world.client(username).post(f"/monitor/ledgers/plaque/{plaque.pk}/delete/").status_code == status
        assert world.client(username).post(f"/monitor/ledgers/plaque/{plaque.pk}/delete/",
                                           {"confirm": "1"}).status_code == status
    assert rows() == before and AuditRecord.objects.count() == audits
    done = village.post(f"/monitor/ledgers/plaque/{plaque.pk}/delete/", {"confirm": "1"}, follow=True)
    assert done.redirect_chain == [("/monitor/ledgers/plaque/", 302)] and "已删除。" in done.content.decode()
    assert not LedgerPlaque.objects.exists()
    assert AuditRecord.objects.filter(action="monitor.plaque.delete").count() == 1
