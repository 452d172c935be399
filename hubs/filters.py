import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import FocusTheme, Hub, State


class HubFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=State.choices, empty_label=_("All states")
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Focus theme"),
        field_name="focus_themes",
        to_field_name="slug",
        queryset=FocusTheme.objects.all(),
        empty_label=_("All themes"),
    )

    # "Open now" needs each hub's hours and closures, not a column: the list keeps
    # the hubs open at this minute (selectors.hub_list).
    open_now = django_filters.BooleanFilter(
        label=_("Open now"), method="by_hours", widget=forms.CheckboxInput
    )

    class Meta:
        model = Hub
        fields = ["q", "state", "theme", "open_now"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the states that have a hub: a choice that always finds nothing helps no one.
        with_hubs = set(Hub.objects.active().values_list("state", flat=True))
        self.filters["state"].extra["choices"] = [
            (code, label) for code, label in State.choices if code in with_hubs
        ]

    def by_hours(self, queryset, name, value):
        return queryset

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value)
            | Q(town__icontains=value)
            | Q(short_description__icontains=value)
        )
