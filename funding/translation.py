"""Funding content in German and, optionally, English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Advisor, FundingProgramme, Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("de",)
    empty_values = {"name": None}  # unique: an unwritten English name is NULL, not ""


@register(FundingProgramme)
class FundingProgrammeTranslation(TranslationOptions):
    fields = ("name", "summary", "description", "audience", "amount")
    required_languages = {"de": ("name", "summary")}


@register(Advisor)
class AdvisorTranslation(TranslationOptions):
    fields = ("introduction",)
