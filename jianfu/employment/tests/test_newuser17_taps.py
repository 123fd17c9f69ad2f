"""fix-ui17a #5 (a new user on a 390 px phone, session 17): a visit's 照片 link was 32 × 17 px and the dashboard's
links to the villages with nobody (43 × 16) were text links; on a phone they are tap targets (.tap / .taps, ≥ 40 px
tall in static/css/jianfu.css; tests/e2e measures the rule on other links)."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from jianfu.employment import visits
from jianfu.employment.tests.factories import key_person_in

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (30, 20), (200, 10, 10)).save(out, format="PNG")
    return out.getvalue()


def test_a_visits_photo_link_is_a_tap_target(world):
    kp = key_person_in()
    visit = visits.visit_record(actor=world.users["grid_a"], key_person=kp, outcome="phone",
                                photo=SimpleUploadedFile("a.png", _png(), content_type="image/png"))
    page = world.client("grid_a").get(f"/employment/people/{kp.pk}/").content.decode()
    # since session 22 a thumbnail tile (≥ 96 px square, the .photos grid) is the link to the full photo
    assert (f'<div class="photos"><a href="/employment/visits/{visit.pk}/photo/"><img '
            f'src="/employment/visits/{visit.pk}/photo/thumb/" alt="走访照片"') in page


def test_the_dashboards_links_to_villages_with_nobody_are_tap_targets(world):
    key_person_in()
    page = world.client("county_office").get("/employment/dashboard/").content.decode()
    line = re.search(r'<p class="muted taps" id="empty-units">(.*?)</p>', page, re.S)
    assert line is not None and "<a href=" in line.group(1)
