"""mend21 #3: a department the dispatcher cannot choose (another county's, a stopped one, an invented code — a forged
form or API call) was refused as "找不到承办部门「450522000000D02」。", a raw code. It is named by its name (with its
county when it is another county's), else "该部门"; nothing changes."""

from __future__ import annotations

import pytest

from jianfu.core.errors import ApplicationError
from jianfu.core.models import AuditRecord
from jianfu.dispatch import services
from jianfu.dispatch.models import RoutingFeedback
from jianfu.dispatch.tests.factories import FORESTRY, event_in, snapshot
from jianfu.dispatch.workflow import Status
from jianfu.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db
ELSEWHERE = "450522000000D02"


@pytest.fixture
def elsewhere(world):
    OrgUnit.objects.create(code="450522000000", name="某县", kind="county", level=3, parent_code="450500000000")
    OrgUnit.objects.create(code=ELSEWHERE, name="林业局", kind="department", level=3, parent_code="450522000000")
    OrgUnit.objects.create(code="450521000000D05", name="水利局", kind="department", level=3, parent_code="450521000000",
                           is_active=False)   # this county's, stopped


@pytest.mark.parametrize(("code", "message"), [
    (ELSEWHERE, "「某县林业局」不是本县在用的承办部门，请从列表中选择。"),
    ("450521000000D05", "「水利局」不是本县在用的承办部门，请从列表中选择。"),
    ("<b>450521000000D99</b>", "该部门不是本县在用的承办部门，请从列表中选择。"),
])
def test_a_forged_department_is_named_not_shown_as_a_code_and_nothing_changes(world, elsewhere, code, message):
    event = event_in(world, status=Status.REPORTED)
    before = (snapshot(event), RoutingFeedback.objects.count(), AuditRecord.objects.count())
    with pytest.raises(ApplicationError) as refused:
        services.event_dispatch(actor=world.users["county_office"], event=event, department_code=code)
    assert (refused.value.code, refused.value.field, refused.value.message) == ("unknown_department", "department",
                                                                                message)
    assert (snapshot(event), RoutingFeedback.objects.count(), AuditRecord.objects.count()) == before


def test_a_transfer_to_another_county_s_department_names_it(world, elsewhere):
    event = event_in(world, status=Status.ACCEPTED, department=FORESTRY)
    before = snapshot(event)
    with pytest.raises(ApplicationError) as refused:
        services.event_transfer(actor=world.users["dept_forestry"], event=event, department_code=ELSEWHERE,
                                reason="不属于本部门职责")
    assert refused.value.message == "「某县林业局」不是本县在用的承办部门，请从列表中选择。"
    assert snapshot(event) == before
