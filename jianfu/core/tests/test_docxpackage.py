"""docx24 (code review of session 23, #2): the one .docx package check (`core.docxpackage`) shared by the review's
reader and the direct line's attachments, each refusal code by a crafted zip. Each caller's words for them:
review/tests/test_mend23b_rels.py, api/tests/test_security20_permit_first.py, directline/tests/test_dl_attach23.py,
and review/tests/test_docx24_package.py, directline/tests/test_docx24_package.py (a .rels bomb, nothing stored)."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from jianfu.core import docxpackage
from jianfu.core.docxpackage import DocxLimits, DocxRefusal, docx_refusal
from jianfu.core.tests import hostile_files

MB = 2**20
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
REL_NS = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
CT = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
BODY = f'<?xml version="1.0"?><w:document {W}><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>'


def _rels(*targets: str, kind: str = "t") -> str:
    items = "".join(
        f'<Relationship Id="rId{n}" Type="{OFFICE if t == "word/document.xml" else kind}" Target="{t}"/>'
        for n, t in enumerate(targets, start=1)
    )
    return f'<?xml version="1.0"?><Relationships {REL_NS}>{items}</Relationships>'


def _package(parts: dict[str, str | bytes | None] | None = None, *, root: tuple[str, ...] = ()) -> bytes:
    """A minimal Word package: content types, the package's relationships (the main part and `root`), the main part,
    and `parts` (a part named in `parts` replaces the minimal one; None drops it)."""
    base: dict[str, str | bytes | None] = {
        "[Content_Types].xml": CT,
        "_rels/.rels": _rels("word/document.xml", *root),
        "word/document.xml": BODY,
    }
    base.update(parts or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in base.items():
            if data is not None:
                z.writestr(name, data)
    return out.getvalue()


def _info(data: bytes, name: str) -> zipfile.ZipInfo:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.getinfo(name)


def test_a_word_document_and_the_minimal_package_pass() -> None:
    document = docx.Document()
    document.add_paragraph("关于做好春耕生产工作的通知")
    out = io.BytesIO()
    document.save(out)
    assert (docx_refusal(out.getvalue(), verify_crc=True), docx_refusal(_package())) == (None, None)


def test_a_directory_declared_over_the_cap_is_refused_before_zipfile_reads_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = bytearray(_package())
    end = data.rfind(b"PK\x05\x06")
    data[end + 12 : end + 16] = (256 * 1024 + 1).to_bytes(4, "little")

    def never(*args: object, **kwargs: object) -> None:  # pragma: no cover - must not be called
        raise AssertionError("zipfile read the directory")

    monkeypatch.setattr(zipfile.ZipFile, "__init__", never)
    assert docx_refusal(bytes(data)) == DocxRefusal("directory", size=256 * 1024 + 1, cap=256 * 1024)


def test_a_directory_declared_by_a_zip64_end_record_is_capped_by_that_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """xlsx24: zipfile reads the directory by the ZIP64 end record's size when a locator precedes the end record; the
    check read the end record's alone, so one declaring 0 let a directory of any size through to zipfile."""
    data = hostile_files.as_zip64(hostile_files.with_empty_entries(_package(), 5_000), classic_size=0)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert len(zf.infolist()) == 5_003  # zipfile reads them all
    size = 5_000 * 55 + 3 * 46 + len("[Content_Types].xml_rels/.relsword/document.xml")

    def never(*args: object, **kwargs: object) -> None:  # pragma: no cover - must not be called
        raise AssertionError("zipfile read the directory")

    monkeypatch.setattr(zipfile.ZipFile, "__init__", never)
    assert docx_refusal(data) == DocxRefusal("directory", size=size, cap=256 * 1024)


def test_too_many_entries() -> None:
    data = _package({f"p{k:04}": b"" for k in range(998)})  # 3 + 998 = 1,001 entries
    assert docx_refusal(data) == DocxRefusal("parts", size=1001, cap=1000)
    assert docx_refusal(_package({f"p{k:04}": b"" for k in range(997)})) is None  # 1,000: at the cap


def test_an_encrypted_entry() -> None:
    data = bytearray(_package())
    at = data.find(b"PK\x01\x02")
    while data[at + 46 : at + 46 + len(b"_rels/.rels")] != b"_rels/.rels":  # its central directory entry
        at = data.find(b"PK\x01\x02", at + 4)
    data[at + 8] |= 0x1  # the general-purpose flag's bit 0: encrypted
    assert docx_refusal(bytes(data)) == DocxRefusal("unreadable_entry", part="_rels/.rels")


def test_a_bzip2_entry() -> None:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(_package()), "r") as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            method = zipfile.ZIP_BZIP2 if info.filename == "word/document.xml" else zipfile.ZIP_DEFLATED
            dst.writestr(info.filename, src.read(info), compress_type=method)
    assert docx_refusal(out.getvalue()) == DocxRefusal("unreadable_entry", part="word/document.xml")


def test_a_ratio_bomb_one_part_and_all_parts_together() -> None:
    data = _package({"word/media/a.bin": bytes(30 * MB)})
    packed = _info(data, "word/media/a.bin").compress_size
    assert docx_refusal(data) == DocxRefusal(
        "part_ratio", part="word/media/a.bin", size=30 * MB, packed=packed
    )
    # an XML part far larger than packed names its cap too (the direct line words it by the cap)
    xml = _package({"word/document.xml": f"<w:document {W}>" + "<w:p/>" * (2 * MB) + "</w:document>"})
    size, packed = _info(xml, "word/document.xml").file_size, _info(xml, "word/document.xml").compress_size
    assert docx_refusal(xml) == DocxRefusal("part_ratio", "word/document.xml", size, packed, cap=8 * MB)
    # four parts of 0.9 MB each under the floor, together 3.6 MB in a few KB
    parts: dict[str, str | bytes | None] = {f"word/media/{k}.bin": bytes(900_000) for k in range(4)}
    whole = _package(parts)
    with zipfile.ZipFile(io.BytesIO(whole)) as zf:
        total, packed = sum(i.file_size for i in zf.infolist()), sum(i.compress_size for i in zf.infolist())
    assert docx_refusal(whole) == DocxRefusal("ratio", size=total, packed=packed, cap=64 * MB)


def test_parts_over_their_caps_by_declared_size() -> None:
    loose = DocxLimits(max_ratio=10**6)  # the ratio let through: the sizes are what is checked
    xml = _package({"word/styles.xml": "<a>" + "x" * (8 * MB) + "</a>"})
    assert docx_refusal(xml, loose) == DocxRefusal(
        "part_size", "word/styles.xml", 8 * MB + 7, _info(xml, "word/styles.xml").compress_size, 8 * MB
    )
    rels = _package({"x/_rels/a.xml.rels": "<a>" + "x" * (2 * MB) + "</a>"})
    assert docx_refusal(rels, loose) == DocxRefusal(
        "part_size", "x/_rels/a.xml.rels", 2 * MB + 7, _info(rels, "x/_rels/a.xml.rels").compress_size, 2 * MB
    )
    three = _package({f"x/_rels/{k}.xml.rels": "<a>" + "x" * 1_500_000 + "</a>" for k in range(3)})
    total = sum(
        _info(three, n).file_size for n in ("_rels/.rels", *(f"x/_rels/{k}.xml.rels" for k in range(3)))
    )
    assert docx_refusal(three, loose) == DocxRefusal("rels_total", size=total, cap=4 * MB)
    small = DocxLimits(max_ratio=10**6, max_total_bytes=2 * MB)
    big = _package({"word/media/a.bin": bytes(3 * MB)})
    with zipfile.ZipFile(io.BytesIO(big)) as zf:
        total, packed = sum(i.file_size for i in zf.infolist()), sum(i.compress_size for i in zf.infolist())
    assert docx_refusal(big, small) == DocxRefusal("total", size=total, packed=packed, cap=2 * MB)


def _chain(length: int) -> bytes:
    """The package's relationships name p0.xml, p0's name p1.xml ...: `length` relationships parts reachable in all
    (the package's own and the main part's none)."""
    parts: dict[str, str | bytes | None] = {}
    for k in range(length - 1):
        parts[f"p{k}.xml"] = "<x/>"
        parts[f"_rels/p{k}.xml.rels"] = _rels(f"p{k + 1}.xml")
    parts[f"p{length - 1}.xml"] = "<x/>"
    return _package(parts, root=("p0.xml",))


def test_a_relationships_chain_over_the_cap() -> None:
    assert docx_refusal(_chain(201)) == DocxRefusal("rels_parts", cap=200)
    assert docx_refusal(_chain(200)) is None  # at the cap
    assert docx_refusal(_chain(4), DocxLimits(max_rels_parts=3)) == DocxRefusal("rels_parts", cap=3)
    # python-docx's own walk of the chain at the cap still reads it (as it reads the package of parts it finds)
    assert len(docx.Document(io.BytesIO(_chain(200))).part.package.parts) == 201


def test_an_unreachable_relationships_part_is_never_read(monkeypatch: pytest.MonkeyPatch) -> None:
    # no part names x/y.xml: its relationships part is no Word's (its root not <Relationships>), and never opened
    data = _package({"x/y.xml": "<x/>", "x/_rels/y.xml.rels": "<foo/>"})
    opened: list[str] = []
    original = zipfile.ZipFile.open

    def recorded(
        self: zipfile.ZipFile, name: str | zipfile.ZipInfo, *args: object, **kwargs: object
    ) -> object:
        opened.append(name if isinstance(name, str) else name.filename)
        return original(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", recorded)
    assert docx_refusal(data) is None
    assert sorted(set(opened)) == ["[Content_Types].xml", "_rels/.rels", "word/document.xml"]
    # reached from the main part, the same part is read and refused
    opened.clear()
    reached = _package({"x/y.xml": "<x/>", "x/_rels/y.xml.rels": "<foo/>"}, root=("x/y.xml",))
    assert (docx_refusal(reached), "x/_rels/y.xml.rels" in opened) == (DocxRefusal("not_word"), True)


def test_a_package_without_word_document_xml() -> None:
    assert docx_refusal(_package({"word/document.xml": None, "word/other.xml": BODY})) == DocxRefusal(
        "no_main_part"
    )


def test_not_a_zip_a_bad_crc_and_no_word_documents_shape() -> None:
    assert docx_refusal(b"PK\x03\x04 not a zip") == DocxRefusal("not_zip")
    out = io.BytesIO(_package())
    with zipfile.ZipFile(out, "a") as z:
        z.writestr("word/media/a.bin", b"\x01" * 100, compress_type=zipfile.ZIP_STORED)
    data = bytearray(out.getvalue())
    # one byte of the stored picture changed: its CRC fails only when it is unpacked
    data[data.find(b"word/media/a.bin") + len("word/media/a.bin") + 2] ^= 0xFF
    assert docx_refusal(bytes(data)) is None  # the picture is not a part python-docx reads first
    assert docx_refusal(bytes(data), verify_crc=True) == DocxRefusal("bad_crc", part="word/media/a.bin")
    body_root = _package({"word/document.xml": f'<?xml version="1.0"?><w:body {W}/>'})
    no_types = _package({"[Content_Types].xml": "<Types/>"})
    no_target = _package(
        {"_rels/.rels": f'<Relationships {REL_NS}><Relationship Id="a" Type="t"/></Relationships>'}
    )
    assert [docx_refusal(d) for d in (body_root, no_types, no_target)] == [DocxRefusal("not_word")] * 3
    deep = _package(
        {"word/document.xml": f"<w:document {W}>" + "<w:x>" * 300 + "</w:x>" * 300 + "</w:document>"}
    )
    assert docx_refusal(deep) == DocxRefusal("too_deep")


def test_the_default_caps() -> None:
    assert DocxLimits() == DocxLimits(
        max_directory_bytes=256 * 2**10,
        max_parts=1000,
        max_xml_bytes=8 * MB,
        max_content_types_bytes=MB,
        max_rels_bytes=2 * MB,
        max_rels_total_bytes=4 * MB,
        max_rels_parts=200,
        max_total_bytes=64 * MB,
        max_ratio=100,
        ratio_floor=MB,
    )
    assert docxpackage.package_member("./word/document.xml") == "word/document.xml"


def test_a_main_part_not_named_document_xml_is_found_by_its_relationship() -> None:
    """Word sometimes saves the main part as word/document2.xml; python-docx opens it by the package's relationships,
    and so does the check (codereview24 #4: the name word/document.xml was required)."""
    document = docx.Document()
    document.add_paragraph("关于做好秋冬季森林防火工作的通知")
    saved = io.BytesIO()
    document.save(saved)
    renamed = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(saved.getvalue())) as src,
        zipfile.ZipFile(renamed, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename in ("_rels/.rels", "[Content_Types].xml"):
                data = data.replace(b"/document.xml", b"/document2.xml").replace(
                    b"word/document.xml", b"word/document2.xml"
                )
            name = info.filename.replace("document.xml", "document2.xml")
            dst.writestr(name, data)
    data = renamed.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert "word/document.xml" not in zf.namelist() and "word/document2.xml" in zf.namelist()
    assert docx.Document(io.BytesIO(data)).paragraphs[0].text == "关于做好秋冬季森林防火工作的通知"
    assert docx_refusal(data) is None
