"""The information pages, in German and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Page


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "body")
    required_languages = ("de", "en")  # legal texts: both languages, no fallback
