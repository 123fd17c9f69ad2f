"""python manage.py registry_generate --county 450521 --persons 100000 [--seed 0]"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from jianfu.core.errors import ApplicationError
from jianfu.registry.generation import registry_generate


class Command(BaseCommand):
    help = "生成合成的人员、户和单位数据（县的区划须已载入）。"

    def add_arguments(self, parser):
        parser.add_argument("--county", required=True, help="县级代码，如 450521")
        parser.add_argument("--persons", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--no-organisations", action="store_true")

    def handle(self, *args, county, persons, seed, no_organisations, **options):
        bar = tqdm(total=persons, unit="人", disable=options.get("verbosity", 1) == 0)
        last = [0]

        def progress(done):
            bar.update(done - last[0])
            last[0] = done

        try:
            result = registry_generate(county_code=county, persons=persons, seed=seed, progress=progress,
                                       organisations=not no_organisations)
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        finally:
            bar.close()
        self.stdout.write(self.style.SUCCESS(
            f"已生成：{result['persons']} 人，{result['households']} 户，{result['organisations']} 个单位，"
            f"分布在 {result['villages']} 个村（社区），用时 {result['seconds']} 秒"))
