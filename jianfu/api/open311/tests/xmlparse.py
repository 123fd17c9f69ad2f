"""A minimal XML → Python reader for the tests (the shape xmltodict gives, without the dependency):
an element with children is a dict, repeated child tags become a list, a leaf is its text or None."""

from __future__ import annotations

import xml.etree.ElementTree as ET  # noqa: S405 - parses only our own server's output


def _value(el):
    children = list(el)
    if not children:
        return el.text
    out: dict = {}
    for child in children:
        v = _value(child)
        if child.tag in out:
            if not isinstance(out[child.tag], list):
                out[child.tag] = [out[child.tag]]
            out[child.tag].append(v)
        else:
            out[child.tag] = v
    return out


def parse(data: bytes) -> dict:
    root = ET.fromstring(data)  # noqa: S314
    return {root.tag: _value(root)}
