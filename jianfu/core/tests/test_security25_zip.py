"""security25: two ways past the caps the zip checks were written to hold (core.zipsizes, core.docxpackage).

1. `directory_size` searches for the end record one byte short of where zipfile does (`len - 22 - 0xFFFF` against
   zipfile's `len - 22 - (1 << 16)`): an end record followed by exactly 65,536 bytes is found by zipfile and not by the
   check, which answers None ("zipfile refuses the file itself") — zipfile opens it and reads the whole directory
   before the entry count refuses it (the cost the directory cap exists to spare: 1.0 s and +140 MB for a 20 MB
   review upload, 2.7 s and +300 MB for a 50 MB ledger, 0.5 s an attachment on the anonymous direct line).
2. The XML cap applies to part *names* ending in .xml/.rels, but python-docx parses a part as XML by its *content
   type*: a main part named word/d.bin (an Override in [Content_Types].xml) of 55 MB passes (the ratio and total caps
   only): 0.75 MB uploaded, 1.3 GB RSS and 3.6 s CPU in python-docx, on the review and on the anonymous direct line
   (whose clean_attachments accepts and stores it).

Fixed (fix-sec25a): `zipsizes.end_record` mirrors `zipfile._EndRecData` (a property test against zipfile below), and
`docxpackage` reads [Content_Types].xml (its own size capped first) and caps as XML every part of a content type ending
in "xml", whatever its name. The callers' words: review/tests/test_security25_docx.py, directline/tests/."""

from __future__ import annotations

import io
import struct
import zipfile

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jianfu.core import docxpackage
from jianfu.core.docxpackage import DocxLimits, DocxRefusal
from jianfu.core.tests import hostile_files
from jianfu.core.xlsxscan import xlsx_refusal
from jianfu.core.zipsizes import TAIL_BYTES, directory_size, end_record

ENTRIES = (
    3_000  # a directory of ~150 KB (each entry 46 bytes and its name): past the docx cap of 256 KB below
)
PAD = 1 << 16


def _many_entries(entries: int, pad: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for i in range(entries):
            z.writestr(zipfile.ZipInfo(f"{i:08x}/{'x' * 60}"), b"")
    return out.getvalue() + b"\0" * pad


def _zipfile_directory(data: bytes) -> int:
    return zipfile._EndRecData(io.BytesIO(data))[zipfile._ECD_SIZE]  # type: ignore[attr-defined]


def test_the_end_record_is_found_where_zipfile_finds_it() -> None:
    for pad in (0, 100, PAD - 1, PAD):
        data = _many_entries(10, pad)
        # fails at pad 65,536: None, while zipfile reads a directory of 1,220 bytes
        assert (pad, directory_size(data)) == (pad, _zipfile_directory(data))


def test_a_directory_past_the_cap_is_refused_before_zipfile_reads_it_whatever_trails_the_end_record() -> None:
    data = _many_entries(ENTRIES, PAD)
    assert _zipfile_directory(data) > docxpackage.MAX_DIRECTORY_BYTES // 2
    limits = docxpackage.DocxLimits(max_directory_bytes=64 * 2**10)
    assert docxpackage.docx_refusal(data[:-PAD], limits).code == "directory"  # type: ignore[union-attr]  # as meant
    refusal = docxpackage.docx_refusal(data, limits)
    # fails: "parts" — zipfile read all 3,000 entries first
    assert refusal is not None and refusal.code == "directory", refusal


def test_an_xlsx_whose_directory_is_past_the_cap_is_refused_by_its_directory() -> None:
    data = _many_entries(12_000, PAD)
    assert "压缩目录" in (xlsx_refusal(data[:-PAD]) or "")  # as meant, without the trailing bytes
    # fails: the entries' refusal (文件内有 12,000 个压缩条目) — zipfile built 12,000 ZipInfos first
    assert "压缩目录" in (xlsx_refusal(data) or ""), xlsx_refusal(data)


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _main_part_named(name: str, paragraphs: int) -> bytes:
    ct = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Override PartName="/word/{name}" ContentType="{MAIN}"/></Types>'
    )
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'officeDocument" Target="word/{name}"/></Relationships>'
    )
    body = f'<w:document xmlns:w="{W}"><w:body>{"<w:p/>" * paragraphs}</w:body></w:document>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr(zipfile.ZipInfo(f"word/{name}"), body, zipfile.ZIP_STORED)  # stored: no ratio to catch
    return out.getvalue()


MB = 2**20
PARAGRAPHS = 200_000  # 1.1 MB of XML, past the 1 MB cap set here
BODY_BYTES = len(f'<w:document xmlns:w="{W}"><w:body></w:body></w:document>') + 6 * PARAGRAPHS


def _info(data: bytes, name: str) -> zipfile.ZipInfo:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.getinfo(name)


def _past_the_cap(data: bytes, part: str) -> DocxRefusal:
    info = _info(data, part)
    assert info.file_size == BODY_BYTES
    return DocxRefusal("part_size", part=part, size=BODY_BYTES, packed=info.compress_size, cap=MB)


def test_a_main_part_past_the_xml_cap_is_refused_whatever_its_name() -> None:
    limits = DocxLimits(max_xml_bytes=MB)
    as_xml, as_bin = _main_part_named("document.xml", PARAGRAPHS), _main_part_named("d.bin", PARAGRAPHS)
    assert docxpackage.docx_refusal(as_xml, limits) == _past_the_cap(as_xml, "word/document.xml")
    # python-docx parses the .bin part as the document all the same: every paragraph
    assert len(docx.Document(io.BytesIO(as_bin)).element.body) == PARAGRAPHS
    # was None: only names ending in .xml/.rels were capped
    assert docxpackage.docx_refusal(as_bin, limits) == _past_the_cap(as_bin, "word/d.bin")
    assert docxpackage.docx_refusal(as_bin) is None  # under the 8 MB cap: a Word document python-docx opens


def _with_types(data: bytes, types: str) -> bytes:
    """`data` with its [Content_Types].xml replaced by `types`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = types.encode() if info.filename == "[Content_Types].xml" else src.read(info)
            dst.writestr(info, content)
    return out.getvalue()


CT_HEAD = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
RELS_DEFAULT = (
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
)


def test_a_part_is_capped_by_its_default_content_type_and_by_an_override_of_its_name_in_any_case() -> None:
    limits = DocxLimits(max_xml_bytes=MB)
    as_bin = _main_part_named("d.bin", PARAGRAPHS)
    by_default = _with_types(
        as_bin, f'{CT_HEAD}{RELS_DEFAULT}<Default Extension="BIN" ContentType="{MAIN}"/></Types>'
    )
    upper = _with_types(
        as_bin, f'{CT_HEAD}{RELS_DEFAULT}<Override PartName="/WORD/D.BIN" ContentType="{MAIN}"/></Types>'
    )
    for data in (by_default, upper):
        assert len(docx.Document(io.BytesIO(data)).element.body) == PARAGRAPHS  # python-docx's document, each
        assert docxpackage.docx_refusal(data, limits) == _past_the_cap(data, "word/d.bin")
    # an Override wins over the Default of its extension, both ways (python-docx reads the Override first)
    override_not_xml = _with_types(
        as_bin,
        f'{CT_HEAD}{RELS_DEFAULT}<Default Extension="bin" ContentType="{MAIN}"/>'
        '<Override PartName="/word/d.bin" ContentType="application/octet-stream"/></Types>',
    )
    assert docxpackage.ContentTypes({"/word/d.bin": "application/octet-stream"}, {"bin": MAIN}).of(
        "word/d.bin"
    ) == ("application/octet-stream")
    # kept as bytes by python-docx (not parsed: no XML cap), whose Document() then refuses it as no Word file
    assert docxpackage.docx_refusal(override_not_xml, limits) is None
    with pytest.raises(ValueError, match="not a Word file"):
        docx.Document(io.BytesIO(override_not_xml))


def test_a_large_part_of_another_content_type_faces_the_ratio_and_total_caps_only() -> None:
    picture = bytes(range(256)) * (6 * 2**12)  # 1.5 MB, stored: no ratio to catch
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(_main_part_named("d.bin", 10)), "r") as src,
        zipfile.ZipFile(out, "w") as dst,
    ):
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("word/media/a.png", picture)
    data = _with_types(
        out.getvalue(),
        f'{CT_HEAD}{RELS_DEFAULT}<Default Extension="png" ContentType="image/png"/>'
        f'<Override PartName="/word/d.bin" ContentType="{MAIN}"/></Types>',
    )
    assert docxpackage.docx_refusal(data, DocxLimits(max_xml_bytes=MB)) is None
    total = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    packed = sum(i.compress_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    assert docxpackage.docx_refusal(data, DocxLimits(max_xml_bytes=MB, max_total_bytes=MB)) == DocxRefusal(
        "total", size=total, packed=packed, cap=MB
    )


def test_content_types_past_their_cap_are_refused_before_any_part_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert docxpackage.MAX_CONTENT_TYPES_BYTES == DocxLimits().max_content_types_bytes == MB
    filler = "".join(
        f'<Default Extension="e{k:06}" ContentType="application/octet-stream"/>' for k in range(16_000)
    )
    data = _with_types(_main_part_named("document.xml", 10), f"{CT_HEAD}{RELS_DEFAULT}{filler}</Types>")
    info = _info(data, "[Content_Types].xml")
    assert info.file_size > MB

    def never(*args: object, **kwargs: object) -> None:  # pragma: no cover - must not be called
        raise AssertionError("a part was read")

    monkeypatch.setattr(zipfile.ZipFile, "open", never)
    assert docxpackage.docx_refusal(data) == DocxRefusal(
        "part_size", part="[Content_Types].xml", size=info.file_size, packed=info.compress_size, cap=MB
    )


def test_a_package_without_content_types_is_no_word_document_after_the_sizes() -> None:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(_main_part_named("d.bin", 10)), "r") as src,
        zipfile.ZipFile(out, "w") as dst,
    ):
        for info in src.infolist():
            if info.filename != "[Content_Types].xml":
                dst.writestr(info, src.read(info))
        dst.writestr("word/media/a.bin", b"\0" * (2 * MB), zipfile.ZIP_DEFLATED)  # a bomb: the stronger word
    data = out.getvalue()
    assert docxpackage.docx_refusal(data, DocxLimits(ratio_floor=4 * MB)) == DocxRefusal("not_word")
    bomb = _info(data, "word/media/a.bin")
    assert docxpackage.docx_refusal(data) == DocxRefusal(
        "part_ratio", part="word/media/a.bin", size=2 * MB, packed=bomb.compress_size, cap=0
    )


def test_the_content_types_are_python_docx_s() -> None:
    """`ContentTypes.of` answers as python-docx's own map (PRIVATE API, python-docx 1.2.0's pin) for each member, and
    every part class python-docx parses as XML is registered for a content type ending in "xml"."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import PartFactory, XmlPart
    from docx.opc.pkgreader import _ContentTypeMap

    xml = (
        f"{CT_HEAD}{RELS_DEFAULT}"
        '<Default Extension="XML" ContentType="application/xml"/><Default Extension="bin" ContentType="a/b"/>'
        '<Default Extension="" ContentType="c/xml"/><Default Extension="bin" ContentType="a/bin+xml"/>'
        f'<Override PartName="/Word/Document.XML" ContentType="{MAIN}"/>'
        '<Override PartName="/word/d.bin" ContentType="image/png"/><Override PartName="word/x.png" ContentType="x"/>'
        "</Types>"
    )
    theirs = _ContentTypeMap.from_xml(xml.encode())
    with zipfile.ZipFile(io.BytesIO(), "w") as zf:
        zf.writestr("[Content_Types].xml", xml)
        ours = docxpackage.content_types(zf)
    assert ours is not None
    members = [
        "word/document.xml",
        "word/d.bin",
        "word/e.bin",
        "word/x.png",
        "word/noext",
        "word/.xml",
        "a.b/c",
        "x.Xml",
    ]
    for member in members:
        try:
            expected: str | None = theirs[PackURI("/" + member)]
        except KeyError:
            expected = None
        assert (member, ours.of(member)) == (member, expected)
    assert [ours.is_xml(m) for m in members] == [True, False, True, False, True, True, True, True]
    parsed_as_xml = [t for t, part in PartFactory.part_type_for.items() if issubclass(part, XmlPart)]
    assert len(parsed_as_xml) == 8 and all(t.endswith("xml") for t in parsed_as_xml)


# ------------------------------------------------------------------- the end record, found as zipfile finds it (L1)

_SIGNATURES = [b"PK\x05\x06", b"PK\x06\x07", b"PK\x06\x06"]


def _zip_with(entries: int, comment: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for k in range(entries):
            z.writestr(f"part{k}.xml", b"<a/>")
        z.comment = comment
    return out.getvalue()


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=st.sampled_from(["zip", "zip64", "none"]),
    entries=st.integers(0, 4),
    comment=st.one_of(st.binary(max_size=40), st.integers(65_400, 65_535).map(lambda n: b"c" * n)),
    after=st.one_of(st.integers(0, 120), st.integers(65_400, 65_700), st.just(1 << 16)),
    planted=st.lists(
        st.tuples(st.integers(0, 70_000), st.sampled_from(_SIGNATURES), st.binary(max_size=60)), max_size=3
    ),
)
def test_the_end_record_is_zipfile_s_whatever_trails_it(
    base: str, entries: int, comment: bytes, after: int, planted: list[tuple[int, bytes, bytes]]
) -> None:
    """For any comment and bytes after the end record — signatures planted among them, and no zip at all —
    `end_record` finds the record zipfile reads, with its entry count and directory size (or None with zipfile), and
    so does its last TAIL_BYTES; whenever zipfile opens the file, `directory_size` is the size it reads."""
    if base == "none":
        data = bytearray(after)
    else:
        zipped = _zip_with(entries, comment)
        if base == "zip64":
            zipped = hostile_files.as_zip64(zipped, classic_size=0)
        trailing = max(0, after - len(comment))  # bytes after the record: the comment, then `after` in all
        data = bytearray(zipped + b"\0" * trailing)
    for at, signature, rest in planted:
        at = at % (len(data) + 1)
        chunk = (signature + rest)[: len(data) - at]
        data[at : at + len(chunk)] = chunk
    data = bytes(data)
    try:
        theirs = zipfile._EndRecData(io.BytesIO(data))  # type: ignore[attr-defined]
    except (
        zipfile.BadZipFile
    ):  # a ZIP64 locator naming another disk: zipfile refuses the file, whatever is found
        return
    ours = end_record(data)
    if theirs is None:
        assert ours is None
    else:
        assert ours is not None
        assert (ours.offset, ours.entries, ours.size) == (
            theirs[zipfile._ECD_LOCATION],  # type: ignore[attr-defined]
            theirs[zipfile._ECD_ENTRIES_TOTAL],  # type: ignore[attr-defined]
            theirs[zipfile._ECD_SIZE],  # type: ignore[attr-defined]
        )
    assert directory_size(data[-TAIL_BYTES:]) == directory_size(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            listed = len(zf.infolist())
    except (
        zipfile.BadZipFile,
        ValueError,
        OSError,
        EOFError,
        NotImplementedError,
    ):  # a planted entry, damaged
        return
    assert ours is not None and directory_size(data) == theirs[zipfile._ECD_SIZE]  # type: ignore[attr-defined,index]
    if base != "none" and not planted:
        assert (listed, ours.entries) == (entries, entries)


def test_an_end_record_followed_by_exactly_65_536_bytes() -> None:
    zipped = _zip_with(3, b"")
    data = zipped + b"\0" * (1 << 16)
    record = end_record(data)
    assert record is not None
    assert (record.offset, record.entries, record.size) == (len(zipped) - 22, 3, 3 * (46 + len("part0.xml")))
    assert end_record(zipped + b"\0" * ((1 << 16) + 1)) is None  # one byte more: zipfile finds none either
    assert zipfile._EndRecData(io.BytesIO(zipped + b"\0" * ((1 << 16) + 1))) is None  # type: ignore[attr-defined]
    assert TAIL_BYTES == 56 + 20 + 22 + (1 << 16)
    # a ZIP64 end record before the start of the bytes given: read from their start, as a BytesIO seeks (zipfile on a
    # file refuses such a zip)
    record64 = struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, 7, 7, 999, 0)
    short = record64[:40] + struct.pack("<4sLQL", b"PK\x06\x07", 0, 0, 1) + _zip_with(0, b"")
    assert len(short) == 40 + 20 + 22
    found = end_record(short)
    theirs = zipfile._EndRecData(io.BytesIO(short))  # type: ignore[attr-defined]
    assert found is not None and (found.entries, found.size) == (theirs[4], theirs[5])
    assert (found.entries, found.size) == (
        7,
        int.from_bytes(b"PK\x06\x07\0\0\0\0", "little"),
    )  # the locator's bytes


# ------------------------------------------------------------- what zipfile will not open, refused (fix-sec25a)


def _docx_with(change: str) -> bytes:
    """A python-docx document whose central directory entry of _rels/.rels is changed: the zip version it needs
    ("version") or its general-purpose flags ("patched": bit 5, "strong": bit 6)."""
    out = io.BytesIO()
    docx.Document().save(out)
    data = bytearray(out.getvalue())
    at = data.find(b"PK\x01\x02")
    while data[at + 46 : at + 46 + len(b"_rels/.rels")] != b"_rels/.rels":
        at = data.find(b"PK\x01\x02", at + 4)
    if change == "version":
        data[at + 6] = 75  # version needed to extract: 7.5, past zipfile's 6.3
    else:
        data[at + 8] |= 0x20 if change == "patched" else 0x40
    return bytes(data)


def test_what_zipfile_will_not_open_is_refused_not_raised() -> None:
    """zipfile raised NotImplementedError on each of these — at opening, or as the package check read _rels/.rels —,
    a 500 in the review and on the anonymous direct line."""
    with pytest.raises(NotImplementedError):
        zipfile.ZipFile(io.BytesIO(_docx_with("version")))
    assert docxpackage.docx_refusal(_docx_with("version")) == DocxRefusal("not_zip")
    for change in ("patched", "strong"):
        with zipfile.ZipFile(io.BytesIO(_docx_with(change))) as zf, pytest.raises(NotImplementedError):
            zf.read("_rels/.rels")
        assert docxpackage.docx_refusal(_docx_with(change)) == DocxRefusal(
            "unreadable_entry", part="_rels/.rels"
        )
