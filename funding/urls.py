from django.urls import path

from .views import advisor, mine, public

app_name = "funding"
urlpatterns = [
    # everyone
    path("", public.index, name="index"),
    path("programmes/", public.programmes, name="programmes"),
    path("programmes/<int:pk>/", public.programme, name="programme"),
    path("book/", public.book, name="book"),
    path("advisors/<int:pk>/photo.jpg", public.photo, name="photo"),
    # the person's own appointments, logged in or by the signed link in an email
    path("appointments/", mine.mine, name="mine"),
    path("appointments/<int:pk>/", mine.appointment, name="appointment"),
    path("appointments/<int:pk>/cancel/", mine.appointment_cancel, name="appointment_cancel"),
    path("appointments/<int:pk>/move/", mine.appointment_move, name="appointment_move"),
    path("appointments/<int:pk>/phone/", mine.appointment_phone, name="appointment_phone"),
    path(
        "appointments/<int:pk>/proposal/accept/",
        mine.appointment_proposal_accept,
        name="appointment_proposal_accept",
    ),
    path(
        "appointments/<int:pk>/proposal/decline/",
        mine.appointment_proposal_decline,
        name="appointment_proposal_decline",
    ),
    path("appointments/<int:pk>/calendar.ics", mine.appointment_ics, name="ics"),
    path("manage/<str:token>/", mine.ManageView.as_view(), name="manage"),
    path("manage/<str:token>/cancel/", mine.ManageCancelView.as_view(), name="manage_cancel"),
    path("manage/<str:token>/move/", mine.ManageMoveView.as_view(), name="manage_move"),
    path("manage/<str:token>/phone/", mine.ManagePhoneView.as_view(), name="manage_phone"),
    path(
        "manage/<str:token>/proposal/accept/",
        mine.ManageProposalAcceptView.as_view(),
        name="manage_proposal_accept",
    ),
    path(
        "manage/<str:token>/proposal/decline/",
        mine.ManageProposalDeclineView.as_view(),
        name="manage_proposal_decline",
    ),
    path("accept/<str:token>/", mine.AcceptView.as_view(), name="accept"),
    # the advisor's workspace
    path("advisor/", advisor.home, name="advisor"),
    path("advisor/feed/<str:token>.ics", advisor.feed, name="advisor_feed"),
    path("advisor/feed/renew/", advisor.feed_renew, name="advisor_feed_renew"),
    path("advisor/appointments/<int:pk>/", advisor.appointment, name="advisor_appointment"),
    path(
        "advisor/appointments/<int:pk>/confirm/",
        advisor.confirm,
        name="advisor_appointment_confirm",
    ),
    path(
        "advisor/appointments/<int:pk>/decline/",
        advisor.decline,
        name="advisor_appointment_decline",
    ),
    path(
        "advisor/appointments/<int:pk>/propose/",
        advisor.propose,
        name="advisor_appointment_propose",
    ),
    path(
        "advisor/appointments/<int:pk>/cancel/",
        advisor.cancel,
        name="advisor_appointment_cancel",
    ),
    path(
        "advisor/appointments/<int:pk>/done/",
        advisor.finish,
        {"status": "done"},
        name="advisor_appointment_done",
    ),
    path(
        "advisor/appointments/<int:pk>/no-show/",
        advisor.finish,
        {"status": "no_show"},
        name="advisor_appointment_no_show",
    ),
    path("advisor/appointments/<int:pk>/notes/", advisor.notes, name="advisor_appointment_notes"),
    path(
        "advisor/appointments/<int:pk>/outcome/",
        advisor.outcome,
        name="advisor_appointment_outcome",
    ),
    path(
        "advisor/appointments/<int:pk>/followup/",
        advisor.followup,
        name="advisor_appointment_followup",
    ),
    path("advisor/availability/", advisor.availability, name="advisor_availability"),
    path("advisor/availability/windows/", advisor.window_add, name="advisor_window_add"),
    path(
        "advisor/availability/windows/<int:pk>/",
        advisor.window_change,
        name="advisor_window_change",
    ),
    path(
        "advisor/availability/windows/<int:pk>/delete/",
        advisor.window_delete,
        name="advisor_window_delete",
    ),
    path("advisor/availability/absences/", advisor.absence_add, name="advisor_absence_add"),
    path(
        "advisor/availability/absences/<int:pk>/delete/",
        advisor.absence_delete,
        name="advisor_absence_delete",
    ),
    path("advisor/availability/photo/", advisor.photo_set, name="advisor_photo"),
]
