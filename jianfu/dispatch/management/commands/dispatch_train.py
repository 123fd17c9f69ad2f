"""`manage.py dispatch_train FILE --text-column C --label-column L [--county 450521]`

Trains the learned router on a deployment's own past events (labels: department or matter names or
codes) plus every human correction stored in the database, and saves it under var/dispatch/."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from jianfu.dispatch.management.commands._tables import column, read_table


class Command(BaseCommand):
    help = "用本地历史事件训练分派模型（标签为部门或事项名称/编码）。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="csv 或 xlsx 文件")
        parser.add_argument("--text-column", required=True)
        parser.add_argument("--label-column", required=True)
        parser.add_argument("--county", default=None, help="县级区划代码（默认：唯一有生效清单的县）")
        parser.add_argument("--no-feedback", action="store_true", help="不使用库中的人工改派记录")

    def handle(self, *args, file, text_column, label_column, county, no_feedback, **options):
        from jianfu.dispatch import routing_bridge as bridge
        from jianfu.dispatch.models import CatalogueVersion, RoutingFeedback
        from jianfu.dispatch.routing import LearnedRouter
        from jianfu.dispatch.services import catalogue_in_force
        from jianfu.orgs.models import OrgUnit

        header, rows = read_table(file)
        ti = column(header, text_column, "--text-column")
        li = column(header, label_column, "--label-column")
        county = _county(county, CatalogueVersion)
        version = catalogue_in_force(county)
        specs = bridge.matter_specs(version) if version else []
        departments = dict(OrgUnit.objects.filter(parent_code=county, kind="department").values_list("code", "name"))
        aliases = dict(OrgUnit.objects.filter(parent_code=county, kind="department").exclude(short_code="")
                       .values_list("short_code", "code"))
        texts, labels = [], []
        for row in rows:
            text = row[ti] if ti < len(row) else ""
            label = (row[li] if li < len(row) else "").strip()
            if text.strip() and label:
                texts.append(text)
                labels.append(aliases.get(label, label))
        n_file = len(texts)
        n_feedback = 0
        if not no_feedback:
            for fb in RoutingFeedback.objects.filter(org_code__startswith=county[:6]).exclude(department_code=""):
                texts.append(fb.text)
                labels.append(fb.matter_code or fb.department_code)
                n_feedback += 1
        if n_file + n_feedback < 2:
            raise CommandError("没有可用的训练数据（文本和标签都不能为空）。")
        try:
            model = LearnedRouter(matters=specs, departments=departments).fit(texts, labels)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        path = bridge.model_path(county)
        model.save(str(path))
        bridge.clear_cache()
        self.stdout.write(f"已训练：文件 {n_file} 条，人工改派 {n_feedback} 条，{len(model.labels)} 个标签；模型保存在 {path}")


def _county(county, CatalogueVersion) -> str:
    if county:
        return county[:6].ljust(12, "0")
    counties = sorted(set(CatalogueVersion.objects.filter(state="published").values_list("org_code", flat=True)))
    if len(counties) != 1:
        raise CommandError(f"请用 --county 指定县（库中有 {len(counties)} 个县有生效清单）。")
    return counties[0]
