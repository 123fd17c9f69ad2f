"""Django's `{# … #}` comment is single-line only: one that spans lines is not a comment and is printed on the
page as text (session 12, U07: a ledger entry page showed a developer note under 规则检查发现的问题). Every
template is scanned, so none comes back; a multi-line note belongs in `{% comment %}…{% endcomment %}`."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_OPEN = re.compile(r"\{#")


def template_files() -> list[Path]:
    files = sorted((ROOT / "templates").rglob("*"))
    files += sorted(p for p in (ROOT / "jianfu").rglob("*") if "templates" in p.relative_to(ROOT / "jianfu").parts)
    return [p for p in files if p.is_file() and p.suffix in {".html", ".txt", ".xml", ".svg", ".js", ".css"}]


def unclosed_comments(text: str) -> list[int]:
    """Line numbers (1-based) holding a `{#` with no `#}` after it on the same line."""
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _OPEN.finditer(line):
            if "#}" not in line[match.end():]:
                out.append(number)
                break
    return out


def test_the_scan_sees_a_multi_line_comment_and_passes_a_single_line_one():
    assert unclosed_comments("a\n{# one line #} b\n{# two\n lines #}\n") == [3]
    assert unclosed_comments("{# x #}{# y #}") == []


def test_no_template_has_a_multi_line_hash_comment():
    files = template_files()
    assert len(files) > 100   # the scan found the templates (the project has several hundred)
    found = [f"{p.relative_to(ROOT)}:{n}" for p in files for n in unclosed_comments(p.read_text("utf-8"))]
    assert found == []
