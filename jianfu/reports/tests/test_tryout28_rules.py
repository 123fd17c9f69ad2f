"""tryout28 #8: 璋嘉村 sent 安全生产隐患排查和自然灾害情况月报表 with 紧急转移安置人口 19 and 受灾人口 12, and the township
was offered 审核通过 with no check. The evacuated are counted within the affected (自然灾害情况统计调查制度), as
整改 within 排查 already was: the form's rule now says so, and the report cannot be sent until it is right."""

from __future__ import annotations

import pytest

from jianfu.reports import services
from jianfu.reports.catalog import forms_load
from jianfu.reports.models import Submission, Template

pytestmark = pytest.mark.django_db
FILLED = {
    "hazards_found": "18",
    "hazards_fixed": "17",
    "drills": "3",
    "drill_participants": "10",
    "rescue_team_members": "2",
    "disaster_affected": "12",
    "evacuated": "19",
    "disaster_loss": "2.65",
}


def test_more_evacuated_than_affected_is_refused_and_nothing_is_sent(world):
    forms_load(actor=None)
    village = world.users["village_a"]
    sub = services.submission_generate(
        actor=village,
        template=Template.objects.get(code="yj_emergency"),
        org_code=world.village_a.code,
        period="202611",
    )
    sub = services.submission_fill(actor=village, submission=sub, values=FILLED)
    assert [c["rule"] for c in sub.checks] == ["le:evacuated:disaster_affected"]
    page = world.client("village_a").get(f"/reports/submissions/{sub.pk}/").content.decode()
    assert "「紧急转移安置人口」（19）不能大于「受灾人口」（12）" in page
    with pytest.raises(services.ApplicationError):
        services.submission_submit(actor=village, submission=sub)
    assert Submission.objects.get(pk=sub.pk).status == "generated"

    sub = services.submission_fill(actor=village, submission=sub, values={"evacuated": "12"})
    assert sub.checks == []
    sub = services.submission_submit(actor=village, submission=sub)
    assert Submission.objects.get(pk=sub.pk).status == "submitted"
