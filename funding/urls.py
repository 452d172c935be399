from django.urls import path

from . import views

app_name = "funding"
urlpatterns = [
    path("", views.index, name="index"),
    path("programmes/", views.programmes, name="programmes"),
    path("book/", views.book, name="book"),
    path("appointments/", views.mine, name="mine"),
    path("appointments/<int:pk>/", views.appointment, name="appointment"),
    path("appointments/<int:pk>/calendar.ics", views.appointment_ics, name="ics"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("accept/<str:token>/", views.accept, name="accept"),
    path("advisor/", views.advisor_home, name="advisor"),
    path("advisor/availability/", views.advisor_availability, name="advisor_availability"),
    path("advisor/appointments/<int:pk>/", views.advisor_appointment, name="advisor_appointment"),
    path("advisor/feed/<str:token>.ics", views.advisor_feed, name="advisor_feed"),
    path("advisors/<int:pk>/photo.jpg", views.photo, name="photo"),
]
