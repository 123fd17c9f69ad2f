"""Template filters over `jianfu.core.labels`: `{{ r.action|action_label }}`, `{{ r|audit_changes }}`, `{{ r|audit_object }}`,
`{{ h.field|field_label:"registry.person" }}`, `{{ h.new_value|value_label:"registry.person:employment_status" }}`."""

from django import template

from jianfu.core import labels
from jianfu.core.models import AuditRecord

register = template.Library()


@register.filter
def action_label(action: str) -> str:
    return labels.action_label(action or "")


@register.filter
def audit_changes(record: AuditRecord) -> list[str]:
    return labels.changes_lines(record.object_type or "", record.changes, record.action or "",
                                object_id=record.object_id)


@register.filter
def audit_object(record: AuditRecord) -> str:
    return labels.object_label(record.object_type or "", record.object_id, record.object_repr or "")


@register.filter
def field_label(field: str, model_label: str) -> str:
    return labels.field_label(model_label, field or "")


@register.filter
def value_label(value, model_and_field: str) -> str:
    model_label, _, field = model_and_field.partition(":")
    return labels.value_label(model_label, field, value)
