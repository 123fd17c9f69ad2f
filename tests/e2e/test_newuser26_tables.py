"""newuser26 #3: two tables a phone could not read at 390 px — /registry/reviews/ (408 px in a scroll box, 批次 one
character a line) and /review/rules/ (640 px, 分组 2–3 characters a line, 状态 and 停用 off screen) — are cards on a
phone, as the project's other phone lists (table.cards): each card within the screen, every field with its label on
one line of text wide enough to read, no "YAML" in the words."""

from __future__ import annotations

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]

# every visible cell of the table: its label (data-label, shown by ::before "label："), its text and its box
CELLS = """sel => [...document.querySelectorAll(sel + ' tbody td')].filter(td => td.getBoundingClientRect().height > 0)
  .map(td => ({label: td.dataset.label || '', text: td.innerText.trim(), left: Math.round(td.getBoundingClientRect().left),
              right: Math.round(td.getBoundingClientRect().right), width: Math.round(td.getBoundingClientRect().width)}))"""
TABLE_WIDTH = "sel => Math.round(document.querySelector(sel).getBoundingClientRect().width)"


def _cells_fit(cells: list[dict]) -> None:
    for cell in cells:
        # a card's cell spans the card (≈ 330 px): it was 17–60 px, one to three characters a line
        assert cell["left"] >= 0 and cell["right"] <= 390 and cell["width"] >= 300, cell


def test_registry_reviews_are_cards_on_a_phone(phone, world):
    from jianfu.registry.models import DuplicateReview, ImportBatch

    batch = ImportBatch.objects.create(org_code="450521200206", original_name="曲木村2026年人口台账（第二次核对）.xlsx",
                                       status="done")
    for name in ("王伟", "谢慧"):
        DuplicateReview.objects.create(org_code="450521200206", batch=batch, data={"name": name,
                                       "birth_date": "1985-03-04"}, candidates=[{"person_id": 1, "score": 92.5}])
    page = phone("village_a")
    page.goto("/registry/reviews/", timeout=60_000)
    shot(page, "newuser26-registry-reviews")
    assert fits_the_phone(page)
    assert page.evaluate(test_daily_tasks.CONTROLS) == []
    assert page.evaluate(TABLE_WIDTH, "table.cards") <= 358
    cells = page.evaluate(CELLS, "table.cards")
    assert [(c["label"], c["text"]) for c in cells] == [
        (label, text) for name in ("谢慧", "王伟") for label, text in (   # newest first
            ("", name), ("出生日期", "1985-03-04"), ("村（社区）", "曲木村委会"), ("候选", "1"),
            ("批次", "曲木村2026年人口台账（第二次核对）.xlsx"))]
    _cells_fit(cells)
    names = page.locator("table.cards td.card-title a")
    assert all(box["height"] >= 44 for box in (n.bounding_box() for n in names.all()))


def test_review_rules_are_cards_on_a_phone(phone, world):
    page = phone("county_office")
    page.goto("/review/rules/", timeout=60_000)
    shot(page, "newuser26-review-rules")
    assert fits_the_phone(page)
    assert page.evaluate(test_daily_tasks.CONTROLS) == []
    assert "YAML" not in page.inner_text("main")
    assert "内置规则来自规则库（规则文件）" in page.inner_text("main")
    assert page.evaluate(TABLE_WIDTH, "table.cards") <= 358
    cells = page.evaluate(CELLS, "table.cards")
    _cells_fit(cells)
    states = [c["text"] for c in cells if c["label"] == "状态"]
    assert states and set(states) <= {"启用", "停用"}
    # each rule's 停用 / 启用 button: on screen and thumb-sized
    buttons = [b.bounding_box() for b in page.locator("table.cards button.link").all()]
    assert len(buttons) == len(states)
    assert all(b["x"] + b["width"] <= 390 and b["height"] >= 44 for b in buttons)
