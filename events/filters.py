import django_filters
from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

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
        label=_("For whom"), choices=Audience.choices, empty_label=_("Everyone")
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
        fields = ["q", "hub", "kind", "theme", "audience", "date_from", "date_to", "free"]

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
