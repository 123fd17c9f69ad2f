"""security18 #6: the 新建通报 form's token looked up among the poster's own notices only; the key is unique over all
of them, so another county office account posting the same token hit the unique constraint (a 500). Now it is looked
up over every notice and answered only to the account that saved it; another account's post is an expired form,
nothing saved (as the other create forms: security17 #2, #4)."""

from __future__ import annotations

import pytest

from jianfu.accounts.models import User
from jianfu.core.formtokens import FORM_EXPIRED as EXPIRED
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.monitor.models import Notice

pytestmark = pytest.mark.django_db

FORM = {"title": "关于几起增加基层负担问题的通报", "issuer": "合浦县减负办", "date": "2026-12-01", "body": "现将有关情况通报如下。"}


def _second_office(world) -> str:
    user = User(username="county_office2", role="county_office", org_unit=world.units["county"])
    user.set_password("jianfu-test-password")
    user.save()
    world.users["county_office2"] = user
    return "county_office2"


def _state() -> tuple:
    return (list(Notice.objects.order_by("id").values_list("id", "title", "created_by__username")),
            AuditRecord.objects.count())


@pytest.mark.parametrize("other", [False, True])
def test_the_token_of_another_accounts_notice_is_an_expired_form(world, other):
    token = token_new()
    first = world.client("county_office").post("/monitor/notices/new/", {**FORM, "form_token": token})
    notice = Notice.objects.get()
    assert first["Location"] == f"/monitor/notices/{notice.pk}/"
    before = _state()
    data = {**FORM, "title": "另一份通报"} if other else FORM
    r = world.client(_second_office(world)).post("/monitor/notices/new/", {**data, "form_token": token})
    assert r.status_code == 400
    assert EXPIRED in r.content.decode()
    assert _state() == before


def test_the_same_accounts_repeat_is_still_answered_with_its_notice(world):
    token = token_new()
    office = world.client("county_office")
    office.post("/monitor/notices/new/", {**FORM, "form_token": token}, follow=True)
    notice = Notice.objects.get()
    before = _state()
    again = office.post("/monitor/notices/new/", {**FORM, "form_token": token}, follow=True)
    assert again.redirect_chain == [(f"/monitor/notices/{notice.pk}/", 302)]
    assert [str(m) for m in again.context["messages"]] == ["这份通报已经保存过，没有重复保存。"]
    assert _state() == before
