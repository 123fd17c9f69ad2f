"""Issue 11 items 1 and 13: 报送 saves first; a refused save keeps what was typed and marks only the
bad box; validation rules (range, part ≤ whole, % ≤ 100, jump → comment) on save and submit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jianfu.reports import services
from jianfu.reports.catalog import forms_load
from jianfu.reports.engine.validation import check_rules_definition, evaluate
from jianfu.reports.models import ManualValue, Submission, Template

MANUAL = {"dibao_new_households": "1", "dibao_exit_households": "0", "dibao_fund": "12500",
          "tekun_centralised": "0", "tekun_fund": "3000"}


# ------------------------------------------------------------------ the pure rules


def test_rules_evaluate_each_kind():
    rules = [{"kind": "range", "cell": "a", "min": 0, "max": 10}, {"kind": "le", "left": "b", "right": "c"},
             {"kind": "jump", "cell": "d", "pct": 50}]
    labels = {"a": "甲", "b": "乙", "c": "丙", "d": "丁", "p": "率"}
    found = evaluate(rules=rules, values={"a": 11, "b": 5, "c": 4, "d": 16, "p": 100.5}, labels=labels,
                     percent_cells=["p"], previous={"d": 10})
    assert [(v.rule, v.needs_comment) for v in found] == [
        ("pct:p", False), ("range:a", False), ("le:b:c", False), ("jump:d", True)]
    assert found[1].message == "「甲」为 11，超过上限 10。"
    assert found[2].message == "「乙」（5）不能大于「丙」（4）。"
    assert found[3].message == "「丁」由上期 10 变为 16，变化超过 50%，请说明原因。"
    # within bounds, no previous period, empty cells: nothing to say
    assert evaluate(rules=rules, values={"a": 10, "b": 4, "c": 4, "d": 15, "p": 100}, labels=labels,
                    percent_cells=["p"], previous={"d": 10}) == []
    assert evaluate(rules=rules, values={"a": None, "d": 99}, labels=labels, previous=None) == []


def test_rules_definition_problems():
    keys = {"a", "b"}
    assert check_rules_definition([{"kind": "range", "cell": "a", "max": 3}], keys) == []
    assert check_rules_definition([{"kind": "le", "left": "a", "right": "z"}], keys) == [
        "rules[0].right：本表没有单元格 'z'"]
    assert check_rules_definition([{"kind": "range", "cell": "a", "min": 5, "max": 1}], keys) == [
        "rules[0]：min 大于 max"]
    assert check_rules_definition([{"kind": "jump", "cell": "a", "pct": 0}], keys) == [
        "rules[0].pct：应为正数（百分比）"]
    assert check_rules_definition([{"kind": "sum"}], keys) == ["rules[0]：kind 应为 range、le、jump 之一"]


@given(st.floats(0, 1e6), st.floats(0, 1e6))
def test_le_rule_flags_exactly_when_part_exceeds_whole(part, whole):
    found = evaluate(rules=[{"kind": "le", "left": "p", "right": "w"}], values={"p": part, "w": whole}, labels={})
    assert bool(found) == (part > whole)


# ------------------------------------------------------------------ the village's form


@pytest.fixture
def sub(world, db):
    forms_load(actor=None)
    tpl = Template.objects.get(code="mz_dibao_tekun")
    return services.submission_generate(actor=world.users["village_a"], template=tpl, org_code=world.village_a.code,
                                        period="202506")


def _post(prefix: str, values: dict) -> dict:
    return {f"{prefix}{k}": v for k, v in values.items()}


def test_submit_saves_what_was_typed_first(world, sub):
    c = world.client("village_a")
    r = c.post(f"/reports/submissions/{sub.pk}/submit/", _post("cell_", MANUAL))
    assert r.status_code == 302
    sub.refresh_from_db()
    assert sub.status == "submitted"
    assert sub.values["dibao_fund"] == 12500.0
    assert ManualValue.objects.filter(org_code=world.village_a.code, period="202506").count() == 5


def test_one_bad_value_keeps_every_typed_box_and_marks_only_it(world, sub):
    c = world.client("village_a")
    typed = {**MANUAL, "dibao_fund": "0.5万"}
    r = c.post(f"/reports/submissions/{sub.pk}/submit/", _post("cell_", typed))
    assert r.status_code == 400
    html = r.content.decode()
    for key, value in typed.items():
        assert f'name="cell_{key}" value="{value}"' in html
    assert html.count('aria-invalid="true"') == 1
    assert 'id="cell-dibao_fund" name="cell_dibao_fund" value="0.5万" inputmode="decimal" size="10" ' \
           'aria-invalid="true"' in html
    assert "「低保金发放金额」应为数字，而不是“0.5万”。" in html
    # nothing was saved and the report was not submitted
    sub.refresh_from_db()
    assert sub.status == "generated"
    assert ManualValue.objects.filter(org_code=world.village_a.code).count() == 0


def test_rules_block_submit_and_a_jump_needs_a_comment(world, sub):
    village = world.users["village_a"]
    # an out-of-range value is saved (the village may come back to it) but cannot be submitted
    sub = services.submission_fill(actor=village, submission=sub, values={**MANUAL, "dibao_new_households": "60"})
    assert [c["rule"] for c in sub.checks] == ["range:dibao_new_households"]
    with pytest.raises(services.ApplicationError, match="超过上限 50"):
        services.submission_submit(actor=village, submission=sub)
    assert Submission.objects.get(pk=sub.pk).status == "generated"
    sub = services.submission_fill(actor=village, submission=sub, values={"dibao_new_households": "2"})
    sub = services.submission_submit(actor=village, submission=sub)
    services.submission_approve(actor=world.users["town_quzhang"], submission=sub)

    # next month the fund jumps from 12500 to 30000 (+140 %): a comment is required
    nxt = services.submission_generate(actor=village, template=sub.template, org_code=sub.org_code, period="202507")
    nxt = services.submission_fill(actor=village, submission=nxt, values={**MANUAL, "dibao_fund": "30000"})
    assert [(c["rule"], c["needs_comment"], c["comment"]) for c in nxt.checks] == [("jump:dibao_fund", True, "")]
    with pytest.raises(services.ApplicationError, match="请先填写说明再报送"):
        services.submission_submit(actor=village, submission=nxt)
    assert Submission.objects.get(pk=nxt.pk).status == "generated"
    c = world.client("village_a")
    r = c.post(f"/reports/submissions/{nxt.pk}/submit/", {"comment_jump:dibao_fund": "新增 3 户纳入低保"})
    assert r.status_code == 302
    nxt.refresh_from_db()
    assert nxt.status == "submitted"
    assert nxt.checks[0]["comment"] == "新增 3 户纳入低保"
    # the township sees the rule and the village's answer before approving
    page = world.client("town_quzhang").get(f"/reports/submissions/{nxt.pk}/").content.decode()
    assert "由上期 12500 变为 30000" in page and "新增 3 户纳入低保" in page


# ------------------------------------------------------------------ the form designer (no YAML)


def test_designer_rows_round_trip_the_yaml_definition(world, db):
    import yaml

    from jianfu.reports.engine.designer import definition_from_rows, rows_from_definition

    forms_load(actor=None)
    original = Template.objects.get(code="mz_dibao_tekun").definition
    rebuilt = definition_from_rows(*rows_from_definition(original))
    assert rebuilt["cells"] == [c if isinstance(c, dict) else {"element": c} for c in original["cells"]]
    assert rebuilt["rules"] == original["rules"]
    assert {k: rebuilt[k] for k in ("code", "name", "period_type", "due_days")} == {
        k: original[k] for k in ("code", "name", "period_type", "due_days")}
    # and the YAML export of a designed template is the same definition
    page = world.client("county_office").get("/reports/templates/mz_dibao_tekun/?format=yaml")
    assert yaml.safe_load(page.content.decode())["template"] == original


def test_designer_saves_a_template_and_keeps_rows_on_error(world, db):
    forms_load(actor=None)
    c = world.client("county_office")
    post = {"action": "save", "code": "cun_roads", "name": "村道巡查月报", "department": "jiaotong",
            "department_name": "县交通运输局", "period_type": "monthly", "due_days": "5",
            "cell_element": ["dibao_households", "dibao_persons", ""], "cell_label": ["", "其中：女性", ""],
            "cell_by": ["", "gender=F", ""], "cell_address": ["", "", ""],
            "rule_kind": ["le", ""], "rule_cell": ["dibao_persons__gender_F", ""],
            "rule_right": ["dibao_households", ""], "rule_min": ["", ""], "rule_max": ["", ""], "rule_pct": ["", ""]}
    bad = {**post, "rule_right": ["no_such_cell", ""]}
    r = c.post("/reports/designer/", bad)
    assert r.status_code == 400
    html = r.content.decode()
    assert "本表没有单元格 &#x27;no_such_cell&#x27;" in html
    assert 'value="村道巡查月报"' in html and 'value="gender=F"' in html  # nothing typed is lost
    assert not Template.objects.filter(code="cun_roads").exists()
    r = c.post("/reports/designer/", post)
    assert r.status_code == 302 and r["Location"] == "/reports/templates/cun_roads/"
    tpl = Template.objects.get(code="cun_roads")
    assert tpl.definition["cells"] == [{"element": "dibao_households"},
                                       {"element": "dibao_persons", "by": {"gender": "F"}, "label": "其中：女性"}]
    assert tpl.definition["rules"] == [{"kind": "le", "left": "dibao_persons__gender_F", "right": "dibao_households"}]
    assert tpl.source == "web" and tpl.due_days == 5
