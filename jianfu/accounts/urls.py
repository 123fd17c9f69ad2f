from django.urls import path

from jianfu.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.workbench, name="workbench"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", views.password_change, name="password_change"),
    path("accounts/users/", views.user_list, name="user_list"),
    path("accounts/users/new/", views.user_create, name="user_create"),
    path("accounts/users/<int:pk>/disable/", views.user_disable, name="user_disable"),
    path("accounts/users/<int:pk>/enable/", views.user_enable, name="user_enable"),
    path("accounts/users/<int:pk>/unlock/", views.user_unlock, name="user_unlock"),
    path("audit/", views.audit_list, name="audit_list"),
    path("system/tasks/", views.task_failures, name="task_failures"),
    path("system/tasks/<int:pk>/resolve/", views.task_failure_resolve, name="task_failure_resolve"),
]
