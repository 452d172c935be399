from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from events.models import Event
from hubs.scoping import HubScopedAdminMixin, ScopedHubListFilter, hubs_for

from . import files
from .models import Exhibit, Kind


class ExhibitForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_(
            "3D scan: .glb; 360° photo: JPEG in equirectangular projection; video: MP4 or "
            "WebM. Leave empty to keep the file."
        ),
    )

    class Meta:
        model = Exhibit
        fields = [
            "hub",
            "kind",
            "title",
            "description",
            "published",
            "provenance",
            "creator",
            "licence",
            "event",
        ]

    def clean(self):
        data = super().clean()
        kind, upload, event = data.get("kind"), data.get("upload"), data.get("event")
        if upload and kind:
            try:
                self.stored = files.checked(kind, upload)
            except ValidationError as error:
                self.add_error("upload", error)
        elif not self.instance.pk or (kind and kind != self.instance.kind):
            self.add_error("upload", _("Please choose the file for this kind of exhibit."))
        if kind == Kind.RECORDING and not event:
            self.add_error("event", _("A recording belongs to an event: please choose it."))
        hub = data.get("hub")
        if event and hub and event.hub_id != hub.pk:
            self.add_error("event", _("The event takes place at another hub."))
        return data


@admin.register(Exhibit)
class ExhibitAdmin(HubScopedAdminMixin, TranslationAdmin):
    form = ExhibitForm
    list_display = ["title", "hub", "kind", "licence", "published", "updated"]
    list_filter = [("hub", ScopedHubListFilter), "kind", "published"]
    search_fields = ["title"]
    # A raw id, not an autocomplete: its widget would look up whatever was posted.
    raw_id_fields = ["event"]
    readonly_fields = ["file_link"]
    fieldsets = [
        (None, {"fields": ["hub", "kind", "title", "description", "published"]}),
        (_("File"), {"fields": ["upload", "file_link"]}),
        (_("Source and licence"), {"fields": ["provenance", "creator", "licence"]}),
        (_("Recording of an event"), {"fields": ["event"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("data")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "event" and not request.user.is_superuser:
            kwargs["queryset"] = Event.objects.filter(hub__in=hubs_for(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("Current file"))
    def file_link(self, obj):
        if not obj.pk or not obj.size:
            return "–"
        link = '<a href="{}">{}</a> ({})'
        return format_html(link, obj.get_absolute_url(), obj.title, obj.size_text)

    def save_model(self, request, obj, form, change):
        if getattr(form, "stored", None):
            obj.store(*form.stored)
        super().save_model(request, obj, form, change)
