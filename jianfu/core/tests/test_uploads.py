"""The one upload size rule (mend19d #1): the forms (photos, direct-line attachments, monitor documents, every create
form's content digest) all decide by it, each with its own message. Their own tests: test_upload_digest.py,
jianfu/dispatch/tests/test_oversized_report_photo.py, jianfu/directline/tests/test_attachments.py,
jianfu/monitor/tests/test_hostile_uploads.py."""

from __future__ import annotations

import hashlib

import pytest

from jianfu.core import formtokens
from jianfu.core.testing.uploads import Guarded
from jianfu.core.uploads import TooLarge, read_within, too_large_message, too_many

LIMIT = 1000


def test_a_file_within_the_limit_is_read_whole_from_its_start():
    upload = Guarded(b"a" * LIMIT, allowed=LIMIT, size=LIMIT)
    upload.seek(9)
    assert read_within(upload, limit=LIMIT) == b"a" * LIMIT
    assert read_within(b"abc", limit=3) == b"abc"
    assert read_within(bytearray(b"abc"), limit=3) == b"abc"
    assert read_within(Guarded(b"", allowed=0), limit=LIMIT) == b""


def test_a_declared_size_over_the_limit_is_refused_unread_with_that_size():
    with pytest.raises(TooLarge) as caught:
        read_within(Guarded(b"x" * 5000, allowed=0, size=5000), limit=LIMIT)
    assert (caught.value.size, caught.value.declared) == (5000, True)


def test_without_a_size_or_with_a_lying_one_no_more_than_one_byte_past_the_limit_is_read():
    for upload in (Guarded(b"x" * 50_000, allowed=LIMIT + 1), Guarded(b"x" * 50_000, allowed=LIMIT + 1, size=10)):
        with pytest.raises(TooLarge) as caught:
            read_within(upload, limit=LIMIT)
        assert (caught.value.size, caught.value.declared) == (LIMIT + 1, False)
        assert upload.tell() == LIMIT + 1
    with pytest.raises(TooLarge) as caught:
        read_within(b"x" * (LIMIT + 5), limit=LIMIT)
    assert (caught.value.size, caught.value.declared) == (LIMIT + 5, True)


def test_more_files_than_a_form_takes_are_refused_by_count_none_read():
    assert too_many([b"a"] * 3, most=3) is False
    assert too_many([b"a"] * 4, most=3) is True
    unread = [Guarded(b"x" * 10, allowed=0, size=10) for _ in range(4)]
    assert formtokens.upload_digests(unread, limit=LIMIT, most=3) == [formtokens.OVER_LIMIT] * 4
    assert formtokens.upload_digests([b"ab", b"x" * (LIMIT + 1)], limit=LIMIT, most=3) == [
        hashlib.sha256(b"ab").hexdigest(), formtokens.OVER_LIMIT]
    assert formtokens.upload_digests([], limit=LIMIT, most=3) == []


def test_the_refusal_says_a_size_only_when_one_was_declared():
    """mend21 #1: a TooLarge found by reading holds limit + 1 bytes, no file's size to show a person."""
    limit = 10 * 2**20
    assert too_large_message("文件", limit=limit, size=TooLarge(200 * 2**20)) == "文件大小为 200.0 MB，超过 10 MB 的上限。"
    assert too_large_message("文件", limit=limit, size=TooLarge(limit + 1, declared=False)) == "文件大小超过 10 MB 的上限。"
    assert too_large_message("附件", limit=limit, size=limit + 2**19) == "附件大小为 10.5 MB，超过 10 MB 的上限。"
    assert too_large_message("附件", limit=limit) == "附件大小超过 10 MB 的上限。"
