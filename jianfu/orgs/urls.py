from django.urls import path

from jianfu.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("search/", views.search, name="search"),
    path("<str:code>/", views.tree, name="unit"),
    path("<str:code>/grids/", views.grid_create, name="grid_create"),
    path("<str:code>/departments/", views.department_create, name="department_create"),
    path("<str:code>/rename/", views.rename, name="rename"),
    path("<str:code>/merge/", views.merge, name="merge"),
    path("<str:code>/retire/", views.retire, name="retire"),
]
