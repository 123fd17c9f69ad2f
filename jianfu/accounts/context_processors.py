from django.urls import NoReverseMatch, reverse

from jianfu.accounts.scoping import scope_for
from jianfu.core.ui import nav_items


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_for(user)
    entries = []
    for item in nav_items(scope):
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        entries.append({"label": item.label, "url": url, "active": request.path.startswith(url) and url != "/"})
    return {"nav_entries": entries, "scope": scope}
