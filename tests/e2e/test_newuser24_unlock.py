"""newuser24 in Chromium at 390 px: wrong passwords count down, the lock page leads back to 登录 and the citizens'
entries, 账号管理 (one card per account) marks the lock and 解锁 lifts it, and the account then logs in."""

from __future__ import annotations

import re

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import PHONE, fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect


def _try(page, password: str) -> None:
    page.fill("#id_username", "village_b")
    page.fill("#id_password", password)
    page.locator("form:has(#id_password) button[type=submit]").click()


def test_lock_then_unlock_then_log_in(phone, world, settings):
    settings.AXES_ENABLED = True
    assert (settings.JIANFU_LOGIN_FAILURE_LIMIT, settings.JIANFU_LOGIN_USERNAME_FAILURE_LIMIT) == (5, 20)
    settings.AXES_COOLOFF_TIME = 0.5
    cadre = phone(None)
    cadre.goto("/login/")
    for left in (4, 3, 2, 1):
        _try(cadre, "wrong-password")
        expect(cadre.locator(".login-box .alert-error")).to_have_text(
            f"用户名或密码错误。再输错 {left} 次，该账号将被临时锁定 30 分钟。"
        )
    _try(cadre, "wrong-password")
    locked = cadre.locator("#locked-out")
    expect(locked).to_contain_text("该账号因多次输入错误密码已被临时锁定，约 30 分钟后可以再试。")
    expect(locked.get_by_role("link", name="返回登录页")).to_be_visible()
    expect(cadre.locator("#citizen-entry").get_by_role("link", name="我要反映问题")).to_be_visible()
    assert fits_the_phone(cadre)
    shot(cadre, "newuser24-locked")

    office = phone("county_office")
    office.goto("/accounts/users/?q=village_b")
    card = office.locator(f"#user-{world.users['village_b'].pk}")
    expect(card.locator(".lock-mark")).to_contain_text("锁定至 ")
    unlock = card.get_by_role("button", name="解锁")
    # one card per account: 状态 and the buttons are on screen, not past a sideways scroll (newuser24)
    for part in (card.locator(".lock-mark"), unlock, card.get_by_role("button", name="停用")):
        box = part.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert fits_the_phone(office)
    shot(office, "newuser24-users-locked")
    unlock.click()
    expect(office.locator(".alert-success")).to_have_text("账号“village_b”已解锁，可以重新登录。")
    expect(office.locator(f"#user-{world.users['village_b'].pk} .lock-mark")).to_have_count(0)

    locked.get_by_role("link", name="返回登录页").click()
    _try(cadre, "jianfu-test-password")
    expect(cadre).to_have_url(re.compile(r"://[^/]+/$"))  # the workbench
    expect(cadre.locator("#locked-out")).to_have_count(0)
    shot(cadre, "newuser24-logged-in")
