from __future__ import annotations

import io
import re

import pytest

from jianfu.directline import demo, selectors
from jianfu.directline.models import Report
from jianfu.directline.workflow import Status


@pytest.mark.django_db
def test_demo_three_states_and_printed_codes_work(world, settings):
    settings.JIANFU_DIRECTLINE_SCRYPT_LOG_N = 8
    out = io.StringIO()
    demo.load(stdout=out)
    codes = re.findall(r"（(\S+)）：([0-9A-Z-]{29})", out.getvalue())
    assert [label for label, _c in codes] == ["待受理", "待反映人补充", "已办结"]
    states = [selectors.report_by_receipt(code=code)[0].status for _label, code in codes]
    assert states == [Status.NEW, Status.AWAITING_REPORTER, Status.CLOSED]
    assert Report.objects.count() == 15
    # every demo report is released to the handlers' list (the background ones were closed last quarter)
    assert Report.objects.filter(held=True).count() == 0
    demo.load(stdout=out)  # idempotent
    assert Report.objects.count() == 15
