"""基层减负直通车 and village-page benchmark.

Rows (each beside a floor measured in the same run):
- seal_report_2000_chars: sealing a 2,000-character report to the county key (X25519 + HKDF + AES-GCM).
  Floor: AES-256-GCM with a server-held key (what `jianfu.core.crypto` does) — the ratio is the price of
  a server that cannot read what it stores.
- open_report: a handler opening it with the private key. Floor: AES-GCM decryption.
- receipt_follow_up: a receipt code typed loosely → normalised → lookup hash → report key unwrapped
  (the work of every follow-up, hit or miss). Floor: one SHA-256 of the code.
- handler_unlock_scrypt: one passphrase check (scrypt 2^15, r=8), deliberately slow: guesses per
  second per core for someone holding a stolen slot. Floor: PBKDF2-SHA256 at Django's 1,000,000 rounds.
- identifier_check_quality: phone/ID warning on a labelled set written before running (positives and
  look-alikes: dates, document numbers, amounts, invalid check digits). Precision/recall beside a plain
  regex baseline (`\\d{11}|\\d{17}[\\dXx]`). Floor time: the baseline's.
- suppress_300_townships: small-count suppression of a 300-entry list. Floor: `sum()` of the list.
- scrub_docx / scrub_pdf / scrub_jpeg: attachment metadata removal. Floors: python-docx open+save, pypdf
  read+write, Pillow decode+re-encode — the ratio is what the scrubbing adds.
- poster_a4_9_items: the village poster PDF (reportlab, embedded CJK subset, table, QR code).
  Floor: one reportlab page drawing the same strings as plain lines.
SMOKE: fewer repeats and a smaller label set.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import random
import re

from bench.common import SMOKE, peak_mb, row, setup_django, timed

REPEAT = 1 if SMOKE else 7


def _labelled_set(seed: int = 11) -> list[tuple[str, bool]]:
    """(sentence, has an identifier) — labels fixed by construction, before any detector runs."""
    from stdnum.cn import ric

    rng = random.Random(seed)
    rows: list[tuple[str, bool]] = []

    def valid_id() -> str:
        body = f"4505211{rng.randint(960, 999):03d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
        body = body[:17]
        return body + ric.calc_check_digit(body + "0")  # the function ignores the last character

    def invalid_id() -> str:
        good = valid_id()
        wrong = "0123456789X".replace(good[-1], "")
        return good[:-1] + rng.choice(wrong)

    n = 4 if SMOKE else 40
    for _ in range(n):
        mobile = f"1{rng.choice('3456789')}{rng.randint(0, 999999999):09d}"
        rows += [
            (f"有事请联系我 {mobile}，晚上也可以。", True),
            (f"联系人电话：{mobile[:3]}-{mobile[3:7]}-{mobile[7:]}", True),
            (f"座机 0779-72{rng.randint(0, 99999):05d}，工作日有人。", True),
            (f"身份证号 {valid_id()}，请核实。", True),
            (f"文号合政办〔{rng.randint(2019, 2026)}〕{rng.randint(1, 300)}号，共 {rng.randint(1000, 9000)} 字。", False),
            (f"会议于 {rng.randint(2023, 2026)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d} 召开，时长 120 分钟。", False),
            (f"项目资金 {rng.randint(10, 99)}{rng.randint(0, 999999999):09d} 元已下达。", False),
            (f"流水号 {invalid_id()}（不是身份证号）。", False),
            (f"平台编号 2{rng.randint(0, 9999999999):010d}，请勿外传。", False),
        ]
    return rows


def _score(detect, rows) -> tuple[float, float]:
    tp = fp = fn = 0
    for text, label in rows:
        found = detect(text)
        tp += found and label
        fp += found and not label
        fn += (not found) and label
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


_BASELINE = re.compile(r"\d{11}|\d{17}[\dXx]")


def run() -> list[dict]:
    setup_django()
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

    from jianfu.directline import sealing
    from jianfu.directline.suppression import suppress
    from jianfu.directline.textcheck import find_identifiers

    rows = []
    text = ("某局要求各村每周上报入户走访照片和台账，并在工作群打卡排名。" * 80)[:2000]
    pair = sealing.new_key_pair()
    server_key = AESGCM(os.urandom(32))
    nonce = os.urandom(12)
    seal_s, _ = timed(lambda: sealing.seal_text(text, recipient_public=pair.public, aad="r:body"), repeat=REPEAT * 20)
    floor_s, _ = timed(lambda: server_key.encrypt(os.urandom(12), text.encode(), b"r:body"), repeat=REPEAT * 20)
    rows.append(row("seal_report_2000_chars", seal_s, floor_median_s=floor_s,
                    peak=peak_mb(lambda: sealing.seal_text(text, recipient_public=pair.public, aad="r:body"))))
    blob = sealing.seal_text(text, recipient_public=pair.public, aad="r:body")
    plain_blob = server_key.encrypt(nonce, text.encode(), b"r:body")
    open_s, _ = timed(lambda: sealing.open_text(blob, private=pair.private, aad="r:body"), repeat=REPEAT * 20)
    floor_s, _ = timed(lambda: server_key.decrypt(nonce, plain_blob, b"r:body"), repeat=REPEAT * 20)
    rows.append(row("open_report", open_s, floor_median_s=floor_s))

    code = sealing.new_receipt_code()
    normal = sealing.normalise_receipt_code(code)
    wrapped = sealing.wrap(pair.private, key=sealing.receipt_key(normal, report_uid="u"), aad="k")
    typed = code.lower().replace("-", " ")

    def follow_up():
        n = sealing.normalise_receipt_code(typed)
        sealing.receipt_lookup_hash(n)
        sealing.unwrap(wrapped, key=sealing.receipt_key(n, report_uid="u"), aad="k")

    follow_s, _ = timed(follow_up, repeat=REPEAT * 20)
    floor_s, _ = timed(lambda: hashlib.sha256(code.encode()).hexdigest(), repeat=REPEAT * 20)
    rows.append(row("receipt_follow_up", follow_s, floor_median_s=floor_s))

    salt = sealing.new_salt()
    log_n = 10 if SMOKE else sealing.DEFAULT_SCRYPT_LOG_N
    unlock_s, _ = timed(lambda: sealing.passphrase_key("一个足够长的直通车口令", salt=salt, log_n=log_n),
                        repeat=max(1, REPEAT // 2))
    rounds = 10_000 if SMOKE else 1_000_000
    pbkdf2_s, _ = timed(lambda: PBKDF2HMAC(hashes.SHA256(), 32, salt, rounds).derive("一个足够长的直通车口令".encode()),
                        repeat=1, warmup=0)
    rows.append(row("handler_unlock_scrypt", unlock_s, floor_median_s=pbkdf2_s,
                    peak=peak_mb(lambda: sealing.passphrase_key("x" * 12, salt=salt, log_n=log_n)),
                    log_n=log_n, guesses_per_s_per_core=round(1 / unlock_s, 1)))

    labelled = _labelled_set()
    ours = _score(lambda t: bool(find_identifiers(t)), labelled)
    base = _score(lambda t: bool(_BASELINE.search(t)), labelled)
    ours_s, _ = timed(lambda: [find_identifiers(t) for t, _l in labelled], repeat=REPEAT)
    base_s, _ = timed(lambda: [_BASELINE.search(t) for t, _l in labelled], repeat=REPEAT)
    rows.append(row("identifier_check_quality", ours_s, floor_median_s=base_s, sentences=len(labelled),
                    precision=round(ours[0], 3), recall=round(ours[1], 3),
                    baseline_precision=round(base[0], 3), baseline_recall=round(base[1], 3)))

    rng = random.Random(3)
    counts = {f"乡镇{i:03d}": rng.choice([0, 1, 2, 3, 4, 5, 8, 13, 40]) for i in range(300)}
    supp_s, _ = timed(lambda: suppress(counts), repeat=REPEAT * 5)
    floor_s, _ = timed(lambda: sum(counts.values()), repeat=REPEAT * 5)
    rows.append(row("suppress_300_townships", supp_s, floor_median_s=floor_s,
                    hidden=sum(c.value is None for c in suppress(counts).cells)))

    rows += _scrub_rows()
    rows += _poster_rows()
    return rows


def _scrub_rows() -> list[dict]:
    import docx
    from PIL import Image
    from pypdf import PdfReader, PdfWriter

    from jianfu.directline.attachments import clean_attachment

    document = docx.Document()
    for i in range(200 if not SMOKE else 10):
        document.add_paragraph(f"第 {i + 1} 条：各村应于每周五前报送入户走访台账及照片。" * 3)
    document.core_properties.author = "张三"
    buf = io.BytesIO()
    document.save(buf)
    docx_bytes = buf.getvalue()

    writer = PdfWriter()
    for _ in range(20 if not SMOKE else 2):
        writer.add_blank_page(595, 842)
    writer.add_metadata({"/Author": "张三"})
    buf = io.BytesIO()
    writer.write(buf)
    pdf_bytes = buf.getvalue()

    image = Image.effect_noise((1600, 1200), 40).convert("RGB")
    exif = Image.Exif()
    exif[0x013B] = "张三"
    buf = io.BytesIO()
    image.save(buf, format="JPEG", exif=exif, quality=90)
    jpeg_bytes = buf.getvalue()

    def docx_floor():
        out = io.BytesIO()
        docx.Document(io.BytesIO(docx_bytes)).save(out)

    def pdf_floor():
        reader = PdfReader(io.BytesIO(pdf_bytes))
        w = PdfWriter()
        for page in reader.pages:
            w.add_page(page)
        w.write(io.BytesIO())

    def jpeg_floor():
        Image.open(io.BytesIO(jpeg_bytes)).convert("RGB").save(io.BytesIO(), format="JPEG", quality=85)

    out = []
    for name, data, floor in (("scrub_docx", docx_bytes, docx_floor), ("scrub_pdf", pdf_bytes, pdf_floor),
                              ("scrub_jpeg_1600x1200", jpeg_bytes, jpeg_floor)):
        median, _ = timed(lambda data=data: clean_attachment(io.BytesIO(data)), repeat=REPEAT)
        floor_s, _ = timed(floor, repeat=REPEAT)
        out.append(row(name, median, floor_median_s=floor_s, kib=round(len(data) / 1024),
                       peak=peak_mb(lambda data=data: clean_attachment(io.BytesIO(data)))))
    return out


def _poster_rows() -> list[dict]:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from jianfu.villagepages.demo import ITEMS
    from jianfu.villagepages.poster import PosterData, PosterItem, cjk_font, render_poster

    data = PosterData(village="曲木村委会", township="曲樟乡", county="合浦县", office_address="曲木村党群服务中心一楼",
                      office_hours="工作日 8:00—12:00，14:30—17:30", office_phone="0779-7201234",
                      items=[PosterItem(*item) for item in ITEMS], plaques_outside=["党群服务中心", "村民委员会"],
                      approved=f"曲樟乡 {dt.date(2026, 5, 1)} 审核公开", url="https://example.org/villages/450521200206/")
    font, embedded = cjk_font()
    render_poster(data)  # font registration and subsetting tables warmed, as in a running server

    def floor():
        c = canvas.Canvas(io.BytesIO(), pagesize=A4)
        c.setFont(font, 10)
        y = 800
        for item in data.items:
            for value in (item.name, item.place, item.hours, item.materials, item.time_limit):
                c.drawString(40, y, value)
                y -= 14
        c.save()

    median, _ = timed(lambda: render_poster(data), repeat=REPEAT)
    floor_s, _ = timed(floor, repeat=REPEAT)
    return [row("poster_a4_9_items", median, floor_median_s=floor_s, peak=peak_mb(lambda: render_poster(data)),
                font=font, embedded=embedded, kib=round(len(render_poster(data)) / 1024))]
