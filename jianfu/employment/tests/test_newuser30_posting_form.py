"""newuser30 #2: the 发布岗位 form named one problem per round trip — a past 有效期至 first, and only after that was
mended the bad 联系电话 — though the cleaning had found both. Now every field at fault is named beside its field at
once; nothing is stored. A single problem reads as before."""

from __future__ import annotations

import pytest

from jianfu.core.errors import ApplicationError, field_messages
from jianfu.core.formtokens import token_new
from jianfu.employment import postings
from jianfu.employment.models import Posting

pytestmark = pytest.mark.django_db

BASE = {"employer": "合浦县曲樟乡荔枝专业合作社", "title": "荔枝采摘工", "place": "曲樟乡", "description": "采摘、分拣、装箱"}
PAST = "有效期至：有效期2026-12-01已过"
PHONE = "联系电话格式错误（应为11位手机号或带区号的固定电话）"


def test_the_form_names_every_field_at_fault_at_once(world):
    client = world.client("county_office")
    page = client.post("/employment/postings/new/", {**BASE, "valid_until": "2026-12-01", "headcount": "0",
                                                     "contact_phone": "0779-1234", "form_token": token_new()})
    assert page.status_code == 400
    text = page.content.decode()
    for message in ("招聘人数：不能小于1", PAST, PHONE):
        assert text.count(f"<li>{message}</li>") == 1
    assert 'name="contact_phone" value="0779-1234"' in text
    assert Posting.objects.count() == 0


def test_the_service_keeps_the_first_field_and_names_them_all(world):
    with pytest.raises(ApplicationError) as exc:
        postings.posting_create(actor=world.users["county_office"],
                                data={**BASE, "valid_until": "2026-12-01", "contact_phone": "0779-1234"})
    assert (exc.value.field, exc.value.message) == ("valid_until", f"{PAST}；{PHONE}")
    assert field_messages(exc.value) == {"valid_until": PAST, "contact_phone": PHONE}
    with pytest.raises(ApplicationError) as one:
        postings.posting_create(actor=world.users["county_office"], data={**BASE, "contact_phone": "0779-1234"})
    assert (one.value.field, one.value.message, one.value.details) == ("contact_phone", PHONE, {})
    assert Posting.objects.count() == 0
