"""Session 28: the JSON API says per column what its figures are (as of the period's 统计时点, or today's record:
the page's 按当前登记数), and a past period's registry columns (today's registry) carry that badge on the page too."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from jianfu.reports.tests.test_tryout27_reports import _autumn

D = dt.date
TODAY = D(2026, 12, 6)
NO_HISTORY = "登记信息未保留历史记录，按今天的登记情况统计，不是统计时点的数"
REGISTRY = "按今天的台账登记情况统计，不是统计时点的数"


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    return TODAY


def _col(label, element, kind, unit, as_of):
    return {
        "label": label,
        "element": element,
        "kind": kind,
        "unit": unit,
        "manual": kind == "manual",
        "as_of": as_of,
        "badge": "按当前登记数" if as_of == "today" else "",
    }


REF, NOW = "reference_date", "today"
KEY_GROUP_COLUMNS = [  # rs_key_groups: "today" for the three that read a group of which no history is kept
    ("重点群体帮扶人数", "key_group_people", "count", "人", REF),
    ("重点群体未就业人数", "key_group_seeking", "count", "人", REF),
    ("未就业高校毕业生人数", "key_group_graduates_seeking", "count", "人", NOW),
    ("未就业就业困难人员数", "key_group_hard_seeking", "count", "人", NOW),
    ("重点群体已就业人数", "key_group_placed", "count", "人", REF),
    ("本期重点群体新实现就业人数", "key_group_placed_period", "count_distinct", "人", REF),
    ("重点群体就业率", "key_group_placement_rate", "ratio", "%", REF),
    ("失业人员再就业人数", "reemployed", "count_distinct", "人", NOW),
    ("就业帮扶走访人次", "employment_visits", "count", "人次", REF),
    ("推荐就业人次", "employment_referrals", "count", "人次", REF),
    ("推荐成功人数", "employment_referrals_hired", "count", "人", REF),
    ("职业技能培训人次", "skills_training", "count", "人次", REF),
    ("就业补贴发放人次", "employment_subsidies", "count", "人次", REF),
]


@pytest.mark.django_db
def test_the_api_says_which_columns_are_as_of_the_reference_date_and_which_are_todays_record(world, today):
    _autumn()
    call_command("reports_load_forms", stdout=io.StringIO())
    api = world.api_client("county_office")
    body = api.get(
        "/api/v1/reports/runs/", {"template": "rs_key_groups", "unit": "450521", "period": "202611"}
    ).json()
    assert body["columns"] == [{"key": c[1], **_col(*c)} for c in KEY_GROUP_COLUMNS]
    assert body["note"] == (
        "注：「未就业高校毕业生人数」、「未就业就业困难人员数」、「失业人员再就业人数」按当前登记数："
        f"{NO_HISTORY}。"
    )
    assert (body["reference_date"], body["total"]["name"]) == ("2026-11-30", "合浦县合计")
    # the running month: every figure is the month's (today is in it), no badge, no note
    body = api.get(
        "/api/v1/reports/runs/", {"template": "rs_key_groups", "unit": "450521", "period": "202612"}
    ).json()
    assert [(c["as_of"], c["badge"]) for c in body["columns"]] == [(REF, "")] * 13
    assert body["note"] == ""


@pytest.mark.django_db
def test_a_past_years_registry_columns_are_todays_registry_in_the_api_and_on_the_page(world, today):
    from jianfu.registry.models import Person

    call_command("reports_load_forms", stdout=io.StringIO())
    Person.objects.create(org_code=world.village_a.code, name="某", gender="F", birth_date=D(1950, 1, 1))
    api = world.api_client("county_office")
    body = api.get(
        "/api/v1/reports/runs/", {"template": "mz_elderly_census", "unit": "450521", "period": "2025"}
    ).json()
    assert [c["label"] for c in body["columns"]][:3] == [
        "总人口",
        "60岁及以上老年人数",
        "60岁及以上老年人数（男）",
    ]
    assert {(c["as_of"], c["badge"]) for c in body["columns"]} == {("today", "按当前登记数")}
    assert len(body["columns"]) == 14
    labels = "、".join(f"「{c['label']}」" for c in body["columns"])
    assert body["note"] == f"注：{labels}按当前登记数：{REGISTRY}。"
    page = (
        world.client("county_office")
        .get("/reports/templates/mz_elderly_census/run/", {"unit": "450521", "period": "2025"})
        .content.decode()
    )
    badge = f'<span class="badge" title="{REGISTRY}">按当前登记数</span>'
    assert page.count(badge) == 14 and page.count("按当前登记数</span>") == 14
    assert f"注：{labels}按当前登记数：{REGISTRY}。" in page
    # this year (2026) has not ended: no badge, no note
    page = (
        world.client("county_office")
        .get("/reports/templates/mz_elderly_census/run/", {"unit": "450521", "period": "2026"})
        .content.decode()
    )
    assert "按当前登记数" not in page


@pytest.mark.django_db
def test_a_key_group_column_keeps_its_own_words_on_the_page(world, today):
    _autumn()
    call_command("reports_load_forms", stdout=io.StringIO())
    page = (
        world.client("county_office")
        .get("/reports/templates/rs_key_groups/run/", {"unit": "450521", "period": "202611"})
        .content.decode()
    )
    assert page.count(f'<span class="badge" title="{NO_HISTORY}">按当前登记数</span>') == 3
    assert REGISTRY not in page


def test_the_openapi_schema_describes_the_as_of_flag_per_column():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    run = schema["components"]["schemas"]["ReportRun"]
    assert run["properties"]["columns"] == {
        "type": "array",
        "items": {"$ref": "#/components/schemas/ReportRunColumn"},
    }
    assert run["properties"]["note"]["type"] == "string"
    column = schema["components"]["schemas"]["ReportRunColumn"]["properties"]
    assert set(column) == {"key", "label", "element", "kind", "unit", "manual", "as_of", "badge"}
    assert column["as_of"]["allOf"] == [{"$ref": "#/components/schemas/AsOfEnum"}]
    assert column["as_of"]["description"].startswith(
        "What the column's figures are: reference_date — as of the period's"
    )
    assert schema["components"]["schemas"]["AsOfEnum"]["enum"] == ["reference_date", "today"]
