"""Showroom texts in German and, optionally, English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Exhibit


@register(Exhibit)
class ExhibitTranslation(TranslationOptions):
    fields = ("title", "description", "provenance")
    required_languages = {"de": ("title", "description", "provenance")}
