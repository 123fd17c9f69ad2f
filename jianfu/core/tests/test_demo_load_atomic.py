"""verify17: the demo load is one transaction — a load interrupted after the first app leaves nothing, so the next
`demo_load --if-empty` loads everything instead of skipping for good on the half-loaded units."""

from __future__ import annotations

import importlib
from io import StringIO

import pytest
from django.core.management import call_command

from jianfu.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_interrupted_load_leaves_nothing_and_the_next_start_loads_again(monkeypatch):
    dispatch_demo = importlib.import_module("jianfu.dispatch.demo")

    def interrupted(**kwargs):
        raise KeyboardInterrupt   # Ctrl-C during the second app's part, after the units are in

    monkeypatch.setattr(dispatch_demo, "load", interrupted)
    with pytest.raises(KeyboardInterrupt):
        call_command("demo_load", "--if-empty", "--only", "orgs", "dispatch", stdout=StringIO())
    assert OrgUnit.objects.count() == 0

    monkeypatch.undo()
    out = StringIO()
    call_command("demo_load", "--if-empty", "--only", "orgs", stdout=out)
    assert "跳过" not in out.getvalue()
    assert OrgUnit.objects.count() > 0
    again = StringIO()
    call_command("demo_load", "--if-empty", stdout=again)
    assert again.getvalue() == "数据库已有数据，跳过演示数据加载。\n"
