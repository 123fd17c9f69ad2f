"""Is this byte string a .docx package we will open? — the one check every reader of an uploaded .docx makes before
python-docx unpacks it: the review's reader (`review.engine.readers`) and the direct line's attachments
(`directline.attachments`), which had each written it, the direct line's copy without the review's caps on the
relationships parts (code review of session 23, #2).

In order, cheapest first, nothing unpacked before the declared sizes pass (a part unpacking past its declared size
fails its CRC check):
1. the central directory's size as the zip's end record declares it, before zipfile reads the directory (zipfile reads
   every entry before one can be counted: 90,000 empty entries in 7 MB cost 0.74 s CPU, dl-attach23) — read by
   `core.zipsizes.directory_size`, which the .xlsx check uses too;
2. the number of entries;
3. [Content_Types].xml (a package without it is no Word document): its declared size, then the part itself, read as
   python-docx reads it — python-docx parses a part as XML by the content type it declares there, whatever the part's
   name (security25 H1: a main part named word/d.bin escaped the XML cap, 55 MB of paragraphs parsed);
4. each part's declared size — a part far larger unpacked than packed (a zip bomb), an XML part (named *.xml, or of a
   content type ending in "xml") past its cap, a relationships part (`.rels`) past its own —, the `.rels` together,
   then all parts together (`core.zipsizes`);
5. no entry encrypted or packed by a method other than stored and deflated (zipfile raised for each, mid-read);
6. optionally every part's CRC (`zipfile.testzip`: it inflates every part, which the sizes above bound);
7. the package's shape, as python-docx reads it: [Content_Types].xml's root and entries, the relationships parts
   python-docx reads — only those reachable from `_rels/.rels`, walked as python-docx walks them, no more than
   `max_rels_parts` of them —, and the main part a <w:document> holding a <w:body>.

It answers with a refusal code and the figures a message needs (`DocxRefusal`), or None; each caller words its own
message and error. Pure: no Django (lxml and python-docx's PackURI are imported where a package is checked)."""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from jianfu.core.zipsizes import directory_size, zip_size_refusal

# A .docx is a zip: what it declares unpacked is capped before anything unpacks it. 1 MB of word/document.xml in
# short paragraphs took python-docx 4 s; a 60 KB file unpacking to 20 MB took 113 s and +400 MB (security20 #1).
# Word's document.xml for 100 pages of 公文 with tables is well under 2 MB and compresses 5-30x; images and fonts
# hardly compress.
MAX_XML_BYTES = 8 * 2**20  # any XML part unpacked (python-docx parses document, styles, headers ...)
# [Content_Types].xml unpacked, read before the other parts' sizes are checked: Word's is 1-3 KB, one <Override> of
# ~150 bytes a part; MAX_PARTS of them fit in 1 MB
MAX_CONTENT_TYPES_BYTES = 2**20
CONTENT_TYPES = "[Content_Types].xml"  # the member python-docx reads, by this exact name
MAX_TOTAL_BYTES = 64 * 2**20  # all parts unpacked (testzip inflates every one)
# Any relationships part (`.rels`) unpacked (mend23b, security23 F10: 7 parts of 8 MB each took the shape check 3.11 s
# and 308 MB). A relationship is ~150 bytes: 2 MB is ~13,000 hyperlinks, images or headers in one part, far past a 公文.
MAX_RELS_BYTES = 2 * 2**20
MAX_RELS_TOTAL_BYTES = 4 * 2**20  # all of them together (python-docx parses every one it reaches, each once)
# The relationships parts python-docx reads, walked from `_rels/.rels`: the document's, one per header or footer with a
# picture, chart or embedded object, the custom XML items' — a few dozen in a long 公文. python-docx walks them by nested
# generators, one a level (docx24: a 335 KB chain of 990 parts each naming the next ended in RecursionError, a 500 in
# the review, which had no cap on the entries; 900 cost python-docx 0.18 s).
MAX_RELS_PARTS = 200
MAX_RATIO = 100  # unpacked / packed, past RATIO_FLOOR_BYTES
RATIO_FLOOR_BYTES = 2**20  # a small part may compress as well as it likes
# Word writes 10-40 parts (one more per picture); 1,000 parts with 200-byte names and extras fit in 256 KB of directory.
MAX_PARTS = 1_000
MAX_DIRECTORY_BYTES = 256 * 2**10


Code = Literal[
    "directory",  # the directory declared past its cap: size (bytes), cap
    "not_zip",  # zipfile cannot open it, or a part is cut short or damaged as it is read
    "parts",  # too many entries: size (the count), cap
    "no_main_part",  # the main part the package's relationships name is missing
    "part_ratio",  # one part unpacks far past its packed size: part, size, packed; cap = its XML cap, or 0
    "part_size",  # an XML or .rels part past its cap: part, size, cap
    "rels_total",  # the .rels together past their cap: size, cap
    "ratio",  # all parts together unpack far past their packed size: size, packed
    "total",  # all parts together past the cap: size, packed, cap
    "unreadable_entry",  # an entry encrypted, patched, or packed by another method than stored and deflated: part
    "bad_crc",  # (verify_crc) a part failing its CRC check: part
    "rels_parts",  # more relationships parts reachable than the cap: cap
    "not_word",  # no Word document by the shape of the parts python-docx reads first, or no [Content_Types].xml
    "too_deep",  # a part python-docx reads first nested past lxml's depth limit (256 elements)
]


@dataclass(frozen=True)
class DocxLimits:
    """The caps, each caller's (the direct line allows less in all, MAX_TOTAL_BYTES)."""

    max_directory_bytes: int = MAX_DIRECTORY_BYTES
    max_parts: int = MAX_PARTS
    max_xml_bytes: int = MAX_XML_BYTES
    max_content_types_bytes: int = MAX_CONTENT_TYPES_BYTES
    max_rels_bytes: int = MAX_RELS_BYTES
    max_rels_total_bytes: int = MAX_RELS_TOTAL_BYTES
    max_rels_parts: int = MAX_RELS_PARTS
    max_total_bytes: int = MAX_TOTAL_BYTES
    max_ratio: int = MAX_RATIO
    ratio_floor: int = RATIO_FLOOR_BYTES


@dataclass(frozen=True)
class DocxRefusal:
    """Why the package is refused (`code`) with what the message names: the part, its (or the whole's) size unpacked
    and packed in bytes, the cap passed."""

    code: Code
    part: str = ""
    size: int = 0
    packed: int = 0
    cap: int = 0


class _TooManyRelationshipParts(Exception):
    pass


# What zipfile raises reading a part of a crafted or damaged zip it opened: a part cut short or failing its CRC
# (BadZipFile, EOFError), a deflate stream broken (zlib.error), and ValueError — a local header before the start of
# the file ("negative seek value": the end record's directory offset raised past where the directory is, a 500 on both
# uploads, codereview25 #6) or a local header's name flagged UTF-8 that is none (UnicodeDecodeError). The only two
# escaping in 6,000 packages mutated at random (tests/test_cr25_docx_offset.py). The check reads parts through zipfile
# and lxml only, so none of these is a programming error of ours.
_DAMAGED: tuple[type[BaseException], ...] = (zipfile.BadZipFile, zlib.error, EOFError, ValueError)


def docx_refusal(
    data: bytes, limits: DocxLimits | None = None, *, verify_crc: bool = False
) -> DocxRefusal | None:
    """Why `data` is no .docx package to open, or None (the module's docstring: what is checked, in which order)."""
    limits = limits or DocxLimits()
    directory = directory_size(data)
    if directory is not None and directory > limits.max_directory_bytes:
        return DocxRefusal("directory", size=directory, cap=limits.max_directory_bytes)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError):
        # (NotImplementedError: an entry needing a zip version past zipfile's, 6.3 — was a 500, fix-sec25a)
        return DocxRefusal("not_zip")
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_parts:
            return DocxRefusal("parts", size=len(infos), cap=limits.max_parts)
        types = _content_types_or_refusal(zf, limits)
        if isinstance(types, DocxRefusal) and types.code in ("part_ratio", "part_size"):
            return types
        # a package whose content types cannot be read is refused after the sizes (the stronger word), as before
        refusal = size_refusal(infos, limits, types if isinstance(types, ContentTypes) else None)
        if refusal is not None:
            return refusal
        if isinstance(types, DocxRefusal):
            return types
        for info in infos:
            if not _readable(info):
                return DocxRefusal("unreadable_entry", part=info.filename)
        try:
            if verify_crc:
                bad = zf.testzip()
                if bad:
                    return DocxRefusal("bad_crc", part=bad)
            return package_shape_refusal(zf, limits)
        except _DAMAGED:  # a part cut short or damaged, found as it is read
            return DocxRefusal("not_zip")


def size_refusal(
    infos: Iterable[zipfile.ZipInfo], limits: DocxLimits, types: ContentTypes | None = None
) -> DocxRefusal | None:
    """The refusal of the sizes the directory declares: a part first (a zip bomb before its cap: the bomb is the
    stronger word), then the .rels together, then all parts together. A part is capped as XML when its name ends in
    .xml or `types` (the package's [Content_Types].xml) gives it a content type ending in "xml" — python-docx parses a
    part by its content type, not its name (security25 H1) —, as a relationships part when its name ends in .rels
    (python-docx reads those by name)."""
    infos = list(infos)
    for info in infos:
        lower = info.filename.lower()
        if lower.endswith(".rels"):
            cap = limits.max_rels_bytes
        elif lower.endswith(".xml") or (types is not None and types.is_xml(info.filename)):
            cap = limits.max_xml_bytes
        else:
            cap = 0
        refusal = _part_refusal(info, cap, limits)
        if refusal is not None:
            return refusal
    rels = sum(info.file_size for info in infos if info.filename.lower().endswith(".rels"))
    if rels > limits.max_rels_total_bytes:
        return DocxRefusal("rels_total", size=rels, cap=limits.max_rels_total_bytes)
    sizes = zip_size_refusal(
        infos, max_ratio=limits.max_ratio, ratio_floor=limits.ratio_floor, max_total=limits.max_total_bytes
    )
    if sizes is not None:
        return DocxRefusal(sizes.kind, size=sizes.total, packed=sizes.packed, cap=limits.max_total_bytes)
    return None


def _part_refusal(info: zipfile.ZipInfo, cap: int, limits: DocxLimits) -> DocxRefusal | None:
    """One part's refusal by its declared sizes: far larger unpacked than packed, else past `cap` (0: no cap)."""
    name, size, packed = info.filename, info.file_size, info.compress_size
    if size > limits.ratio_floor and size > limits.max_ratio * max(packed, 1):
        return DocxRefusal("part_ratio", part=name, size=size, packed=packed, cap=cap)
    if cap and size > cap:
        return DocxRefusal("part_size", part=name, size=size, packed=packed, cap=cap)
    return None


# The general-purpose flags zipfile refuses to open an entry with: encrypted (bit 0, RuntimeError without a password),
# compressed patched data (bit 5) and strong encryption (bit 6), each a NotImplementedError — a 500 before fix-sec25a
_UNREADABLE_FLAGS = 0x1 | 0x20 | 0x40


def _readable(info: zipfile.ZipInfo) -> bool:
    """Not encrypted, and packed by a method of the package format's two (zipfile raised for another, mid-read)."""
    return not info.flag_bits & _UNREADABLE_FLAGS and info.compress_type in (
        zipfile.ZIP_STORED,
        zipfile.ZIP_DEFLATED,
    )


@dataclass(frozen=True)
class ContentTypes:
    """[Content_Types].xml as python-docx reads it (`docx.opc.pkgreader._ContentTypeMap`): the <Override> content types
    by part name and the <Default> ones by extension, each keyed in lower case (python-docx's CaseInsensitiveDict), the
    last of the same key winning."""

    overrides: dict[str, str]
    defaults: dict[str, str]

    def of(self, member: str) -> str | None:
        """The content type python-docx gives the zip member `member` if it loads it as a part (its part name is the
        member's name after "/"): the Override of that part name, else the Default of its extension, else None
        (python-docx then raises KeyError)."""
        partname = "/" + member
        if partname.lower() in self.overrides:
            return self.overrides[partname.lower()]
        extension = posixpath.splitext(partname)[1]  # PackURI.ext
        return self.defaults.get(extension[1:].lower() if extension.startswith(".") else extension.lower())

    def is_xml(self, member: str) -> bool:
        """Whether python-docx may parse `member` as XML: its content type ends in "xml" (every part class python-docx
        parses — document, styles, numbering, headers, footers, comments, settings, core properties — is of such a
        type; so are parts it keeps as bytes, charts and SVG pictures among them, which are capped all the same)."""
        content_type = self.of(member)
        return content_type is not None and content_type.lower().endswith("xml")


def _content_types_or_refusal(zf: zipfile.ZipFile, limits: DocxLimits) -> ContentTypes | DocxRefusal:
    """The package's [Content_Types].xml read (`content_types`) once its declared size passes its cap — or the refusal:
    no such member ("not_word"), one too large ("part_ratio", "part_size"), encrypted or packed by another method,
    damaged, malformed or of another shape."""
    if CONTENT_TYPES not in zf.NameToInfo:
        return DocxRefusal("not_word")
    info = zf.getinfo(CONTENT_TYPES)  # the last of that name, the one zipfile (and so python-docx) reads
    refusal = _part_refusal(info, limits.max_content_types_bytes, limits)
    if refusal is not None:
        return refusal
    if not _readable(info):
        return DocxRefusal("unreadable_entry", part=CONTENT_TYPES)
    from lxml import etree

    try:
        types = content_types(zf)
    except _DAMAGED:
        return DocxRefusal("not_zip")
    except etree.LxmlError as exc:
        return _lxml_refusal(exc)
    return DocxRefusal("not_word") if types is None else types


def content_types(zf: zipfile.ZipFile) -> ContentTypes | None:
    """The package's [Content_Types].xml (which must be in `zf`) parsed, or None when python-docx cannot read it: its
    root is not <Types> of the content-types namespace (`<Types/>` without it was python-docx's AttributeError), or an
    <Override> lacks PartName or ContentType, a <Default> Extension or ContentType (fix-cr22a: python-docx reads each
    by .lower() — one missing was an AttributeError, a 500). Raises lxml's error on malformed XML and zipfile's on a
    damaged member."""
    from lxml import etree

    with zf.open(CONTENT_TYPES) as fh:
        root = etree.parse(fh, etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    if _tag(root) != _CT_TYPES:
        return None
    types = ContentTypes({}, {})
    for entry in root:
        required = _CT_REQUIRED.get(_tag(entry), ())
        if any(entry.get(attribute) is None for attribute in required):
            return None
    # python-docx reads the Overrides, then the Defaults, each in document order, the direct children only
    for entry in root.iterchildren(_CT_OVERRIDE):
        types.overrides[entry.get("PartName").lower()] = entry.get("ContentType")
    for entry in root.iterchildren(_CT_DEFAULT):
        types.defaults[entry.get("Extension").lower()] = entry.get("ContentType")
    return types


def _lxml_refusal(exc: Exception) -> DocxRefusal:
    """lxml (libxml2) refuses XML nested deeper than 256 elements (python-docx parses without XML_PARSE_HUGE):
    structure, not a damaged file; any other error of lxml's is a part python-docx cannot read."""
    return DocxRefusal("too_deep") if "Excessive depth in document" in str(exc) else DocxRefusal("not_word")


_CT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}Types"
_CT_OVERRIDE = "{http://schemas.openxmlformats.org/package/2006/content-types}Override"
_CT_DEFAULT = "{http://schemas.openxmlformats.org/package/2006/content-types}Default"
_CT_REQUIRED = {_CT_OVERRIDE: ("PartName", "ContentType"), _CT_DEFAULT: ("Extension", "ContentType")}
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationships"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def package_shape_refusal(zf: zipfile.ZipFile, limits: DocxLimits | None = None) -> DocxRefusal | None:
    """Why the package is no Word document by the shape of the parts python-docx reads first, or None (session 22): the
    [Content_Types].xml is as python-docx reads it (`content_types`), every relationships part's root is <Relationships> of the package namespace,
    the package's officeDocument relationship names a part of the zip, and that part is a <w:document> holding a
    <w:body>. python-docx reads each of these by attribute or by index and fails on another shape as AttributeError or
    IndexError (`<Types/>` without its namespace; a main part whose root is <w:body>; a <w:document> without a body).
    The main part is read as far as its body opens, by an event parser that stops there: a malformed part is refused
    as lxml finds it. The relationships parts checked are those python-docx reads (mend23b, security23 F10): the package's
    `_rels/.rels` and those of the parts it reaches from there (`read_relationships`); any other `.rels` is never
    parsed, only capped by size (`size_refusal`, run first: each part parsed here is under its cap)."""
    from lxml import etree

    limits = limits or DocxLimits()
    not_word = DocxRefusal("not_word")

    def parsed(name: str) -> etree._Element:
        with zf.open(name) as fh:
            return etree.parse(fh, etree.XMLParser(resolve_entities=False, no_network=True)).getroot()

    try:
        names = set(zf.namelist())
        if CONTENT_TYPES not in names or content_types(zf) is None:
            return not_word
        if "_rels/.rels" not in names:
            return not_word
        try:
            read = read_relationships(zf, parsed, max_parts=limits.max_rels_parts)
        except _TooManyRelationshipParts:
            return DocxRefusal("rels_parts", cap=limits.max_rels_parts)
        if read is None:
            return not_word
        targets = [
            r.get("Target") or ""
            for r in read["_rels/.rels"]
            if r.get("Type") == _OFFICE_DOCUMENT and r.get("TargetMode") != "External"
        ]
        if not targets:
            return not_word
        main = package_member(targets[0])
        if main not in names:
            # the main part is the one the package's relationships name (Word sometimes saves word/document2.xml;
            # codereview24 #4: a check of the name word/document.xml refused such files, which python-docx opens)
            return DocxRefusal("no_main_part")
        if not _is_word_document(zf, main):
            return not_word
    except etree.LxmlError as exc:
        return _lxml_refusal(exc)
    return None


def read_relationships(
    zf: zipfile.ZipFile, parsed: Callable[[str], Any], *, max_parts: int = MAX_RELS_PARTS
) -> dict[str, list[Any]] | None:
    """The relationships parts python-docx reads, parsed, by member name — or None when one is of another shape: its root
    not <Relationships> of the package namespace, or a Relationship without Id, Type or Target (fix-cr22a: without its
    Target a TypeError in python-docx's posixpath.join; without Id or Type it names no part python-docx can find).
    Walked as python-docx's `PackageReader._walk_phys_parts` walks them: from the package's `_rels/.rels`, each internal
    target once, the target's own relationships part if the zip holds one, resolved by python-docx's `PackURI`. Raises
    `_TooManyRelationshipParts` before reading a part past `max_parts` (the walk is a loop here; python-docx's recursion
    is what the cap spares)."""
    from docx.opc.packuri import PACKAGE_URI, PackURI

    members = set(zf.namelist())
    read: dict[str, list[Any]] = {}
    visited: set[str] = set()
    pending = [PACKAGE_URI]
    while pending:
        source = pending.pop()
        member = source.rels_uri.membername
        if member not in members or member in read:
            continue
        if len(read) >= max_parts:
            raise _TooManyRelationshipParts
        root = parsed(member)
        if _tag(root) != _RELATIONSHIPS:
            return None
        relationships = [r for r in root if _tag(r) == _RELATIONSHIP]
        if any(r.get(a) is None for r in relationships for a in ("Id", "Type", "Target")):
            return None
        read[member] = relationships
        for r in relationships:
            if r.get("TargetMode") == "External":
                continue
            target = PackURI.from_rel_ref(source.baseURI, r.get("Target"))
            if target not in visited:
                visited.add(target)
                pending.append(target)
    return read


def package_member(target: str) -> str:
    """The zip member a target of the package's own relationships names, resolved against the package root as
    python-docx resolves it (PackURI.from_rel_ref: posixpath.join onto "/", then normalised; the member is the URI without
    its leading "/"): ./word/document.xml and /word/document.xml name word/document.xml (fix-cr22a). Not unquoted:
    python-docx reads the member by the target's own spelling, so word%2Fdocument.xml names no member for it either."""
    return posixpath.normpath(posixpath.join("/", target))[1:]


def _tag(element: object) -> str:
    tag = getattr(element, "tag", None)
    return tag if isinstance(tag, str) else ""


def _is_word_document(zf: zipfile.ZipFile, name: str) -> bool:
    """The main part's root is <w:document> and one of its children is <w:body>, read as far as the body opens."""
    from lxml import etree

    depth = 0
    with zf.open(name) as fh:
        for event, element in etree.iterparse(
            fh, events=("start", "end"), resolve_entities=False, no_network=True
        ):
            if event == "end":
                depth -= 1
                if depth == 0:  # the root closed with no body in it
                    return False
                continue
            depth += 1
            if depth == 1 and element.tag != f"{_W}document":
                return False
            if depth == 2 and element.tag == f"{_W}body":
                return True
    return False
