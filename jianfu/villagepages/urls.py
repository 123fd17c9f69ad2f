from django.urls import path, re_path

from jianfu.villagepages import views

app_name = "villagepages"
urlpatterns = [
    # Public: no login.
    path("", views.public_index, name="public_index"),
    re_path(r"^(?P<code>\d{12})/$", views.public_page, name="public_page"),
    re_path(r"^(?P<code>\d{12})/poster\.pdf$", views.public_poster, name="public_poster"),
    # Upkeep: the village edits, the township approves.
    path("manage/", views.manage, name="manage"),
    re_path(r"^manage/(?P<code>\d{12})/edit/$", views.edit, name="edit"),
    path("lists/<int:pk>/", views.review, name="review"),
    path("lists/<int:pk>/<str:action>/", views.act, name="act"),
]
