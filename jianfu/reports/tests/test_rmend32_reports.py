"""rmend32: the report pages a village cadre and a township stumbled on at 390 px (newuser32b walk).

#1 a manual count took 99999999999 (矛盾纠纷排查化解件数) and sent it up: every manual count of every form is capped
   (`services.MANUAL_COUNT_MAX`, one village's figure for one period), the field and the cap named in the refusal.
#2 "其中：60岁以上" of 流动人口数 sat under 随迁未成年人数 (and 其中：女党员 under 预备党员人数): every 其中 cell of every
   form now sits under the line it is a part of.
#4 a returned, overdue report told the township "…尚未报送，请尽快核对后报送。" (the village's words), and the list showed the
   returned sending's time beside 逾期未报.
#7 退回原因 was a one-line input: a textarea."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from jianfu.core.errors import ApplicationError
from jianfu.core.models import AuditRecord
from jianfu.reports import services
from jianfu.reports.catalog import FORMS_DIR, forms_load
from jianfu.reports.engine.loader import load_directory
from jianfu.reports.engine.model import AGE, Catalog, Predicate
from jianfu.reports.models import ManualValue, Submission, Template

CATALOG: Catalog = load_directory(FORMS_DIR)
FILLED = {"disputes_resolved": "2", "rental_houses": "40", "liudong_registered_new": "3", "liudong_cancelled": "1"}


# ---------------------------------------------------------------- #2 every 其中 under its parent


def _predicates(cell) -> set[Predicate]:
    el = CATALOG.element(cell.element)
    preds = set(el.predicates)
    for cat, opt in cell.by:
        preds |= set(CATALOG.categories[cat].checked_option(opt).predicates)
    return preds


def _implied(parent: Predicate, child: set[Predicate]) -> bool:
    """The child's conditions imply the parent's condition `parent`: the same condition, a narrower age bound, or one
    value of the parent's list."""
    if parent in child:
        return True
    for c in child:
        if c.column != parent.column:
            continue
        if parent.column == AGE and parent.op in ("gte", "gt") and c.op in ("gte", "gt") and c.value >= parent.value:
            return True
        if parent.column == AGE and parent.op in ("lt", "lte") and c.op in ("lt", "lte") and c.value <= parent.value:
            return True
        if parent.op == "in" and c.op == "eq" and c.value in parent.value:
            return True
        if parent.op == "in" and c.op == "in" and set(c.value) <= set(parent.value):
            return True
    return False


def _misplaced() -> list[tuple[str, str, str]]:
    """(form, 其中 cell, the line above it) for each 其中 cell that is not a part of the nearest line above it that is
    not itself a 其中 (its parent)."""
    found = []
    for t in CATALOG.templates.values():
        parent = None
        for cell in t.cells:
            if not cell.label.startswith("其中"):
                parent = cell
                continue
            child_el, parent_el = CATALOG.element(cell.element), CATALOG.element(parent.element) if parent else None
            ok = (parent is not None and child_el.subject == parent_el.subject
                  and all(_implied(p, _predicates(cell)) for p in _predicates(parent)))
            if not ok:
                found.append((t.code, cell.label, parent.label if parent else ""))
    return found


def test_every_qizhong_cell_of_every_form_sits_under_the_line_it_is_a_part_of():
    assert sum(1 for t in CATALOG.templates.values() for c in t.cells if c.label.startswith("其中")) == 23
    assert _misplaced() == []


def test_the_floating_population_form_lists_its_60_plus_under_the_floating_population():
    labels = [c.label for c in CATALOG.template("zz_floating_population").cells]
    assert labels[:6] == ["流动人口数", "其中：男", "其中：女", "其中：60岁以上", "劳动年龄流动人口数", "随迁未成年人数"]
    party = [c.label for c in CATALOG.template("dj_party_members").cells]
    assert party[:4] == ["党员人数", "其中：女党员", "正式党员人数", "预备党员人数"]


def test_the_check_finds_a_qizhong_under_a_line_it_is_no_part_of():
    t = CATALOG.template("zz_floating_population")
    cells = {c.label: c for c in t.cells}
    assert not all(_implied(p, _predicates(cells["其中：60岁以上"])) for p in _predicates(cells["随迁未成年人数"]))
    assert all(_implied(p, _predicates(cells["其中：60岁以上"])) for p in _predicates(cells["流动人口数"]))


# ---------------------------------------------------------------- #1 a cap on every manual count


def _manual_counts() -> list[tuple[str, str, str, str]]:
    return sorted({(t.code, c.key, c.label, CATALOG.element(c.element).unit) for t in CATALOG.templates.values()
                   for c in t.cells if CATALOG.element(c.element).is_manual
                   and CATALOG.element(c.element).value_type == "integer"})


def test_every_manual_count_of_every_form_is_capped_and_the_refusal_names_it():
    counts = _manual_counts()
    assert len(counts) == 37
    for _code, _key, label, unit in counts:
        assert services._parse_number("1,000,000", label, "integer", unit) == 1_000_000
        with pytest.raises(ApplicationError) as refused:
            services._parse_number("1000001", label, "integer", unit)
        assert refused.value.message == f"「{label}」不能超过 1,000,000 {unit}（一个村（社区）一期的上限），请核对是否多输了数字。"


def test_an_amount_keeps_the_storage_bound_only():
    assert services._parse_number("2500000.50", "低保金发放金额", "number", "元") == 2500000.5


@pytest.fixture
def loaded(world):
    forms_load(actor=None)
    return world


def _generate(w, code: str, period: str | None = None) -> Submission:
    from jianfu.reports.engine import latest_closed_period

    tpl = Template.objects.get(code=code)
    period = period or latest_closed_period(tpl.period_type, timezone.localdate()).id
    return services.submission_generate(actor=w.users["village_a"], template=tpl, org_code=w.village_a.code,
                                        period=period)


@pytest.mark.django_db
def test_a_count_of_99999999999_disputes_is_refused_on_its_box_and_nothing_is_saved(loaded):
    w = loaded
    sub = _generate(w, "zz_floating_population")
    client = w.client("village_a")
    client.post(f"/reports/submissions/{sub.pk}/fill/", {"cell_rental_houses": "12"})
    before = (Submission.objects.get(pk=sub.pk).values, list(ManualValue.objects.values_list("value", flat=True)),
              AuditRecord.objects.count())
    response = client.post(f"/reports/submissions/{sub.pk}/submit/", {
        "cell_disputes_resolved": "99999999999", "cell_rental_houses": "13"})
    assert response.status_code == 400
    message = "「矛盾纠纷排查化解件数」不能超过 1,000,000 件（一个村（社区）一期的上限），请核对是否多输了数字。"
    page = response.content.decode()
    assert re.search(r'<div class="field-error" id="err-disputes_resolved" role="alert">([^<]*)</div>', page).group(1) \
        == message
    # nothing saved, nothing sent: the other box typed keeps its typing for the next try
    assert 'name="cell_rental_houses" value="13"' in page
    sub.refresh_from_db()
    assert (sub.status, sub.submitted_at) == ("generated", None)
    assert (sub.values, list(ManualValue.objects.values_list("value", flat=True)), AuditRecord.objects.count()) == before


# ---------------------------------------------------------------- #4 a returned, overdue report


@pytest.mark.django_db
def test_a_returned_overdue_report_says_to_each_side_what_is_true(loaded):
    w = loaded
    sub = _generate(w, "zz_floating_population", period="202609")
    services.submission_fill(actor=w.users["village_a"], submission=sub, values=FILLED)
    services.submission_submit(actor=w.users["village_a"], submission=sub)
    services.submission_return(actor=w.users["town_quzhang"], submission=Submission.objects.get(pk=sub.pk),
                               reason="出租房屋数漏填")
    sub.refresh_from_db()
    assert sub.status == "returned" and sub.submitted_at is not None and sub.due_date == dt.date(2026, 10, 5)
    town = w.client("town_quzhang").get(f"/reports/submissions/{sub.pk}/").content.decode()
    assert "请尽快核对后报送" not in town
    assert '<div class="alert alert-warning" role="status" id="overdue">已超过报送期限（2026-10-05）。本表已退回村（社区），' \
           '村（社区）尚未重新报送。</div>' in town
    village = w.client("village_a").get(f"/reports/submissions/{sub.pk}/").content.decode()
    assert '<div class="alert alert-warning" role="alert" id="overdue">已超过报送期限（2026-10-05），退回后尚未重新报送，' \
           '请尽快核对后报送。</div>' in village
    listed = w.client("town_quzhang").get("/reports/submissions/?status=returned").content.decode()
    at = timezone.localtime(sub.submitted_at).strftime("%Y-%m-%d %H:%M")
    assert f'<td data-label="报送时间"><span class="muted">上次报送 {at}，已退回</span> ' \
           '<span class="badge badge-bad">逾期未重新报送</span></td>' in listed
    assert "逾期未报" not in listed


@pytest.mark.django_db
def test_a_generated_overdue_report_tells_the_township_the_village_has_not_sent_it(loaded):
    w = loaded
    sub = _generate(w, "zz_floating_population", period="202609")
    town = w.client("town_quzhang").get(f"/reports/submissions/{sub.pk}/").content.decode()
    assert '<div class="alert alert-warning" role="status" id="overdue">已超过报送期限（2026-10-05），村（社区）尚未报送。</div>' \
        in town
    village = w.client("village_a").get(f"/reports/submissions/{sub.pk}/").content.decode()
    assert "已超过报送期限（2026-10-05），尚未报送，请尽快核对后报送。" in village


# ---------------------------------------------------------------- #7 退回原因


@pytest.mark.django_db
def test_the_return_reason_is_a_textarea(loaded):
    w = loaded
    sub = _generate(w, "zz_floating_population")
    services.submission_fill(actor=w.users["village_a"], submission=sub, values=FILLED)
    services.submission_submit(actor=w.users["village_a"], submission=sub)
    page = w.client("town_quzhang").get(f"/reports/submissions/{sub.pk}/").content.decode()
    assert '<label for="ret-reason">退回原因 *</label><textarea id="ret-reason" name="reason" rows="3" required ' \
           'minlength="2" maxlength="1000"></textarea>' in page


# ---------------------------------------------------------------- fixcr33b L5, L9


@pytest.mark.parametrize(("label", "unit"), [("村集体收入", "元"), ("耕地面积", "亩"), ("危房面积", "平方米")])
def test_an_integer_amount_or_area_keeps_the_storage_bound_only(label, unit):
    assert services._parse_number("2,000,000", label, "integer", unit) == 2_000_000
    with pytest.raises(ApplicationError) as refused:
        services._parse_number("100000000000000", label, "integer", unit)
    assert refused.value.message == f"「{label}」数值过大。"


@pytest.mark.django_db
def test_a_return_reason_of_several_lines_is_shown_line_by_line(loaded):
    w = loaded
    sub = _generate(w, "zz_floating_population")
    services.submission_fill(actor=w.users["village_a"], submission=sub, values=FILLED)
    services.submission_submit(actor=w.users["village_a"], submission=sub)
    services.submission_return(actor=w.users["town_quzhang"], submission=Submission.objects.get(pk=sub.pk),
                               reason="出租房屋数漏填\n流动人口数请核对")
    page = w.client("village_a").get(f"/reports/submissions/{sub.pk}/").content.decode()
    assert "退回原因：出租房屋数漏填<br>流动人口数请核对</div>" in page
