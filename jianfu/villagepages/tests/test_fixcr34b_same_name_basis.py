"""fixcr34b #6: an API item without `basis` keeps its current 依据 (fixcr33c), looked up by name — two items of the same
name both got the last one's. Each keeps its own now: the n-th item of a name takes the n-th current item of that name."""

from __future__ import annotations

import pytest

from jianfu.villagepages.models import ServiceItem, Status
from jianfu.villagepages.tests.factories import QUMU, list_in

pytestmark = pytest.mark.django_db
NAME = "开具证明"
FIRST, SECOND = "《中华人民共和国户口登记条例》第十六条", "《中华人民共和国民法典》第一千零四十五条"


def _item(place: str, **more) -> dict:
    return {"name": NAME, "place": place, "materials": "身份证", "time_limit": "3 个工作日", **more}


def _rows(draft):
    return list(ServiceItem.objects.filter(service_list=draft).order_by("position").values_list("name", "place", "basis"))


def test_two_items_of_one_name_keep_each_its_own_basis(world):
    draft = list_in(QUMU, status=Status.DRAFT, items=[_item("户籍窗口", basis=FIRST), _item("民政窗口", basis=SECOND)])
    answer = world.api_client("village_a").put(f"/api/v1/villages/drafts/{draft.pk}/", {"items": [
        _item("1 号户籍窗口"), _item("2 号民政窗口")]}, format="json")
    assert answer.status_code == 200, answer.content.decode()[:400]
    assert _rows(draft) == [(NAME, "1 号户籍窗口", FIRST), (NAME, "2 号民政窗口", SECOND)]


def test_a_basis_sent_for_the_first_still_leaves_the_second_its_own(world):
    draft = list_in(QUMU, status=Status.DRAFT, items=[_item("户籍窗口", basis=FIRST), _item("民政窗口", basis=SECOND)])
    answer = world.api_client("village_a").put(f"/api/v1/villages/drafts/{draft.pk}/", {"items": [
        _item("户籍窗口", basis=""), _item("民政窗口"), _item("综治中心")]}, format="json")
    assert answer.status_code == 200, answer.content.decode()[:400]
    assert _rows(draft) == [(NAME, "户籍窗口", ""), (NAME, "民政窗口", SECOND), (NAME, "综治中心", "")]
