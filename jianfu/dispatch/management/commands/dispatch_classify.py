"""`manage.py dispatch_classify FILE --text-column C --out OUT.csv [--county 450521] [--top N]`

Routes every row as the platform would (learned model if trained, else the catalogue) and writes the
input columns plus `department`, `matter`, `confidence` (and `mode`); with `--top N`, also
`department_1, matter_1, score_1, …, department_N, matter_N, score_N`: the top N departments, each
with its best matter, by score (what the dispatch queue suggests)."""

from __future__ import annotations

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jianfu.dispatch.management.commands._tables import column, read_table
from jianfu.dispatch.management.commands.dispatch_train import _county


def _safe(value: str) -> str:
    return "'" + value if value and value[0] in "=+-@\t\r" else value


class Command(BaseCommand):
    help = "批量识别事件的承办部门和事项，输出 department、matter、confidence 三列。"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--text-column", required=True)
        parser.add_argument("--out", required=True)
        parser.add_argument("--county", default=None)
        parser.add_argument("--top", type=int, default=0, metavar="N",
                            help="另输出前 N 个建议部门（各附最可能的事项）及其得分")

    def handle(self, *args, file, text_column, out, county, top, **options):
        from jianfu.dispatch.models import CatalogueVersion, Matter
        from jianfu.dispatch.routing_bridge import router_for
        from jianfu.dispatch.services import catalogue_in_force
        from jianfu.orgs.models import OrgUnit

        if not 0 <= top <= 20:
            raise CommandError(f"--top 应在 0 到 20 之间（现为 {top}）。")
        header, rows = read_table(file)
        ti = column(header, text_column, "--text-column")
        county = _county(county, CatalogueVersion)
        version = catalogue_in_force(county)
        if version is None:
            raise CommandError(f"县 {county} 没有生效的职责清单，请先运行 dispatch_load_catalogue。")
        router = router_for(version)
        dept_names = dict(OrgUnit.objects.filter(parent_code=county, kind="department").values_list("code", "name"))
        matter_names = dict(Matter.objects.filter(version=version).values_list("code", "name"))
        out_path = Path(out)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        with out_path.open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            extra = [f"{name}_{i}" for i in range(1, top + 1) for name in ("department", "matter", "score")]
            writer.writerow([*header, "department", "matter", "confidence", "mode", *extra])
            for row in rows:
                text = row[ti] if ti < len(row) else ""
                d = router.route(text, suggestions=top)
                suggested: list[str] = []
                for c in d.suggestions:
                    suggested += [dept_names.get(c.department, c.department), matter_names.get(c.matter_code or "", ""),
                                  f"{c.score:.4f}"]
                suggested += [""] * (len(extra) - len(suggested))  # empty text: no suggestion
                writer.writerow([*(_safe(c) for c in row), dept_names.get(d.department or "", d.department or ""),
                                 matter_names.get(d.matter_code or "", d.matter_code or ""),
                                 f"{d.confidence:.4f}", d.mode, *(_safe(c) for c in suggested)])
        self.stdout.write(f"已识别 {len(rows)} 行，结果写入 {out_path}")
