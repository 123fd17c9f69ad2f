"""security17 #5: an edit form whose hidden version is not one (tampered, or cut) is refused as stale — and names no
one's changes: before, an unreadable version read as "since the beginning" and listed the record's last twenty changes
with their old values, authors and times."""

from __future__ import annotations

import pytest

from jianfu.core.models import AuditRecord
from jianfu.monitor import services
from jianfu.monitor.models import Notice

pytestmark = pytest.mark.django_db

REFUSAL = "该记录已被他人修改（在您打开表单之后），本次没有保存。您填写的内容已保留，请核对后再次保存。"


@pytest.mark.parametrize("version", ["not-a-version", "2026-13-45T99:00:00"])
def test_a_version_that_is_not_one_is_refused_without_anyones_history(world, version):
    office = world.users["county_office"]
    notice = services.notice_create(actor=office, data={"title": "原标题", "issuer": "合浦县减负办", "date": "2026-11-20"})
    url = f"/monitor/notices/{notice.pk}/edit/"
    client = world.client("county_office")
    form = client.get(url).context["form"]
    assert client.post(url, {**form, "title": "第二标题"}).status_code == 302
    saved = list(Notice.objects.values_list("title", "issuer", "updated_at"))
    audits = AuditRecord.objects.count()

    r = client.post(url, {**form, "version": version, "title": "第三标题"})
    assert r.status_code == 409
    assert r.context["error"].message == REFUSAL
    assert r.context["error"].details["changes"] == []
    assert "原标题" not in r.content.decode()
    assert list(Notice.objects.values_list("title", "issuer", "updated_at")) == saved
    assert AuditRecord.objects.count() == audits
