"""The direct line's answer form refuses an oversized attachment with its own message, reading nothing past the limit
for the form's content key (mend19b #2: `formtokens.upload_digest`; the whole file was hashed first)."""

from __future__ import annotations

import pytest

from jianfu.core import formtokens
from jianfu.core.errors import ApplicationError
from jianfu.core.testing.uploads import Guarded
from jianfu.directline import services
from jianfu.directline.attachments import MAX_ATTACHMENT_BYTES
from jianfu.directline.models import Attachment, Message, Report
from jianfu.directline.tests.factories import county_key_with_handler, submitted
from jianfu.directline.workflow import Status


@pytest.mark.django_db
@pytest.mark.parametrize("declared", [True, False])
def test_the_direct_line_answer_refuses_an_oversized_attachment_unread(world, declared):
    county_key_with_handler(world)
    report, _code = submitted()
    Report.objects.filter(pk=report.pk).update(status=Status.AWAITING_REPORTER)
    size = 200 * 2**20 if declared else None
    huge = Guarded(b"%PDF-" + b"0" * (MAX_ATTACHMENT_BYTES + 10),
                   allowed=0 if declared else MAX_ATTACHMENT_BYTES + 1, size=size)
    with pytest.raises(ApplicationError) as exc:
        services.reporter_answer_from_form(form_token=formtokens.token_new(), report=report,
                                           text="补充：通知是语音。", attachments=[huge])
    assert (exc.value.code, exc.value.message) == ("attachment_too_large", "第 1 个附件：文件过大，单个附件不能超过 10 MB。")
    assert Message.objects.filter(report=report).count() == 0
    assert Attachment.objects.count() == 0
    assert Report.objects.get(pk=report.pk).status == Status.AWAITING_REPORTER
