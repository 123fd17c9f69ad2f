from django.urls import NoReverseMatch, reverse

from jianfu.accounts.scoping import scope_for
from jianfu.core.ui import nav_sections


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_for(user)
    sections = []
    for title, items in nav_sections(scope):
        entries = []
        for item in items:
            try:
                url = reverse(item.url_name)
            except NoReverseMatch:
                continue
            entries.append({"label": item.label, "url": url, "primary": item.primary,
                            "active": request.path == url or (url != "/" and request.path.startswith(url))})
        if entries:
            sections.append({"title": title, "entries": entries})
    return {"nav_sections": sections, "scope": scope}
