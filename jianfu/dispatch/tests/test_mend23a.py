"""mend23a: the event page names the catalogue by its title and version, never by its file's name."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from jianfu.dispatch import services
from jianfu.dispatch.models import CatalogueVersion

pytestmark = pytest.mark.django_db


def _matter(page: str) -> str:
    """The 事项 line and, since dmend32 #4, the catalogue's own line after it."""
    return re.search(r'<dd id="matter">(.*?)</dd>\s*<dt>职责清单</dt><dd id="catalogue" class="muted">(.*?)</dd>', page,
                     flags=re.S).group(0)


def test_the_event_page_names_the_catalogue_by_its_title_not_its_file(world, catalogue):
    assert catalogue.name == "测试用小清单 test 版"
    event = services.event_report(actor=world.users["grid_a"], org_code="450521200206001", source="grid",
                                  text="曲木村两户村民为后山林地界线争吵，双方都有林权证", matter_code="LY-001")
    for user in ("county_office", "town_quzhang", "dept_forestry"):
        matter = _matter(world.client(user).get(f"/dispatch/events/{event.pk}/").content.decode())
        # newuser24 #3: the version once ("test 版", not "test 版 v1")
        assert catalogue.number == 1
        assert '<dd id="catalogue" class="muted">测试用小清单 test 版</dd>' in matter, (user, matter)
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


@pytest.mark.parametrize(("meta", "message"), [
    ("version: 2026.10\ntitle: 测试用小清单\n",
     'version 请加引号书写（如 version: "2026.10"），否则 YAML 会把它读成数字、丢掉末尾的 0'),
    ("version: test\ntitle: " + "清" * 121 + "\n", "title 过长（121 个字符，最多 120 个）"),
])
def test_a_version_read_as_a_number_or_a_title_too_long_is_refused_and_nothing_is_loaded(world, tmp_path, meta,
                                                                                          message):
    # codereview23 #12: 2026.10 was shown "2026.1 版"; a title past the 200-character name column was a 500 on PG
    from jianfu.core.errors import ApplicationError
    from jianfu.dispatch.catalogue import catalogue_load_yaml
    from jianfu.dispatch.tests.conftest import MINI

    path = tmp_path / "county_own.yaml"
    path.write_text(MINI.read_text(encoding="utf-8").replace("version: test\ntitle: 测试用小清单\n", meta),
                    encoding="utf-8")
    before = CatalogueVersion.objects.count()
    with pytest.raises(ApplicationError) as refused:
        catalogue_load_yaml(actor=None, county_code="450521", path=path, effective_from=dt.date(2020, 1, 1))
    assert str(refused.value.message) == f"职责清单的 {message}"
    assert CatalogueVersion.objects.count() == before


def test_a_thumbnail_made_on_request_sweeps_its_folders_stale_parts(world, monkeypatch):
    """#4 through the page: a photo stored before thumbnails; its folder holds a killed write's 2-hour-old temporary
    file and a fresh one; the thumbnail's first request makes it and removes only the old one."""
    import os
    import time
    from pathlib import Path

    from jianfu.core import thumbnails
    from jianfu.core.testing.thumbnails import noise_jpeg
    from jianfu.dispatch.tests.factories import event_in
    from jianfu.dispatch.tests.test_photo21_thumbnails import leftovers, old_photo, thumb_url
    from jianfu.dispatch.workflow import Status

    monkeypatch.setattr(thumbnails, "_swept", {})   # as in a fresh process: no sweep of this folder in the last minute
    photo = old_photo(event_in(world, status=Status.ACCEPTED), noise_jpeg())
    folder = Path(photo.image.path).parent
    for name, age in ((".thumb-killed.part", 7200), (".thumb-writing.part", 2)):
        (folder / name).write_bytes(b"half")
        os.utime(folder / name, (time.time() - age, time.time() - age))
    assert world.client("grid_a").get(thumb_url(photo)).status_code == 200
    assert leftovers(photo) == [".thumb-writing.part"]


def test_a_burst_of_lookups_is_counted_whole(settings, public_hour, monkeypatch):
    """#5: eight look-ups from one address at once, each thread made to pause right after reading the counter (the
    worst interleaving; a get then a set let all eight read 0 and pass): 5 answered, 3 refused, the counter at 8."""
    import threading

    from django.core.cache import cache
    from django.http import HttpResponse
    from django.test import RequestFactory

    from jianfu.dispatch import cases, views

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "mend23a-lookup-burst"}}
    cache.clear()
    settings.JIANFU_CASE_LOOKUP_PER_HOUR = 5
    burst = 8
    barrier = threading.Barrier(burst, timeout=20)

    paused = threading.local()

    class Pausing:
        """The cache, with every thread waiting for the others after its first reservation of the counter."""

        def __getattr__(self, name):
            return getattr(cache, name)

        def add(self, *args, **kwargs):
            value = cache.add(*args, **kwargs)
            if not getattr(paused, "done", False):
                paused.done = True
                barrier.wait()
            return value

    monkeypatch.setattr(views, "cache", Pausing())
    monkeypatch.setattr(cases, "case_lookup", lambda **kwargs: None)          # no database in the threads
    monkeypatch.setattr(views, "render", lambda request, template, context, status: HttpResponse(status=status))
    statuses: list[int] = []

    def look_up():
        request = RequestFactory().post("/dispatch/public/lookup/", {"number": "HP0000000000", "phone": "13800000000"},
                                        REMOTE_ADDR="203.0.113.9")
        statuses.append(views.public_lookup(request).status_code)

    threads = [threading.Thread(target=look_up) for _ in range(burst)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(statuses) == [404] * 5 + [429] * 3
    hour = int(public_hour[0]) // views.PUBLIC_RATE_WINDOW
    # every look-up was counted before any was answered, and the three over the limit gave theirs back (fix-sec23b)
    assert cache.get(f"dispatch:public_lookups:203.0.113.9:{hour}") == 5
    cache.clear()


def test_versions_named_after_their_file_before_are_renamed(world, catalogue):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("jianfu.dispatch.migrations.0011_catalogue_name_no_file")
    CatalogueVersion.objects.filter(pk=catalogue.pk).update(name="职责清单（mini_catalogue.yaml）")
    kept = CatalogueVersion.objects.create(org_code="450521", number=99, name="职责清单（2026 年版）")
    migration.rename(apps, None)
    assert CatalogueVersion.objects.get(pk=catalogue.pk).name == "职责清单"
    assert CatalogueVersion.objects.get(pk=kept.pk).name == "职责清单（2026 年版）"


@pytest.mark.parametrize(("name", "number", "shown"), [
    ("县级网格事件职责清单（默认） 2026.3 版", 1, "县级网格事件职责清单（默认） 2026.3 版"),
    ("县级网格事件职责清单（默认） 2026.3 版", 3, "县级网格事件职责清单（默认） 2026.3 版（修订2）"),
    ("职责清单", 2, "职责清单（第2版）"),
])
def test_a_catalogue_version_says_its_version_once(name, number, shown):
    assert str(CatalogueVersion(name=name, number=number)) == shown
