from __future__ import annotations

import io
import re

import pytest
from django.core.management import CommandError, call_command

from jianfu.core.errors import ApplicationError
from jianfu.core.models import AuditRecord
from jianfu.open311clients import models as client_models
from jianfu.open311clients.models import Open311Client, hash_key, new_raw_key
from jianfu.open311clients.services import (
    client_authenticate,
    client_deactivate,
    client_issue,
    county_code_of,
)

pytestmark = pytest.mark.django_db


def test_issue_stores_only_a_hash_and_audits(world):
    client, raw = client_issue(actor=world.users["admin"], name="北海网格通 App", org_code="450521")
    assert len(raw) >= 40 and client.key_hash == hash_key(raw) and raw not in client.key_hash
    assert (client.org_code, client.key_prefix, client.mode) == ("450521000000", raw[:8], "realtime")
    assert client_authenticate(raw) == client
    assert client_authenticate(raw + "x") is None and client_authenticate("") is None
    rec = AuditRecord.objects.get(action="open311.client.issue")
    assert rec.changes == {"name": "北海网格通 App", "mode": "realtime", "key_prefix": raw[:8]}
    assert raw not in str(rec.changes)
    client_deactivate(actor=None, client=client)
    assert client_authenticate(raw) is None


@pytest.mark.parametrize(("kwargs", "field", "message"), [
    ({"name": " ", "org_code": "450521"}, "name", "请填写客户端名称。"),
    ({"name": "x", "org_code": "450521200"}, "org_code", "受理县代码须为 6 位或以 000000 结尾的 12 位区划代码：450521200"),
    ({"name": "x", "org_code": "450599"}, "org_code", "找不到县（市、区）450599。"),
    ({"name": "x", "org_code": "450521", "mode": "fast"}, "mode", "返回方式只能是 realtime 或 batch。"),
    ({"name": "x", "org_code": "450521", "raw_key": "short"}, "api_key", "密钥至少 12 个字符。"),
])
def test_issue_refusals(world, kwargs, field, message):
    with pytest.raises(ApplicationError) as exc:
        client_issue(actor=None, **kwargs)
    assert (exc.value.field, exc.value.message) == (field, message)
    assert Open311Client.objects.count() == 0


def test_duplicate_key_refused(world):
    client_issue(actor=None, name="a", org_code="450521", raw_key="same-key-0123456789")
    with pytest.raises(ApplicationError) as exc:
        client_issue(actor=None, name="b", org_code="450521", raw_key="same-key-0123456789")
    assert exc.value.message == "该密钥已被使用。"


def test_new_keys_never_start_with_a_dash(monkeypatch):
    # The key's prefix is typed after `--deactivate`; a leading dash would read as another option.
    drawn = iter(["-Hsa2U-wFirstDraw000000000000000000000000000", "Hsa2U-wSecondDraw00000000000000000000000000"])
    monkeypatch.setattr(client_models.secrets, "token_urlsafe", lambda n: next(drawn))
    assert new_raw_key() == "Hsa2U-wSecondDraw00000000000000000000000000"


def test_a_key_issued_with_a_leading_dash_can_still_be_deactivated(world):
    client, raw = client_issue(actor=None, name="旧客户端", org_code="450521", raw_key="-Hsa2U-wOlderKey0001")
    call_command("open311_issue_key", "--deactivate=" + raw[:8], stdout=io.StringIO())
    client.refresh_from_db()
    assert (client.is_active, client_authenticate(raw)) == (False, None)


def test_county_code_of():
    assert county_code_of("450521") == county_code_of("450521000000") == "450521"


def test_issue_key_command(world):
    out = io.StringIO()
    call_command("open311_issue_key", "--name", "测试客户端", "--county", "450521", "--mode", "batch", stdout=out)
    raw = re.search(r"api_key（只显示这一次，请妥善保存）：(\S+)", out.getvalue()).group(1)
    client = client_authenticate(raw)
    assert (client.name, client.mode, client.org_code) == ("测试客户端", "batch", "450521000000")
    out = io.StringIO()
    call_command("open311_issue_key", "--deactivate", raw[:8], stdout=out)
    assert client_authenticate(raw) is None
    with pytest.raises(CommandError, match="找不到县"):
        call_command("open311_issue_key", "--name", "x", "--county", "999999", stdout=io.StringIO())
    with pytest.raises(CommandError, match="--name 和 --county"):
        call_command("open311_issue_key", "--name", "x", stdout=io.StringIO())
