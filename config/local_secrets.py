"""Secrets: from the environment in production; generated once into var/secrets.json (never committed)
for the embedded default, and only when that is allowed.

`resolve_secrets()` is what settings call. Production (JIANFU_DEBUG=0) refuses to start unless every
secret is in the environment, or JIANFU_ALLOW_LOCAL_SECRETS=1 says local ones are acceptable (`make
run`, benchmarks, tests). With every secret in the environment no local file is read or written."""

from __future__ import annotations

import base64
import json
import os
import secrets
from pathlib import Path

# environment variable → key in var/secrets.json
SECRETS = {
    "JIANFU_SECRET_KEY": "secret_key",
    "JIANFU_FIELD_KEYS": "field_keys",
    "JIANFU_BLIND_INDEX_KEY": "blind_index_key",
    "JIANFU_AUDIT_KEY": "audit_key",
}


class MissingSecretsError(RuntimeError):
    pass


def _generate(name: str):
    if name == "secret_key":
        return secrets.token_urlsafe(50)
    if name == "field_keys":
        return {"k1": base64.b64encode(os.urandom(32)).decode()}
    return base64.b64encode(os.urandom(32)).decode()


def resolve_secrets(var_dir: Path, environ, *, allow_local: bool) -> dict:
    """{secret_key, field_keys, blind_index_key, audit_key}: each from its environment variable, the
    missing ones from the local file when `allow_local`, else MissingSecretsError naming them."""
    values: dict = {}
    missing = []
    for env_name, key in SECRETS.items():
        raw = environ.get(env_name)
        if raw:
            values[key] = dict(item.split(":", 1) for item in raw.split(",")) if key == "field_keys" else raw
        else:
            missing.append(env_name)
    if missing:
        if not allow_local:
            raise MissingSecretsError(
                f"Missing secrets in the environment: {', '.join(missing)}. Production (JIANFU_DEBUG=0) does not "
                "generate local ones: set them as docs/deploy.md says, or set JIANFU_ALLOW_LOCAL_SECRETS=1 for a "
                "demo or development machine.")
        local = load_or_create_local_secrets(var_dir, allow_generate=True)
        for env_name in missing:
            values[SECRETS[env_name]] = local[SECRETS[env_name]]
    return values


def load_or_create_local_secrets(var_dir: Path, *, allow_generate: bool) -> dict:
    """The local secrets file, created (or completed with a secret added in a later version) if allowed."""
    path = Path(var_dir) / "secrets.json"
    data = json.loads(path.read_text()) if path.exists() else None
    if data is not None and all(key in data for key in SECRETS.values()):
        return data
    if not allow_generate:
        raise MissingSecretsError(
            "No secrets in the environment and generating local ones is disabled (JIANFU_ALLOW_LOCAL_SECRETS=0). "
            "See docs/deploy.md.")
    if data is not None:  # an older file: add what is new, keep what is there
        for key in SECRETS.values():
            data.setdefault(key, _generate(key))
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            json.dump(data, fh)
        os.replace(tmp, path)
        return json.loads(path.read_text())
    data = {key: _generate(key) for key in SECRETS.values()}
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written with 0600 so another local user cannot read the demo's keys.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process (a test worker, the queue) won the race
        return load_or_create_local_secrets(var_dir, allow_generate=allow_generate)
    with os.fdopen(fd, "w") as fh:
        json.dump(data, fh)
    return data
