"""A create form's content key takes its files' digests only within the form's size limit (mend19b #2): an oversized
upload is refused by the form's own check with its own message, never read through for the digest first (the digest
was taken first, of the whole file: a 200 MB upload read before its size check refused it). The forms themselves:
jianfu/directline/tests/test_oversized_answer.py, jianfu/employment/tests/test_oversized_visit_photo.py."""

from __future__ import annotations

import hashlib

from jianfu.core import formtokens
from jianfu.core.testing.uploads import Guarded

LIMIT = 1000


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
