"""Names of the accounts app's audit actions as people say them, and of the accounts behind audit records
(jianfu.core.labels): `actor_label` asks `lookup("account", id)`."""

from __future__ import annotations

ACTION_LABELS = {
    "accounts.user.unlock": "解除登录锁定",
}


def _display_names(ids: set[str]) -> dict[str, str]:
    """Accounts by display name ({id: name}; an account without one is left out), one query for a page."""
    from jianfu.accounts.selectors import display_names

    return {str(pk): name for pk, name in display_names({int(i) for i in ids if i.isdigit()}).items()}


NAME_FETCHERS = {"account": _display_names}
