"""mend23a: the event page names the catalogue by its title and version, never by its file's name."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from jianfu.dispatch import services
from jianfu.dispatch.models import CatalogueVersion

pytestmark = pytest.mark.django_db


def _matter(page: str) -> str:
    return re.search(r'<dd id="matter">(.*?)</dd>', page, flags=re.S).group(1)


def test_the_event_page_names_the_catalogue_by_its_title_not_its_file(world, catalogue):
    assert catalogue.name == "测试用小清单 test 版"
    event = services.event_report(actor=world.users["grid_a"], org_code="450521200206001", source="grid",
                                  text="曲木村两户村民为后山林地界线争吵，双方都有林权证", matter_code="LY-001")
    for user in ("county_office", "town_quzhang", "dept_forestry"):
        matter = _matter(world.client(user).get(f"/dispatch/events/{event.pk}/").content.decode())
        assert f'<span class="muted">测试用小清单 test 版 v{catalogue.number}</span>' in matter, (user, matter)
        assert ".yaml" not in matter and "mini_catalogue" not in matter


def test_the_shipped_catalogue_is_named_by_its_title_and_version(world):
    from jianfu.dispatch.catalogue import catalogue_load_yaml

    version = catalogue_load_yaml(actor=None, county_code="450521", effective_from=dt.date(2020, 1, 1))
    assert version.name == "县级网格事件职责清单（默认） 2026.3 版"


def test_a_file_without_a_title_is_named_plainly(world, tmp_path):
    from jianfu.dispatch.catalogue import catalogue_load_yaml
    from jianfu.dispatch.tests.conftest import MINI

    text = MINI.read_text(encoding="utf-8").replace("version: test\ntitle: 测试用小清单\n", "")
    assert "title:" not in text
    path = tmp_path / "county_own.yaml"
    path.write_text(text, encoding="utf-8")
    version = catalogue_load_yaml(actor=None, county_code="450521", path=path, effective_from=dt.date(2020, 1, 1))
    assert CatalogueVersion.objects.get(pk=version.pk).name == "职责清单"
