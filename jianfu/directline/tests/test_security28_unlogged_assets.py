"""security28 #4: the public direct-line pages load `/static/directline/directline.css`, which no other public page
loads, and deploy.md turned the access log off only for `/directline/public/` and `/api/v1/directline/public/`: a
production log kept the address and second of every browser that opened the report form. Every file those pages load
is either one the login page loads too (telling nothing) or under a prefix deploy.md serves with `access_log off`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jianfu.directline.tests.factories import county_key_with_handler

DEPLOY = Path(__file__).resolve().parents[3] / "docs" / "deploy.md"
UNLOGGED = re.compile(r"location \^~ (\S+)\s+\{ access_log off;")


def _assets(html: str) -> set[str]:
    return {
        re.sub(r"\?.*", "", url)
        for url in re.findall(r'(?:href|src)="(/[^"]+)"', html)
        if url.startswith(("/static/", "/jsi18n/"))
    }


@pytest.mark.django_db
def test_every_file_only_the_direct_line_loads_is_served_unlogged(world):
    county_key_with_handler(world)
    client = world.client(None)
    common = _assets(client.get("/login/").content.decode())
    own = set()
    for path in ("/directline/public/report/", "/directline/public/follow/"):
        own |= _assets(client.get(path).content.decode()) - common
    unlogged = UNLOGGED.findall(DEPLOY.read_text(encoding="utf-8"))
    assert "/directline/public/" in unlogged
    assert own, "the direct line's pages load a file of their own (its stylesheet)"
    assert sorted(url for url in own if not url.startswith(tuple(unlogged))) == []
