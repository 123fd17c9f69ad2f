"""newuser21 #8 and #13 on the dispatch pages: an event's 事项 reads by its name (the code, CG-009, only for the dispatch
centre, which picks matters by it); a bad progress link says what to do; the catalogue's card puts its title first and
the version in force is a thumb's link."""

from __future__ import annotations

import re

import pytest

from jianfu.dispatch import services
from jianfu.dispatch.models import Event

pytestmark = pytest.mark.django_db


def _matter(page: str) -> str:
    return re.search(r'<dd id="matter">(.*?)</dd>', page, flags=re.S).group(1)


def test_the_matter_is_named_and_only_the_dispatcher_reads_its_code(world, catalogue):
    event = services.event_report(actor=world.users["grid_a"], org_code="450521200206001", source="grid",
                                  text="曲木村两户村民为后山林地界线争吵，双方都有林权证", matter_code="LY-001")
    seen = {user: _matter(world.client(user).get(f"/dispatch/events/{event.pk}/").content.decode())
            for user in ("grid_a", "town_quzhang", "dept_forestry", "county_office")}
    for user in ("grid_a", "town_quzhang", "dept_forestry"):
        assert seen[user].startswith("林木林地权属争议调处（基层职责："), (user, seen[user])
        assert "LY-001" not in seen[user]
    assert seen["county_office"].startswith("LY-001 林木林地权属争议调处（基层职责：")


def test_a_bad_progress_link_says_what_to_do(world):
    before = Event.objects.count()
    response = world.client(None).get("/dispatch/public/track/notatoken123/")
    assert response.status_code == 404
    assert ("<p>办理进度链接无效或不完整：请核对链接是否与提交反映后保存的完全一致。也可以在“查询办理进度”中输入受理编号和"
            "提交时留下的手机号码；没有留手机号码的，输入提交后办理进度页上显示的 8 位查询码。</p>") in response.content.decode()
    assert '<a href="/dispatch/public/lookup/">查询办理进度</a>' in response.content.decode()
    assert Event.objects.count() == before


def test_the_catalogue_card_puts_its_title_before_its_version(world, catalogue):
    page = world.client("county_office").get("/dispatch/catalogue/").content.decode()
    assert (f'<tr><td class="card-title"><a href="/dispatch/catalogue/{catalogue.pk}/">{catalogue.name}</a></td>'
            f'<td data-label="版本">v{catalogue.number}</td>') in page
    assert f'当前生效：<a class="tap" href="/dispatch/catalogue/{catalogue.pk}/">' in page
    assert '<thead><tr><th>名称</th><th>版本</th><th>状态</th>' in page
