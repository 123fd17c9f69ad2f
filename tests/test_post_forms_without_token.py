"""fix-token29: every POST form either carries the one-time form_token or is on the allow-list of
scripts/post_forms_without_token.py with its reason — a new create form without a token fails here. And the
allow-list's reasons marked † are checked: the form posted twice writes one record (the event page's are checked in
jianfu/dispatch/tests/test_token29_whistle.py, 新增部门 in jianfu/orgs/tests/test_token29_grid_form.py)."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from jianfu.accounts.models import User
from jianfu.monitor.models import Rule
from jianfu.registry.models import AttributeDefinition
from jianfu.reports.models import Template

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "post_forms_without_token.py"


def _script():
    spec = importlib.util.spec_from_file_location("post_forms_without_token", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_script_prints_nothing(capsys):
    """No POST form without the token outside the allow-list, and no allow-list entry without its form."""
    script = _script()
    assert script.main() == 0
    assert capsys.readouterr().out == ""
    assert script.report() == []


def test_the_script_names_a_create_form_without_a_token(tmp_path):
    """The check itself: a form posting without a token, not on the allow-list, is printed with its line."""
    script = _script()
    page = tmp_path / "jianfu" / "demo" / "templates" / "demo" / "new.html"
    page.parent.mkdir(parents=True)
    page.write_text('<p>\n<form method="post" action="{% url \'demo:create\' %}">{% csrf_token %}</form>\n'
                    '<form method="post">{% csrf_token %}{% include "includes/form_token.html" %}</form>\n'
                    '<form method="get"></form>\n', encoding="utf-8")
    lines = script.report(tmp_path)
    assert lines[0] == "jianfu/demo/templates/demo/new.html:2: demo:create"
    # every real allow-list entry is stale in this tree
    assert len(lines) == 1 + len(script.ALLOWED)
    assert all(line.startswith("stale allow-list entry: ") for line in lines[1:])


def test_every_allowed_form_has_a_reason():
    assert all(len(reason) >= 10 for reason in _script().ALLOWED.values())


@pytest.mark.django_db
def test_the_create_forms_left_without_a_token_refuse_their_second_post(world):
    """†: 新建用户 (the username), 新增本地规则 (the code), 自定义属性 (the key), 报表模板 (saved by its code)."""
    admin, office = world.client("admin"), world.client("county_office")
    user = {"username": "new_grid_9", "role": "village", "org_code": "450521200206", "password": "a-long-password-1",
            "display_name": ""}
    rule = {"code": "L-PLAQUE", "name": "本地牌子标准", "check": "plaques_outside_max", "threshold": "4",
            "citation": "某省村级组织挂牌规范（4+4）", "severity": "medium"}
    attribute = {"key": "crop", "label": "主要作物", "type": "choice", "choices": "水稻、甘蔗", "applies_to": "person",
                 "county": "450521"}
    call_command("reports_load_forms", stdout=io.StringIO())   # the data elements a template names
    template = {"action": "save", "definition": "code: t_twice\nname: 测试表\ndepartment: zhujian\n"
                "department_name: 住建局\nperiod_type: monthly\ncells: [{element: key_group_people}]\n"}
    for _ in range(2):
        admin.post("/accounts/users/new/", user)
        office.post("/monitor/rules/new/", rule)
        office.post("/registry/attributes/", attribute)
        office.post("/reports/templates/new/", template)
    assert User.objects.filter(username="new_grid_9").count() == 1
    assert Rule.objects.filter(code="L-PLAQUE").count() == 1
    assert AttributeDefinition.objects.filter(key="crop").count() == 1
    assert Template.objects.filter(code="t_twice").count() == 1
