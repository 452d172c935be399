from django.urls import path

from . import views

app_name = "coworking"
urlpatterns = [
    path("", views.index, name="index"),
    path("profile/", views.profile, name="profile"),
    path("mine/", views.mine, name="mine"),
    path("booking/<int:pk>/", views.booking, name="booking"),
    path("booking/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("booking/<int:pk>/calendar.ics", views.booking_ics, name="ics"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
    path("feed/renew/", views.feed_renew, name="feed_renew"),
    path("cancel/<str:token>/", views.CancelLinkView.as_view(), name="cancel_link"),
    path("<slug:slug>/", views.availability, name="availability"),
    path("<slug:slug>/book/", views.book, name="book"),
]
