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
            entries.append({"label": item.label, "url": url, "primary": item.primary, "active": False})
        if entries:
            sections.append({"title": title, "entries": entries})
    _mark_active(sections, request.path)
    return {"nav_sections": sections, "scope": scope}


def _mark_active(sections, path: str) -> None:
    """Highlight only the entry whose URL is the longest prefix of the current path."""
    matches = [e for s in sections for e in s["entries"]
               if path == e["url"] or (e["url"] != "/" and path.startswith(e["url"]))]
    if matches:
        max(matches, key=lambda e: len(e["url"]))["active"] = True
