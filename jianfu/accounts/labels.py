"""Names of the accounts app's audit actions as people say them (jianfu.core.labels)."""

ACTION_LABELS = {
    "accounts.user.unlock": "解除登录锁定",
}
