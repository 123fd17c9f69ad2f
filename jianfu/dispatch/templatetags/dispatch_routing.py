"""``{% routing_suggestions events as suggestions %}``: the router's suggested departments for
waiting events, named (see ``selectors.routing_suggestions``)."""

from django import template

from jianfu.dispatch import selectors

register = template.Library()


@register.simple_tag
def routing_suggestions(events):
    return selectors.routing_suggestions(events)
