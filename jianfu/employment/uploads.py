"""The checks an employment import's upload passes before anything is stored or queued (web and API, postings and
seekers), so a file the worker could never import is refused in the upload form with the reason, and no batch and no
stored file are left behind — as every other upload form of the platform does (badinput16 #8: a 30 MB file, a .docx
renamed .xlsx, a zip bomb and an empty file were queued, and only the worker failed them).

The kind and size (`registry.imports.checked_upload_name`, with this module's cap) and the readability of the file
(`registry.imports.require_readable`: the ledger reader opens it — `core.xlsxguard` refuses a zip bomb, a part too
large or an XML declaration — and reads the header row the worker reads) are the registry's checks, in its words.
Of an xlsx only the sheet's head is loaded in the request (`head_only`); its rows are checked by the worker.
"""

from __future__ import annotations

import contextlib

from django.conf import settings
from django.utils.translation import gettext as _

from jianfu.core.errors import ApplicationError
from jianfu.registry.imports import checked_upload_name, require_readable

# A posting import's largest file (`postings.MAX_IMPORT_ROWS`, 200,000 rows) is about 13 MB as xlsx (a job board's
# 20,000 postings: 1.3 MB); the same as UTF-8 CSV is 5 MB per 20,000 rows. A seeker sheet is at most 20,000 rows.
# The cap is the setting JIANFU_EMPLOYMENT_UPLOAD_MAX_MB (20 MB by default; mend35 #6).
MAX_UPLOAD_BYTES = settings.JIANFU_EMPLOYMENT_UPLOAD_MAX_MB * 2**20


def too_large(size: int, cap_mb: int) -> str:
    """The refusal of a file over the cap, naming its size and the cap (mend35 #6: "文件超过20MB的上限" left the
    uploader guessing how much to cut)."""
    return _("文件大小为 %(size).1f MB，超过 %(cap)d MB 的上限，请拆分后分批导入。") % {"size": size / 2**20, "cap": cap_mb}


def checked_import_upload(upload, *, default: str) -> str:
    """The upload's file name once it may be queued; raises ApplicationError (field "file") with the reason.

    The check is made once per upload object: the API runs it before its create transaction (`api.repeats.create_once`'s
    `before`; cr18 #5: on SQLite the write lock was held through it, ~1.5 s for 20 MB), and `import_request` asking
    again inside gets the name it passed with."""
    passed = getattr(upload, _PASSED, None)
    if passed is not None and passed[0] == default:
        return str(passed[1])
    cap_mb = settings.JIANFU_EMPLOYMENT_UPLOAD_MAX_MB
    size = getattr(upload, "size", None)
    if size is not None and size > cap_mb * 2**20:     # refused on its size alone, before a byte of it is read
        raise ApplicationError(too_large(size, cap_mb), code="too_large", field="file")
    name = checked_upload_name(upload, default=default, max_bytes=cap_mb * 2**20)
    require_readable(upload, name, header_row=1, head_only=True)   # the header and a bounded head: rows are the worker's
    with contextlib.suppress(AttributeError):   # an object that takes no attribute is simply checked again
        setattr(upload, _PASSED, (default, name))
    return name


_PASSED = "_jianfu_import_check_passed"
