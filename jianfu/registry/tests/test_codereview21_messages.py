"""Code review 21: resolving a merge conflict flashes the person's name and values ("已将张三的“文化程度”改为…"), and
Django's default message store kept it in a `messages` cookie — signed, not encrypted. Messages now live in the session
(MESSAGE_STORAGE): the response sets no such cookie and the next page still shows the message."""

from __future__ import annotations

import pytest

from jianfu.registry import services
from jianfu.registry.models import MergeConflict

pytestmark = pytest.mark.django_db


def test_a_conflict_s_message_is_kept_in_the_session_not_a_cookie(world):
    person = services.person_create(actor=world.users["admin"], org_code=world.village_a.code,
                                    data={"name": "张三", "education": "junior"})
    conflict = MergeConflict.objects.create(org_code=world.village_a.code, person=person, field="education",
                                            current_value="junior", incoming_value="senior")
    client = world.client("village_a")
    response = client.post(f"/registry/conflicts/{conflict.pk}/resolve/", {"take": "incoming"})
    assert (response.status_code, response["Location"]) == (302, "/registry/conflicts/")
    assert "messages" not in response.cookies
    assert "messages" not in client.cookies
    page = client.get("/registry/conflicts/")
    assert [str(m) for m in page.context["messages"]] == ["已将张三的“文化程度”改为台账值“高中/中专”（原登记值“初中”）。"]
    assert "messages" not in page.cookies
