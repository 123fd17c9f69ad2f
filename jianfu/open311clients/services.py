"""Writes of the Open311 client registry: issuing, revoking and authenticating api keys."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils.translation import gettext as _

from jianfu.core.audit import audit_record
from jianfu.core.errors import ApplicationError
from jianfu.open311clients.models import Open311Client, hash_key, new_raw_key

_COUNTY = re.compile(r"^[0-9]{6}$")


def county_code_of(code: str) -> str:
    """The 6-digit county prefix of a unit code given as 6 or 12 digits (`450521` / `450521000000`)."""
    code = (code or "").strip()
    if re.fullmatch(r"[0-9]{6}(000000)?", code):
        return code[:6]
    raise ApplicationError(_("受理县代码须为 6 位或以 000000 结尾的 12 位区划代码：%(c)s") % {"c": code[:30]},
                           code="bad_county", field="org_code")


def client_issue(*, actor, name: str, org_code: str, mode: str = Open311Client.Mode.REALTIME,
                 contact: str = "", raw_key: str | None = None) -> tuple[Open311Client, str]:
    """Create a client and return it with its api key, shown this once (only a hash is stored).
    `raw_key` is for the demo's fixed key; real keys are generated."""
    name = (name or "").strip()
    if not name:
        raise ApplicationError(_("请填写客户端名称。"), code="required", field="name")
    if len(name) > 100:
        raise ApplicationError(_("客户端名称不能超过 100 个字符。"), code="too_long", field="name")
    county = county_code_of(org_code)
    from jianfu.orgs.models import OrgUnit, UnitKind

    unit = OrgUnit.objects.filter(code=county + "000000", kind=UnitKind.COUNTY).first()
    if unit is None:
        raise ApplicationError(_("找不到县（市、区）%(c)s。") % {"c": county}, code="not_found", field="org_code")
    if mode not in Open311Client.Mode.values:
        raise ApplicationError(_("返回方式只能是 realtime 或 batch。"), code="bad_mode", field="mode")
    raw_key = raw_key or new_raw_key()
    if len(raw_key) < 12:
        raise ApplicationError(_("密钥至少 12 个字符。"), code="too_short", field="api_key")
    if Open311Client.objects.filter(key_hash=hash_key(raw_key)).exists():
        raise ApplicationError(_("该密钥已被使用。"), code="duplicate", field="api_key")
    with transaction.atomic():
        client = Open311Client(name=name, org_code=unit.code, mode=mode, contact=contact.strip()[:200],
                               created_by=actor if getattr(actor, "is_authenticated", False) else None)
        client.set_key(raw_key)
        client.save()
        audit_record(actor=actor, action="open311.client.issue", obj=client, org_code=unit.code,
                     changes={"name": name, "mode": mode, "key_prefix": client.key_prefix})
    return client, raw_key


def client_deactivate(*, actor, client: Open311Client) -> Open311Client:
    with transaction.atomic():
        Open311Client.objects.filter(pk=client.pk).update(is_active=False)
        client.is_active = False
        audit_record(actor=actor, action="open311.client.deactivate", obj=client, org_code=client.org_code,
                     changes={"is_active": False})
    return client


def client_authenticate(raw_key: str) -> Open311Client | None:
    """The active client holding `raw_key`, or None."""
    raw_key = (raw_key or "").strip()
    if not raw_key or len(raw_key) > 200:
        return None
    return Open311Client.objects.filter(key_hash=hash_key(raw_key), is_active=True).first()
