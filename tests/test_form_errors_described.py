"""Session 30 (a check of the day's fixes in Chromium): Django 5.2 points a field's `aria-describedby` at
`<auto_id>_error` and `<auto_id>_helptext`, but the shared form template (`templates/includes/form.html`) gave its
error list and help text no id, so a screen reader found nothing the input pointed at; and a form-wide error was not
announced (role="alert", as the flash messages of level error are since ui30)."""

from __future__ import annotations

import re

import pytest

from jianfu.core.formtokens import token_new

pytestmark = pytest.mark.django_db


def test_every_id_a_refused_field_points_at_is_in_the_page(world):
    page = world.client("county_office").post("/employment/postings/new/", {
        "employer": "合浦县曲樟乡荔枝专业合作社", "title": "荔枝采摘工", "place": "曲樟乡", "description": "采摘",
        "valid_until": "2026-12-01", "contact_phone": "0779-1234", "form_token": token_new()})
    text = page.content.decode()
    assert page.status_code == 400
    pointed = {name for ids in re.findall(r'aria-describedby="([^"]+)"', text) for name in ids.split()}
    assert {"id_valid_until_error", "id_contact_phone_error"} <= pointed
    assert sorted(name for name in pointed if f'id="{name}"' not in text) == []
    assert '<ul class="errorlist" id="id_contact_phone_error"><li>联系电话格式错误（应为11位手机号或带区号的固定电话）</li></ul>' \
        in text


def test_a_form_wide_error_is_announced(world):
    page = world.client(None).post("/login/", {"username": "village_a", "password": "wrong-password"})
    text = page.content.decode()
    assert page.status_code == 200
    assert re.search(r'<div class="alert alert-error" role="alert">[^<]+</div>', text)
