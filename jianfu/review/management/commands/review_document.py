"""`python manage.py review_document FILE [--format json|html|docx] [--out PATH]`

Reviews one file with the rule catalogue (YAML rules, plus a county's own rules with --county) and
prints or writes the result. JSON: {"score", "conclusion", "findings": [{"rule_id", "provision",
"severity", "clause", "text", "suggestion", …}], "document": {…}}. Nothing is stored."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jianfu.review.engine import ReviewInputError, readers, review_document
from jianfu.review.engine.annotate import annotate
from jianfu.review.engine.render import to_html


class Command(BaseCommand):
    help = "审查一份文件（减负一致性评估），输出 JSON、HTML 或带批注的 Word 文件。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="待审查文件：.docx / .pdf / .txt / .md")
        parser.add_argument("--format", choices=["json", "html", "docx"], default="json")
        parser.add_argument("--out", help="输出文件路径（docx 格式必填，默认与原文件同目录）")
        parser.add_argument("--county", default="", help="合并该县（12位代码）在系统中新增或停用的规则")
        parser.add_argument("--reference", help="上级文件（.docx/.txt 等），用于检查照抄照搬")

    def handle(self, *args, file, format, out=None, county="", reference=None, **options):
        try:
            source = readers.read_path(file)
            reference_text = readers.read_path(reference).text if reference else None
        except ReviewInputError as exc:
            raise CommandError(exc.message) from exc
        catalogue = None
        if county:
            from jianfu.review.selectors import catalogue_for

            catalogue = catalogue_for(county)
        result = review_document(source, catalogue=catalogue, reference_text=reference_text)
        if format == "json":
            payload = json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
            self._emit(payload, out)
        elif format == "html":
            self._emit(to_html(result), out)
        else:
            original = Path(file).read_bytes() if source.fmt == "docx" else None
            target = Path(out) if out else Path(file).with_name(Path(file).stem + "-审查意见.docx")
            target.write_bytes(annotate(result, original=original))
            self.stdout.write(f"已写入 {target}（{len(result.findings)} 处批注，结论：{result.conclusion}，得分 {result.score}）")

    def _emit(self, text: str, out: str | None) -> None:
        if out:
            Path(out).write_text(text, encoding="utf-8")
            self.stdout.write(f"已写入 {out}")
        else:
            self.stdout.write(text)
