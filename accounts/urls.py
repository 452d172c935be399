from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("name/", views.name, name="name"),
    path("data.json", views.data_export, name="data_export"),
    path("delete/", views.delete, name="delete"),
]
