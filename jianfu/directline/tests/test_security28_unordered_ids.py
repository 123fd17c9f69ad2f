"""security28 #3: report ids were counted up, so a handler who posted a probe report every few minutes (the public form
takes anyone's) read from the ids between two probes when each report arrived, to the minute — what the held release
and the date-only columns exist to hide. Ids of reports and attachments are now drawn at random."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from jianfu.directline import services
from jianfu.directline.models import Attachment, Report
from jianfu.directline.tests.factories import county_key_with_handler, submitted

pytestmark = pytest.mark.django_db


def _png(shade: int) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (16, 12), (shade, 30, 30)).save(out, format="PNG")
    return SimpleUploadedFile(f"p{shade}.png", out.getvalue(), content_type="image/png")


def test_report_ids_do_not_tell_the_order_of_arrival(world):
    """The attack: probe, target, probe — before the fix ids 1, 2, 3 (the target between the probes); now nine-digit
    ids in no order: of 12 reports in a row, the ids are neither increasing nor consecutive."""
    county_key_with_handler(world)
    ids = [submitted(f"第{i}次：乡里要求每周上报会议照片和签到表，给村里增加负担。")[0].pk for i in range(12)]
    assert len(set(ids)) == 12
    assert all(services.UNORDERED_IDS[0] <= pk < services.UNORDERED_IDS[1] for pk in ids)
    assert ids != sorted(ids)
    assert [b - a for a, b in zip(ids, ids[1:], strict=False)] != [1] * 11
    # the handler's list is in no arrival order either (received the same day: the id broke the tie)
    listed = list(Report.objects.order_by("-received_on", "-id").values_list("pk", flat=True))
    assert listed != ids[::-1]


def test_the_attachments_of_one_report_keep_their_order_but_not_the_reports(world):
    county_key_with_handler(world)
    first, _code = submitted(attachments=[_png(10), _png(20), _png(30)])
    second, _code = submitted("另一个反映：镇里要求每个村每天在群里打卡，排名通报。", attachments=[_png(40)])
    own = list(first.attachments.order_by("id").values_list("pk", flat=True))
    assert own == [own[0], own[0] + 1, own[0] + 2]
    assert Attachment.objects.count() == 4
    assert all(
        services.UNORDERED_IDS[0] <= pk < services.UNORDERED_IDS[1]
        for pk in Attachment.objects.values_list("pk", flat=True)
    )
    assert second.attachments.get().pk not in (own[-1] + 1,)


def test_a_taken_id_is_drawn_again(world, monkeypatch):
    county_key_with_handler(world)
    taken = submitted()[0].pk
    draws = iter([taken - services.UNORDERED_IDS[0], 5])
    monkeypatch.setattr(services.secrets, "randbelow", lambda _n: next(draws))
    assert services.unordered_ids(Report) == [services.UNORDERED_IDS[0] + 5]
