"""newuser19 #5: imported postings read "合浦县曲樟乡" (as the file wrote them) where seeded and form-typed ones read
"曲樟乡". One display rule (`Posting.place_label`, `places.place_label`) for the public jobs pages and the workbench:
inside the county, the names of the county, prefecture and province in front are left off."""

from __future__ import annotations

import pytest

from jianfu.employment import postings
from jianfu.employment.models import Posting
from jianfu.employment.places import place_label
from jianfu.employment.tests.test_postings import good, xlsx

pytestmark = pytest.mark.django_db
TOWN_CODE = "450521200000"


def test_the_rule(world):
    assert [place_label(text, TOWN_CODE) for text in (
        "曲樟乡", "合浦县曲樟乡", "北海市合浦县曲樟乡", "广西北海市合浦县曲樟乡曲木村", "广西壮族自治区北海市合浦县曲樟乡",
        "合浦县城", "合浦县", " 合浦县曲樟乡 ")] == [
        "曲樟乡", "曲樟乡", "曲樟乡", "曲樟乡曲木村", "曲樟乡", "合浦县城", "合浦县", "曲樟乡"]
    assert place_label("广东东莞", "") == "广东东莞"            # beyond the county: as written
    assert place_label("北海市区", "") == "北海市区"


def test_imported_and_typed_postings_read_the_same_on_every_page(world):
    result = postings.posting_import(actor=world.users["county_office"], filename="jobs.xlsx", file=xlsx([
        good(1, 工作地点="合浦县曲樟乡"), good(2, 工作地点="曲樟乡"), good(3, 工作地点="广东东莞")]))
    assert result.errors == []
    by_title = {p.title: p for p in Posting.objects.all()}
    assert [(by_title[f"分拣工{n}"].place_text, by_title[f"分拣工{n}"].place_label) for n in (1, 2, 3)] == [
        ("合浦县曲樟乡", "曲樟乡"), ("曲樟乡", "曲樟乡"), ("广东东莞", "广东东莞")]
    public = world.client(None).get("/employment/jobs/").content.decode()
    workbench = world.client("county_office").get("/employment/postings/").content.decode()
    first = by_title["分拣工1"]
    detail = world.client(None).get(f"/employment/jobs/{first.pk}/").content.decode()
    assert "合浦县曲樟乡" not in public + workbench + detail
    assert public.count(" · 曲樟乡 · ") == 2 and public.count(" · 广东东莞 · ") == 1
    assert workbench.count('<td data-label="地点">曲樟乡</td>') == 2
    assert "<tr><th>地点</th><td>曲樟乡</td></tr>" in detail
