"""One message per field in Chromium (N13): a 10,000-character 下一步 on the visit form shows the counter's words
once — the server refuses in the same words and the counter takes the server's line away."""

from __future__ import annotations

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect
SAID = "已输入 10000 字，最多 200 字，超出 9800 字，请删减"


def test_a_too_long_next_step_is_said_once(phone, world):
    from jianfu.employment.models import Visit
    from jianfu.employment.tests.factories import key_person_in

    kp = key_person_in()
    page = phone("grid_a")
    page.goto(f"/employment/people/{kp.pk}/visit/")
    page.get_by_label("电话联系").check()
    page.fill("input[name=next_step]", "长" * 10_000)   # data-maxlength: the browser does not cut it
    page.get_by_role("button", name="保存走访").click()
    page.wait_for_load_state()
    row = page.locator(".form-row", has=page.locator("input[name=next_step]"))
    expect(row.get_by_text(SAID, exact=True)).to_have_count(1)
    expect(row.locator(".errorlist")).to_have_count(0)
    expect(page.get_by_text("确保")).to_have_count(0)
    shot(page, "n13_visit_10k_one_message")
    assert Visit.objects.count() == 0


def test_blanks_and_emoji_are_counted_as_the_server_counts_them(phone, world):
    # the diff review's D11: the browser counted UTF-16 units and the blanks the server strips, so the two messages
    # differed and both stayed; now it counts code points of the stripped text, and the server's line naming the same
    # limit is taken away whatever its count
    from jianfu.employment.models import Visit
    from jianfu.employment.tests.factories import key_person_in

    kp = key_person_in()
    page = phone("grid_a")
    page.goto(f"/employment/people/{kp.pk}/visit/")
    page.get_by_label("电话联系").check()
    page.fill("input[name=next_step]", "  " + "😀" * 201 + " ")
    page.get_by_role("button", name="保存走访").click()
    page.wait_for_load_state()
    row = page.locator(".form-row", has=page.locator("input[name=next_step]"))
    expect(row.get_by_text("已输入 201 字，最多 200 字，超出 1 字，请删减", exact=True)).to_have_count(1)
    expect(row.locator(".errorlist")).to_have_count(0)
    assert Visit.objects.count() == 0
