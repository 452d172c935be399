"""Hub content staff write in German and, optionally, English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import FocusTheme, Hub, OpeningException, StaffPresence


@register(Hub)
class HubTranslation(TranslationOptions):
    fields = (
        "short_description",
        "description",
        "hours_note",
        "access_entrance",
        "access_toilet",
        "access_parking",
        "access_transport",
    )
    required_languages = ("de",)


@register(FocusTheme)
class FocusThemeTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("de",)
    empty_values = {"name": None}  # unique: an unwritten English name is NULL, not ""


@register(OpeningException)
class OpeningExceptionTranslation(TranslationOptions):
    fields = ("reason",)


@register(StaffPresence)
class StaffPresenceTranslation(TranslationOptions):
    fields = ("purpose",)
