"""Names of the Open311 clients' audit objects as people say them (jianfu.core.labels)."""

from __future__ import annotations

import re


def _client(object_id: str, text: str) -> str | None:
    """Open311Client.__str__ "<name>（<key prefix>…，<county code>）": the county by name; the key prefix stays, it
    tells the auditor which key (newuser24 #1)."""
    from jianfu.core.labels import unit_name

    found = re.fullmatch(r"(.*，)(\d{12})）", text, flags=re.S)
    return f"{found[1]}{unit_name(found[2])}）" if found else None


OBJECT_NAMERS = {"open311clients.open311client": _client}
# "open311" has digits: the generic <app>.<noun>.<verb> rules never named these (the audit log showed the key)
ACTION_LABELS = {"open311.client.issue": "签发开放接口密钥", "open311.client.deactivate": "停用开放接口密钥"}
