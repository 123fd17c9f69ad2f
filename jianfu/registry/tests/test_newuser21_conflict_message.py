"""newuser21 #13: after 保留登记值 / 采用台账值 on /registry/conflicts/ the page said only "已处理。", not which value the
person now has. The message names the person, the field and the value kept (as the list showed them)."""

from __future__ import annotations

import pytest

from jianfu.registry import services
from jianfu.registry.models import MergeConflict

pytestmark = pytest.mark.django_db


def _conflict(world):
    person = services.person_create(actor=world.users["admin"], org_code=world.village_a.code,
                                    data={"name": "张三", "education": "junior"})
    return person, MergeConflict.objects.create(org_code=world.village_a.code, person=person, field="education",
                                                current_value="junior", incoming_value="senior")


@pytest.mark.parametrize(("take", "message", "education"), [
    ("current", "已保留张三的“文化程度”登记值“初中”，未采用台账值“高中/中专”。", "junior"),
    ("incoming", "已将张三的“文化程度”改为台账值“高中/中专”（原登记值“初中”）。", "senior")])
def test_the_message_says_which_value_was_kept(world, take, message, education):
    person, conflict = _conflict(world)
    response = world.client("village_a").post(f"/registry/conflicts/{conflict.pk}/resolve/", {"take": take},
                                              follow=True)
    assert [str(m) for m in response.context["messages"]] == [message]
    person.refresh_from_db()
    conflict.refresh_from_db()
    assert (person.education, conflict.status) == (education, "replaced" if take == "incoming" else "kept")


def test_an_empty_registered_value_is_named_empty(world):
    person, conflict = _conflict(world)
    MergeConflict.objects.filter(pk=conflict.pk).update(current_value="")
    response = world.client("village_a").post(f"/registry/conflicts/{conflict.pk}/resolve/", {"take": "current"},
                                              follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "已保留张三的“文化程度”登记值“空”，未采用台账值“高中/中专”。"]
    person.refresh_from_db()
    assert person.education == "junior"
