"""Draws the site's icons from static/favicon.svg's design (a red rounded square with a white 减), with Pillow and
the system's CJK font: static/favicon.ico (16, 32, 48 px) for browsers and tools that ask /favicon.ico or cannot use
an SVG icon, and static/apple-touch-icon.png (180 px) for a phone's home screen. Drawn here, nothing downloaded;
run once after changing the design: `.venv/bin/python scripts/make_favicon.py` (session 22, mend22a)."""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

STATIC = Path(__file__).resolve().parent.parent / "static"
RED, WHITE = (192, 57, 43, 255), (255, 255, 255, 255)   # #c0392b, as in favicon.svg
FONTS = ["/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"]


def icon(side: int, font_path: str, *, corner: float = 6 / 32) -> Image.Image:
    """One icon `side` px square, drawn at 8x and scaled down (smooth edges at 16 px)."""
    big = side * 8
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=round(big * corner), fill=RED)
    font = ImageFont.truetype(font_path, round(big * 0.72))
    draw.text((big / 2, big / 2), "减", font=font, fill=WHITE, anchor="mm")
    return image.resize((side, side), Image.Resampling.LANCZOS)


def main() -> int:
    font_path = next((f for f in FONTS if Path(f).exists()), None)
    if font_path is None:
        print("no CJK font found (apt-get install fonts-wqy-microhei)", file=sys.stderr)
        return 1
    icon(48, font_path).save(STATIC / "favicon.ico", format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    icon(180, font_path, corner=0).convert("RGB").save(STATIC / "apple-touch-icon.png", format="PNG", optimize=True)
    for name in ("favicon.ico", "apple-touch-icon.png"):
        print(name, (STATIC / name).stat().st_size, "bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
