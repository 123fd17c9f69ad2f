from __future__ import annotations

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jianfu.accounts import devices, selectors, services
from jianfu.accounts.forms import AuditSearchForm, LoginForm, PasswordForm, UserCreateForm
from jianfu.accounts.roles import Role
from jianfu.accounts.scoping import scope_for
from jianfu.core import formtokens, labels
from jianfu.core.decorators import found_by, page_access
from jianfu.core.errors import ApplicationError, PermissionDeniedError
from jianfu.core.models import TaskFailure
from jianfu.core.ui import workbench_todos, workbench_updates
from jianfu.core.views import form_error_from, form_status


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        """Logged in: this browser becomes a known device of the account (`devices.remember`, security25 M1), exempt
        from the username-wide lock that strangers' failures can set."""
        response = super().form_valid(form)
        devices.remember(response, form.get_user())
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if settings.JIANFU_DEMO_LOGIN_NOTE:   # the demo on the embedded default only (config/settings.py)
            from jianfu.accounts.demo import DEMO_PASSWORD, demo_accounts, demo_password_kept

            accounts = demo_accounts()
            # the password is stated only while it is still theirs (changed: the accounts are named without it)
            kept = demo_password_kept([username for username, _role, _scope in accounts])
            context.update(demo_accounts=accounts, demo_password=DEMO_PASSWORD if kept else "")
        return context


class LogoutView(auth_views.LogoutView):
    """退出 posts here (the top bar's form). /logout/ typed in the address bar (a GET, newuser21 #7) asks first: a small
    page "退出登录？" with a 退出 button (a POST with its CSRF token) and 返回 — a GET never logs out. Someone not
    logged in is sent to the login page."""

    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        from django.utils.http import url_has_allowed_host_and_scheme

        if not request.user.is_authenticated:
            return redirect(settings.LOGIN_URL)
        referer = request.META.get("HTTP_REFERER", "")
        back = referer if referer and url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()) else ""
        return render(request, "accounts/logout_confirm.html", {"back": back})


@login_required
def workbench(request):
    scope = scope_for(request.user)
    return render(request, "accounts/workbench.html", {
        "todos": workbench_todos(request.user),
        "updates": workbench_updates(request.user),
        "role_label": Role(request.user.role).label if request.user.role else "",
        "unit": request.user.org_unit,
        "scope": scope,
    })


@page_access(found_by(selectors.user_list))
@login_required
def user_list(request):
    users = selectors.user_list(user=request.user, query=request.GET.get("q", ""))
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    # a locked account (too many wrong passwords) is marked 锁定至 HH:MM with a 解锁 button (newuser24)
    locks = selectors.account_locks(u.username for u in page)
    rows = [(u, u.username in locks, locks.get(u.username)) for u in page]
    return render(request, "accounts/user_list.html", {"page": page, "rows": rows, "q": request.GET.get("q", ""),
                                                       "form_token": formtokens.token_new()})


@login_required
def user_create(request):
    selectors.user_list(user=request.user)  # capability check before showing the form
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form_error_from(form, exc)
        else:
            messages.success(request, _("账号“%(name)s”已创建。") % {"name": user.username})
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form}, status=form_status(form))   # refused: a 400 (forms400)


@login_required
@require_POST
def user_disable(request, pk: int):
    user = services.user_disable(actor=request.user, user_id=pk)
    messages.success(request, _("账号“%(name)s”已停用，其登录和令牌立即失效。") % {"name": user.username})
    return redirect("accounts:user_list")


@login_required
@require_POST
def user_enable(request, pk: int):
    user = services.user_enable(actor=request.user, user_id=pk)
    messages.success(request, _("账号“%(name)s”已启用。") % {"name": user.username})
    return redirect("accounts:user_list")


@login_required
@require_POST
def user_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        user, cleared = services.user_unlock(actor=request.user, user_id=pk,
                                             form_token=formtokens.posted(request.POST))
    except ApplicationError as exc:
        if exc.code != "form_expired":
            raise
        messages.error(request, _("页面已过期，请再点一次“解锁”。"))
        return redirect("accounts:user_list")
    if cleared:
        messages.success(request, _("账号“%(name)s”已解锁，可以重新登录。") % {"name": user.username})
    else:
        messages.info(request, _("账号“%(name)s”当前没有被锁定。") % {"name": user.username})
    return redirect("accounts:user_list")


@login_required
def password_change(request):
    form = PasswordForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_set_password(actor=request.user, user_id=request.user.pk,
                                       password=form.cleaned_data["password"])
        except ApplicationError as exc:
            form_error_from(form, exc)
        else:
            # ended here, so the message sits in a fresh session: messages live in the session (MESSAGE_STORAGE), and
            # the login page would flush the old one — its password hash no longer matches (code review 21)
            auth.logout(request)
            messages.success(request, _("密码已修改，请重新登录。"))
            return redirect("accounts:login")
    return render(request, "accounts/password_form.html", {"form": form}, status=form_status(form))   # refused: a 400 (forms400)


@login_required
def audit_list(request):
    form = AuditSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    records = selectors.audit_list(user=request.user, query=filters.get("q") or "",
                                   action=filters.get("action") or "", org_code=filters.get("org_code") or "",
                                   date_from=filters.get("date_from"), date_to=filters.get("date_to"))
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    # the page in words — who by name, the object, its unit, its changes — each kind of name (accounts, units,
    # rules, postings, a report's form items…) fetched once for the page, not per row (mend24 #4, newuser24 #1)
    return render(request, "accounts/audit_list.html", {"form": form, "page": page, "rows": labels.audit_rows(page)})


def _require_admin(request):
    if not scope_for(request.user).is_all:
        raise PermissionDeniedError(_("只有系统管理员可以查看后台任务。"))


@page_access(lambda request: request.user.is_authenticated and _require_admin(request) is None)
@login_required
def task_failures(request):
    _require_admin(request)
    failures = TaskFailure.objects.filter(resolved_at__isnull=request.GET.get("all") != "1")
    page = Paginator(failures, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/task_failures.html", {"page": page})


@login_required
@require_POST
def task_failure_resolve(request, pk: int):
    _require_admin(request)
    services.task_failure_resolve(actor=request.user, failure_id=pk)
    messages.success(request, _("已标记为已处理。"))
    return redirect("accounts:task_failures")
