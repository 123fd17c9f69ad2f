"""Helpers for tests that race two threads on two database connections (`Race`, `while_locked`)."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import OperationalError, connections

T = TypeVar("T")


def while_locked(call: Callable[[], T], *, attempts: int = 200, pause: float = 0.02) -> T:
    """Run `call`, again while the database answers "locked".

    The test database is SQLite in shared-cache memory, which answers "table is locked" at once
    instead of waiting like a file database (busy timeout) or PostgreSQL (row lock): wait here the
    same way. Any other error, and the last "locked" one, propagate."""
    for _attempt in range(attempts - 1):
        try:
            return call()
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            time.sleep(pause)
    return call()


class Race:
    """The forced race of tests that run two (or more) requests at once, each in its own thread and database
    connection: `meet()` holds each until all have got there (at most `timeout` seconds, then they go on:
    with a lock, the second never gets there while the first holds it), `hold_after`/`hold_before` put that meeting
    point after or before a service's step (after both passed a check, before both write), and `run` runs the calls
    together and answers, in their order, what each returned or the exception it raised."""

    def __init__(self, parties: int = 2, *, timeout: float = 10.0) -> None:
        self.parties = parties
        self.barrier = threading.Barrier(parties, timeout=timeout)

    def meet(self) -> None:
        with contextlib.suppress(threading.BrokenBarrierError):
            self.barrier.wait()

    def hold_after(self, monkeypatch: Any, owner: object, name: str) -> None:
        """`owner.name` meets the others once it has returned (both passed the check it makes)."""
        real = getattr(owner, name)

        def then_meet(*args: Any, **kwargs: Any) -> Any:
            result = real(*args, **kwargs)
            self.meet()
            return result

        monkeypatch.setattr(owner, name, then_meet)

    def hold_before(self, monkeypatch: Any, owner: object, name: str) -> None:
        """`owner.name` meets the others before it runs (both are about to write)."""
        real = getattr(owner, name)

        def meet_then(*args: Any, **kwargs: Any) -> Any:
            self.meet()
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, meet_then)

    def run(self, *calls: Callable[[], object], join_timeout: float = 60.0) -> list[object]:
        """Each call in its own thread (its own connection, closed at its end); what each returned, or the exception
        it raised, in the calls' order. A thread still running after `join_timeout` answers TimeoutError."""
        outcomes: list[object] = [TimeoutError("still running")] * len(calls)

        def one(i: int, call: Callable[[], object]) -> None:
            try:
                outcomes[i] = call()
            except Exception as exc:  # noqa: BLE001 — the caller's assertions name it
                outcomes[i] = exc
            finally:
                connections.close_all()

        threads = [threading.Thread(target=one, args=(i, call)) for i, call in enumerate(calls)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=join_timeout)
        return outcomes
