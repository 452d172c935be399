from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("", views.programme, name="programme"),
    path("archive/", views.archive, name="archive"),
    path("mine/", views.my_events, name="mine"),
    path("mine/<int:pk>/cancel/", views.my_cancel, name="my_cancel"),
    path("feed.ics", views.feed, name="feed"),
    path("feed/hub/<slug:hub>.ics", views.feed, name="feed_hub"),
    path("feed/kind/<str:kind>.ics", views.feed, name="feed_kind"),
    path("registration/confirm/<str:token>/", views.ConfirmView.as_view(), name="confirm"),
    path("registration/cancel/<str:token>/", views.CancelView.as_view(), name="cancel"),
    path("registration/<int:pk>/print/", views.registration_print, name="print"),
    path("<int:pk>/calendar.ics", views.event_ics, name="ics"),
    path("<int:pk>/<slug:slug>/", views.detail, name="detail"),
    path("<int:pk>/<slug:slug>/resend/", views.resend, name="resend"),
]
