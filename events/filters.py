from datetime import timedelta

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hubportal.timeranges import local_span
from hubportal.widgets import DateInput
from hubs.models import FocusTheme, Hub

from .models import Audience, Event, Kind


class EventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    hub = django_filters.ModelChoiceFilter(
        label=_("Hub"),
        to_field_name="slug",
        queryset=Hub.objects.active(),
        empty_label=_("All hubs"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Kind.choices, empty_label=_("All kinds")
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Focus theme"),
        field_name="focus_theme",
        to_field_name="slug",
        queryset=FocusTheme.objects.all(),
        empty_label=_("All themes"),
    )
    audience = django_filters.ChoiceFilter(
        label=_("For whom"),
        choices=[c for c in Audience.choices if c[0] != Audience.ALL],
        empty_label=_("Any audience"),
        method="filter_audience",
    )
    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[("week", _("This week")), ("month", _("This month"))],
        empty_label=_("Any time"),
        method="filter_when",
    )
    date_from = django_filters.DateFilter(
        label=_("From"),
        field_name="start",
        lookup_expr="date__gte",
        widget=DateInput(),
    )
    date_to = django_filters.DateFilter(
        label=_("Until"),
        field_name="start",
        lookup_expr="date__lte",
        widget=DateInput(),
    )
    free = django_filters.BooleanFilter(
        label=_("Only with free places"),
        method="filter_free",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Event
        fields = ["q", "when", "hub", "kind", "theme", "audience", "date_from", "date_to", "free"]

    def filter_audience(self, queryset, name, value):
        """Events for a group, and those open to everyone."""
        return queryset.filter(audience__in=[value, Audience.ALL])

    def filter_when(self, queryset, name, value):
        today = timezone.localdate()
        if value == "week":
            last = today + timedelta(days=6 - today.weekday())
        else:
            last = (today.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return queryset.filter(start__lt=local_span(last)[1])

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value)
            | Q(summary__icontains=value)
            | Q(description__icontains=value)
        )

    def filter_free(self, queryset, name, value):
        if not value:
            return queryset
        # Needs EventQuerySet.with_counts(); events without registration are "free" too.
        return queryset.filter(
            Q(capacity__isnull=True) | Q(capacity__gt=F("taken")) | Q(registration_required=False),
            status=Event.Status.PUBLISHED,
        )
