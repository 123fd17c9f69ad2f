"""Session 22 (branch fix-cr22a): a code review's findings on the review engine and the .docx reader.

The sentence before a subjectless progress report is found in linear time (20,000 characters took 28.5 s); a package
whose content types or relationships lack a required attribute, or whose zip holds an encrypted entry or one compressed
by an unsupported method, is refused as a damaged file (each was a 500); a main part named ./word/document.xml is read
as python-docx reads it; formalism named as the object of a measure (减少形式主义的具体举措) no longer silences the demand
before it. docs/review.md "Session 22 (branch fix-cr22a)"."""

from __future__ import annotations

import io
import re
import time
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from lxml import etree

from jianfu.review.engine import readers, review_text
from jianfu.review.engine.context import last_sentence
from jianfu.review.models import Document, Review

# seconds of CPU, generous for CI: the long text below is reviewed in about 0.15 s (8-28 s before)
BOUND = 2.0
CORRUPT = "文件已损坏或不是Word文档，无法读取正文，请在Word中重新保存为 .docx 后上传。"
TITLE = "关于做好2028年下半年生态环境和应急管理工作的通知\n各乡镇人民政府、街道办事处，县直各单位：\n一、"


def rules_fired(sentence: str) -> list[str]:
    return sorted(f.rule_id for f in review_text(TITLE + sentence).findings)


# ------------------------------------------------------------------------------------- the sentence before, linear


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("各乡镇要加强巡查；", "各乡镇要加强巡查；"),
        ("县里部署。各乡镇要加强巡查；  \n", "各乡镇要加强巡查；"),
        ("县里部署。各乡镇要加强巡查", "各乡镇要加强巡查"),
        ("县里部署！各乡镇，各村", "各乡镇，各村"),
        ("县里部署。。", None),
        ("。", None),
        ("", None),
        ("   ", None),
    ],
)
def test_the_last_sentence_is_the_text_after_the_last_terminator(text, expected):
    assert last_sentence(text) == expected


def test_a_long_sentence_before_a_subjectless_report_is_reviewed_in_linear_time():
    report = "汛期内每周一报送一次隐患整改进展情况。"
    long_sentence = "，".join(["各乡镇要加强巡查工作"] * 2000) + "。"
    review_text(TITLE + "各村要落实责任。" + report)  # the rules compiled and loaded outside the bound
    text = long_sentence + "各村要落实责任。" + report
    start = time.process_time()
    result = review_text(text)
    elapsed = time.process_time() - start
    assert (len(text), sorted(f.rule_id for f in result.findings), elapsed < BOUND) == (
        22027,
        ["BR-DOC-01", "BR-INS-08"],
        True,
    )


# --------------------------------------------------------------------- formalism as the object of a measure


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a measure against formalism: the demand before it keeps its findings
        ("各乡镇每周一报送工作台账是减少形式主义的具体举措。", ["BR-INS-05", "BR-INS-08"]),
        ("各乡镇每周一报送工作台账是解决形式主义问题的重要手段。", ["BR-INS-05", "BR-INS-08"]),
        ("各乡镇每月报送整改进展情况并上传照片，是解决形式主义问题的重要手段。", ["BR-INS-05", "BR-INS-08"]),
        ("各乡镇每周一报送工作台账是反对形式主义、官僚主义的重要举措。", ["BR-INS-05", "BR-INS-08"]),
        # the practice named as formalism: the problem described, as before
        ("各乡镇每周一报送工作台账是典型的形式主义，今后不再要求。", []),
        ("要求各乡镇每周一报送工作台账属于变相的形式主义。", []),
        ("要求各乡镇每周一报送工作台账是一种形式主义。", []),
        ("要求各乡镇每周一报送工作台账是形式主义的表现。", []),
    ],
)
def test_formalism_as_the_object_of_a_measure_silences_nothing(sentence, expected):
    assert rules_fired(sentence) == expected


# ------------------------------------------------------------------------------------------ the package's shape


def _base() -> bytes:
    d = docx.Document()
    d.add_paragraph("关于做好春耕生产工作的通知")
    d.add_paragraph("各村每周五前报送春耕进度。")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


BASE = _base()


def _with_part(name: str, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(BASE)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info.filename, change(data) if info.filename == name else data)
    return out.getvalue()


def _entry_headers(data: bytes, name: str, *, flag: int = 0, method: int | None = None) -> bytes:
    """The package with one entry's general-purpose flag bits OR-ed with `flag` and its compression method set to
    `method`, in its local header and in the central directory (what a zip tool writes for an encrypted or AES entry)."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        local = zf.getinfo(name).header_offset
    central = [m.start() for m in re.finditer(b"PK\x01\x02", data)]
    central = [
        c
        for c in central
        if data[c + 46 : c + 46 + int.from_bytes(data[c + 28 : c + 30], "little")] == name.encode()
    ]
    for flag_at, method_at in [(local + 6, local + 8), (central[0] + 8, central[0] + 10)]:
        bits = int.from_bytes(out[flag_at : flag_at + 2], "little") | flag
        out[flag_at : flag_at + 2] = bits.to_bytes(2, "little")
        if method is not None:
            out[method_at : method_at + 2] = method.to_bytes(2, "little")
    return bytes(out)


def _refusal(data: bytes) -> tuple[str, str]:
    with pytest.raises(readers.ReviewInputError) as exc:
        readers.read_bytes(data, "通知.docx")
    return exc.value.code, exc.value.message


UNREADABLE = (
    "文件已损坏或不是Word文档（压缩包内 word/document.xml 已加密或使用了不支持的压缩方式），无法读取正文，"
    "请在Word中重新保存为 .docx 后上传。"
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # each of these was an AttributeError ('NoneType' object has no attribute 'lower') in python-docx
        (
            _with_part("[Content_Types].xml", lambda d: d.replace(b'PartName="/word/document.xml"', b"", 1)),
            CORRUPT,
        ),
        (_with_part("[Content_Types].xml", lambda d: d.replace(b'Extension="xml"', b"", 1)), CORRUPT),
        # a TypeError in posixpath.join
        (
            _with_part("word/_rels/document.xml.rels", lambda d: d.replace(b'Target="styles.xml"', b"", 1)),
            CORRUPT,
        ),
        # RuntimeError (encrypted, password required) and NotImplementedError (compression method 99) from testzip
        (_entry_headers(BASE, "word/document.xml", flag=0x1), UNREADABLE),
        (_entry_headers(BASE, "word/document.xml", method=99), UNREADABLE),
    ],
    ids=[
        "override-without-partname",
        "default-without-extension",
        "relationship-without-target",
        "encrypted",
        "aes",
    ],
)
def test_a_package_missing_what_python_docx_reads_is_a_damaged_file(data, expected):
    assert _refusal(data) == ("corrupt", expected)


def test_a_main_part_named_from_the_current_directory_is_read():
    data = _with_part(
        "_rels/.rels", lambda d: d.replace(b'Target="word/document.xml"', b'Target="./word/document.xml"', 1)
    )
    assert docx.Document(io.BytesIO(data)).paragraphs[1].text == "各村每周五前报送春耕进度。"
    assert [p.text for p in readers.read_bytes(data, "通知.docx").paragraphs] == [
        "关于做好春耕生产工作的通知",
        "各村每周五前报送春耕进度。",
    ]
    data = _with_part(
        "_rels/.rels",
        lambda d: d.replace(b'Target="word/document.xml"', b'Target="/word/../word/document.xml"', 1),
    )
    assert len(readers.read_bytes(data, "通知.docx").paragraphs) == 2


def _without_attribute(name: str, index: int, attribute: str) -> bytes:
    def change(data: bytes) -> bytes:
        root = etree.fromstring(data)
        del root[index].attrib[attribute]
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    return _with_part(name, change)


def test_every_attribute_of_the_package_parts_removed_in_turn_is_read_or_refused():
    """Each attribute of each <Default>, <Override> and <Relationship> removed in turn: the file is read, or refused
    with the damaged-file message — never another exception (a 500). Those python-docx needs are all refused."""
    outcomes: dict[str, int] = {"read": 0, "corrupt": 0}
    with zipfile.ZipFile(io.BytesIO(BASE)) as zf:
        parts = [n for n in zf.namelist() if n == "[Content_Types].xml" or n.endswith(".rels")]
        roots = {n: etree.fromstring(zf.read(n)) for n in parts}
    for name in parts:
        for index, element in enumerate(roots[name]):
            for attribute in list(element.attrib):
                try:
                    readers.read_bytes(_without_attribute(name, index, attribute), "通知.docx")
                    outcomes["read"] += 1
                except readers.ReviewInputError as exc:
                    assert (exc.code, exc.message) == ("corrupt", CORRUPT), (name, index, attribute)
                    outcomes["corrupt"] += 1
    assert outcomes == {"read": 0, "corrupt": sum(len(e.attrib) for r in roots.values() for e in r)}


# ---------------------------------------------------------------------------------------------- the web form


def _token(client, url):
    return re.search(r'name="form_token" value="([^"]+)"', client.get(url).content.decode()).group(1)


@pytest.mark.django_db
def test_the_web_form_refuses_a_package_missing_a_part_name_and_stores_nothing(world):
    client = world.client("town_quzhang")
    data = _with_part("[Content_Types].xml", lambda d: d.replace(b'PartName="/word/document.xml"', b"", 1))
    response = client.post(
        "/review/submit/",
        {"file": SimpleUploadedFile("通知.docx", data), "form_token": _token(client, "/review/submit/")},
    )
    assert (response.status_code, CORRUPT in response.content.decode()) == (400, True)
    assert (Document.objects.count(), Review.objects.count()) == (0, 0)
