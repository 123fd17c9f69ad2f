"""``{% routing_suggestions events as suggestions %}``: for each waiting event, the router's suggested
departments (named; departments that returned it and suggestions below the floor left out, see
``selectors.routing_suggestions``), whether all it had were too weak to offer, the
names of the departments that returned it, and every department of its county for a free choice."""

from django import template

from jianfu.dispatch import catalogue, selectors

register = template.Library()


@register.simple_tag
def routing_suggestions(events):
    by_county: dict[str, list] = {}
    out = []
    for event, options, returned_by in selectors.routing_suggestions(events):
        if event.county_code not in by_county:
            by_county[event.county_code] = catalogue.departments_for(event.county_code)
        out.append({"event": event, "options": options, "returned_by": returned_by,
                    "weak": not options and selectors.weak_suggestions(event), "floor": selectors.SUGGESTION_FLOOR,
                    "departments": by_county[event.county_code]})
    return out


@register.filter
def routing_strength(score: object) -> str:
    """把握较大 / 有一定把握 / 仅供参考 for a router's score (``selectors.strength``); "" for none."""
    return selectors.strength_label(selectors.strength(score))
