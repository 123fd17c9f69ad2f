"""Per-request facts (the client address) that services need for the audit log without taking a request."""

from __future__ import annotations

from contextvars import ContextVar

_client_address: ContextVar[str] = ContextVar("client_address", default="")


def client_address() -> str:
    return _client_address.get()


def set_client_address(address: str):
    return _client_address.set(address)


def reset(token) -> None:
    _client_address.reset(token)
