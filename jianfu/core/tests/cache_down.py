"""The cache (Redis) stopped, for tests: what redis-py raises when nothing listens on the port.

`CacheDown()` stands in for `django.core.cache.cache` (monkeypatched into a module) or for a `store=`; every call on it
raises. `refuse` is the same refusal as a plain callable, for a task's `.delay` or a single method.
"""

from __future__ import annotations

from typing import NoReturn

from redis.exceptions import ConnectionError as RedisConnectionError

MESSAGE = "Error 111 connecting to 127.0.0.1:6379. Connection refused."


def refuse(*_args: object, **_kwargs: object) -> NoReturn:
    raise RedisConnectionError(MESSAGE)


class CacheDown:
    """A cache whose every method raises, as Redis stopped; `calls` counts the calls refused."""

    def __init__(self) -> None:
        self.calls = 0

    def __getattr__(self, name: str):
        def down(*args: object, **kwargs: object) -> NoReturn:
            self.calls += 1
            refuse(*args, **kwargs)

        return down
