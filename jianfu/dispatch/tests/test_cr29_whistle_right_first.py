"""fix-cr29 #5: the 吹哨 form checked its one-time token before the right to blow: a user who may see the event but not
summon departments, posting without a token, was told 表单已失效 (400) instead of being refused (403). Who may blow is
now checked first; nothing is written either way."""

from __future__ import annotations

import pytest

from jianfu.core.errors import PermissionDeniedError
from jianfu.core.formtokens import token_new
from jianfu.dispatch import services
from jianfu.dispatch.tests.factories import HOUSING, event_in
from jianfu.dispatch.tests.test_token29_whistle import EXPIRED, _whistles

pytestmark = pytest.mark.django_db


def test_a_user_without_the_right_is_refused_before_the_token_is_read(world, catalogue):
    event = event_in(world, status="accepted")
    village = world.client("village_a")   # sees its grid's event, may not summon departments
    assert village.get(f"/dispatch/events/{event.pk}/").status_code == 200
    form = {"departments": [HOUSING], "reason": "需要住建部门联合处置", "checkin_hours": "24"}
    for token in ({}, {"form_token": "short"}, {"form_token": token_new()}):
        refused = village.post(f"/dispatch/events/{event.pk}/whistle/", {**form, **token})
        assert refused.status_code == 403
        assert EXPIRED not in refused.content.decode()
    with pytest.raises(PermissionDeniedError):
        services.whistle_blow_from_form(form_token="", actor=world.users["village_a"], event=event,
                                        department_codes=[HOUSING], reason="需要住建部门联合处置")
    assert _whistles() == (0, 0, 0)
    # one who may blow, without a token: still the expired form, nothing written
    town = world.client("town_quzhang")
    refused = town.post(f"/dispatch/events/{event.pk}/whistle/", form)
    assert refused.status_code == 400   # the page again, not a redirect (forms400b)
    assert EXPIRED in refused.content.decode()
    assert _whistles() == (0, 0, 0)
