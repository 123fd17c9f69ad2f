"""Local secrets for the embedded default: generated once into var/secrets.json, never committed."""

from __future__ import annotations

import base64
import json
import os
import secrets
from pathlib import Path


def load_or_create_local_secrets(var_dir: Path, *, allow_generate: bool) -> dict:
    path = Path(var_dir) / "secrets.json"
    if path.exists():
        return json.loads(path.read_text())
    if not allow_generate:
        raise RuntimeError(
            "No JIANFU_SECRET_KEY / JIANFU_FIELD_KEYS / JIANFU_BLIND_INDEX_KEY in the environment "
            "and generating local ones is disabled (JIANFU_ALLOW_LOCAL_SECRETS=0). See docs/deploy.md."
        )
    data = {
        "secret_key": secrets.token_urlsafe(50),
        "field_keys": {"k1": base64.b64encode(os.urandom(32)).decode()},
        "blind_index_key": base64.b64encode(os.urandom(32)).decode(),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written with 0600 so another local user cannot read the demo's keys.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process (a test worker, the queue) won the race
        return json.loads(path.read_text())
    with os.fdopen(fd, "w") as fh:
        json.dump(data, fh)
    return data
