"""mend22a #5: /favicon.ico was a 404 on every request for it (a browser asks it wherever a page names no icon: a
photo or a download opened on its own, older Safari, which cannot use the SVG icon). It is now the red 减 of
static/favicon.svg as an ICO drawn by scripts/make_favicon.py; every page (and the 文件过大 page, which does not extend
base.html) names the ICO, the SVG and a 180 px home-screen icon, all from static."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from PIL import Image

pytestmark = pytest.mark.django_db
ICONS = ('<link rel="icon" href="/static/favicon.ico" sizes="16x16 32x32 48x48">\n'
         '  <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">\n'
         '  <link rel="apple-touch-icon" href="/static/apple-touch-icon.png">')


def test_favicon_ico_answers_to_anyone_with_the_drawn_icon():
    response = Client().get("/favicon.ico")
    assert (response.status_code, response["Content-Type"], response["Cache-Control"]) == (
        200, "image/vnd.microsoft.icon", "public, max-age=604800")
    with open(finders.find("favicon.ico"), "rb") as f:
        assert response.content == f.read()
    icon = Image.open(io.BytesIO(response.content))
    assert (icon.format, sorted(icon.info["sizes"])) == ("ICO", [(16, 16), (32, 32), (48, 48)])
    assert icon.convert("RGB").getpixel((24, 4)) == (192, 57, 43)      # the red of favicon.svg (#c0392b)


def test_every_page_names_the_icons_and_each_is_a_static_file(world):
    for page in (Client().get("/login/"), world.client("grid_a").get("/")):
        assert page.status_code == 200 and ICONS in page.content.decode()
    for href in re.findall(r'href="/static/([^"]+)"', ICONS):
        assert finders.find(href), href
    touch = Image.open(finders.find("apple-touch-icon.png"))
    assert (touch.format, touch.size, touch.mode) == ("PNG", (180, 180), "RGB")


def test_the_too_large_page_names_the_icons_too(settings):
    settings.JIANFU_MAX_REQUEST_BYTES = 1000
    page = Client().post("/login/", {"x": "y" * 2000})
    assert page.status_code == 413 and ICONS in page.content.decode()
