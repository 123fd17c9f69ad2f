"""The direct line's cryptography, in plain Python (no Django): sealed boxes, wrapped keys, receipt codes.

- A county has one X25519 key pair. Anything a reporter sends is *sealed* to the county's public key
  (ephemeral X25519 → HKDF-SHA256 → AES-256-GCM): the server can seal but never open.
- The county's private key exists at rest only *wrapped*: once per designated handler, under a key
  derived from that handler's own passphrase (scrypt), never under anything the server holds.
- Each report also has its own X25519 key pair whose private key is wrapped under a key derived from
  the receipt code, so what the office writes back can be sealed to the reporter, who alone can open it.
- A receipt code is 120 random bits in a 24-character alphabet-32 string; only its SHA-256 is stored.

Every seal binds its purpose and the report's uid as associated data, so a ciphertext copied into
another field or another report does not open. See docs/directline.md (threat model) and ADR 0014.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

VERSION = b"\x01"
NONCE = 12
RAW = serialization.Encoding.Raw
# Receipt codes: Crockford's base-32 alphabet (no I, L, O, U), 24 symbols = 120 bits.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 24
CODE_GROUP = 4
# scrypt cost of a handler's passphrase: 2**15 × 8 × 128 B = 32 MiB and ~0.1 s per unlock.
DEFAULT_SCRYPT_LOG_N = 15


class OpenError(ValueError):
    """Wrong key, wrong passphrase, wrong receipt code, or a ciphertext that was altered or moved."""


# --- key pairs ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class KeyPair:
    private: bytes  # 32 raw bytes
    public: bytes   # 32 raw bytes


def new_key_pair() -> KeyPair:
    private = X25519PrivateKey.generate()
    return KeyPair(private.private_bytes(RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption()),
                   private.public_key().public_bytes(RAW, serialization.PublicFormat.Raw))


def public_of(private: bytes) -> bytes:
    return X25519PrivateKey.from_private_bytes(private).public_key().public_bytes(
        RAW, serialization.PublicFormat.Raw)


def fingerprint(public: bytes) -> str:
    """A short, human-comparable name of a public key (shown to handlers when they unlock)."""
    digest = hashlib.sha256(b"jianfu-directline-key" + public).hexdigest()
    return "-".join(digest[i:i + 4] for i in range(0, 16, 4))


# --- sealed boxes ---------------------------------------------------------------------------------
def _box_key(shared: bytes, ephemeral_public: bytes, recipient_public: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral_public + recipient_public,
                info=b"jianfu-directline-seal-v1").derive(shared)


def seal(plaintext: bytes, *, recipient_public: bytes, aad: str) -> bytes:
    """Encrypt to a public key. Output: version ‖ ephemeral public (32) ‖ nonce (12) ‖ ciphertext+tag."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(RAW, serialization.PublicFormat.Raw)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    nonce = os.urandom(NONCE)
    body = AESGCM(_box_key(shared, ephemeral_public, recipient_public)).encrypt(nonce, plaintext, aad.encode())
    return VERSION + ephemeral_public + nonce + body


def open_sealed(blob: bytes, *, private: bytes, aad: str) -> bytes:
    if len(blob) < 1 + 32 + NONCE + 16 or blob[:1] != VERSION:
        raise OpenError("malformed sealed box")
    ephemeral_public, nonce, body = blob[1:33], blob[33:33 + NONCE], blob[33 + NONCE:]
    key = X25519PrivateKey.from_private_bytes(private)
    shared = key.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    recipient_public = key.public_key().public_bytes(RAW, serialization.PublicFormat.Raw)
    try:
        return AESGCM(_box_key(shared, ephemeral_public, recipient_public)).decrypt(nonce, body, aad.encode())
    except InvalidTag as exc:
        raise OpenError("cannot open") from exc


def seal_text(text: str, *, recipient_public: bytes, aad: str) -> bytes:
    return seal(text.encode("utf-8"), recipient_public=recipient_public, aad=aad)


def open_text(blob: bytes, *, private: bytes, aad: str) -> str:
    return open_sealed(blob, private=private, aad=aad).decode("utf-8")


# --- symmetric wrapping (passphrases, receipt codes, the unlocked session) -----------------------
def wrap(secret: bytes, *, key: bytes, aad: str) -> bytes:
    nonce = os.urandom(NONCE)
    return VERSION + nonce + AESGCM(key).encrypt(nonce, secret, aad.encode())


def unwrap(blob: bytes, *, key: bytes, aad: str) -> bytes:
    if len(blob) < 1 + NONCE + 16 or blob[:1] != VERSION:
        raise OpenError("malformed wrapped key")
    try:
        return AESGCM(key).decrypt(blob[1:1 + NONCE], blob[1 + NONCE:], aad.encode())
    except InvalidTag as exc:
        raise OpenError("cannot unwrap") from exc


def passphrase_key(passphrase: str, *, salt: bytes, log_n: int = DEFAULT_SCRYPT_LOG_N) -> bytes:
    """A wrapping key from a handler's passphrase: scrypt, so each guess at a stolen slot costs memory."""
    return Scrypt(salt=salt, length=32, n=2 ** log_n, r=8, p=1).derive(passphrase.encode("utf-8"))


def new_salt() -> bytes:
    return os.urandom(16)


def random_key() -> bytes:
    return os.urandom(32)


# --- receipt codes --------------------------------------------------------------------------------
def new_receipt_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return format_receipt_code(raw)


def format_receipt_code(normal: str) -> str:
    return "-".join(normal[i:i + CODE_GROUP] for i in range(0, len(normal), CODE_GROUP))


_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def normalise_receipt_code(typed: str) -> str | None:
    """What the reporter typed → the 24 canonical symbols, or None when it cannot be a code.

    Spaces, hyphens and case are ignored and the letters people confuse (O/0, I/L/1) are folded, as
    Crockford's base 32 intends. Control characters and anything else make it invalid."""
    if not isinstance(typed, str) or len(typed) > 80:
        return None
    cleaned = "".join(ch for ch in typed.upper() if ch not in " -\u3000\t").translate(_CONFUSABLE)
    if len(cleaned) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in cleaned):
        return None
    return cleaned


def receipt_lookup_hash(normal: str) -> str:
    """The only trace of a receipt code at rest (hex SHA-256 with a domain prefix). 120 random bits
    make a plain hash enough: there is no dictionary to try."""
    return hashlib.sha256(b"jianfu-directline-receipt:" + normal.encode("ascii")).hexdigest()


def receipt_key(normal: str, *, report_uid: str) -> bytes:
    """The key that wraps a report's own private key (distinct from the lookup hash)."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=report_uid.encode(),
                info=b"jianfu-directline-receipt-key-v1").derive(normal.encode("ascii"))


def form_receipt_keys(token: str, *, content: str, browser: str) -> tuple[str, bytes]:
    """(lookup, key) of the sealed copy of a receipt code kept for a repeat of the report form that sent it
    (services.FormReceipt): both derived from the form's one-time token, what it posted (`content`,
    services.form_content) and the random cookie the form's page set in that browser (`browser`), never stored.
    The lookup (hex) finds the copy and the key opens it; neither can be computed from any stored row, so the copy
    names no report, and a replay of the same body from another browser finds nothing (security17 #1, #2)."""
    derived = HKDF(algorithm=hashes.SHA256(), length=64, salt=f"{content}|{browser}".encode(),
                   info=b"jianfu-directline-form-receipt-v2").derive(token.encode("ascii"))
    return derived[:32].hex(), derived[32:]


def constant_time_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text.encode("ascii"))
    except (ValueError, UnicodeEncodeError) as exc:
        raise OpenError("malformed base64") from exc
