"""codereview25 #6: a .docx whose zip end record declares its central directory 1,000 bytes past where it is — zipfile
opens it (the directory is found by the end record's own position), then seeks 1,000 bytes before the start of the file
to read the first part: `ValueError: negative seek value -1000` out of `docx_refusal`, a 500 on the review's and the
direct line's uploads (review/tests/test_cr25_docx_offset.py, directline/tests/test_cr25_docx_offset.py). Refused as
"not_zip" now, and whatever else zipfile raises on a crafted file as the check reads it: bytes of a valid package
mutated at random, the directory and end record most of all, never make the check raise."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jianfu.core.docxpackage import DocxRefusal, docx_refusal
from jianfu.core.tests.test_docxpackage import _package

END = b"PK\x05\x06"


def shifted_directory(data: bytes, by: int = 1_000) -> bytes:
    """`data` with the central directory's offset in the end record raised by `by` bytes."""
    out = bytearray(data)
    end = out.rfind(END)
    (offset,) = struct.unpack_from("<L", out, end + 16)
    struct.pack_into("<L", out, end + 16, offset + by)
    return bytes(out)


def test_a_directory_offset_past_where_it_is_is_refused_as_no_zip() -> None:
    data = shifted_directory(_package())
    with zipfile.ZipFile(io.BytesIO(data)) as zf, pytest.raises(ValueError, match="negative seek value -1000"):
        zf.read("[Content_Types].xml")  # zipfile opens it and lists the parts; reading one seeks before the start
    # was ValueError: negative seek value -1000, from both
    assert (docx_refusal(data), docx_refusal(data, verify_crc=True)) == (DocxRefusal("not_zip"),) * 2


_PACKAGE = _package()
_FIRST_ENTRY = _PACKAGE.find(b"PK\x01\x02")
with zipfile.ZipFile(io.BytesIO(_PACKAGE)) as _zf:
    _LOCAL_HEADERS = [info.header_offset for info in _zf.infolist()]
_mutation = st.one_of(
    # a byte anywhere (mostly deflated data: damaged parts)
    st.tuples(st.integers(0, len(_PACKAGE) - 1), st.binary(min_size=1, max_size=1)),
    # a byte or a 16- or 32-bit field in the directory or the end record: offsets, sizes, flags, name lengths, counts
    st.tuples(st.integers(_FIRST_ENTRY, len(_PACKAGE) - 1), st.binary(min_size=1, max_size=4)),
    # a byte of a local header (the one zipfile reads as it opens a part)
    st.tuples(st.sampled_from(_LOCAL_HEADERS).flatmap(
        lambda at: st.integers(at, at + 40)), st.binary(min_size=1, max_size=2)),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(mutations=st.lists(_mutation, min_size=1, max_size=4), verify_crc=st.booleans())
def test_the_check_refuses_a_mutated_package_and_never_raises(
    mutations: list[tuple[int, bytes]], verify_crc: bool
) -> None:
    data = bytearray(_PACKAGE)
    for at, chunk in mutations:
        chunk = chunk[: len(data) - at]
        data[at : at + len(chunk)] = chunk
    result = docx_refusal(bytes(data), verify_crc=verify_crc)
    assert result is None or isinstance(result, DocxRefusal)
