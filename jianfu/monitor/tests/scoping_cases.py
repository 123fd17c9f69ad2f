"""Monitor rows of the role × endpoint matrix.

A department sees and changes the rows it caused; a village or township sees what landed in its
subtree and changes only what it recorded itself; the county office (and admin) see and change all
of the county. Grid workers have no access. The dashboard is county-wide statistics (STATISTICS_VIEW); the burden
index page shows a township or village its own villages' rows (N09), their traces only theirs."""

from __future__ import annotations

from jianfu.core.formtokens import token_new
from jianfu.core.testing.matrix import COUNTY_WIDE, Case

RECORDERS = frozenset({"admin", "county_office", "dept_housing", "dept_forestry", "town_quzhang", "village_a",
                       "village_b"})
DOC = {"date": "2024-05-01", "title": "矩阵测试文件", "issuer": "450521000000D01", "target": "450521000000",
       "doc_kind": "general", "length": "100"}
PLAQUE = {"date": "2024-05-01", "title": "矩阵测试牌子", "issuer": "450521000000D02", "target": "450521200206",
          "placement": "outside"}


def _world_rows(world):
    from jianfu.monitor import services

    doc = services.ledger_create(actor=world.users["dept_housing"], kind="document", data=DOC)
    plaque = services.ledger_create(actor=world.users["village_a"], kind="plaque",
                                    data={k: v for k, v in PLAQUE.items() if k != "target"})
    finding = services.finding_record_manual(actor=world.users["county_office"], issuer_code="450521000000D01",
                                             category="文山会海", summary="矩阵测试问题", source="manual", source_ref="")
    notice = services.notice_create(actor=world.users["county_office"], data={
        "title": "矩阵测试通报", "issuer": "合浦县减负办", "date": "2024-06-01", "body": "现将有关情况通报如下。"})
    services.notice_publish(actor=world.users["county_office"], pk=notice.pk)
    return doc, plaque, finding, notice


def _local_rule(world, code: str):
    from jianfu.monitor import services

    return services.rule_create(actor=world.users["county_office"], data={
        "code": code, "name": "本地牌子标准", "check": "plaques_outside_max", "threshold": "4",
        "citation": "某省村级组织挂牌规范（4+4）"})


def _case(world, notice_pk: int, rectification: str = "pending"):
    from jianfu.monitor import services

    return services.notice_case_add(actor=world.users["county_office"], notice_pk=notice_pk, data={
        "place": "某局", "category": "fingertip", "summary": "打卡", "rectification": rectification})


def _empty_notice(world):
    from jianfu.monitor import services

    return services.notice_create(actor=world.users["county_office"], data={
        "title": "待删除的通报", "issuer": "合浦县减负办", "date": "2024-06-01"})


def _draft_notice(world):
    from jianfu.monitor import services

    return services.notice_create(actor=world.users["county_office"], data={
        "title": "待发布的通报", "issuer": "合浦县减负办", "date": "2024-06-01", "body": "现将有关情况通报如下。"})


def notice_cases(world, notice, local_rule) -> list:
    """Editing and deleting notices, cases and local rules; moving a case's 整改 on (county office only:
    admin has no county, the others no MONITOR_MANAGE; national rules and notices are read-only)."""
    from jianfu.monitor.models import Notice, NoticeCase, Rule

    office = {"county_office"}
    case = _case(world, notice.pk)
    draft = _draft_notice(world)
    refused = (400, 403, 404)

    def state():
        return (list(Notice.objects.order_by("id").values_list("id", "title", "declared_cases", "status")),
                list(NoticeCase.objects.order_by("id").values_list("id", "place", "rectification",
                                                                    "rectification_note")),
                list(Rule.objects.order_by("id").values_list("id", "name", "threshold")))

    def fresh(url_name, method, url, make, **kw):
        def build(username):
            return Case(url_name, method, url.format(pk=make().pk), office, **kw)
        return build

    rectify = {"to": "ongoing", "date": "2024-07-01", "note": "已约谈"}
    return [
        Case("monitor:rule_edit", "get", f"/monitor/rules/{local_rule.pk}/edit/", office),
        Case("monitor:rule_edit", "post", f"/monitor/rules/{local_rule.pk}/edit/", office, unchanged=state,
             data={"name": "改过的规则", "threshold": "5", "citation": "某省规范", "severity": "low"}),
        Case("monitor:rule_delete", "post", f"/monitor/rules/{local_rule.pk}/delete/", office, unchanged=state,
             data={"confirm": "1"},
             fresh=fresh("monitor:rule_delete", "post", "/monitor/rules/{pk}/delete/",
                         lambda: _local_rule(world, f"L-DEL-{Rule.objects.count()}"), data={"confirm": "1"})),
        Case("monitor:notice_edit", "get", f"/monitor/notices/{notice.pk}/edit/", office),
        Case("monitor:notice_edit", "post", f"/monitor/notices/{notice.pk}/edit/", office, unchanged=state,
             data={"title": "改过的通报", "issuer": "合浦县减负办", "date": "2024-06-01"}),
        Case("monitor:notice_delete", "post", f"/monitor/notices/{notice.pk}/delete/", office, unchanged=state,
             fresh=fresh("monitor:notice_delete", "post", "/monitor/notices/{pk}/delete/",
                         lambda: _empty_notice(world))),
        Case("monitor:notice_publish", "post", f"/monitor/notices/{draft.pk}/publish/", office, unchanged=state,
             fresh=fresh("monitor:notice_publish", "post", "/monitor/notices/{pk}/publish/",
                         lambda: _draft_notice(world))),
        Case("monitor:case_edit", "get", f"/monitor/cases/{case.pk}/edit/", office),
        Case("monitor:case_edit", "post", f"/monitor/cases/{case.pk}/edit/", office, unchanged=state,
             data={"place": "改过的局", "category": "fingertip", "summary": "打卡"}),
        Case("monitor:case_delete", "post", f"/monitor/cases/{case.pk}/delete/", office, unchanged=state,
             fresh=fresh("monitor:case_delete", "post", "/monitor/cases/{pk}/delete/", lambda: _case(world, notice.pk))),
        Case("monitor:case_rectify", "post", f"/monitor/cases/{case.pk}/rectification/", office, unchanged=state,
             data=rectify, fresh=fresh("monitor:case_rectify", "post", "/monitor/cases/{pk}/rectification/",
                                       lambda: _case(world, notice.pk), data=rectify)),
        # API
        Case("api:monitor-rule-list", "post", "/api/v1/monitor/rules/", office, api=True, format="json",
             unchanged=state, expect_refused=refused,
             data=lambda: {"code": f"L-API-{Rule.objects.count()}", "name": "本地标准", "check": "plaques_inside_max",
                           "threshold": 4, "citation": "某省规范"}),
        Case("api:monitor-rule-detail", "get", f"/api/v1/monitor/rules/{local_rule.pk}/", RECORDERS, api=True),
        Case("api:monitor-rule-detail", "patch", f"/api/v1/monitor/rules/{local_rule.pk}/", office, api=True,
             format="json", data={"threshold": 6}, unchanged=state, expect_refused=refused),
        Case("api:monitor-rule-detail", "delete", f"/api/v1/monitor/rules/{local_rule.pk}/", office, api=True,
             unchanged=state, expect_refused=refused,
             fresh=fresh("api:monitor-rule-detail", "delete", "/api/v1/monitor/rules/{pk}/",
                         lambda: _local_rule(world, f"L-APIDEL-{Rule.objects.count()}"), api=True)),
        Case("api:monitor-notice-list", "post", "/api/v1/monitor/notices/", office, api=True, format="json",
             data={"title": "接口通报", "issuer": "合浦县减负办", "date": "2024-06-03"}, unchanged=state,
             expect_refused=refused),
        Case("api:monitor-notice-detail", "get", f"/api/v1/monitor/notices/{notice.pk}/", RECORDERS, api=True),
        Case("api:monitor-notice-detail", "patch", f"/api/v1/monitor/notices/{notice.pk}/", office, api=True,
             format="json", data={"batch": "第二批"}, unchanged=state, expect_refused=refused),
        Case("api:monitor-notice-detail", "delete", f"/api/v1/monitor/notices/{notice.pk}/", office, api=True,
             unchanged=state, expect_refused=refused,
             fresh=fresh("api:monitor-notice-detail", "delete", "/api/v1/monitor/notices/{pk}/",
                         lambda: _empty_notice(world), api=True)),
        Case("api:monitor-notice-cases", "post", f"/api/v1/monitor/notices/{notice.pk}/cases/", office, api=True,
             format="json", data={"place": "某乡", "category": "plaques", "summary": "挂牌过多"}, unchanged=state,
             expect_refused=refused),
        Case("api:monitor-notice-publish", "post", f"/api/v1/monitor/notices/{draft.pk}/publish/", office, api=True,
             unchanged=state, expect_refused=refused,
             fresh=fresh("api:monitor-notice-publish", "post", "/api/v1/monitor/notices/{pk}/publish/",
                         lambda: _draft_notice(world), api=True)),
        Case("api:monitor-case-detail", "get", f"/api/v1/monitor/cases/{case.pk}/", RECORDERS, api=True),
        Case("api:monitor-case-detail", "patch", f"/api/v1/monitor/cases/{case.pk}/", office, api=True,
             format="json", data={"summary": "要求每日打卡"}, unchanged=state, expect_refused=refused),
        Case("api:monitor-case-detail", "delete", f"/api/v1/monitor/cases/{case.pk}/", office, api=True,
             unchanged=state, expect_refused=refused,
             fresh=fresh("api:monitor-case-detail", "delete", "/api/v1/monitor/cases/{pk}/",
                         lambda: _case(world, notice.pk), api=True)),
        Case("api:monitor-case-rectify", "post", f"/api/v1/monitor/cases/{case.pk}/rectification/", office,
             api=True, format="json", data=rectify, unchanged=state, expect_refused=refused,
             fresh=fresh("api:monitor-case-rectify", "post", "/api/v1/monitor/cases/{pk}/rectification/",
                         lambda: _case(world, notice.pk), api=True, format="json", data=rectify)),
    ]


def cases(world):
    from jianfu.monitor import services
    from jianfu.monitor.models import Finding, LedgerDocument, LedgerPlaque, NoticeCase, Rule, RuleSwitch

    services.rules_seed()  # a flushed test database has lost the data migration's rules
    doc, plaque, finding, notice = _world_rows(world)
    rule = Rule.objects.get(county_code="", code="P2-DOC-5000")
    housing = COUNTY_WIDE | {"dept_housing"}
    plaque_viewers = COUNTY_WIDE | {"town_quzhang", "village_a", "dept_forestry"}
    plaque_writers = COUNTY_WIDE | {"village_a"}

    def documents():
        return list(LedgerDocument.objects.values_list("id", "title", "length"))

    def plaques():
        return list(LedgerPlaque.objects.values_list("id", "title", "status"))

    def findings():
        return list(Finding.objects.values_list("id", "status", "resolution"))

    def rules():
        return list(Rule.objects.values_list("id", "enabled")), list(RuleSwitch.objects.values_list("rule_id",
                                                                                                    "enabled"))

    def notices():
        return list(NoticeCase.objects.values_list("id", flat=True))

    def fresh_doc_delete(username):
        row = services.ledger_create(actor=world.users["county_office"], kind="document", data=DOC)
        return Case("monitor:ledger_delete", "post", f"/monitor/ledgers/document/{row.pk}/delete/", RECORDERS,
                    data={"confirm": "1"})

    def fresh_plaque_delete(username):
        row = services.ledger_create(actor=world.users["village_a"], kind="plaque",
                                     data={k: v for k, v in PLAQUE.items() if k != "target"})
        return Case("monitor:ledger_delete", "post", f"/monitor/ledgers/plaque/{row.pk}/delete/", RECORDERS,
                    data={"confirm": "1"})

    def fresh_finding(username):
        f = services.finding_record_manual(actor=world.users["county_office"], issuer_code="450521000000D01",
                                           category="x", summary="矩阵", source="manual", source_ref="")
        return Case("monitor:finding_transition", "post", f"/monitor/findings/{f.pk}/transition/", COUNTY_WIDE,
                    data=lambda: {"to": "confirmed", "form_token": token_new()})

    def fresh_api_delete(username):
        row = services.ledger_create(actor=world.users["county_office"], kind="document", data=DOC)
        return Case("api:monitor-ledger-detail", "delete", f"/api/v1/monitor/ledgers/document/{row.pk}/",
                    RECORDERS, api=True)

    def fresh_rule(username):
        return Case("monitor:rule_create", "post", "/monitor/rules/new/", {"county_office"},
                    data={"code": f"L-{username}", "name": "本地牌子标准", "check": "plaques_outside_max",
                          "threshold": "4", "citation": "某省村级组织挂牌规范（4+4）", "severity": "medium"})

    edit_doc = {**DOC, "title": "改过的标题"}
    edit_plaque = {"date": "2024-05-01", "title": "改过的牌子", "placement": "outside", "status": "removed"}
    return [
        Case("monitor:home", "get", "/monitor/", RECORDERS),
        Case("monitor:received", "get", "/monitor/received/", RECORDERS),
        Case("monitor:ledger_list", "get", "/monitor/ledgers/document/", RECORDERS),
        Case("monitor:ledger_create", "get", "/monitor/ledgers/meeting/new/", RECORDERS),
        # departments file only their own rows; townships and villages cannot target the county
        Case("monitor:ledger_create", "post", "/monitor/ledgers/document/new/", COUNTY_WIDE | {"dept_housing"},
             data=lambda: {**DOC, "form_token": token_new()}, unchanged=documents, expect_refused=(400, 403, 404)),
        Case("monitor:ledger_import", "get", "/monitor/ledgers/plaque/import/", RECORDERS),
        Case("monitor:ledger_import", "post", "/monitor/ledgers/plaque/import/", frozenset(),
             data={}, unchanged=plaques, expect_refused=(400, 403, 404)),
        Case("monitor:ledger_template", "get", "/monitor/ledgers/app/template.xlsx", RECORDERS),
        Case("monitor:ledger_export", "get", "/monitor/ledgers/document/export.xlsx?year=2024&q=矩阵", RECORDERS),
        Case("monitor:ledger_detail", "get", f"/monitor/ledgers/document/{doc.pk}/", housing),
        Case("monitor:ledger_detail", "get", f"/monitor/ledgers/plaque/{plaque.pk}/", plaque_viewers),
        Case("monitor:ledger_edit", "get", f"/monitor/ledgers/document/{doc.pk}/edit/", housing),
        Case("monitor:ledger_edit", "post", f"/monitor/ledgers/document/{doc.pk}/edit/", housing, data=edit_doc,
             unchanged=documents),
        Case("monitor:ledger_edit", "post", f"/monitor/ledgers/plaque/{plaque.pk}/edit/", plaque_writers,
             data=edit_plaque, unchanged=plaques),
        Case("monitor:ledger_delete", "post", f"/monitor/ledgers/document/{doc.pk}/delete/", housing,
             data={"confirm": "1"}, unchanged=documents, fresh=fresh_doc_delete),
        Case("monitor:ledger_delete", "post", f"/monitor/ledgers/plaque/{plaque.pk}/delete/", plaque_writers,
             data={"confirm": "1"}, unchanged=plaques, fresh=fresh_plaque_delete),
        Case("monitor:finding_list", "get", "/monitor/findings/", RECORDERS),
        Case("monitor:finding_detail", "get", f"/monitor/findings/{finding.pk}/", housing),
        Case("monitor:finding_transition", "post", f"/monitor/findings/{finding.pk}/transition/", COUNTY_WIDE,
             data=lambda: {"to": "confirmed", "form_token": token_new()}, unchanged=findings, fresh=fresh_finding),
        # rules are kept per county: admin has no county and is refused with a message
        Case("monitor:finding_evaluate", "post", "/monitor/findings/evaluate/", {"county_office"},
             unchanged=findings, expect_refused=(400, 403, 404)),
        Case("monitor:rule_list", "get", "/monitor/rules/", RECORDERS),
        Case("monitor:rule_create", "get", "/monitor/rules/new/", COUNTY_WIDE),
        Case("monitor:rule_create", "post", "/monitor/rules/new/", {"county_office"}, fresh=fresh_rule,
             data={"code": "L-X", "name": "x", "check": "plaques_outside_max", "threshold": "4", "citation": "x"},
             unchanged=rules, expect_refused=(400, 403, 404)),
        Case("monitor:rule_toggle", "post", f"/monitor/rules/{rule.pk}/toggle/", {"county_office"},
             data={"enabled": "0"}, unchanged=rules, expect_refused=(400, 403, 404)),
        Case("monitor:notice_list", "get", "/monitor/notices/", RECORDERS),
        Case("monitor:notice_list", "get", "/monitor/notices/?q=矩阵&category=fingertip", RECORDERS),
        Case("monitor:notice_create", "get", "/monitor/notices/new/", COUNTY_WIDE),
        Case("monitor:notice_create", "post", "/monitor/notices/new/", {"county_office"},
             data=lambda: {"title": "新通报", "issuer": "县减负办", "date": "2024-06-02", "form_token": token_new()},
             unchanged=lambda: list(notice.__class__.objects.values_list("id", flat=True)),
             expect_refused=(400, 403, 404)),
        Case("monitor:notice_detail", "get", f"/monitor/notices/{notice.pk}/", RECORDERS),
        Case("monitor:notice_case_add", "post", f"/monitor/notices/{notice.pk}/cases/", {"county_office"},
             data=lambda: {"place": "某局", "category": "fingertip", "summary": "打卡", "rectification": "ongoing",
                           "form_token": token_new()},
             unchanged=notices, expect_refused=(400, 403, 404)),
        Case("monitor:index", "get", "/monitor/index/?year=2024", COUNTY_WIDE | {"town_quzhang", "village_a",
                                                                                "village_b"}),
        Case("monitor:index_trace", "get", "/monitor/index/450521200206/5/?year=2024",
             COUNTY_WIDE | {"town_quzhang", "village_a"}),
        Case("monitor:dashboard", "get", "/monitor/dashboard/?year=2024", COUNTY_WIDE),
        Case("monitor:dashboard_export", "get", "/monitor/dashboard/export.xlsx?year=2024", COUNTY_WIDE),
        # API
        Case("api:monitor-ledger-list", "get", "/api/v1/monitor/ledgers/document/", RECORDERS, api=True),
        # a JSON body carries the types the schema states (a number as a number; forms still send strings)
        Case("api:monitor-ledger-list", "post", "/api/v1/monitor/ledgers/document/", COUNTY_WIDE | {"dept_housing"},
             api=True, format="json", data={**DOC, "length": 100}, unchanged=documents, expect_refused=(400, 403, 404)),
        Case("api:monitor-ledger-detail", "get", f"/api/v1/monitor/ledgers/document/{doc.pk}/", housing, api=True),
        Case("api:monitor-ledger-export", "get", "/api/v1/monitor/ledgers/plaque/export/?year=2024", RECORDERS,
             api=True),
        Case("api:monitor-ledger-detail", "patch", f"/api/v1/monitor/ledgers/plaque/{plaque.pk}/", plaque_writers,
             api=True, format="json", data={"status": "removed"}, unchanged=plaques),
        Case("api:monitor-ledger-detail", "delete", f"/api/v1/monitor/ledgers/document/{doc.pk}/", housing,
             api=True, unchanged=documents, fresh=fresh_api_delete),
        Case("api:monitor-finding-list", "get", "/api/v1/monitor/findings/", RECORDERS, api=True),
        Case("api:monitor-rule-list", "get", "/api/v1/monitor/rules/", RECORDERS, api=True),
        Case("api:monitor-notice-list", "get", "/api/v1/monitor/notices/", RECORDERS, api=True),
        Case("api:monitor-index", "get", "/api/v1/monitor/index/?year=2024", COUNTY_WIDE, api=True),
        *notice_cases(world, notice, _local_rule(world, "L-MATRIX")),
    ]
