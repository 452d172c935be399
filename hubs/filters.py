import django_filters
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

    class Meta:
        model = Hub
        fields = ["q", "state", "theme"]

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value)
            | Q(town__icontains=value)
            | Q(short_description__icontains=value)
        )
