"""Booking, confirming, cancelling, moving and the propose-new-time round trip."""

import re
import threading
from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils.http import urlencode

from funding import services
from funding.models import Appointment, Mode
from hubportal.timeranges import LOCAL_TZ
from tests.clock import at
from tests.factories import TopicFactory, UserFactory, with_second_factor

pytestmark = pytest.mark.django_db(transaction=True)
TUESDAY = date(2026, 11, 24)


def book_url(advisor, start, minutes=60, place="hub:einbeck", **extra):
    query = {
        "advisor": advisor.pk,
        "start": start.isoformat(),
        "minutes": minutes,
        "place": place,
        **extra,
    }
    return reverse("funding:book") + "?" + urlencode(query)


FORM = {
    "organisation": "Gemeinde Malente",
    "role": "Kämmerei",
    "programme": "",
    "question": "Wir planen ein digitales Dorfgemeinschaftshaus.",
}


def link(message, name):
    return re.search(rf"https?://[^/\s]+(/\S*/{name}/\S+/)", message.body).group(1)


def request_appointment(advisor, einbeck, clerk, hh=10, **more):
    return services.appointment_request(
        advisor=advisor,
        start=at(TUESDAY, hh),
        minutes=60,
        mode=Mode.ON_SITE,
        hub=einbeck,
        person=clerk,
        organisation=FORM["organisation"],
        role=FORM["role"],
        question=FORM["question"],
        **more,
    )


def test_clerk_books_a_slot_and_both_sides_are_emailed(client, monday_morning, advisor, clerk):
    client.force_login(clerk)
    response = client.post(book_url(advisor, at(TUESDAY, 10)), FORM)
    appointment = Appointment.objects.get()
    assert response["Location"] == appointment.get_absolute_url()
    assert appointment.status == Appointment.Status.REQUESTED
    assert (appointment.name, appointment.email) == ("Klara Kämmerei", "clerk@malente.example")
    to = {m.to[0]: m for m in mail.outbox}
    assert "ist eingegangen" in to["clerk@malente.example"].subject
    assert "Neue Anfrage: Klara Kämmerei" in to["dana@dataport.example"].subject
    assert "digitales Dorfgemeinschaftshaus" in to["dana@dataport.example"].body


def test_advisor_confirms_and_the_clerk_sees_it_confirmed(
    client, monday_morning, advisor, einbeck, clerk
):
    appointment = request_appointment(advisor, einbeck, clerk)
    client.force_login(advisor.user)
    page = client.get(reverse("funding:advisor")).text
    assert "Offene Anfragen (1)" in page and "Klara Kämmerei" in page
    client.post(reverse("funding:advisor_appointment_confirm", args=[appointment.pk]))
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.CONFIRMED
    confirmation = mail.outbox[-1]
    assert "ist bestätigt" in confirmation.subject and confirmation.attachments
    client.force_login(clerk)
    assert "Bestätigt" in client.get(appointment.get_absolute_url()).text


def test_taken_slot_shows_a_clear_message_and_other_free_times(
    client, monday_morning, advisor, einbeck, clerk
):
    request_appointment(advisor, einbeck, UserFactory())
    client.force_login(clerk)
    response = client.post(book_url(advisor, at(TUESDAY, 10)), {**FORM, "role": "Bürgermeisterin"})
    assert response.status_code == 400
    assert "Diese Zeit ist nicht mehr frei" in response.text
    assert "Andere freie Zeiten bei dieser Beratung" in response.text
    assert 'value="Bürgermeisterin"' in response.text
    assert Appointment.objects.count() == 1


def test_twenty_concurrent_requests_for_one_slot_book_it_once(monday_morning, advisor, einbeck):
    people = [UserFactory(email=f"p{n}@example.org") for n in range(20)]
    barrier = threading.Barrier(20)
    outcomes = []

    def book(user):
        try:
            barrier.wait()
            request_appointment(advisor, einbeck, user)
            outcomes.append("booked")
        except services.AppointmentError as error:
            outcomes.append("refused" if error.alternatives else "refused without alternatives")
        except Exception as exc:  # noqa: BLE001 - anything else would be a 500
            outcomes.append(f"CRASH {exc!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(u,)) for u in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(set(outcomes)) == ["booked", "refused"], outcomes
    assert outcomes.count("booked") == 1
    assert Appointment.objects.active().count() == 1


def test_cancel_by_signed_link_until_the_cutoff(client, monday_morning, advisor, einbeck, clerk):
    appointment = request_appointment(advisor, einbeck, clerk, hh=14)
    manage = link(mail.outbox[0], "manage")
    assert "Termin absagen" in client.get(manage).text  # no login needed
    with time_machine.travel(at(TUESDAY, 14, 0) - timedelta(hours=23), tick=False):
        refused = client.post(manage + "cancel/")
    assert "können bis" in refused.text
    client.post(manage + "cancel/", {"reason": "Gemeinderatssitzung"})
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.CANCELLED
    assert any("Abgesagt: Klara" in m.subject for m in mail.outbox)  # the advisor is told


def test_forged_link_is_refused_with_a_clear_page(client, advisor, einbeck, clerk, monday_morning):
    appointment = request_appointment(advisor, einbeck, clerk)
    from funding import tokens

    token = tokens.MANAGE.make(appointment)
    for url in (
        reverse("funding:manage", args=[token[:-2] + "xx"]),
        reverse("funding:accept", args=[token]),
    ):  # a manage token is no accept token
        response = client.get(url)
        assert response.status_code == 400 and "Dieser Link ist ungültig" in response.text


def test_the_topic_chosen_is_on_the_appointment_page_and_in_its_emails(
    client, monday_morning, advisor, einbeck, clerk
):
    topic = TopicFactory(name="Breitbandausbau", slug="breitband")
    advisor.topics.add(topic)
    appointment = request_appointment(advisor, einbeck, clerk, topic=topic)
    services.appointment_confirm(appointment=appointment)
    client.force_login(clerk)
    assert "Breitbandausbau" in client.get(appointment.get_absolute_url()).text
    to_clerk = [m for m in mail.outbox if m.to == ["clerk@malente.example"]]
    assert len(to_clerk) == 2  # received, then confirmed
    assert all("Thema: Breitbandausbau" in m.body for m in to_clerk)


def test_requester_moves_to_another_free_time(client, monday_morning, advisor, einbeck, clerk):
    appointment = request_appointment(advisor, einbeck, clerk)
    client.force_login(clerk)
    page = client.get(appointment.get_absolute_url() + "?move=1")
    assert "Neue Zeit wählen" in page.text
    offered = [slot.start for _day, slots in page.context["slot_days"] for slot in slots]
    assert at(TUESDAY, 13) in offered and at(TUESDAY, 10) not in offered  # not its own time
    days = [day for day, _slots in page.context["slot_days"]]
    assert days == sorted(set(days))  # each day once, in order
    assert "Dienstag, 24. November 2026" in page.text  # the day heads its times
    client.post(
        reverse("funding:appointment_move", args=[appointment.pk]),
        {"start": at(TUESDAY, 13).isoformat()},
    )
    appointment.refresh_from_db()
    assert appointment.start == at(TUESDAY, 13)


def test_the_advisor_proposes_from_their_free_times_and_reads_what_happens_next(
    client, monday_morning, advisor, einbeck, clerk
):
    appointment = request_appointment(advisor, einbeck, clerk)
    client.force_login(advisor.user)
    page = client.get(reverse("funding:advisor_appointment", args=[appointment.pk]))
    free = page.context["free_times"]
    assert free and at(TUESDAY, 10) not in [slot.start for slot in free]
    assert "Ihre nächsten freien Zeiten" in page.text
    first = free[0].start.astimezone(LOCAL_TZ)
    answer = client.post(
        reverse("funding:advisor_appointment_propose", args=[appointment.pk]),
        {"propose-date": f"{first:%Y-%m-%d}", "propose-time": f"{first:%H:%M}"},
        follow=True,
    )
    assert answer.redirect_chain  # proposed, not refused
    said = answer.text.split('class="portal-messages"', 1)[1].split("</div>\n</div>", 1)[0]
    assert "Andere Zeit vorgeschlagen:" in said and f"{first:%H:%M}" in said  # the time
    assert "Klara Kämmerei wird per E-Mail gefragt" in said
    assert "Gespeichert." not in said


def test_propose_new_time_round_trip(client, monday_morning, advisor, einbeck, clerk):
    appointment = request_appointment(advisor, einbeck, clerk)
    client.force_login(advisor.user)
    url = reverse("funding:advisor_appointment_propose", args=[appointment.pk])
    client.post(url, {"propose-date": "2026-12-01", "propose-time": "11:30"})
    proposal = mail.outbox[-1]
    assert proposal.to == ["clerk@malente.example"]
    assert "schlägt eine andere Zeit vor" in proposal.body
    accept = link(proposal, "accept")
    client.logout()
    page = client.get(accept)
    assert "Dienstag, 1. Dezember 2026, 11:30" in page.text
    client.post(accept)
    appointment.refresh_from_db()
    assert appointment.start == at(date(2026, 12, 1), 11, 30)
    assert appointment.status == Appointment.Status.CONFIRMED
    assert appointment.proposed_start is None


def test_advisor_cannot_propose_a_time_they_are_not_free(
    client, monday_morning, advisor, einbeck, clerk
):
    appointment = request_appointment(advisor, einbeck, clerk)
    client.force_login(advisor.user)
    response = client.post(
        reverse("funding:advisor_appointment_propose", args=[appointment.pk]),
        {"propose-date": "2026-11-26", "propose-time": "18:00"},
    )
    assert "Zu dieser Zeit sind Sie nicht frei" in response.text
    appointment.refresh_from_db()
    assert appointment.proposed_start is None


def test_decline_needs_a_reason_and_tells_the_requester(
    client, monday_morning, advisor, einbeck, clerk
):
    appointment = request_appointment(advisor, einbeck, clerk)
    client.force_login(advisor.user)
    url = reverse("funding:advisor_appointment_decline", args=[appointment.pk])
    assert client.post(url, {"decline-reason": ""}).status_code == 400
    client.post(url, {"decline-reason": "Bitte an das Land wenden"})
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.DECLINED
    assert "Bitte an das Land wenden" in mail.outbox[-1].body


def test_followup_sends_programme_links_and_a_checklist(
    client, monday_morning, advisor, einbeck, clerk, programme
):
    appointment = request_appointment(advisor, einbeck, clerk)
    services.appointment_confirm(appointment=appointment)
    with time_machine.travel(at(TUESDAY, 12), tick=False):
        client.force_login(advisor.user)
        client.post(reverse("funding:advisor_appointment_done", args=[appointment.pk]))
        client.post(
            reverse("funding:advisor_appointment_followup", args=[appointment.pk]),
            {
                "followup-programmes": [programme.pk],
                "followup-checklist": "Kostenplan\n- Ratsbeschluss",
                "followup-message": "",
            },
        )
    body = mail.outbox[-1].body
    page = reverse("funding:programme", args=[programme.pk])
    assert f"- Digitale Dorfmitte: http://127.0.0.1:8000{page}" in body  # its page here
    assert "Seite des Fördergebers: https://foerderung.example/dorfmitte" in body
    assert "[ ] Kostenplan" in body and "[ ] Ratsbeschluss" in body
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.DONE and appointment.followup_sent_at


def test_advisor_books_for_a_caller_without_account(client, monday_morning, advisor):
    client.force_login(advisor.user)
    response = client.post(
        book_url(advisor, at(TUESDAY, 9), **{"for": "caller"}),
        {**FORM, "name": "Herr Anrufer", "email": "", "phone": "05561 92360"},
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.person is None and appointment.name == "Herr Anrufer"
    assert appointment.status == Appointment.Status.CONFIRMED  # the advisor booked it


def test_expired_proposal_link_says_so(client, monday_morning, advisor, einbeck, clerk):
    appointment = request_appointment(advisor, einbeck, clerk)
    services.appointment_propose(appointment=appointment, start=at(date(2026, 12, 1), 11))
    accept = link(mail.outbox[-1], "accept")
    monday_morning.shift(timedelta(days=15))
    response = client.get(accept)
    assert response.status_code == 410 and "Dieser Link ist abgelaufen" in response.text
    assert "wird 14 Tage freigehalten" in response.text


def test_hub_staff_book_for_a_caller(client, monday_morning, advisor, einbeck):
    from hubs import services as hub_services

    staff = UserFactory()
    hub_services.hub_staff_add(hub=einbeck, user=staff)
    with_second_factor(staff)
    client.force_login(staff)
    assert "Für eine anrufende Person buchen" in client.get(reverse("funding:index")).text
    client.post(
        book_url(advisor, at(TUESDAY, 9), **{"for": "caller"}),
        {**FORM, "name": "Frau Anruferin", "email": "a@example.org", "phone": ""},
    )
    appointment = Appointment.objects.get()
    assert appointment.booked_by == staff and appointment.person is None
    assert appointment.status == Appointment.Status.REQUESTED  # the advisor still confirms


def test_a_phone_appointment_asks_for_the_number_and_refuses_without_it(
    client, monday_morning, advisor, clerk
):
    client.force_login(clerk)
    url = book_url(advisor, at(date(2026, 11, 25), 10), place="phone")  # Wednesday, remote
    page = client.get(url).text
    assert "Telefonnummer für den Anruf" in page and "ruft Sie an" in page
    response = client.post(url, FORM)
    assert response.status_code == 400
    assert "phone" in response.context["form"].errors
    assert not Appointment.objects.exists()
    client.post(url, {**FORM, "phone": "04523 12345"})
    assert Appointment.objects.get().phone == "+49452312345"  # E.164, shown "04523 12345"


def test_the_service_refuses_a_phone_appointment_without_a_number(monday_morning, advisor, clerk):
    with pytest.raises(services.AppointmentError) as refused:
        services.appointment_request(
            advisor=advisor,
            start=at(date(2026, 11, 25), 10),
            minutes=60,
            mode=Mode.PHONE,
            person=clerk,
            organisation="Gemeinde Malente",
            question="Förderung?",
        )
    assert refused.value.field == "phone"


def test_a_video_appointment_says_how_the_link_comes(client, monday_morning, advisor, clerk):
    client.force_login(clerk)
    page = client.get(book_url(advisor, at(date(2026, 11, 25), 10), place="video")).text
    assert "Link zur Teilnahme kommt vor dem Termin per E-Mail" in page


def test_done_or_no_show_only_once_the_appointment_has_begun(
    client, monday_morning, advisor, einbeck, clerk
):
    appointment = request_appointment(advisor, einbeck, clerk)
    services.appointment_confirm(appointment=appointment)
    client.force_login(advisor.user)
    page = client.get(reverse("funding:advisor_appointment", args=[appointment.pk])).text
    assert "Nach dem Termin" not in page  # not offered on Monday for Tuesday
    client.post(reverse("funding:advisor_appointment_no_show", args=[appointment.pk]))
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.CONFIRMED
    with time_machine.travel(at(TUESDAY, 10, 5), tick=False):
        client.force_login(advisor.user)  # a day idle: the advisor's session has ended
        page = client.get(reverse("funding:advisor_appointment", args=[appointment.pk])).text
        assert "Nach dem Termin" in page
        client.post(reverse("funding:advisor_appointment_no_show", args=[appointment.pk]))
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.NO_SHOW


def test_the_person_sees_a_proposal_and_can_keep_the_original_time(
    client, monday_morning, advisor, einbeck, clerk
):
    appointment = request_appointment(advisor, einbeck, clerk)
    services.appointment_propose(appointment=appointment, start=at(TUESDAY, 13))
    client.force_login(clerk)
    page = client.get(appointment.get_absolute_url()).text
    assert "Eine andere Zeit wird vorgeschlagen" in page
    assert "Ursprüngliche Zeit behalten" in page and "Neue Zeit annehmen" in page
    mail.outbox.clear()
    client.post(reverse("funding:appointment_proposal_decline", args=[appointment.pk]))
    appointment.refresh_from_db()
    assert appointment.proposed_start is None and appointment.start == at(TUESDAY, 10)
    # The advisor is told, and so is the person: one email each (issue 26, item 5).
    to_person, to_advisor = mail.outbox
    assert to_advisor.to == ["dana@dataport.example"]
    assert "Vorschlag abgelehnt" in to_advisor.subject
    assert to_person.to == [clerk.email] and "behält seine Zeit" in to_person.subject
    assert (
        "Eine andere Zeit wird vorgeschlagen" not in client.get(appointment.get_absolute_url()).text
    )


def test_the_person_accepts_a_proposal_on_the_appointment_page(
    client, monday_morning, advisor, einbeck, clerk
):
    appointment = request_appointment(advisor, einbeck, clerk)
    services.appointment_propose(appointment=appointment, start=at(TUESDAY, 13))
    client.force_login(clerk)
    client.post(reverse("funding:appointment_proposal_accept", args=[appointment.pk]))
    appointment.refresh_from_db()
    assert appointment.start == at(TUESDAY, 13)
    assert appointment.status == Appointment.Status.CONFIRMED


# -- phone numbers (issue 26, item 3) --------------------------------------------------
WEDNESDAY = date(2026, 11, 25)  # the advisor's remote window, 09:00-12:00


def phone_request(advisor, clerk, phone):
    return services.appointment_request(
        advisor=advisor, mode=Mode.PHONE, start=at(WEDNESDAY, 10), minutes=60, person=clerk,
        name="Klara Kämmerei", email=clerk.email, phone=phone,
        organisation="Gemeinde Malente", question="Förderung?",
    )  # fmt: skip


def test_a_phone_number_that_is_no_number_is_refused_and_a_real_one_is_shown_as_written(
    client, monday_morning, advisor, clerk
):
    """ "abc" is refused beside the phone field; a real number is stored in E.164 and
    shown on the person's page and in both emails as it is written."""
    with pytest.raises(services.AppointmentError) as refused:
        phone_request(advisor, clerk, "abc")
    assert refused.value.field == "phone"
    item = phone_request(advisor, clerk, "04523 / 99 88 0")
    assert item.phone == "+49452399880"
    client.force_login(clerk)
    page = client.get(item.get_absolute_url()).text
    assert "04523 99880" in page and 'href="tel:+49452399880"' in page
    to_person, to_advisor = (
        [m for m in mail.outbox if m.to == [address]][-1]
        for address in (clerk.email, "dana@dataport.example")
    )
    assert "04523 99880" in to_person.body and "04523 99880" in to_advisor.body


def test_the_booking_form_refuses_abc_beside_the_field_and_keeps_what_was_typed(
    client, monday_morning, advisor, clerk
):
    client.force_login(clerk)
    url = book_url(advisor, at(WEDNESDAY, 10), place="phone")
    response = client.post(url, {**FORM, "phone": "abc"})
    assert response.status_code == 400
    assert "keine Telefonnummer" in response.text and 'value="abc"' in response.text
    assert "digitales Dorfgemeinschaftshaus" in response.text
    assert not Appointment.objects.exists()


def test_the_person_corrects_the_number_until_the_cutoff_and_the_advisor_reads_it(
    client, monday_morning, advisor, clerk
):
    item = phone_request(advisor, clerk, "05561 92360")
    client.force_login(clerk)
    url = reverse("funding:appointment_phone", args=[item.pk])
    refused = client.post(url, {"phone": "abc"})
    assert 'aria-invalid="true"' in refused.text and 'value="abc"' in refused.text
    assert "keine Telefonnummer" in refused.text
    item.refresh_from_db()
    assert item.phone == "+495561923 60".replace(" ", "")
    mail.outbox.clear()
    client.post(url, {"phone": "0151 2345 6789"})
    item.refresh_from_db()
    assert item.phone == "+4915123456789"
    (to_advisor,) = mail.outbox
    assert to_advisor.to == ["dana@dataport.example"]
    assert "01512 3456789" in to_advisor.body
    monday_morning.move_to(at(WEDNESDAY, 9, 30))  # past the cut-off
    late = client.post(url, {"phone": "05561 1234"})
    assert 'value="05561 1234"' in late.text and 'aria-invalid="true"' in late.text
    item.refresh_from_db()
    assert item.phone == "+4915123456789"


# -- what can no longer happen is not offered (issue 26, item 9) -----------------------


def test_a_begun_appointment_offers_the_advisor_neither_propose_nor_cancel(
    client, monday_morning, advisor, einbeck, clerk
):
    item = request_appointment(advisor, einbeck, clerk)
    services.appointment_confirm(appointment=item)
    client.force_login(advisor.user)
    url = reverse("funding:advisor_appointment", args=[item.pk])
    before = client.get(url).text
    assert "Andere Zeit vorschlagen" in before and "Termin absagen" in before
    monday_morning.move_to(at(TUESDAY, 10, 30))
    client.force_login(advisor.user)  # a new day's session (the idle timeout)
    after = client.get(url).text
    assert "Andere Zeit vorschlagen" not in after and "Termin absagen" not in after
    assert "Nach dem Termin" in after
    with pytest.raises(services.AppointmentError):
        services.appointment_cancel(appointment=item, by_advisor=True)
    with pytest.raises(services.AppointmentError):
        services.appointment_propose(appointment=item, start=at(TUESDAY, 13))


def test_the_advisor_sees_the_time_they_proposed_and_the_person_may_decline_from_the_email(
    client, monday_morning, advisor, einbeck, clerk
):
    item = request_appointment(advisor, einbeck, clerk)
    services.appointment_confirm(appointment=item)
    services.appointment_propose(appointment=item, start=at(TUESDAY, 13))
    client.force_login(advisor.user)
    page = client.get(reverse("funding:advisor_appointment", args=[item.pk])).text
    assert "Sie haben Dienstag, 24. November 2026, 13:00 vorgeschlagen" in page
    client.logout()
    accept = link(mail.outbox[-1], "accept")
    offer = client.get(accept).text
    assert "Neue Zeit annehmen" in offer and "Ursprüngliche Zeit behalten" in offer
    keep = re.search(r'action="([^"]+/proposal/decline/)"', offer).group(1)
    client.post(keep)
    item.refresh_from_db()
    assert item.proposed_start is None and item.start == at(TUESDAY, 10)
