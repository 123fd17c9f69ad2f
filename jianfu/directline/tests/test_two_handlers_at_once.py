"""badinput32: two handlers (or one handler's two tabs) take the same report at once, each from a page loaded while it
was 待受理. The first 受理 moves it; the second is refused in Chinese with nothing written — no second status change,
no second audit record, no message — because the move is one conditional UPDATE from the status the page showed."""

from __future__ import annotations

import pytest

from jianfu.core.errors import ConflictError
from jianfu.core.models import AuditRecord
from jianfu.directline import services
from jianfu.directline.models import Message, Report
from jianfu.directline.tests.factories import county_key_with_handler, submitted


@pytest.mark.django_db
def test_the_second_of_two_accepts_of_one_report_is_refused_and_changes_nothing(world):
    _key, private = county_key_with_handler(world)
    office = world.users["county_office"]
    report, _code = submitted()
    first_tab, second_tab = Report.objects.get(pk=report.pk), Report.objects.get(pk=report.pk)
    services.report_accept(actor=office, report=first_tab, private=private)
    after_first = Report.objects.filter(pk=report.pk).values().get()
    audits = AuditRecord.objects.filter(action__startswith="directline.").count()
    messages = Message.objects.count()

    with pytest.raises(ConflictError) as refused:
        services.report_accept(actor=office, report=second_tab, private=private)
    assert refused.value.message == "该反映刚被他人处理过，请刷新后再试。"
    assert Report.objects.filter(pk=report.pk).values().get() == after_first
    assert after_first["status"] == "in_review"   # 核查中
    assert AuditRecord.objects.filter(action__startswith="directline.").count() == audits
    assert Message.objects.count() == messages
