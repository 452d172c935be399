"""Content in two languages (django-modeltranslation, registered in each app's
translation.py): which columns hold a field's texts, and whether the text a page shows
is the German fallback for a missing English one (templates mark it lang="de")."""

from django.conf import settings
from django.utils import translation
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname


def _translated(model) -> set[str]:
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def columns(model, fields: list[str]) -> list[str]:
    """`fields` with each translated one replaced by its columns, one per language:
    what to copy to move a text with all its translations."""
    translated = _translated(model)
    names = []
    for field in fields:
        if field in translated:
            names += [
                build_localized_fieldname(field, lang)
                for lang in settings.MODELTRANSLATION_LANGUAGES
            ]
        else:
            names.append(field)
    return names


def fallback_language(obj, field: str) -> str | None:
    """The language of the text shown for `field` when it is not the page's own: "de"
    on an English page whose English text is empty; None otherwise."""
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    if language == default or field not in _translated(type(obj)):
        return None
    own = getattr(obj, build_localized_fieldname(field, language), None)
    if own:
        return None
    return default if getattr(obj, build_localized_fieldname(field, default), None) else None


class TextIn(str):
    """A text that knows it is in another language than the page (`lang`), for values
    that travel as plain strings (a closure's reason on a `hours.Day`)."""

    lang: str | None = None


def text(obj, field: str) -> str:
    """The field's text for the page, as a `TextIn` carrying its fallback language."""
    value = TextIn(getattr(obj, field) or "")
    value.lang = fallback_language(obj, field)
    return value
