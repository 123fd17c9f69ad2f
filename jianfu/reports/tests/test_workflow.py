"""Submission workflow: one guarded service per transition; wrong state or wrong unit → refused,
nothing changed; manual values entered once are reused by every template naming them."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.core.errors import ApplicationError, ConflictError, NotFoundError, PermissionDeniedError
from jianfu.core.models import AuditRecord
from jianfu.reports import selectors, services
from jianfu.reports.catalog import forms_load, template_save
from jianfu.reports.models import ManualValue, Submission, Template

pytestmark = pytest.mark.django_db

DIBAO_MANUAL = {"dibao_new_households": "1", "dibao_exit_households": "0", "dibao_fund": "12,500.50",
                "tekun_centralised": "0", "tekun_fund": "3000"}


@pytest.fixture
def catalog_loaded(world):
    forms_load(actor=None)
    from jianfu.registry.models import Person

    village = world.village_a.code
    Person.objects.create(org_code=village, name="甲", gender="F", birth_date=dt.date(1950, 6, 30), is_dibao=True)
    Person.objects.create(org_code=village, name="乙", gender="M", birth_date=dt.date(1965, 7, 1), is_dibao=True)
    Person.objects.create(org_code=village, name="丙", gender="M", birth_date=dt.date(1940, 1, 1), is_tekun=True,
                          disability_category="physical", disability_grade=1)
    Person.objects.create(org_code=world.village_b.code, name="丁", gender="F", birth_date=dt.date(1980, 1, 1),
                          is_dibao=True)
    return world


def state(sub):
    sub = Submission.objects.get(pk=sub.pk)
    return (sub.status, sub.version, sub.values, list(ManualValue.objects.order_by("pk").values_list("value", flat=True)))


def test_full_cycle(catalog_loaded):
    w = catalog_loaded
    tpl = Template.objects.get(code="mz_dibao_tekun")
    sub = services.submission_generate(actor=w.users["village_a"], template=tpl, org_code=w.village_a.code,
                                       period="202506")
    assert sub.status == "generated"
    assert sub.values["dibao_persons"] == 2
    assert sub.values["dibao_persons__age_3_a60"] == 1
    assert sub.values["tekun_disabled"] == 1
    assert sub.values["dibao_fund"] is None
    assert (sub.auto_cells, sub.manual_cells) == (10, 5)
    assert sub.due_date == dt.date(2025, 7, 5)

    with pytest.raises(ApplicationError, match="5 个手工填报项未填写"):
        services.submission_submit(actor=w.users["village_a"], submission=sub)
    assert Submission.objects.get(pk=sub.pk).status == "generated"

    sub = services.submission_fill(actor=w.users["village_a"], submission=sub, values=DIBAO_MANUAL)
    assert sub.values["dibao_fund"] == 12500.5
    assert ManualValue.objects.filter(org_code=w.village_a.code, period="202506").count() == 5

    sub = services.submission_submit(actor=w.users["village_a"], submission=sub)
    assert sub.status == "submitted" and sub.submitted_by == w.users["village_a"]

    sub = services.submission_return(actor=w.users["town_quzhang"], submission=sub, reason="低保金额与台账不符")
    assert (sub.status, sub.return_reason) == ("returned", "低保金额与台账不符")
    sub = services.submission_fill(actor=w.users["village_a"], submission=sub, values={"dibao_fund": "12000"})
    sub = services.submission_submit(actor=w.users["village_a"], submission=sub)
    sub = services.submission_approve(actor=w.users["town_quzhang"], submission=sub)
    assert sub.status == "approved" and sub.is_locked
    actions = list(AuditRecord.objects.filter(object_type="reports.submission", object_id=str(sub.pk))
                   .order_by("id").values_list("action", flat=True))
    assert actions == ["reports.submission.generate", "reports.submission.fill", "reports.submission.submit",
                       "reports.submission.return", "reports.submission.fill", "reports.submission.submit",
                       "reports.submission.approve"]

    # approval locks: no fill, no regenerate, no second approval — and nothing changes
    before = state(sub)
    with pytest.raises(ConflictError):
        services.submission_fill(actor=w.users["village_a"], submission=sub, values={"dibao_fund": "1"})
    with pytest.raises(ConflictError):
        services.submission_generate(actor=w.users["village_a"], template=tpl, org_code=w.village_a.code,
                                     period="202506")
    with pytest.raises(ConflictError):
        services.submission_approve(actor=w.users["county_office"], submission=sub)
    assert state(sub) == before


def test_wrong_state_refused_nothing_changed(catalog_loaded):
    w = catalog_loaded
    tpl = Template.objects.get(code="mz_dibao_tekun")
    sub = services.submission_generate(actor=w.users["village_a"], template=tpl, org_code=w.village_a.code,
                                       period="202506")
    before = state(sub)
    with pytest.raises(ConflictError, match="不能审核通过"):
        services.submission_approve(actor=w.users["town_quzhang"], submission=sub)
    with pytest.raises(ConflictError, match="不能退回"):
        services.submission_return(actor=w.users["town_quzhang"], submission=sub, reason="理由充分")
    assert state(sub) == before


def test_other_village_and_wrong_roles_are_refused(catalog_loaded):
    w = catalog_loaded
    tpl = Template.objects.get(code="mz_dibao_tekun")
    with pytest.raises(NotFoundError):
        services.submission_generate(actor=w.users["village_b"], template=tpl, org_code=w.village_a.code,
                                     period="202506")
    assert Submission.objects.count() == 0
    sub = services.submission_generate(actor=w.users["village_a"], template=tpl, org_code=w.village_a.code,
                                       period="202506")
    services.submission_fill(actor=w.users["village_a"], submission=sub, values=DIBAO_MANUAL)
    before = state(sub)
    with pytest.raises(NotFoundError):
        services.submission_fill(actor=w.users["village_b"], submission=sub, values={"dibao_fund": "1"})
    with pytest.raises(NotFoundError):
        services.submission_submit(actor=w.users["village_b"], submission=sub)
    with pytest.raises(NotFoundError):  # a grid's scope is the grid, not the village's reports
        services.submission_fill(actor=w.users["grid_a"], submission=sub, values={"dibao_fund": "1"})
    assert state(sub) == before
    sub = services.submission_submit(actor=w.users["village_a"], submission=sub)
    before = state(sub)
    with pytest.raises(PermissionDeniedError):
        services.submission_approve(actor=w.users["village_a"], submission=sub)
    with pytest.raises(NotFoundError):
        services.submission_approve(actor=w.users["dept_housing"], submission=sub)
    with pytest.raises(ApplicationError, match="必须写明原因"):
        services.submission_return(actor=w.users["town_quzhang"], submission=sub, reason=" ")
    assert state(sub) == before


def test_bad_manual_values_name_the_cell(catalog_loaded):
    w = catalog_loaded
    tpl = Template.objects.get(code="mz_dibao_tekun")
    sub = services.submission_generate(actor=w.users["village_a"], template=tpl, org_code=w.village_a.code,
                                       period="202506")
    for bad, msg in (({"dibao_new_households": "1.5"}, "应为整数"), ({"dibao_fund": "-3"}, "不能为负数"),
                     ({"dibao_fund": "abc"}, "应为数字"), ({"dibao_persons": "3"}, "不是本表的手工填报项")):
        with pytest.raises(ApplicationError, match=msg):
            services.submission_fill(actor=w.users["village_a"], submission=sub, values=bad)
    assert ManualValue.objects.count() == 0


def test_manual_value_entered_once_is_reused(catalog_loaded):
    w = catalog_loaded
    rs = Template.objects.get(code="rs_employment")
    ny = Template.objects.get(code="nync_poverty_monitoring")
    sub = services.submission_generate(actor=w.users["village_a"], template=rs, org_code=w.village_a.code,
                                       period="202506")
    services.submission_fill(actor=w.users["village_a"], submission=sub, values={"migrant_workers_out": "37"})
    other = services.submission_generate(actor=w.users["village_a"], template=ny, org_code=w.village_a.code,
                                         period="202506")
    assert other.values["migrant_workers_out"] == 37.0  # not asked again
    county = selectors.report_run(user=w.users["county_office"], template_code="rs_employment",
                                  unit_code="450521", period="202506")
    assert [r.code for r in county.rows] == ["450521100", "450521200"]
    assert county.total.values["migrant_workers_out"] == 37.0


def test_completeness_counts(catalog_loaded):
    w = catalog_loaded
    from django.utils import timezone

    from jianfu.reports.engine import latest_closed_period

    tpl = Template.objects.get(code="mz_dibao_tekun")
    period = latest_closed_period("monthly", timezone.localdate()).id
    sub = services.submission_generate(actor=w.users["village_a"], template=tpl, org_code=w.village_a.code,
                                       period=period)
    services.submission_fill(actor=w.users["village_a"], submission=sub, values=DIBAO_MANUAL)
    services.submission_submit(actor=w.users["village_a"], submission=sub)
    late = services.submission_generate(actor=w.users["village_b"], template=tpl, org_code=w.village_b.code,
                                        period=period)
    services.submission_fill(actor=w.users["village_b"], submission=late, values=DIBAO_MANUAL)
    services.submission_submit(actor=w.users["village_b"], submission=late)
    services.submission_approve(actor=w.users["town_quzhang"], submission=late)
    # on time = submitted on or before the due date (5 days after the month's end)
    due = Submission.objects.get(pk=sub.pk).due_date
    noon = dt.datetime.combine(due, dt.time(12), tzinfo=timezone.get_current_timezone())
    Submission.objects.filter(pk=sub.pk).update(submitted_at=noon)
    Submission.objects.filter(pk=late.pk).update(submitted_at=noon + dt.timedelta(days=1))
    rows = {r.template.code: r for r in selectors.completeness(user=w.users["county_office"])}
    r = rows["mz_dibao_tekun"]
    assert (r.expected, r.generated, r.submitted, r.approved, r.on_time) == (3, 2, 2, 1, 1)
    town = {r.template.code: r for r in selectors.completeness(user=w.users["town_quzhang"])}
    assert town["mz_dibao_tekun"].expected == 2
    with pytest.raises(NotFoundError):
        selectors.completeness(user=w.users["village_a"])


def test_department_sees_only_its_templates(catalog_loaded):
    w = catalog_loaded
    assert list(selectors.template_list(user=w.users["dept_housing"])) == []
    assert selectors.template_list(user=w.users["county_office"]).count() == Template.objects.count()
    with pytest.raises(NotFoundError):
        selectors.report_run(user=w.users["dept_housing"], template_code="mz_dibao_tekun", unit_code="450521")


def test_web_template_definition_is_validated(catalog_loaded):
    w = catalog_loaded
    bad = {"code": "zj_housing", "name": "危房改造", "department": "zhujian", "department_name": "住建局",
           "period_type": "monthly", "cells": ["elderly_60", "no_such_element"]}
    with pytest.raises(ApplicationError, match="no_such_element"):
        services.template_define(actor=w.users["dept_housing"], definition=bad)
    assert not Template.objects.filter(code="zj_housing").exists()
    good = {**bad, "cells": ["elderly_60", "dibao_households"]}
    tpl = services.template_define(actor=w.users["dept_housing"], definition=good)
    assert tpl.department == "zhujian"
    assert [c.key for c in tpl.cell_rows.all()] == ["elderly_60", "dibao_households"]
    assert list(selectors.template_list(user=w.users["dept_housing"])) == [tpl]
    with pytest.raises(PermissionDeniedError):
        services.template_define(actor=w.users["village_a"], definition={**good, "code": "x_village"})
    with pytest.raises(ApplicationError):
        template_save(actor=None, definition={**good, "period_type": "weekly"})


def test_workbench_todos(catalog_loaded):
    from jianfu.reports.workbench import todos

    w = catalog_loaded
    due = todos(w.users["village_a"])
    assert [(t.title, t.count) for t in due] == [("待报送的报表",
                                                  Template.objects.count())]
    assert todos(w.users["town_quzhang"]) == []
    assert todos(w.users["dept_housing"]) == []
    from django.utils import timezone

    from jianfu.reports.engine import latest_closed_period

    tpl = Template.objects.get(code="mz_dibao_tekun")
    sub = services.submission_generate(actor=w.users["village_a"], template=tpl, org_code=w.village_a.code,
                                       period=latest_closed_period("monthly", timezone.localdate()).id)
    services.submission_fill(actor=w.users["village_a"], submission=sub, values=DIBAO_MANUAL)
    services.submission_submit(actor=w.users["village_a"], submission=sub)
    assert todos(w.users["village_a"])[0].count == Template.objects.count() - 1
    assert [(t.title, t.count) for t in todos(w.users["town_quzhang"])] == [("待审核的村（社区）报表", 1)]


def test_load_forms_command_is_all_or_nothing(world, tmp_path):
    import io

    from django.core.management import CommandError, call_command

    from jianfu.reports.models import DataElement

    bad = tmp_path / "forms"
    bad.mkdir()
    (bad / "a.yaml").write_text("elements:\n  - {code: pop, name: 人口, subject: person, kind: count}\n",
                                encoding="utf-8")
    (bad / "t.yaml").write_text("template: {code: t1, name: 表, department: tongji, department_name: 统计局,\n"
                                "  period_type: yearly, cells: [pop, ghost]}\n", encoding="utf-8")
    # the shipped forms loaded (as `migrate` does outside the tests, fix-left16 #7): a refused load changes nothing
    call_command("reports_load_forms", stdout=io.StringIO())
    before = (DataElement.objects.count(), Template.objects.count(), set(Template.objects.values_list("code", flat=True)))
    assert before[1] == 15
    with pytest.raises(CommandError, match=r"t.yaml: template（t1）.cells\[1\].element：未知数据元素 'ghost'"):
        call_command("reports_load_forms", "--dir", str(bad))
    assert (DataElement.objects.count(), Template.objects.count(),
            set(Template.objects.values_list("code", flat=True))) == before
    out = io.StringIO()
    call_command("reports_load_forms", stdout=out)
    assert "报表模板 15 张" in out.getvalue()
    call_command("reports_load_forms", stdout=out)  # idempotent
    assert Template.objects.count() == 15


MESSAGE = ("打开本页后台账数据有变化，3 项自动取数已更新，本次未报送：低保对象人数 2 → 3；其中：女性 1 → 2；"
           "低保覆盖率 66.67 → 75。请核对更新后的数值，再点“报送”。")
CHANGED = [("dibao_persons", 2, 3), ("dibao_persons__gender_F", 1, 2), ("dibao_rate", 66.67, 75.0)]


def _shown_on_page(page: str) -> dict[str, str]:
    import re

    return dict(re.findall(r'<input type="hidden" name="(shown_[A-Za-z0-9_]+)" value="([^"]*)">', page))


def test_a_figure_changed_since_the_page_was_drawn_refuses_the_submit_once(catalog_loaded):
    """Session 12 (U09): the page showed 11, 报送 re-took the figures and sent 10, with no word. Now a change of an
    automatic figure since the page was drawn refuses the submit once, nothing written, listing old → new; the
    refreshed page shows the new figures and the next 报送 sends them."""
    from jianfu.registry.models import Person

    w = catalog_loaded
    village = w.users["village_a"]
    tpl = Template.objects.get(code="mz_dibao_tekun")
    sub = services.submission_generate(actor=village, template=tpl, org_code=w.village_a.code, period="202506")
    sub = services.submission_fill(actor=village, submission=sub, values=DIBAO_MANUAL)
    shown = dict(sub.values)
    assert shown["dibao_persons"] == 2
    Person.objects.create(org_code=w.village_a.code, name="戊", gender="F", birth_date=dt.date(1990, 3, 1),
                          is_dibao=True)
    before = (state(sub), AuditRecord.objects.count())
    with pytest.raises(ApplicationError) as caught:
        services.submission_submit(actor=village, submission=sub, shown=shown)
    assert caught.value.code == "figures_changed"
    assert caught.value.message == MESSAGE
    assert [(c["cell"], c["old"], c["new"]) for c in caught.value.details["changed"]] == CHANGED
    assert (state(sub), AuditRecord.objects.count()) == before          # nothing submitted, nothing written
    # the figures as they are now: submitted, and kept
    sub = services.submission_submit(actor=village, submission=sub, shown=caught.value.details["values"])
    assert (sub.status, sub.values["dibao_persons"]) == ("submitted", 3)


def test_the_page_carries_what_it_shows_and_is_refreshed_when_a_figure_changed(catalog_loaded):
    from jianfu.registry.models import Person

    w = catalog_loaded
    village = w.users["village_a"]
    tpl = Template.objects.get(code="mz_dibao_tekun")
    sub = services.submission_generate(actor=village, template=tpl, org_code=w.village_a.code, period="202506")
    services.submission_fill(actor=village, submission=sub, values=DIBAO_MANUAL)
    client = w.client("village_a")
    shown = _shown_on_page(client.get(f"/reports/submissions/{sub.pk}/").content.decode())
    # the automatic figures as shown, and the manual ones as drawn in their boxes (codereview16 #2)
    assert (shown["shown_dibao_persons"], shown["shown_dibao_fund"]) == ("2", "12500.5")
    Person.objects.create(org_code=w.village_a.code, name="戊", gender="F", birth_date=dt.date(1990, 3, 1),
                          is_dibao=True)
    before = (state(sub), AuditRecord.objects.count())
    refused = client.post(f"/reports/submissions/{sub.pk}/submit/", shown)
    page = refused.content.decode()
    assert refused.status_code == 409 and MESSAGE in page
    assert "（原为 2）" in page and _shown_on_page(page)["shown_dibao_persons"] == "3"
    assert (state(sub), AuditRecord.objects.count()) == before
    done = client.post(f"/reports/submissions/{sub.pk}/submit/", _shown_on_page(page))
    assert done.status_code == 302
    sub.refresh_from_db()
    assert (sub.status, sub.values["dibao_persons"]) == ("submitted", 3)


def test_saving_the_manual_cells_names_the_automatic_figures_that_changed(catalog_loaded):
    """N05 (session 14): 保存手工项 takes the automatic figures again; one that changed since the page was drawn
    (21 → 15 for newuser14) is named on save, old → new, as 报送 does — the save itself goes through."""
    from jianfu.registry.models import Person

    w = catalog_loaded
    tpl = Template.objects.get(code="mz_dibao_tekun")
    sub = services.submission_generate(actor=w.users["village_a"], template=tpl, org_code=w.village_a.code,
                                       period="202506")
    client = w.client("village_a")
    shown = _shown_on_page(client.get(f"/reports/submissions/{sub.pk}/").content.decode())
    assert shown["shown_dibao_persons"] == "2"
    # nothing changed: the plain message only
    saved = client.post(f"/reports/submissions/{sub.pk}/fill/", {**shown, "cell_dibao_fund": "100"}, follow=True)
    page = saved.content.decode()
    assert "已保存手工填报项。" in page and "打开本页后台账数据有变化" not in page
    shown = _shown_on_page(page)      # the page drawn after that save (dibao_fund 100), then the registry moves
    assert (shown["shown_dibao_persons"], shown["shown_dibao_fund"]) == ("2", "100")
    Person.objects.create(org_code=w.village_a.code, name="戊", gender="F", birth_date=dt.date(1990, 3, 1),
                          is_dibao=True)
    typed = {f"cell_{k}": v for k, v in DIBAO_MANUAL.items()}
    saved = client.post(f"/reports/submissions/{sub.pk}/fill/", {**shown, **typed}, follow=True)
    page = saved.content.decode()
    assert saved.redirect_chain == [(f"/reports/submissions/{sub.pk}/", 302)]
    assert '<div class="alert alert-success" role="status">已保存手工填报项。</div>' in page
    assert ('<div class="alert alert-warning" role="alert">打开本页后台账数据有变化，3 项自动取数已随保存更新：'
            "低保对象人数 2 → 3；其中：女性 1 → 2；低保覆盖率 66.67 → 75。请核对更新后的数值。</div>") in page
    sub.refresh_from_db()
    assert (sub.status, sub.values["dibao_persons"], str(sub.values["dibao_fund"])) == ("generated", 3, "12500.5")
    # the page now shows the new figures: saving again names nothing
    again = client.post(f"/reports/submissions/{sub.pk}/fill/",
                        {**_shown_on_page(page), **typed}, follow=True).content.decode()
    assert "已保存手工填报项。" in again and "打开本页后台账数据有变化" not in again


def test_the_api_takes_the_shown_figures_too(catalog_loaded):
    from jianfu.registry.models import Person

    w = catalog_loaded
    tpl = Template.objects.get(code="mz_dibao_tekun")
    sub = services.submission_generate(actor=w.users["village_a"], template=tpl, org_code=w.village_a.code,
                                       period="202506")
    sub = services.submission_fill(actor=w.users["village_a"], submission=sub, values=DIBAO_MANUAL)
    Person.objects.create(org_code=w.village_a.code, name="戊", gender="F", birth_date=dt.date(1990, 3, 1),
                          is_dibao=True)
    api = w.api_client("village_a")
    url = f"/api/v1/reports/submissions/{sub.pk}/submit/"
    refused = api.post(url, {"shown": sub.values}, format="json")
    assert (refused.status_code, refused.json()["error"]["code"], refused.json()["error"]["message"]) == (
        400, "figures_changed", MESSAGE)
    assert api.post(url, {"shown": [1]}, format="json").status_code == 400
    assert Submission.objects.get(pk=sub.pk).status == "generated"
    assert api.post(url, {}, format="json").json()["status"] == "submitted"   # without `shown`: as before


def test_the_notice_of_figures_changed_on_save_is_a_selector_reading_the_saved_figures(catalog_loaded):
    """codereview15 #10: the notice is a read (reports.selectors), which reads the figures the save stored — the
    view neither re-reads the submission nor decides what changed."""
    from jianfu.registry.models import Person

    w = catalog_loaded
    tpl = Template.objects.get(code="mz_dibao_tekun")
    sub = services.submission_generate(actor=w.users["village_a"], template=tpl, org_code=w.village_a.code,
                                       period="202506")
    shown = {"dibao_persons": "2"}
    assert selectors.figures_changed_on_save(sub, shown) == ""
    Person.objects.create(org_code=w.village_a.code, name="戊", gender="F", birth_date=dt.date(1990, 3, 1),
                          is_dibao=True)
    stale = Submission.objects.get(pk=sub.pk)
    services.submission_fill(actor=w.users["village_a"], submission=sub, values=DIBAO_MANUAL)
    assert stale.values["dibao_persons"] == 2                          # the caller's copy is older than the save
    assert selectors.figures_changed_on_save(stale, shown) == (
        "打开本页后台账数据有变化，1 项自动取数已随保存更新：低保对象人数 2 → 3。请核对更新后的数值。")
    assert selectors.figures_changed_on_save(stale, {}) == ""
    assert not hasattr(services, "figures_changed_on_save")


def _typed_on_page(page: str) -> dict[str, str]:
    import re

    return dict(re.findall(r'<input id="cell-[A-Za-z0-9_]+" name="(cell_[A-Za-z0-9_]+)" value="([^"]*)"', page))


def _stale_report(w):
    """A report generated and filled when the village had 2 低保 persons; a third registered since (the demo's reports,
    generated weeks before anyone opens them: newuser19 #1)."""
    from jianfu.registry.models import Person

    village = w.users["village_a"]
    sub = services.submission_generate(actor=village, template=Template.objects.get(code="mz_dibao_tekun"),
                                       org_code=w.village_a.code, period="202506")
    sub = services.submission_fill(actor=village, submission=sub, values=DIBAO_MANUAL)
    Person.objects.create(org_code=w.village_a.code, name="戊", gender="F", birth_date=dt.date(1990, 3, 1),
                          is_dibao=True)
    assert Submission.objects.get(pk=sub.pk).values["dibao_persons"] == 2      # the stored snapshot is older
    return sub


def test_the_page_shows_what_submit_would_send_and_the_first_submit_goes_through(catalog_loaded):
    """newuser19 #1: the page showed the figures stored when the report was generated (21), 报送 recomputed them (15)
    and refused the first 报送 with "打开本页后台账数据有变化… 21 → 15" although nothing changed after opening. The page
    now shows the figures as of opening, and 报送 with nothing changed sends them."""
    w = catalog_loaded
    sub = _stale_report(w)
    client = w.client("village_a")
    page = client.get(f"/reports/submissions/{sub.pk}/").content.decode()
    shown = _shown_on_page(page)
    assert (shown["shown_dibao_persons"], shown["shown_dibao_persons__gender_F"], shown["shown_dibao_rate"],
            shown["shown_dibao_fund"]) == ("3", "2", "75.0", "12500.5")
    assert "（原为" not in page
    assert Submission.objects.get(pk=sub.pk).version == sub.version         # opening the page writes nothing
    done = client.post(f"/reports/submissions/{sub.pk}/submit/", {**shown, **_typed_on_page(page)}, follow=True)
    assert done.redirect_chain == [(f"/reports/submissions/{sub.pk}/", 302)]
    assert "已报送，等待乡镇审核。" in done.content.decode()
    assert "打开本页后台账数据有变化" not in done.content.decode()
    sub.refresh_from_db()
    assert (sub.status, sub.values["dibao_persons"], sub.values["dibao_persons__gender_F"],
            sub.values["dibao_rate"]) == ("submitted", 3, 2, 75.0)


def test_a_change_after_the_page_was_opened_still_refuses_the_submit(catalog_loaded):
    from jianfu.registry.models import Person

    w = catalog_loaded
    sub = _stale_report(w)
    client = w.client("village_a")
    page = client.get(f"/reports/submissions/{sub.pk}/").content.decode()
    Person.objects.create(org_code=w.village_a.code, name="己", gender="M", birth_date=dt.date(1970, 3, 1),
                          is_dibao=True)
    last_audit = AuditRecord.objects.order_by("-pk").values_list("pk", flat=True).first()
    manual_before = list(ManualValue.objects.order_by("pk").values_list("value", flat=True))
    refused = client.post(f"/reports/submissions/{sub.pk}/submit/", {**_shown_on_page(page), **_typed_on_page(page)})
    body = refused.content.decode()
    assert refused.status_code == 409
    assert ("打开本页后台账数据有变化，2 项自动取数已更新，本次未报送：低保对象人数 3 → 4；低保覆盖率 75 → 80。"
            "请核对更新后的数值，再点“报送”。") in body
    assert "（原为 3）" in body and _shown_on_page(body)["shown_dibao_persons"] == "4"
    # nothing sent: the boxes, posted as drawn, went through the form's save (no figure written), not the 报送
    sub.refresh_from_db()
    assert (sub.status, sub.submitted_at, sub.submitted_by_id) == ("generated", None, None)
    assert list(ManualValue.objects.order_by("pk").values_list("value", flat=True)) == manual_before
    assert list(AuditRecord.objects.filter(pk__gt=last_audit).values_list("action", flat=True)) == [
        "reports.submission.fill"]


def test_export_and_api_of_an_open_report_give_the_figures_submit_would_send(catalog_loaded):
    w = catalog_loaded
    sub = _stale_report(w)
    csv = w.client("village_a").get(f"/reports/submissions/{sub.pk}/export/?format=csv").content.decode("utf-8-sig")
    assert csv.splitlines()[1].split(",")[:5] == ["450521200206", "曲木村委会", "0", "3", "2"]
    api = w.api_client("village_a").get(f"/api/v1/reports/submissions/{sub.pk}/").json()
    assert (api["values"]["dibao_persons"], api["values"]["dibao_fund"]) == (3, 12500.5)
    services.submission_submit(actor=w.users["village_a"], submission=sub)
    from jianfu.registry.models import Person

    Person.objects.create(org_code=w.village_a.code, name="己", gender="M", birth_date=dt.date(1970, 3, 1),
                          is_dibao=True)
    api = w.api_client("village_a").get(f"/api/v1/reports/submissions/{sub.pk}/").json()
    assert (api["status"], api["values"]["dibao_persons"]) == ("submitted", 3)   # a sent report keeps what it sent
