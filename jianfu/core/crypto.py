"""Field encryption at rest (AES-256-GCM) and keyed blind indexes (HMAC-SHA256).

Key material comes from settings, read lazily on every call (so `override_settings` works and nothing is
read at import time):

- ``settings.JIANFU_FIELD_KEYS``: ``{key_id: base64(32 bytes)}``; the FIRST entry is the current key, used
  to encrypt; every entry can decrypt. Rotation = put a new key first, keep the old ones, run
  ``manage.py registry_rotate_keys``, then drop the old keys.
- ``settings.JIANFU_BLIND_INDEX_KEY``: base64(32 bytes), the HMAC key of blind indexes. It is not rotated
  with the field keys (every index would have to be recomputed from the decrypted values).

When a setting is absent the environment variables of the same name are read: ``JIANFU_FIELD_KEYS`` as a
JSON object or as ``id:key,id:key``; ``JIANFU_BLIND_INDEX_KEY`` as base64.

A token is ``"<key_id>:<base64url(nonce ‖ ciphertext ‖ tag)>"``. The associated data binds a token to its
purpose (e.g. ``"registry.person.id_number"``) so a ciphertext copied into another column does not decrypt.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12
KEY_BYTES = 32


class CryptoConfigurationError(RuntimeError):
    """The key settings are missing or malformed."""


class DecryptionError(ValueError):
    """A token is malformed, names an unknown key, or fails authentication."""


@dataclass(frozen=True)
class KeyRing:
    current_id: str
    keys: dict[str, bytes]

    def aead(self, key_id: str) -> AESGCM:
        return _aead(self.keys[key_id])


@lru_cache(maxsize=16)
def _aead(key: bytes) -> AESGCM:
    return AESGCM(key)


def _decode_key(value: str | bytes, *, name: str) -> bytes:
    if isinstance(value, bytes) and len(value) == KEY_BYTES:
        return value
    try:
        raw = base64.b64decode(value, validate=False) if isinstance(value, str) else base64.b64decode(value)
    except (binascii.Error, ValueError) as exc:
        raise CryptoConfigurationError(f"{name}: not valid base64") from exc
    if len(raw) != KEY_BYTES:
        raise CryptoConfigurationError(f"{name}: a key must be {KEY_BYTES} bytes, got {len(raw)}")
    return raw


def _setting(name: str) -> object:
    """A key setting from Django settings (read on every call, so override_settings works), else the
    environment variable of the same name."""
    value = None
    try:
        from django.conf import settings
        from django.core.exceptions import ImproperlyConfigured

        try:
            value = getattr(settings, name, None)
        except ImproperlyConfigured:  # pragma: no cover - pure use without Django settings
            value = None
    except ImportError:  # pragma: no cover
        pass
    return value or os.environ.get(name) or None


def parse_field_keys(value: object) -> KeyRing:
    """Build a key ring from a dict, a JSON object string or an ``id:key,id:key`` string."""
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("{"):
            value = json.loads(text)
        else:
            pairs = {}
            for part in filter(None, (p.strip() for p in text.split(","))):
                key_id, sep, key = part.partition(":")
                if not sep:
                    raise CryptoConfigurationError("JIANFU_FIELD_KEYS: expected id:base64key pairs")
                pairs[key_id.strip()] = key.strip()
            value = pairs
    if not isinstance(value, dict) or not value:
        raise CryptoConfigurationError("JIANFU_FIELD_KEYS is not configured")
    keys: dict[str, bytes] = {}
    for key_id, key in value.items():
        key_id = str(key_id)
        if not key_id or ":" in key_id:
            raise CryptoConfigurationError(f"JIANFU_FIELD_KEYS: bad key id {key_id!r}")
        keys[key_id] = _decode_key(key, name=f"JIANFU_FIELD_KEYS[{key_id}]")
    return KeyRing(current_id=next(iter(keys)), keys=keys)


@lru_cache(maxsize=8)
def _ring_cached(frozen: tuple[tuple[str, str | bytes], ...] | str) -> KeyRing:
    return parse_field_keys(dict(frozen) if isinstance(frozen, tuple) else frozen)


_last: list = [None, None, None]  # (settings object, its items, ring): skips rebuilding the cache key per call


def key_ring() -> KeyRing:
    field_keys = _setting("JIANFU_FIELD_KEYS")
    if isinstance(field_keys, dict):
        items = tuple((str(k), v) for k, v in field_keys.items()) if field_keys is not _last[0] or len(
            field_keys) != len(_last[1]) else _last[1]
        if items is _last[1]:
            return _last[2]
        ring = _ring_cached(items)
        _last[:] = [field_keys, items, ring]
        return ring
    if isinstance(field_keys, str):
        return _ring_cached(field_keys)
    raise CryptoConfigurationError("JIANFU_FIELD_KEYS is not configured")


@lru_cache(maxsize=8)
def _blind_key_cached(value: str | bytes) -> bytes:
    return _decode_key(value, name="JIANFU_BLIND_INDEX_KEY")


def blind_index_key() -> bytes:
    blind_key = _setting("JIANFU_BLIND_INDEX_KEY")
    if not blind_key:
        raise CryptoConfigurationError("JIANFU_BLIND_INDEX_KEY is not configured")
    return _blind_key_cached(blind_key)


def generate_key() -> str:
    """A fresh random 32-byte key, base64 encoded (for settings/env files)."""
    return base64.b64encode(os.urandom(KEY_BYTES)).decode("ascii")


def encrypt(plaintext: str, *, purpose: str = "") -> str:
    """Encrypt with the current key. Empty input gives an empty token (nothing to protect)."""
    if plaintext is None or plaintext == "":
        return ""
    ring = key_ring()
    nonce = os.urandom(NONCE_BYTES)
    sealed = ring.aead(ring.current_id).encrypt(nonce, plaintext.encode("utf-8"), purpose.encode("utf-8"))
    return f"{ring.current_id}:{base64.urlsafe_b64encode(nonce + sealed).decode('ascii')}"


def decrypt(token: str, *, purpose: str = "") -> str:
    if not token:
        return ""
    key_id, sep, body = token.partition(":")
    if not sep:
        raise DecryptionError("malformed token")
    ring = key_ring()
    if key_id not in ring.keys:
        raise DecryptionError(f"unknown key id {key_id!r}")
    try:
        blob = base64.urlsafe_b64decode(body.encode("ascii"))
    except (binascii.Error, ValueError) as exc:
        raise DecryptionError("malformed token") from exc
    if len(blob) < NONCE_BYTES + 16:
        raise DecryptionError("malformed token")
    try:
        plain = ring.aead(key_id).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], purpose.encode("utf-8"))
    except InvalidTag as exc:
        raise DecryptionError("authentication failed") from exc
    return plain.decode("utf-8")


def token_key_id(token: str) -> str:
    """The key id a token was encrypted with ('' for an empty token)."""
    return token.partition(":")[0] if token else ""


def needs_rotation(token: str) -> bool:
    return bool(token) and token_key_id(token) != key_ring().current_id


def reencrypt(token: str, *, purpose: str = "") -> str:
    """Decrypt with whatever key made `token` and encrypt again with the current key."""
    if not needs_rotation(token):
        return token
    return encrypt(decrypt(token, purpose=purpose), purpose=purpose)


def blind_index(value: str, *, purpose: str) -> str:
    """Keyed HMAC-SHA256 of a normalised value (hex). The purpose separates the index spaces (an ID number
    and a phone number with equal digits get different indexes). Empty input gives ''."""
    if value is None or value == "":
        return ""
    msg = purpose.encode("utf-8") + b"\x00" + value.encode("utf-8")
    return hmac.new(blind_index_key(), msg, hashlib.sha256).hexdigest()


SEALED_MAGIC = b"JFSEAL1\n"


def seal(data: bytes, *, purpose: str) -> bytes:
    """`data` encrypted with the current field key (AES-256-GCM, `purpose` as associated data), for a file at rest:
    ``SEALED_MAGIC ‖ key_id ‖ "\\n" ‖ nonce ‖ ciphertext ‖ tag``. Only the holder of the key makes a blob that
    `unseal` accepts, so a caller may unpickle what `unseal` returns (security35 #1: the matcher's cache files)."""
    ring = key_ring()
    nonce = os.urandom(NONCE_BYTES)
    sealed = ring.aead(ring.current_id).encrypt(nonce, data, purpose.encode("utf-8"))
    return SEALED_MAGIC + ring.current_id.encode("utf-8") + b"\n" + nonce + sealed


def unseal(blob: bytes, *, purpose: str) -> bytes:
    """The bytes `seal` sealed with `purpose`, by any key of the ring. `DecryptionError` for anything else: a blob of
    another format, another purpose (a file copied under another name), an unknown key, one byte changed."""
    if not blob.startswith(SEALED_MAGIC):
        raise DecryptionError("not a sealed blob")
    key_id, sep, body = blob[len(SEALED_MAGIC):].partition(b"\n")
    ring = key_ring()
    name = key_id.decode("utf-8", "replace")
    if not sep or name not in ring.keys:
        raise DecryptionError(f"unknown key id {name!r}")
    if len(body) < NONCE_BYTES + 16:
        raise DecryptionError("malformed blob")
    try:
        return ring.aead(name).decrypt(body[:NONCE_BYTES], body[NONCE_BYTES:], purpose.encode("utf-8"))
    except InvalidTag as exc:
        raise DecryptionError("authentication failed") from exc
