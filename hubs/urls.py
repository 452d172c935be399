from django.urls import path

from . import views

app_name = "hubs"
urlpatterns = [
    path("", views.hub_list, name="list"),
    path("<slug:slug>/", views.hub_detail, name="detail"),
    path("<slug:slug>/calendar.ics", views.hub_calendar, name="calendar"),
    path("<slug:slug>/widget/", views.hub_widget, name="widget"),
]
