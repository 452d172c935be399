"""Event content in German and, optionally, English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Event, EventSeries

# A series hands these to its occurrences in both languages (events/services.py).
FIELDS = ("title", "summary", "description")
REQUIRED = {"de": ("title", "summary")}


@register(Event)
class EventTranslation(TranslationOptions):
    fields = FIELDS
    required_languages = REQUIRED


@register(EventSeries)
class EventSeriesTranslation(TranslationOptions):
    fields = FIELDS
    required_languages = REQUIRED
