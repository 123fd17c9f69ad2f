"""fix30b #3: the monitor's 从 Excel 导入 (`monitor:ledger_import`) posted without a one-time token. Its rows already in
the ledger are skipped, so a second post of the same file (a double tap, back then 导入) wrote no second row — but it
audited a second import and said "已导入 0 行。跳过重复 2 行", as if the first had failed. It now carries the form token
(the fix-token29 way): the repeat is answered "该表单已提交过，没有重复导入（已导入 2 行）。", nothing imported or audited
again; a post without a token, or the token with another file, or from another account, is an expired form that says
the file is to be chosen again; nothing stored."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.formtokens import FORM_EXPIRED, FORM_EXPIRED_FILE
from jianfu.core.models import AuditRecord
from jianfu.monitor.models import LedgerMeeting, LedgerUpload

pytestmark = pytest.mark.django_db
URL = "/monitor/ledgers/meeting/import/"
MEETINGS = ("日期*,名称*,提出要求的单位,会议时长（分钟）*,层层陪会\n"
            "2025-03-01,防汛会议,林业局,90,否\n"
            "2025-03-02,森林防火会议,林业局,120,是\n")
TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


def _counts() -> tuple[int, int, int]:
    return (LedgerMeeting.objects.count(), LedgerUpload.objects.count(),
            AuditRecord.objects.filter(action="monitor.meeting.import").count())


def _csv(text: str = MEETINGS) -> SimpleUploadedFile:
    return SimpleUploadedFile("会议.csv", text.encode("gbk"))


def test_the_same_form_posted_twice_imports_once(world):
    client = world.client("dept_forestry")
    token = TOKEN.search(client.get(URL).content.decode()).group(1)
    first, again = (client.post(URL, {"form_token": token, "file": _csv()}, follow=True) for _ in range(2))
    assert [str(m) for m in first.context["messages"]] == ["已导入 2 行。"]
    assert [str(m) for m in again.context["messages"]] == ["该表单已提交过，没有重复导入（已导入 2 行）。"]
    assert _counts() == (2, 1, 1)
    upload = LedgerUpload.objects.get()
    assert (upload.kind, upload.source, upload.imported, upload.skipped, upload.created_by.username) == (
        "meeting", "会议.csv", 2, 0, "dept_forestry")


@pytest.mark.parametrize("case", ["no token", "another file", "another account"])
def test_a_post_that_is_no_repeat_of_its_form_is_refused_as_expired(world, case):
    client = world.client("dept_forestry")
    token = TOKEN.search(client.get(URL).content.decode()).group(1)
    client.post(URL, {"form_token": token, "file": _csv()})
    before = _counts()
    poster = world.client("county_office") if case == "another account" else client
    body = {"file": _csv(MEETINGS.replace("防汛", "抗旱") if case == "another file" else MEETINGS)}
    refused = poster.post(URL, body if case == "no token" else {**body, "form_token": token})
    page = refused.content.decode()
    assert (refused.status_code, FORM_EXPIRED_FILE in page, FORM_EXPIRED in page) == (400, True, False)
    assert TOKEN.search(page).group(1) != token
    assert _counts() == before == (2, 1, 1)


def test_a_refused_file_spends_no_token(world):
    client = world.client("dept_forestry")
    token = TOKEN.search(client.get(URL).content.decode()).group(1)
    refused = client.post(URL, {"form_token": token, "file": _csv(MEETINGS.replace(",90,", ",九十,"))})
    assert refused.status_code == 400 and _counts() == (0, 0, 0)
    assert client.post(URL, {"form_token": token, "file": _csv()}).status_code == 302   # corrected, the same page
    assert _counts() == (2, 1, 1)
