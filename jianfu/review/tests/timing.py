"""CPU time of one read in the security tests of the .docx reader: what it returned (or the refusal it raised) and
the process CPU seconds it took."""

from __future__ import annotations

import time

from jianfu.review.engine import readers


def timed(read):
    start = time.process_time()
    try:
        return read(), time.process_time() - start
    except readers.ReviewInputError as exc:
        return exc, time.process_time() - start
