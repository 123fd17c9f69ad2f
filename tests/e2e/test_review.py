"""The document review page in Chromium at 390 px: the county office's decisions on a finding (排除, 补充) bring it
back to the clause it was reading, not to the top of a long review (session 7's fix, which had Django tests only)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import PHONE, fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]

# a long draft: the clause with findings comes after a phone's screenful of plain ones
PLAIN = "".join(f"（{n}）各村按照职责做好第{n}项日常工作，具体安排由乡镇结合实际确定。\n" for n in range(1, 16))
DRAFT = ("XX县住房和城乡建设局关于开展危房排查的通知\n一、工作安排\n" + PLAIN
         + "二、工作措施\n（一）考核实行千分制，考核结果每月排名通报。\n（二）各村安排专人负责危房巡查。\n三、其他事项\n"
         + PLAIN)   # and a screenful after it, so the page can scroll the clause to the top (under the top bar)


def expect(locator):
    from playwright.sync_api import expect as pw_expect

    return pw_expect(locator)


def in_view(page, selector: str) -> bool:
    """The element's top is on the screen, below the sticky top bar (not hidden under it), and the page is not at
    its top."""
    # the browser scrolls to the #fragment after the load event: on a loaded machine that can come after the first
    # look, so look again for up to 5 s before judging (a page that never scrolls still fails; polled from Python, as
    # the page's CSP refuses Playwright's string-evaluated wait_for_function)
    for _ in range(50):
        top = page.evaluate(f"document.querySelector('{selector}').getBoundingClientRect().top")
        bar = page.evaluate("document.querySelector('.topbar').getBoundingClientRect().bottom")
        if bar <= top < PHONE["height"] and page.evaluate("window.scrollY") > 0:
            return True
        page.wait_for_timeout(100)
    return False


def test_dismissing_or_adding_a_finding_returns_to_its_clause(phone, world):
    from jianfu.review.models import Finding
    from jianfu.review.services import review_submit

    review = review_submit(actor=world.users["dept_housing"], text=DRAFT)
    ranking = review.findings.filter(matched__contains="排名").first()
    assert ranking is not None and ranking.clause_index is not None
    clause = f"#clause-{ranking.clause_index}"

    office = phone("county_office")
    office.goto(f"/review/reviews/{review.pk}/")
    assert office.evaluate("window.scrollY") == 0
    card = office.locator(f"{clause} .rv-finding").filter(has_text="排名").first
    card.locator("input[name=reason]").fill("排名仅用于内部通报，已删除")
    card.get_by_role("button", name="排除").click()
    expect(office.locator(".alert-success")).to_contain_text("已排除该审查意见")
    assert office.url.endswith(f"/review/reviews/{review.pk}/{clause}")
    assert in_view(office, clause)
    # newuser23 #1: the message is said at the clause, on the screen (it was at the top, off-screen)
    said = office.locator(f"{clause} .rv-clause-message")
    expect(said).to_have_text("已排除该审查意见，得分已重新计算。")
    assert in_view(office, f"{clause} .rv-clause-message")
    ranking.refresh_from_db()
    assert (ranking.status, ranking.reason) == ("dismissed", "排名仅用于内部通报，已删除")
    assert fits_the_phone(office)
    shot(office, "review-dismissed-at-clause")

    # 补充: a finding the engine missed, on the last clause, returns there
    office.goto(f"/review/reviews/{review.pk}/")
    last = len(review.clauses) - 1
    office.locator("details.rv-add summary").click()
    office.locator("select[name=clause]").select_option(str(last))
    office.locator("select[name=group]").select_option(index=1)
    office.locator("textarea[name=note]").fill("专人巡查应由乡镇统筹，不宜层层下压")
    office.get_by_role("button", name="补充", exact=True).click()
    expect(office.locator(".alert-success")).to_be_visible()
    assert office.url.endswith(f"#clause-{last}")
    assert in_view(office, f"#clause-{last}")
    added = Finding.objects.get(review=review, origin="reviewer")
    assert (added.clause_index, added.reason) == (last, "专人巡查应由乡镇统筹，不宜层层下压")
    expect(office.locator(f"#clause-{last}")).to_contain_text("减负办补充")


def test_adding_a_finding_from_beside_its_clause(phone, world):
    """Session 12 (U16): the 补充 link beside a clause opens the form under that clause (in view, the clause fixed),
    and the added finding is shown there."""
    from jianfu.review.models import Finding
    from jianfu.review.services import review_submit

    review = review_submit(actor=world.users["dept_housing"], text=DRAFT)
    index = next(c["index"] for c in review.clauses if c["text"].startswith("（二）各村安排专人"))
    clause = f"#clause-{index}"
    office = phone("county_office")
    office.goto(f"/review/reviews/{review.pk}/")
    office.locator(f"details.rv-clean:has({clause}) > summary").click()   # folded: no finding (newuser23 #1)
    office.locator(f"{clause} .rv-add-link a").click()
    form = office.locator(f"{clause} .rv-add-here form")
    expect(form).to_be_visible()
    assert in_view(office, clause)
    assert form.locator("select[name=clause]").count() == 0
    form.locator("select[name=rule_id]").select_option("BR-DUTY-03")
    form.locator("textarea[name=note]").fill("专人巡查属清单外事项")
    form.get_by_role("button", name="补充", exact=True).click()
    expect(office.locator(".alert-success")).to_be_visible()
    assert office.url.endswith(clause)
    added = Finding.objects.get(review=review, origin="reviewer")
    assert (added.clause_index, added.rule_id, added.reason) == (index, "BR-DUTY-03", "专人巡查属清单外事项")
    expect(office.locator(clause)).to_contain_text("减负办补充")
    assert fits_the_phone(office)
    shot(office, "review-added-beside-clause")


def test_a_refused_add_comes_back_at_its_clause_with_what_was_typed(phone, world):
    """newuser13 V05 + V06: a 补充 whose selected words are not in the clause comes back under that clause, in view,
    with the note, group and words kept and the error there; corrected, the finding reads its group once and its
    note once."""
    from jianfu.review.models import Finding
    from jianfu.review.services import review_submit

    review = review_submit(actor=world.users["dept_housing"], text=DRAFT)
    index = next(c["index"] for c in review.clauses if c["text"].startswith("（二）各村安排专人"))
    clause = f"#clause-{index}"
    note = "专人巡查应由乡镇统筹，不宜层层下压。建议删除。"
    office = phone("county_office")
    office.goto(f"/review/reviews/{review.pk}/")
    office.locator(f"details.rv-clean:has({clause}) > summary").click()   # folded: no finding (newuser23 #1)
    office.locator(f"{clause} .rv-add-link a").click()
    form = office.locator(f"{clause} .rv-add-here form")
    form.locator("input[name=selection]").fill("安排两名专人")
    form.locator("select[name=group]").select_option("DUTY")
    form.locator("textarea[name=note]").fill(note)
    form.get_by_role("button", name="补充", exact=True).click()
    form = office.locator(f"{clause} .rv-add-here form")
    expect(form.locator("#add-error")).to_have_text("选中的文字不在该条款中，请从条款原文中选取。")
    assert office.url.endswith(clause)
    assert in_view(office, f"{clause} .rv-add-here")
    expect(form.locator("input[name=selection]")).to_have_value("安排两名专人")
    expect(form.locator("select[name=group]")).to_have_value("DUTY")
    expect(form.locator("textarea[name=note]")).to_have_value(note)
    assert Finding.objects.filter(review=review, origin="reviewer").count() == 0
    assert fits_the_phone(office)
    shot(office, "review-add-refused-kept")

    form.locator("input[name=selection]").fill("安排专人")
    form.get_by_role("button", name="补充", exact=True).click()
    expect(office.locator(".alert-success")).to_be_visible()
    card = office.locator(f"{clause} .rv-finding").filter(has_text="减负办补充")
    expect(card).to_contain_text("减负办人工认定·基层权责（中）：安排专人")
    assert card.inner_text().count(note) == 1
    added = Finding.objects.get(review=review, origin="reviewer")
    assert (added.clause_index, added.group, added.matched, added.reason) == (index, "DUTY", "安排专人", note)
    shot(office, "review-added-group-once")
