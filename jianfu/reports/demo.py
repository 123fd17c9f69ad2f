"""The reports part of the `make run` demo: load the YAML forms, then put 合浦县's demo villages'
reports through the workflow so every state is on screen (runs after the registry demo)."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from jianfu.accounts.models import User
from jianfu.reports import services
from jianfu.reports.catalog import catalog_get, forms_load
from jianfu.reports.engine import latest_closed_period
from jianfu.reports.models import ManualValue, Submission, Template

# (template, state) per demo village — every state appears, for two periods where the template is monthly
PLAN = {
    "village_a": [("mz_dibao_tekun", "approved"), ("rs_employment", "submitted"), ("nync_poverty_monitoring", "returned"),
                  ("zz_floating_population", "generated_filled"), ("yj_emergency", "generated"),
                  ("wj_elderly_health", "approved"), ("dj_party_members", "submitted"),
                  ("tyjr_veterans", "submitted"), ("cl_disabled", "generated")],
    "village_b": [("mz_dibao_tekun", "submitted"), ("rs_employment", "approved"), ("nync_poverty_monitoring", "approved"),
                  ("zz_floating_population", "returned"), ("yj_emergency", "submitted"),
                  ("mz_elderly_children", "generated_filled"), ("fl_women_children", "submitted")],
}
RETURN_REASONS = ["外出务工人数与上月差异较大，请核实后重报。", "出租房屋数与网格台账不一致，请核对。"]


def _manual_value(rng: random.Random, element, values: dict) -> str:
    if element.code == "elderly_health_checked":
        return str(int((values.get("elderly_65") or 0) * 0.72))
    if element.code == "hazards_fixed":
        return str(max(int(values.get("hazards_found") or 0) - 1, 0))
    if element.code == "evacuated":   # within 受灾人口 (the form's rule, tryout28 #8)
        return str(min(rng.randint(0, 25), int(values.get("disaster_affected") or 0)))
    if element.code == "monitor_new_households":   # among the households monitored (the form's rule, newuser15 F3)
        return str(min(rng.randint(0, 25), int(values.get("monitor_households") or 0)))
    if element.unit in ("元",):
        return str(rng.randrange(2000, 60000, 100))
    if element.unit == "万元":
        return f"{rng.uniform(0, 20):.2f}"
    return str(rng.randint(0, 25))


def _fill_all(rng, sub, actor):
    catalog = catalog_get()
    t = catalog.template(sub.template.code)
    # a figure another form of the village already entered for the period is one shared value (一表同享): the
    # demo keeps it, so a report sent earlier still matches it (verify15 #4: no "共用数据已变更" on a fresh demo)
    shared = set(ManualValue.objects.filter(org_code=sub.org_code, period_type=t.period_type, period=sub.period)
                 .values_list("element__code", flat=True))
    values = {}
    for c in t.cells:
        el = catalog.element(c.element)
        if el.is_manual and el.code not in shared:
            if el.code == "hazards_fixed":
                continue
            values[c.key] = _manual_value(rng, el, values | sub.values)
    sub = services.submission_fill(actor=actor, submission=sub, values=values)
    fixed = [c.key for c in t.cells if c.element == "hazards_fixed" and c.element not in shared]
    if fixed:
        sub = services.submission_fill(actor=actor, submission=sub,
                                       values={fixed[0]: _manual_value(rng, catalog.element("hazards_fixed"),
                                                                       values)})
    jumps = {c["rule"]: "本期发放对象有调整，已与台账核对。" for c in sub.checks if c["needs_comment"]}
    if jumps:  # a village explains a large change before it submits (validation rule "jump")
        sub = services.submission_fill(actor=actor, submission=sub, values={}, comments=jumps)
    return sub


def _stamp_within_period(sub: Submission, days_before_due: int) -> None:
    """The services stamp "now"; a demo loaded today would show every past period's form as 逾期. A village
    submits before its due date, so the demo's times are set there (never in the future)."""
    now = timezone.now()
    submitted = timezone.make_aware(dt.datetime.combine(sub.due_date - dt.timedelta(days=days_before_due),
                                                        dt.time(10, 0)))
    submitted = min(submitted, now)
    changes = {"generated_at": min(submitted - dt.timedelta(hours=2), now), "submitted_at": submitted}
    if sub.decided_at is not None:
        changes["decided_at"] = min(submitted + dt.timedelta(days=1), now)
    Submission.objects.filter(pk=sub.pk).update(**changes)


def load(*, stdout) -> None:
    counts = forms_load(actor=None)
    stdout.write(f"  报表目录：数据元素 {counts['elements']} 个，模板 {counts['templates']} 张")
    approver = User.objects.filter(username="town_quzhang").first()
    rng = random.Random(450521)
    today = timezone.localdate()
    made = 0
    for username, plan in PLAN.items():
        actor = User.objects.filter(username=username).first()
        if actor is None or approver is None or actor.org_unit is None:
            continue
        for i, (code, state) in enumerate(plan):
            tpl = Template.objects.get(code=code)
            period = latest_closed_period(tpl.period_type, today)
            periods = [period.previous(), period] if tpl.period_type == "monthly" else [period]
            for p in periods:
                if Submission.objects.filter(template=tpl, org_code=actor.org_unit.code, period=p.id).exists():
                    continue
                # the earlier month is always completed; the current one is in the planned state
                target = "approved" if p is not periods[-1] else state
                sub = services.submission_generate(actor=actor, template=tpl, org_code=actor.org_unit.code,
                                                   period=p.id)
                made += 1
                if target == "generated":
                    continue
                sub = _fill_all(rng, sub, actor)
                if target == "generated_filled":
                    continue
                sub = services.submission_submit(actor=actor, submission=sub)
                if target == "approved":
                    services.submission_approve(actor=approver, submission=sub)
                elif target == "returned":
                    services.submission_return(actor=approver, submission=sub,
                                               reason=RETURN_REASONS[i % len(RETURN_REASONS)])
                sub.refresh_from_db()
                _stamp_within_period(sub, days_before_due=1 + i % 3)
    states = {s: Submission.objects.filter(status=s).count() for s in Submission.Status.values}
    stdout.write(f"  报表报送 {made} 份：" + "，".join(f"{Submission.Status(s).label} {n}" for s, n in states.items()))
