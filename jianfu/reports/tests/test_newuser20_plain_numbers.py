"""newuser20 #9: a manual cell took "1e3" and saved 1000 人次 (Decimal reads exponent notation). Figures are typed plainly:
1e3, inf, nan (and the like) are refused with a Chinese message, as -5 and 3.5 are, and nothing is saved."""

from __future__ import annotations

import pytest
from django.utils import timezone

from jianfu.core.errors import ApplicationError
from jianfu.core.models import AuditRecord
from jianfu.reports import services
from jianfu.reports.catalog import forms_load
from jianfu.reports.engine import latest_closed_period
from jianfu.reports.models import ManualValue, Submission, Template

pytestmark = pytest.mark.django_db
LABEL = "本期新增低保户数"


@pytest.mark.parametrize(("typed", "message"), [
    ("1e3", f"「{LABEL}」请直接写出数字（如 1000），不能用“1e3”这样的写法。"),
    ("2.5E+2", f"「{LABEL}」请直接写出数字（如 1000），不能用“2.5E+2”这样的写法。"),
    ("inf", f"「{LABEL}」应为数字，而不是“inf”。"),
    ("-Infinity", f"「{LABEL}」应为数字，而不是“-Infinity”。"),
    ("nan", f"「{LABEL}」应为数字，而不是“nan”。"),
    ("1_000", f"「{LABEL}」应为数字，而不是“1_000”。"),
    ("-5", f"「{LABEL}」不能为负数或非数字。"),
    ("3.5", f"「{LABEL}」应为整数。"),
])
def test_a_figure_not_typed_plainly_is_refused_and_nothing_is_saved(world, typed, message):
    forms_load(actor=None)
    village = world.users["village_a"]
    sub = services.submission_generate(actor=village, template=Template.objects.get(code="mz_dibao_tekun"),
                                       org_code="450521200206",
                                       period=latest_closed_period("monthly", timezone.localdate()).id)
    before = (Submission.objects.get(pk=sub.pk).values, ManualValue.objects.count(), AuditRecord.objects.count())
    with pytest.raises(ApplicationError) as refused:
        services.submission_fill(actor=village, submission=sub, values={"dibao_new_households": typed})
    assert refused.value.details["fields"] == {"dibao_new_households": message}
    assert (Submission.objects.get(pk=sub.pk).values, ManualValue.objects.count(),
            AuditRecord.objects.count()) == before


def test_plain_figures_still_read():
    assert [services._parse_number(raw, LABEL, "integer") for raw in ("1,200", "+3", "0", " 12 ")] == [1200, 3, 0, 12]
    assert services._parse_number("12500.5", LABEL, "number") == 12500.5
