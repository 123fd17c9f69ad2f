from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jianfu.accounts"
    label = "accounts"
    verbose_name = "账号与权限"

    def ready(self) -> None:
        from jianfu.accounts import checks  # noqa: F401  registers the username check (badinput16 #6)
