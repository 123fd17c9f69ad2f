"""Text on filled buttons meets WCAG AA contrast (4.5:1), read from the colours Chromium computed.

The county dispatch queue's routing suggestions showed their score in the grey of `.muted` on the red button
(1.2:1). The check walks every visible, enabled button of the pages that use the style — at rest and hovered,
at 390 px and at desktop width — and every element inside it that holds text, and computes the contrast of its
colour against the background painted behind it (WCAG 2.x relative luminance)."""

from __future__ import annotations

import re

import pytest

from tests.e2e import test_daily_tasks

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect
catalogue = test_daily_tasks.catalogue   # the fixture: the 12-matter catalogue in force in 合浦县
AA = 4.5

# For one element: each element inside it (itself included) that holds text of its own, with its computed colour
# and the first background behind it that is painted (not transparent).
TEXTS = """root => {
  const painted = el => { for (; el; el = el.parentElement) { const bg = getComputedStyle(el).backgroundColor;
      if (!/^rgba\\(.*,\\s*0\\)$/.test(bg) && bg !== 'transparent') return bg; } return 'rgb(255, 255, 255)'; };
  return [root, ...root.querySelectorAll('*')].filter(el => el.getClientRects().length
      && [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
    .map(el => ({text: [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent.trim()).join(' '),
                 color: getComputedStyle(el).color, background: painted(el)}));
}"""


def _rgba(css: str) -> tuple[float, float, float, float]:
    parts = [float(p) for p in re.findall(r"[\d.]+", css)]
    return (parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else 1.0)


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: str, bg: str) -> float:
    """WCAG 2.x contrast ratio of a CSS colour over an opaque one (a translucent foreground blended first)."""
    *f, alpha = _rgba(fg)
    back = _rgba(bg)[:3]
    blended = tuple(alpha * x + (1 - alpha) * y for x, y in zip(f, back, strict=True))
    lighter, darker = sorted((_luminance(blended), _luminance(back)), reverse=True)   # type: ignore[arg-type]
    return (lighter + 0.05) / (darker + 0.05)


def test_the_contrast_formula():
    assert round(contrast("rgb(255, 255, 255)", "rgb(0, 0, 0)"), 2) == 21.0
    assert round(contrast("rgb(107, 119, 133)", "rgb(192, 57, 43)"), 2) == 1.19   # .muted on the red: the defect
    assert round(contrast("rgb(255, 255, 255)", "rgb(192, 57, 43)"), 2) == 5.44


def _low(page, selector: str) -> list[tuple[str, str, str, float]]:
    """(text, colour, background, ratio) of every text under AA in the visible enabled buttons, at rest and hovered."""
    low = []
    buttons = page.locator(selector)
    for i in range(buttons.count()):
        button = buttons.nth(i)
        if not button.is_visible() or button.is_disabled():
            continue
        for hovered in (False, True):
            if hovered:
                button.hover()
            for t in button.evaluate(TEXTS):
                ratio = contrast(t["color"], t["background"])
                if ratio < AA:
                    low.append((t["text"], t["color"], t["background"], round(ratio, 2)))
        page.mouse.move(0, 0)
    return low


def test_every_text_on_a_button_of_the_dispatch_queue_meets_aa(phone, world, catalogue, settings):
    from jianfu.dispatch import services

    settings.JIANFU_ROUTING_CATALOGUE_THRESHOLD = 0.999   # nothing routes itself: every event waits in the queue
    event = services.event_report(actor=world.users["grid_a"], org_code="450521200206001", source="grid",
                                  text="曲木村两户村民为后山林地界线争吵，双方都有林权证，请林业部门确认权属")
    office = phone("county_office")
    office.goto("/dispatch/queue/", timeout=60_000)
    card = office.locator(f"#suggest-{event.pk}")
    first = card.locator(".suggested label.choice").first
    score = first.locator(".strength")
    # the first suggestion says how sure the router is, in words (mend24 #1; the probability in the option's title);
    # picked (dmend32 #1), the one 派发 button that names its department shows — checked below with the others
    assert score.inner_text() in ("把握较大", "有一定把握", "仅供参考")
    assert re.fullmatch(r"系统估计属于该部门的概率：\d\.\d\d", first.get_attribute("title") or "")
    first.click()
    expect(card.locator(".suggested button.send:visible")).to_have_count(1)
    checked = "button, .btn"
    assert _low(office, checked) == []
    office.set_viewport_size({"width": 1280, "height": 900})   # the top bar shows the unit beside the name
    assert _low(office, checked) == []
    assert _low(office, ".topbar") == []      # the red bar's texts, the unit in .muted among them
    assert office.locator(".topbar .who .muted").is_visible()
