"""newuser22 in Chromium at 390 × 844: #1 a visit's 20 MB photo is shrunk in the page and the visit saves with it (it
went up whole, 30–60 s on 4G, to be refused at 10 MB); #2 a person who is 已就业 is said to need no referral on their
page and their jobs page, with no 推荐给单位 buttons; #3 back after a successful 报送 shows the submission as it is,
not the refused page before it; #4 the GBK csv's errors quote what was typed; #5 the dashboard's 查看 has a gap."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import PHONE, fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect
FILES = "() => [...document.querySelector('#id_photo').files].map(f => [f.name, f.type, f.size])"


@pytest.fixture
def big_photo(tmp_path):
    """A 20 MB camera-sized JPEG (noise does not compress), over the server's 10 MB limit."""
    w, h = 4608, 3456
    out = io.BytesIO()
    Image.frombytes("RGB", (w, h), os.urandom(w * h * 3)).save(out, format="JPEG", quality=97)
    assert out.tell() > 20 * 2**20, out.tell()
    path = tmp_path / "IMG_20261206_0915.jpg"
    path.write_bytes(out.getvalue())
    return path


def test_a_20_mb_visit_photo_is_shrunk_in_the_page_and_the_visit_saves_with_it(phone, world, big_photo):
    from jianfu.employment.models import Visit
    from jianfu.employment.tests.factories import key_person_in

    kp = key_person_in()
    page = phone("grid_a")
    page.goto(f"/employment/people/{kp.pk}/visit/?next=person", timeout=60_000)
    expect(page.locator("label[for=id_photo]")).to_have_text(
        "照片（可选，不超过 10 MB，较大的照片会自动压缩）"
    )
    page.get_by_label("见到本人", exact=True).check()
    page.set_input_files("#id_photo", str(big_photo))
    expect(page.locator(".photo-shrink")).to_contain_text("照片已压缩", timeout=60_000)
    [(name, kind, sent)] = page.evaluate(FILES)
    before = big_photo.stat().st_size
    print(f"\nnewuser22 #1: camera {before} bytes → sent {sent} ({sent / before:.1%})")
    assert (name, kind) == ("IMG_20261206_0915.jpg", "image/jpeg") and sent < 10 * 2**20
    page.get_by_role("button", name="保存走访").click()
    expect(page.locator(".alert-success")).to_have_text("走访已记录。")
    visit = Visit.objects.get(key_person=kp)
    with visit.photo.open("rb") as stored, Image.open(stored) as image:
        assert max(image.size) == 1600
    assert page.url.endswith(f"/employment/people/{kp.pk}/")
    shot(page, "newuser22-visit-photo-shrunk")


def test_a_person_in_work_is_said_to_need_no_referral_and_has_no_refer_buttons(phone, world):
    from jianfu.employment.models import KeyStatus, Referral
    from jianfu.employment.tests.factories import TOWN, key_person_in, person_in, posting_in

    kp = key_person_in(
        person=person_in(name="黄秀英"),
        status=KeyStatus.EMPLOYED,
        profile={"desired_text": "想做海产品分拣", "places": ["county"]},
    )
    posting_in(TOWN, title="海产品分拣工")
    posting_in(TOWN, title="海产品包装工")
    said = "该人员当前状态为“已就业”，不需要推荐岗位。"
    page = phone("village_a")
    page.goto(f"/employment/people/{kp.pk}/", timeout=60_000)
    expect(page.locator("#not-seeking")).to_have_text(said)
    expect(page.locator(".shortcuts").get_by_role("link", name="推荐岗位")).to_have_count(0)
    link = page.locator(".shortcuts").get_by_role("link", name="适合的岗位")
    expect(link).to_have_attribute("href", f"/employment/people/{kp.pk}/jobs/")
    # the matcher's first run may take more than the 15 s a click waits for
    page.goto(f"/employment/people/{kp.pk}/jobs/", timeout=60_000)
    expect(page.locator("#not-seeking")).to_have_text(said + "下列岗位仅供查看。")
    expect(page.locator(".job-match")).to_have_count(2)  # still listed, to read
    expect(page.get_by_role("button", name="推荐给单位")).to_have_count(0)
    assert fits_the_phone(page)
    shot(page, "newuser22-jobs-of-a-person-in-work")
    assert Referral.objects.count() == 0


def test_back_after_a_successful_submit_shows_the_submission_as_it_is(phone, world):
    from jianfu.reports import services
    from jianfu.reports.catalog import forms_load
    from jianfu.reports.models import Submission, Template

    forms_load(actor=None)
    sub = services.submission_generate(
        actor=world.users["village_a"],
        org_code="450521200206",
        period="202505",
        template=Template.objects.get(code="mz_dibao_tekun"),
    )
    page = phone("village_a")
    page.goto(f"/reports/submissions/{sub.pk}/", timeout=60_000)
    typed = {
        "dibao_new_households": "1",
        "dibao_exit_households": "0",
        "dibao_fund": "0.5万",
        "tekun_centralised": "0",
        "tekun_fund": "3000",
    }
    for key, value in typed.items():
        page.fill(f"#cell-{key}", value)
    page.get_by_role("button", name="报送", exact=True).click()
    expect(page.locator(".alert-error")).to_contain_text("应为数字，而不是“0.5万”")
    assert Submission.objects.get().status == "generated"
    page.fill("#cell-dibao_fund", "5000")
    page.get_by_role("button", name="报送", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("已报送，等待乡镇审核")
    page.go_back()
    # the entry the refusal left is the submission's own page, fetched again: its real state, no refusal
    assert page.url.endswith(f"/reports/submissions/{sub.pk}/")
    expect(page.locator("h1 + p")).to_contain_text("已报送待审核")
    expect(page.locator(".alert-error")).to_have_count(0)
    expect(page.locator("#cell-dibao_fund")).to_have_count(0)  # nothing left to type: it was sent
    shot(page, "newuser22-back-after-submit")
    assert Submission.objects.get().status == "submitted"


def test_the_dashboard_year_box_and_its_button_have_a_gap(phone, world):
    page = phone("county_office")
    for url in ("/monitor/dashboard/", "/monitor/index/"):
        page.goto(url, timeout=60_000)
        # the labelled filter since ui31 (.filter-grid): the box under its label 年度, 查看 in the next cell
        box = page.get_by_label("年度").bounding_box()
        button = page.locator("form.filter-grid").get_by_role("button", name="查看").bounding_box()
        # side by side, their feet level, 11.2 px apart (the grid's .7rem), neither touching the other, inside the screen
        assert abs(button["y"] + button["height"] - (box["y"] + box["height"])) < 1, (url, box, button)
        assert button["x"] - (box["x"] + box["width"]) == pytest.approx(11.2, abs=0.5), (url, box, button)
        assert button["x"] + button["width"] <= PHONE["width"] and fits_the_phone(page)
    shot(page, "newuser22-monitor-year-gap")
