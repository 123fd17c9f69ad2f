"""A create form's content key takes its files' digests only within the form's size limit (mend19b #2): an oversized
upload is refused by the form's own check with its own message, never read through for the digest first (the digest
was taken first, of the whole file: a 200 MB upload read before its size check refused it)."""

from __future__ import annotations

import hashlib
import io

import pytest

from jianfu.core import formtokens
from jianfu.core.errors import ApplicationError

LIMIT = 1000


class Guarded(io.BytesIO):
    """An upload that fails the test when anything past byte `allowed` is read (0: nothing may be read), with a
    declared `size` when given (Django's uploads have one)."""

    def __init__(self, data: bytes, *, allowed: int, size: int | None = None):
        super().__init__(data)
        self.allowed = allowed
        if size is not None:
            self.size = size

    def read(self, n: int | None = -1) -> bytes:
        chunk = super().read(n)
        if self.tell() > self.allowed:
            raise AssertionError(f"read to byte {self.tell()} of an upload, past {self.allowed}")
        return chunk


def test_a_file_within_the_limit_is_hashed_whole_and_put_back_at_its_start():
    data = b"x" * LIMIT
    upload = Guarded(data, allowed=LIMIT, size=LIMIT)
    upload.seek(7)
    assert formtokens.upload_digest(upload, limit=LIMIT) == hashlib.sha256(data).hexdigest()
    assert upload.tell() == 0
    assert formtokens.upload_digest(data, limit=LIMIT) == hashlib.sha256(data).hexdigest()


def test_a_file_over_its_declared_size_limit_is_not_read():
    upload = Guarded(b"x" * (LIMIT + 1), allowed=0, size=LIMIT + 1)
    assert formtokens.upload_digest(upload, limit=LIMIT) == formtokens.OVER_LIMIT


def test_a_file_without_a_size_is_read_one_byte_past_the_limit_at_most():
    upload = Guarded(b"x" * (LIMIT * 50), allowed=LIMIT + 1)
    assert formtokens.upload_digest(upload, limit=LIMIT) == formtokens.OVER_LIMIT
    assert upload.tell() == 0
    # a size that lies (smaller than the file) does not make it read further
    liar = Guarded(b"x" * (LIMIT * 50), allowed=LIMIT + 1, size=10)
    assert formtokens.upload_digest(liar, limit=LIMIT) == formtokens.OVER_LIMIT


def test_bytes_over_the_limit_and_no_file():
    assert formtokens.upload_digest(b"x" * (LIMIT + 1), limit=LIMIT) == formtokens.OVER_LIMIT
    assert formtokens.upload_digest(None, limit=LIMIT) is None
    assert formtokens.upload_digest(b"", limit=LIMIT) is None


# ---------------------------------------------------------------- the forms that post files


@pytest.mark.django_db
@pytest.mark.parametrize("declared", [True, False])
def test_the_direct_line_answer_refuses_an_oversized_attachment_unread(world, declared):
    from jianfu.directline import services
    from jianfu.directline.attachments import MAX_ATTACHMENT_BYTES
    from jianfu.directline.models import Attachment, Message, Report
    from jianfu.directline.tests.factories import county_key_with_handler, submitted
    from jianfu.directline.workflow import Status

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


@pytest.mark.django_db
@pytest.mark.parametrize(("declared", "shown"), [(True, "200.0"), (False, "10.0")])
def test_the_visit_form_refuses_an_oversized_photo_unread(world, declared, shown):
    from jianfu.dispatch.photos import MAX_PHOTO_BYTES
    from jianfu.employment import visits
    from jianfu.employment.models import Visit, VisitTask
    from jianfu.employment.tests.factories import key_person_in

    kp = key_person_in()
    tasks = list(VisitTask.objects.values_list("pk", "status"))
    huge = Guarded(b"\x89PNG" + b"0" * (MAX_PHOTO_BYTES + 10), allowed=0 if declared else MAX_PHOTO_BYTES + 1,
                   size=200 * 2**20 if declared else None)
    with pytest.raises(ApplicationError) as exc:
        visits.visit_record_from_form(form_token=formtokens.token_new(), key_person=kp, actor=world.users["grid_a"],
                                      outcome="met", photo=huge)
    assert (exc.value.field, exc.value.message) == ("photos", f"第 1 张照片过大（{shown} MB），单张不能超过 10 MB。")
    assert Visit.objects.count() == 0
    assert list(VisitTask.objects.values_list("pk", "status")) == tasks
