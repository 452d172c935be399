from django.urls import path

from . import views

app_name = "figures"

urlpatterns = [
    path("", views.public, name="public"),
    path("figures.csv", views.public_data, {"fmt": "csv"}, name="public_csv"),
    path("figures.json", views.public_data, {"fmt": "json"}, name="public_json"),
]
