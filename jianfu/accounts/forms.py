from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from jianfu.accounts import selectors
from jianfu.accounts.roles import Role
from jianfu.core.widgets import DateInput


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("用户名或密码错误。"),
        "inactive": _("该账号已停用，请联系管理员。"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("用户名")
        self.fields["password"].label = _("密码")

    def get_invalid_login_error(self) -> forms.ValidationError:
        """The refusal says how many tries are left before the lock (newuser24: failures 1-4 all read the same), from
        django-axes' own count for this username at this address (`selectors.login_tries_left`: not the failures made
        elsewhere, security25 L2) — which axes keeps for any typed name, so an unknown username is answered exactly as a
        known one and the message tells no one whether it exists."""
        left = selectors.login_tries_left(self.request, self.cleaned_data.get("username"))
        if left is None:
            return super().get_invalid_login_error()
        message = (_("用户名或密码错误。再输错 %(left)d 次，该账号将被临时锁定 %(minutes)d 分钟。") if left
                   else _("用户名或密码错误。该账号已被临时锁定 %(minutes)d 分钟。"))
        return forms.ValidationError(message, code="invalid_login", params={"left": left, "minutes": lock_minutes()})


def lock_minutes() -> int:
    """How long django-axes' lock lasts, in whole minutes (AXES_COOLOFF_TIME)."""
    from axes.helpers import get_cool_off

    cool_off = get_cool_off(None)
    return max(1, int(cool_off.total_seconds()) // 60) if cool_off else 0


class UserCreateForm(forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150)
    display_name = forms.CharField(label=_("姓名"), max_length=50, required=False)
    role = forms.ChoiceField(label=_("角色"), choices=Role.choices)
    org_code = forms.CharField(label=_("所属单位代码"), max_length=20, required=False,
                               help_text=_("如 450521200206；系统管理员可留空"))
    password = forms.CharField(label=_("初始密码"), widget=forms.PasswordInput, min_length=10)


class PasswordForm(forms.Form):
    old_password = forms.CharField(label=_("原密码"), widget=forms.PasswordInput)
    password = forms.CharField(label=_("新密码"), widget=forms.PasswordInput, min_length=10)
    password_again = forms.CharField(label=_("再次输入新密码"), widget=forms.PasswordInput)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_old_password(self):
        value = self.cleaned_data["old_password"]
        if self.user is None or not self.user.check_password(value):
            raise forms.ValidationError(_("原密码不正确。"))
        return value

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("两次输入的新密码不一致。"))
        return data


# Actions by the part of the system that wrote them: a prefix of the action (the selector filters with startswith),
# named in Chinese — the search asked users to type an internal key such as "registry.person.update".
AUDIT_AREAS_NOT_WRITING = {"api", "open311clients"}
AUDIT_AREA_NAMES = {"core": _("系统"), "pii": _("查看个人信息明文"), "open311": _("开放接口（Open311 密钥）")}


def audit_areas() -> list[tuple[str, str]]:
    from django.apps import apps

    areas = [(f"{cfg.label}.", str(AUDIT_AREA_NAMES.get(cfg.label, cfg.verbose_name)))
             for cfg in apps.get_app_configs()
             if cfg.name.startswith("jianfu.") and cfg.label not in AUDIT_AREAS_NOT_WRITING]
    # prefixes no app label gives: reveals of identifiers, and the Open311 keys' issue and deactivation (open311.client.*)
    return [("", str(_("全部"))), *areas, ("pii.", str(AUDIT_AREA_NAMES["pii"])),
            ("open311.", str(AUDIT_AREA_NAMES["open311"]))]


class AuditSearchForm(forms.Form):
    q = forms.CharField(label=_("操作人/对象"), required=False)
    action = forms.ChoiceField(label=_("业务"), required=False, choices=audit_areas)
    org_code = forms.CharField(label=_("单位（名称或代码）"), required=False, max_length=40)
    date_from = forms.DateField(label=_("起始日期"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("截止日期"), required=False, widget=DateInput())
