"""Matrix rows for the reports app (web pages and /api/v1/reports/).

The fixture submissions belong to 璋嘉村 (village_b): village_a, the grid and the departments (which
own none of these templates) must get 404/403 and change nothing."""

from __future__ import annotations

import io
import itertools

from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.testing.matrix import EVERYONE, Case
from jianfu.reports import services
from jianfu.reports.catalog import forms_load
from jianfu.reports.models import ManualValue, Submission, Template

VILLAGE_B_VIEWERS = {"admin", "county_office", "town_quzhang", "village_b"}
APPROVERS = {"admin", "county_office", "town_quzhang"}
DEFINERS = {"admin", "county_office", "dept_housing", "dept_forestry"}
NOT_DEPARTMENTS = EVERYONE - {"dept_housing", "dept_forestry"}
MANUAL = {"dibao_new_households": "1", "dibao_exit_households": "0", "dibao_fund": "5000",
          "tekun_centralised": "0", "tekun_fund": "800"}
_periods = itertools.count(1)


def _xlsx() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["城乡低保月报表"])
    ws.append(["序号", "村（社区）", "低保户数", "低保人数", "低保金（元）"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def cases(world):
    forms_load(actor=None)
    vb = world.users["village_b"]
    code_b = world.village_b.code
    tpl = Template.objects.get(code="mz_dibao_tekun")

    def make(state: str, period: str | None = None) -> Submission:
        period = period or f"2024{next(_periods) % 12 + 1:02d}"
        sub = Submission.objects.filter(template=tpl, org_code=code_b, period=period).first()
        if sub is not None:
            period = f"2023{next(_periods) % 12 + 1:02d}"
        sub = services.submission_generate(actor=vb, template=tpl, org_code=code_b, period=period)
        if state == "generated":
            return sub
        sub = services.submission_fill(actor=vb, submission=sub, values=MANUAL)
        if state == "filled":
            return sub
        return services.submission_submit(actor=vb, submission=sub)

    generated = make("filled", "202505")
    submitted = make("submitted", "202506")
    api_filled = make("filled", "202504")

    def sub_state(sub):
        return lambda: (Submission.objects.filter(pk=sub.pk).values_list("status", "version").first(),
                        list(ManualValue.objects.order_by("pk").values_list("value", flat=True)))

    def templates_state():
        return list(Template.objects.order_by("code").values_list("code", "form_file", "updated_at"))

    def submissions_state():
        return list(Submission.objects.order_by("pk").values_list("pk", "status", "version"))

    def fresh_submitted(name: str, *, api: bool, action: str):
        def build(username):
            sub = make("submitted")
            data = {"reason": "数据需核实"} if action == "return" else None
            if api:
                return Case(name, "post", f"/api/v1/reports/submissions/{sub.pk}/{action}/", APPROVERS,
                            data=data, api=True, format="json")
            return Case(name, "post", f"/reports/submissions/{sub.pk}/{action}/", APPROVERS, data=data)
        return build

    def fresh_define(username):
        return Case("reports:template_create", "post", "/reports/templates/new/", DEFINERS,
                    data={"action": "save", "definition": f"code: t_{username}\nname: 测试表\ndepartment: zhujian\n"
                          "department_name: 住建局\nperiod_type: monthly\ncells: [elderly_60]\n"})

    def fresh_confirm(username):
        return Case("reports:header_match_confirm", "post", "/reports/match/confirm/", DEFINERS,
                    data={"code": f"m_{username}", "name": "原表", "department": "zhujian",
                          "department_name": "住建局", "period_type": "monthly",
                          "column": ["C"], "ref": ["dibao_households"], "label": ["低保户数"]})

    def designer_post(code):
        return {"action": "save", "code": code, "name": "设计器表", "department": "zhujian",
                "department_name": "住建局", "period_type": "monthly", "cell_element": ["elderly_60"],
                "cell_label": [""], "cell_by": [""], "cell_address": [""]}

    def fresh_design(username):
        return Case("reports:template_design", "post", "/reports/designer/", DEFINERS,
                    data=designer_post(f"d_{username}"))

    def upload():
        return {"file": SimpleUploadedFile("form.xlsx", _xlsx())}

    # a form of 住建 (dept_housing's): its own form's progress is the department's alone (mend34 #1)
    own = services.template_define(actor=world.users["dept_housing"], definition={
        "code": "zj_matrix", "name": "住建测试表", "period_type": "monthly", "cells": ["elderly_60"]})
    run_query = {"unit": code_b, "period": "202506"}
    return [
        Case("reports:index", "get", "/reports/", EVERYONE),
        Case("reports:template_detail", "get", f"/reports/templates/{tpl.code}/", NOT_DEPARTMENTS),
        Case("reports:run", "get", f"/reports/templates/{tpl.code}/run/", VILLAGE_B_VIEWERS, data=run_query),
        Case("reports:template_create", "get", "/reports/templates/new/", DEFINERS),
        Case("reports:template_create", "post", "/reports/templates/new/", DEFINERS,
             data={"action": "save", "definition": "code: t_intruder\nname: 越权表\ndepartment: zhujian\n"
                   "department_name: 住建局\nperiod_type: monthly\ncells: [elderly_60]\n"},
             unchanged=templates_state, fresh=fresh_define),
        Case("reports:template_design", "get", "/reports/designer/", DEFINERS),
        Case("reports:template_design", "post", "/reports/designer/", DEFINERS, data=designer_post("d_intruder"),
             unchanged=templates_state, fresh=fresh_design),
        # mz_dibao_tekun belongs to 民政 (no demo department account): only the county level edits it
        Case("reports:template_design_edit", "get", f"/reports/designer/{tpl.code}/", {"admin", "county_office"}),
        Case("reports:template_design_edit", "post", f"/reports/designer/{tpl.code}/", {"admin", "county_office"},
             data={**designer_post(tpl.code), "action": "more"}, unchanged=templates_state),
        Case("reports:template_form_upload", "post", f"/reports/templates/{tpl.code}/form/",
             {"admin", "county_office"}, data=upload, unchanged=templates_state),
        Case("reports:header_match", "get", "/reports/match/", DEFINERS),
        Case("reports:header_match_confirm", "post", "/reports/match/confirm/", DEFINERS,
             data={"code": "m_intruder", "name": "原表", "department": "zhujian", "department_name": "住建局",
                   "period_type": "monthly", "column": ["C"], "ref": ["dibao_households"], "label": ["低保户数"]},
             unchanged=templates_state, fresh=fresh_confirm),
        Case("reports:submission_list", "get", "/reports/submissions/", EVERYONE),
        Case("reports:submission_generate", "post", "/reports/submissions/generate/", {"village_a", "village_b"},
             data={"template": tpl.code, "period": "202501"}, unchanged=submissions_state),
        Case("reports:submission_detail", "get", f"/reports/submissions/{submitted.pk}/", VILLAGE_B_VIEWERS),
        Case("reports:submission_fill", "post", f"/reports/submissions/{generated.pk}/fill/", {"village_b"},
             data={"cell_dibao_fund": "99"}, unchanged=sub_state(generated)),
        # a refused 报送 is a 400 on the page (forms400b), not a redirect: the allowed account submits one of its own
        Case("reports:submission_submit", "post", f"/reports/submissions/{generated.pk}/submit/", {"village_b"},
             unchanged=sub_state(generated),
             fresh=lambda u: Case("reports:submission_submit", "post",
                                  f"/reports/submissions/{make('filled').pk}/submit/", {"village_b"})),
        Case("reports:submission_approve", "post", f"/reports/submissions/{submitted.pk}/approve/", APPROVERS,
             unchanged=sub_state(submitted), fresh=fresh_submitted("reports:submission_approve", api=False,
                                                                    action="approve")),
        Case("reports:submission_return", "post", f"/reports/submissions/{submitted.pk}/return/", APPROVERS,
             data={"reason": "数据需核实"}, unchanged=sub_state(submitted),
             fresh=fresh_submitted("reports:submission_return", api=False, action="return")),
        Case("reports:submission_export", "get", f"/reports/submissions/{submitted.pk}/export/",
             VILLAGE_B_VIEWERS, data={"format": "xlsx"}),
        Case("reports:completeness", "get", "/reports/completeness/", APPROVERS),
        Case("reports:form_progress", "get", "/reports/completeness/progress/", APPROVERS,
             data={"template": tpl.code, "period": "202506"}),
        # a department's own form, village by village (read-only): no one else's, and no other account's page
        Case("reports:template_progress", "get", f"/reports/templates/{own.code}/progress/", {"dept_housing"},
             data={"period": "202506"}),
        Case("reports:template_progress", "get", f"/reports/templates/{tpl.code}/progress/", set()),
        Case("reports:burden", "get", "/reports/burden/", {"admin", "county_office"}),
        # API
        Case("api:reports-template-list", "get", "/api/v1/reports/templates/", EVERYONE, api=True),
        Case("api:reports-template-detail", "get", f"/api/v1/reports/templates/{tpl.code}/", NOT_DEPARTMENTS,
             api=True),
        Case("api:reports-run", "get", "/api/v1/reports/runs/", VILLAGE_B_VIEWERS, api=True,
             data={"template": tpl.code, **run_query}),
        Case("api:reports-submission-list", "get", "/api/v1/reports/submissions/", EVERYONE, api=True),
        Case("api:reports-submission-detail", "get", f"/api/v1/reports/submissions/{submitted.pk}/",
             VILLAGE_B_VIEWERS, api=True),
        Case("api:reports-submission-submit", "post", f"/api/v1/reports/submissions/{api_filled.pk}/submit/",
             {"village_b"}, api=True, format="json", unchanged=sub_state(api_filled)),
        Case("api:reports-submission-approve", "post", f"/api/v1/reports/submissions/{submitted.pk}/approve/",
             APPROVERS, api=True, format="json", unchanged=sub_state(submitted),
             fresh=fresh_submitted("api:reports-submission-approve", api=True, action="approve")),
        Case("api:reports-submission-return", "post", f"/api/v1/reports/submissions/{submitted.pk}/return/",
             APPROVERS, api=True, format="json", data={"reason": "数据需核实"}, unchanged=sub_state(submitted),
             fresh=fresh_submitted("api:reports-submission-return", api=True, action="return")),
    ]
