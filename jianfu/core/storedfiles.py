"""Files written for a transaction that does not commit are deleted with it (security23 F6).

A photo and its thumbnail are written to storage inside the transaction that creates their row. When that
transaction rolls back — a check that fails after the write, the unique form key refusing a twin post, an API create
whose claim a retry took over — the row is gone but the files stayed on disk, referenced by nothing.

`undone_on_error()` goes around the atomic block (outside it, so the rollback is done first); `written(storage, name)`
tells every enclosing block about a file just written. An exception leaving a block deletes the files written inside
it. Blocks nest: a file is known to each enclosing block, so an outer transaction that fails after an inner block
ended well (`formtokens.api_once` undoing a create whose claim was taken over) deletes it too. A file is never
deleted on success: a caller that catches the exception outside the block (`formtokens.create_once`) finds the
files already gone.

Not covered: a rollback that no exception through such a block announces (an outer `atomic` without one of these
blocks, whose code catches the error inside it) — each service that writes files opens its own block, and
`formtokens.api_once`, the one transaction around them that undoes a finished create, opens one too.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from contextvars import ContextVar

from django.core.files.storage import Storage

logger = logging.getLogger(__name__)

_Written = list[tuple[Storage, str]]
_BLOCKS: ContextVar[tuple[_Written, ...]] = ContextVar("jianfu_written_files", default=())


@contextlib.contextmanager
def undone_on_error() -> Iterator[None]:
    """Delete the files `written` inside the block when an exception leaves it (then re-raised unchanged)."""
    mine: _Written = []
    token = _BLOCKS.set((*_BLOCKS.get(), mine))
    try:
        yield
    except BaseException:
        _delete(mine)
        # gone now: an outer block must not delete a later file that took the same name
        for outer in _BLOCKS.get()[:-1]:
            outer[:] = [entry for entry in outer if entry not in mine]
        raise
    finally:
        _BLOCKS.reset(token)


def written(storage: Storage, name: str) -> None:
    """Record a file written (or about to be) under `name`, for every enclosing `undone_on_error` block."""
    for block in _BLOCKS.get():
        block.append((storage, name))


def _delete(files: _Written) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
        except Exception:  # never hides the error that rolled back: a file left is what happened before
            logger.warning("could not delete %s after a rollback", name, exc_info=True)
