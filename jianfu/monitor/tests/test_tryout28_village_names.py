"""tryout28 #9: a department's meeting ledger (GBK csv) naming the village it burdened "曲木村" was refused — "未知的
被要求的单位“曲木村”" — where the registered name is 曲木村委会 and the employment import reads the same words. A
village or community is found by its name without the committee; nothing else is guessed."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.errors import ApplicationError
from jianfu.core.formtokens import token_new
from jianfu.monitor import services
from jianfu.monitor.models import LedgerMeeting

pytestmark = pytest.mark.django_db
COUNTY = "450521000000"


def test_a_village_written_without_its_committee_is_found(world):
    unit = services.resolve_unit("曲木村", county_code=COUNTY, field="target", label="被要求的单位")
    assert (unit.code, unit.name) == ("450521200206", "曲木村委会")
    for text in (
        "曲木",
        "不存在村",
    ):  # a bare name, or one no village has: refused as before, nothing guessed
        with pytest.raises(ApplicationError, match="未知的被要求的单位"):
            services.resolve_unit(text, county_code=COUNTY, field="target", label="被要求的单位")


def test_the_gbk_meeting_ledger_naming_qumu_village_imports(world):
    data = (
        "日期*,名称*,被要求的单位,会议时长（分钟）*,视频会议\n2026-12-05,危房改造视频调度会,曲木村,30,是\n"
    ).encode("gbk")
    response = world.client("dept_housing").post(
        "/monitor/ledgers/meeting/import/", {"form_token": token_new(), "file": SimpleUploadedFile("会议.csv", data)}
    )
    assert response.status_code == 302
    assert list(LedgerMeeting.objects.values_list("title", "org_code")) == [
        ("危房改造视频调度会", "450521200206")
    ]
