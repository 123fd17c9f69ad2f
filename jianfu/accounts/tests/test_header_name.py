"""newuser15 F19: the header said "县减负办 县减负办 · 合浦县" — the role only when the display name does not say it."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def _who(world, username: str, display_name: str) -> list[str]:
    user = world.users[username]
    user.display_name = display_name
    user.save(update_fields=["display_name"])
    page = world.client(username).get("/").content.decode()
    block = re.search(r'<div class="who">(.*?)<form', page, re.S).group(1)
    return re.sub(r"<[^>]+>", " ", block).split()


def test_a_display_name_that_is_the_role_is_not_repeated(world):
    assert _who(world, "county_office", "县减负办") == ["县减负办", world.users["county_office"].org_unit.name]


def test_a_personal_display_name_keeps_the_role_beside_the_unit(world):
    unit = world.users["town_quzhang"].org_unit.name
    assert _who(world, "town_quzhang", "曲樟乡干部") == ["曲樟乡干部", "乡镇/街道", "·", unit]
