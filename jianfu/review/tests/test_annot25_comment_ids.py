"""security25 H2: the annotated copy's new comments take their ids from a counter over the drafter's comment ids, read
once (`annotate._CommentWriter`), whatever those ids are: python-docx's own ids where python-docx's rule gives unique
ones (the largest + 1 up to 2**31 - 1, then the first unused from 0; compared here byte for byte with python-docx's own
`add_comment`, the oracle of test_annot24_index.py), and unique ones where python-docx's does not (duplicates,
negatives, ids no integer, on which python-docx reuses an id or raises)."""

from __future__ import annotations

import dataclasses
import io
import random
import re
from typing import Any

import docx
from lxml import etree

from jianfu.review.engine import annotate
from jianfu.review.engine.readers import docx_body_paragraphs, docx_paragraph_text

from .test_annot24_index import (
    STAMPED,
    W,
    _finding,
    _old_annotate,
    _package,
    _parts,
    _random_paragraph,
    _result,
)

LAST = 2**31 - 1
# drafter's ids python-docx numbers on from uniquely: the oracle's output, byte for byte
ORDINARY: list[tuple[int | str, ...]] = [
    (0,),
    (LAST,),
    (0, LAST - 1),
    (LAST - 1, LAST),
    (3, 7, 100),
    (1, LAST),
    (LAST, 0, 1, 2, 4, 9),
    (2, 0, LAST, 5, 1),
    (10**30,),
]
# drafter's ids duplicated, negative or no integer (python-docx's rule may reuse an id or raise): the oracle's output
# but for the ids
ODD: list[tuple[int | str, ...]] = [
    (0, 0, 1),
    (5, 5, LAST),
    (LAST, LAST, 0, 0, 2),
    (-1, LAST),
    (-3, -1),
    ("x", "1.5", ""),
    ("x", LAST, "3"),
    (" 7", "+3", "007", LAST),
    ("9" * 5000, 2),
]


def _documents(rng: random.Random, ids: tuple[int | str, ...]) -> tuple[bytes, bytes]:
    """Random paragraphs, and after them the drafter's comments anchored on words of their own (as Word writes them):
    with the ids given, and with the drafter's k-th comment's id 10**6 + k instead (unique integers)."""
    body = "".join(_random_paragraph(rng) for _ in range(rng.randint(1, 6)))
    anchored = [k for k in range(len(ids)) if rng.random() < 0.7]

    def package(ids: tuple[int | str, ...]) -> bytes:
        anchors = "".join(
            f'<w:p><w:commentRangeStart w:id="{ids[k]}"/><w:r><w:t>起草说明</w:t></w:r>'
            f'<w:commentRangeEnd w:id="{ids[k]}"/><w:r><w:commentReference w:id="{ids[k]}"/></w:r></w:p>'
            for k in anchored
        )
        return _package(body + anchors, ids)

    return package(ids), package(tuple(10**6 + k for k in range(len(ids))))


def _comments(data: bytes) -> list[etree._Element]:
    root = etree.fromstring(_parts(data)["word/comments.xml"])
    return list(root.iterchildren(f"{{{W}}}comment"))


def _anchors(data: bytes) -> list[tuple[str, str]]:
    """(kind, id) of every comment anchor in the body, in document order."""
    body = etree.fromstring(_parts(data)["word/document.xml"])
    kinds = [f"{{{W}}}{k}" for k in ("commentRangeStart", "commentRangeEnd", "commentReference")]
    return [(e.tag.split("}")[1], e.get(f"{{{W}}}id")) for e in body.iter(*kinds)]


def _masked(parts: dict[str, bytes]) -> dict[str, bytes]:
    """The parts with every id left out (and the drafter's comments' text, `_package`'s 意见 and the id)."""
    return {
        name: re.sub(rb' w:id="[^"]*"', b' w:id=""', re.sub("意见[^<]*".encode(), b"", data))
        for name, data in parts.items()
    }


def _integer(value: str) -> int | None:
    try:
        return int(value)
    except ValueError:
        return None


def _check(data: bytes, out: bytes) -> list[int]:
    """The properties of any annotated copy: the drafter's comments unchanged and first, in order; every new comment's
    id an integer in 0..2**31 - 1 written plainly, unique, and no drafter's id read as an integer; every anchor in the
    body naming a comment there; each new comment anchored once (a start, an end, a reference). The new ids, in order."""
    before, after = _comments(data), _comments(out)
    assert [etree.tostring(c) for c in after[: len(before)]] == [etree.tostring(c) for c in before]
    new = [c.get(f"{{{W}}}id") for c in after[len(before) :]]
    drafters = {_integer(c.get(f"{{{W}}}id")) for c in before}
    ids = [int(i) for i in new]
    assert [str(i) for i in ids] == new
    assert all(0 <= i <= LAST for i in ids)
    assert len(set(ids)) == len(ids)
    assert not set(ids) & drafters
    anchors = _anchors(out)
    existing = {c.get(f"{{{W}}}id") for c in after}
    assert all(i in existing for _, i in anchors), anchors
    kinds = {i: sorted(kind for kind, j in anchors if j == i) for i in new}
    assert all(k == ["commentRangeEnd", "commentRangeStart", "commentReference"] for k in kinds.values()), (
        kinds
    )
    return ids


def _annotated(rng: random.Random, data: bytes) -> tuple[Any, bytes]:
    texts = [docx_paragraph_text(p) for p in docx_body_paragraphs(docx.Document(io.BytesIO(data)))]
    result = _result(
        [_finding(rng, texts, fmt_docx=True) for _ in range(rng.choice([0, 1, 3, 8, 30]))], "docx"
    )
    return result, annotate.annotate(result, original=data, now=STAMPED)


def test_the_new_comments_ids_are_python_docxs_where_its_are_unique_and_unique_where_they_are_not() -> None:
    rng = random.Random(2025)
    compared = odd = fallen_back = new_comments = 0
    for case in range(160):
        ids = rng.choice(ORDINARY)
        data, _ = _documents(rng, ids)
        result, out = _annotated(rng, data)
        assert _parts(out) == _parts(_old_annotate(result, original=data)), (case, ids)
        new = _check(data, out)
        compared += 1
        new_comments += len(new)
        fallen_back += any(i < max(int(j) for j in ids) for i in new)
    for case in range(160):
        ids = rng.choice(ODD)
        data, renamed = _documents(rng, ids)
        result, out = _annotated(rng, data)
        new = _check(data, out)
        # the copy python-docx writes when the drafter's ids are unique integers, but for the ids
        oracle = _old_annotate(result, original=renamed)
        assert _masked(_parts(out)) == _masked(_parts(oracle)), (case, ids)
        odd += 1
        new_comments += len(new)
    assert (compared, odd, fallen_back > 50, new_comments > 1500) == (160, 160, True, True), (
        fallen_back,
        new_comments,
    )


def test_the_new_comments_ids_skip_every_id_the_drafter_used() -> None:
    rng = random.Random(7)
    data = _package("<w:p><w:r><w:t>各村每月报送台账。</w:t></w:r></w:p>")
    texts = [docx_paragraph_text(p) for p in docx_body_paragraphs(docx.Document(io.BytesIO(data)))]
    # the summary and three document-level findings: four comments on the first paragraph
    findings = [dataclasses.replace(_finding(rng, texts, fmt_docx=True), clause_index=None) for _ in range(3)]
    result = _result(findings, "docx")
    cases: list[tuple[tuple[int | str, ...], list[int]]] = [
        ((), [0, 1, 2, 3]),
        ((3, 7), [8, 9, 10, 11]),
        ((LAST,), [0, 1, 2, 3]),
        ((0, LAST - 1), [LAST, 1, 2, 3]),
        ((LAST - 2, 0), [LAST - 1, LAST, 1, 2]),
        ((5, 5), [6, 7, 8, 9]),
        ((0, 0, 2, LAST), [1, 3, 4, 5]),  # python-docx: 1, 1, 1, 1
        ((-1, LAST), [0, 1, 2, 3]),  # python-docx: 0, 0, 0, 0
        (("x", "7", " 9", "+3", "-1", "007", "", LAST), [0, 1, 2, 4]),  # python-docx raises (int("x"))
        ((10**30, "9" * 5000), [0, 1, 2, 3]),  # python-docx raises (past Python's 4,300 digits)
    ]
    got = []
    for ids, _ in cases:
        with_comments = _package("<w:p><w:r><w:t>各村每月报送台账。</w:t></w:r></w:p>", ids)
        out = annotate.annotate(result, original=with_comments)
        got.append(_check(with_comments, out))
    assert got == [expected for _, expected in cases]
