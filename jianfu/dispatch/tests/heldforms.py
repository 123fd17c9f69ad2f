"""What the held-photo tests post: the two report forms, a photo, and the holding a refused page carries."""

from __future__ import annotations

import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from jianfu.core.formtokens import token_new

GRID_FORM = "/dispatch/report/"
PUBLIC = "/dispatch/public/report/"
TEXT = "曲木村卫生室门前道路塌陷，请尽快处理"
GRID = "450521200206001"
VILLAGE = "450521200206"


def jpeg(name: str = "p.jpg", size=(64, 48), shade: int = 128) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (shade, shade, shade)).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), "image/jpeg")


def held_token(page: str) -> str:
    found = re.search(r'name="held" value="([^"]+)"', page)
    assert found, "the page carries no holding"
    return found.group(1)


def grid_post(client, *, text: str = TEXT, photos=(), held: str = "", drop=()):
    data = {
        "form_token": token_new(),
        "text": text,
        "org_code": GRID,
        "urgency": "normal",
        "photos": list(photos),
    }
    if held:
        data["held"] = held
    if drop:
        data["held_drop"] = list(drop)
    return client.post(GRID_FORM, data)


def public_post(client, *, contact: str, photos=(), held: str = ""):
    data = {
        "form_token": token_new(),
        "text": TEXT,
        "org_code": VILLAGE,
        "urgency": "normal",
        "reporter_name": "李四",
        "reporter_contact": contact,
        "photos": list(photos),
    }
    if held:
        data["held"] = held
    return client.post(PUBLIC, data)
