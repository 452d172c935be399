from django.urls import path

from . import views

app_name = "showroom"

urlpatterns = [
    path("<slug:slug>/showroom/", views.showroom, name="showroom"),
    path("<slug:slug>/showroom/<int:pk>/", views.exhibit, name="exhibit"),
    path("<slug:slug>/showroom/<int:pk>/file", views.exhibit_file, name="file"),
]
