"""mend34 #4: in the demo a report reached the handler's list only at the next 9:00 or 15:00 digest, and nothing said
how to see it sooner. `make directline-digest` (manage.py directline_digest_now) sends the digest now — in the demo
only: anywhere else it is refused and nothing is released."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from jianfu.directline.models import DigestRun, Report
from jianfu.directline.tests.factories import county_key_with_handler, submitted

pytestmark = pytest.mark.django_db


def _held():
    return list(Report.objects.order_by("pk").values_list("pk", "held", "pending_digest"))


@override_settings(JIANFU_DEMO_LOGIN_NOTE=False)
def test_refused_outside_the_demo_and_nothing_released(world):
    county_key_with_handler(world)
    report, _code = submitted(release=False)
    before = _held()
    with pytest.raises(CommandError, match="只能在演示环境"):
        call_command("directline_digest_now")
    assert _held() == before == [(report.pk, True, True)]
    assert DigestRun.objects.count() == 0


@override_settings(JIANFU_DEMO_LOGIN_NOTE=True)
def test_the_demo_releases_what_waits_now(world):
    county_key_with_handler(world)
    report, _code = submitted(release=False)
    out = io.StringIO()
    call_command("directline_digest_now", stdout=out)
    assert out.getvalue() == "已放行 1 条反映或补充，办理人刷新列表即可看到。\n"
    assert _held() == [(report.pk, False, False)]
    assert DigestRun.objects.get().count == 1
    client = world.client("county_office")
    assert f'href="/directline/{report.pk}/"' in client.get("/directline/").content.decode()
