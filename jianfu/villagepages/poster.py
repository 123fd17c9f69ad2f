"""The A4 poster of a village's 《服务群众事项清单》, in plain Python (reportlab, no Django).

Chinese needs a font that has it. A TrueType CJK font is embedded (subset) when one is found —
Debian's `fonts-wqy-microhei` by default, or the path in `JIANFU_CJK_FONT` — so the PDF prints the same
everywhere; otherwise reportlab's built-in CID font STSong-Light is referenced, which every PDF viewer
with Adobe's Asian font support renders but which is not embedded. A QR code leads to the public page.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from functools import lru_cache

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

DEFAULT_FONT_PATHS = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
                      "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
                      "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


@dataclass(frozen=True)
class PosterItem:
    name: str
    place: str = ""
    hours: str = ""
    materials: str = ""
    time_limit: str = ""
    basis: str = ""


@dataclass(frozen=True)
class PosterData:
    village: str
    township: str
    county: str
    office_address: str = ""
    office_hours: str = ""
    office_phone: str = ""
    items: list[PosterItem] = field(default_factory=list)
    plaques_outside: list[str] = field(default_factory=list)
    approved: str = ""          # "曲樟乡人民政府 2026-05-01 审核"
    url: str = ""               # the public page


@lru_cache(maxsize=4)
def cjk_font(path_hint: str = "") -> tuple[str, bool]:
    """(font name, embedded?) — registered once per process."""
    for path in filter(None, (path_hint, os.environ.get("JIANFU_CJK_FONT", ""), *DEFAULT_FONT_PATHS)):
        if os.path.exists(path):
            name = "JianfuCJK-" + os.path.basename(path).split(".")[0]
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, path, subfontIndex=0))
            return name, True
    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light", False


class _Qr(Flowable):  # type: ignore[misc]  # reportlab ships no type information: Flowable is Any
    def __init__(self, url: str, size: float) -> None:
        super().__init__()
        self.url, self.size = url, size
        self.width = self.height = size

    def draw(self) -> None:
        widget = QrCodeWidget(self.url)
        x0, y0, x1, y1 = widget.getBounds()
        drawing = Drawing(self.size, self.size, transform=[self.size / (x1 - x0), 0, 0, self.size / (y1 - y0), 0, 0])
        drawing.add(widget)
        drawing.drawOn(self.canv, 0, 0)


def _escape(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


def render_poster(data: PosterData, *, font_path: str = "") -> bytes:
    font, _embedded = cjk_font(font_path)
    base = ParagraphStyle("base", fontName=font, fontSize=10.5, leading=14, wordWrap="CJK")
    small = ParagraphStyle("small", parent=base, fontSize=9, leading=12, textColor=colors.HexColor("#444444"))
    head = ParagraphStyle("head", parent=base, fontSize=10.5, textColor=colors.white)
    title = ParagraphStyle("title", parent=base, fontSize=24, leading=32, alignment=TA_CENTER)
    subtitle = ParagraphStyle("subtitle", parent=base, fontSize=13, leading=18, alignment=TA_CENTER)
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=14 * mm,
                            bottomMargin=14 * mm, title=f"{data.village}服务群众事项清单", author="", creator="jianfu",
                            subject="", keywords="")
    story = [Paragraph(_escape(data.village), title),
             Paragraph("《服务群众事项清单》", subtitle), Spacer(1, 4 * mm)]
    facts = [("办公地点", data.office_address), ("办公时间", data.office_hours), ("办公电话", data.office_phone)]
    facts = [(label, value) for label, value in facts if value]
    if facts:
        story.append(Paragraph("<br/>".join(f"{label}：{_escape(value)}" for label, value in facts), base))
        story.append(Spacer(1, 3 * mm))
    rows = [[Paragraph(h, head) for h in ("序", "服务事项", "办理地点和时间", "所需材料", "时限")]]
    for i, item in enumerate(data.items, start=1):
        where = "<br/>".join(_escape(v) for v in (item.place, item.hours) if v)
        name = _escape(item.name) + (f"<br/><font size=8>依据：{_escape(item.basis)}</font>" if item.basis else "")
        rows.append([Paragraph(str(i), base), Paragraph(name, base), Paragraph(where, small),
                     Paragraph(_escape(item.materials), small), Paragraph(_escape(item.time_limit), small)])
    width = A4[0] - 30 * mm
    # splitInRow: an item taller than a page (a materials list of many short lines, allowed by the form's 1,000
    # characters) continues on the next page; without it reportlab raised LayoutError, a 500 (badinput31b #1)
    table = Table(rows, colWidths=[9 * mm, 42 * mm, 44 * mm, width - 123 * mm, 28 * mm], repeatRows=1, splitInRow=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#b71c1c")),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#999999")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f6f1ee")]),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    story.append(table)
    if data.plaques_outside:
        story += [Spacer(1, 4 * mm), Paragraph(
            f"村（社区）办公场所外部挂牌（{len(data.plaques_outside)} 块）："
            + "、".join(_escape(p) for p in data.plaques_outside), small)]
    footer = [Paragraph(_escape(data.approved), small),
              Paragraph("扫码查看最新清单：" + _escape(data.url), small)] if data.url else \
        [Paragraph(_escape(data.approved), small)]
    if data.url:
        story += [Spacer(1, 5 * mm), KeepTogether(Table([[footer, _Qr(data.url, 26 * mm)]],
                                                         colWidths=[width - 30 * mm, 30 * mm],
                                                         style=[("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))]
    else:
        story += [Spacer(1, 5 * mm), *footer]
    doc.build(story)
    return out.getvalue()
