"""Template helpers shared by every app: one way to render a form field in KERN UX,
and content shown in another language than the page marked as such."""

import re

from django import forms, template
from django.conf import settings
from django.template.defaultfilters import date as date_filter
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from hubportal import jsonld as ld
from hubportal.content_language import fallback_language
from hubportal.dates import pattern
from hubportal.languages import offers_english
from hubportal.links import absolute
from hubportal.phones import phone_display
from hubportal.states import state_of
from hubportal.validators import reads_as_address

register = template.Library()

_INPUT = "kern-form-input__input"


def _kind(widget) -> str:
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "choices"
    if isinstance(widget, forms.Select):
        return "select"
    return "input"


@register.inclusion_tag("includes/form_field.html")
def form_field(field, **options):
    """Label, hint, error and widget with aria-invalid / aria-describedby set.

    {% form_field form.email %} — options: `hide_label=True` keeps the label for
    screen readers only.
    """
    kind = _kind(field.field.widget)
    hint_id = f"{field.auto_id}-hint" if field.help_text else ""
    error_id = f"{field.auto_id}-error" if field.errors else ""
    described = " ".join(filter(None, [hint_id, error_id]))
    attrs = {}
    if kind == "input":
        attrs["class"] = _INPUT + (f" {_INPUT}--error" if field.errors else "")
    elif kind == "select":
        attrs["class"] = "kern-form-input__select" + (
            " kern-form-input__select--error" if field.errors else ""
        )
    elif kind == "checkbox":
        attrs["class"] = "kern-form-check__checkbox"
    else:  # radio buttons or checkboxes, rendered one by one from the widget's attrs
        widget = field.field.widget
        # CheckboxSelectMultiple is a RadioSelect to Django: ask for it first.
        widget.attrs["class"] = (
            "kern-form-check__checkbox"
            if isinstance(widget, forms.CheckboxSelectMultiple)
            else "kern-form-check__radio"
        )
    if field.errors:
        attrs["aria-invalid"] = "true"
    if described and kind != "choices":
        attrs["aria-describedby"] = described
    return {
        "field": field,
        "kind": kind,
        "widget": field.as_widget(attrs=attrs),
        "hint_id": hint_id,
        "error_id": error_id,
        "described": described,
        "hide_label": options.get("hide_label", False),
        # Mark optional fields only where some are required: in a filter form every
        # field is optional and the marker would be noise.
        "mark_optional": not field.field.required
        and any(f.required for f in field.form.fields.values()),
    }


@register.filter
def translated(obj, field: str = ""):
    """`{{ hub|translated:"short_description" }}`: the text in the page's language; the
    German one inside `<span lang="de">` where no English text is written (WCAG 3.1.2).
    `{{ day.closed_reason|translated }}` does the same for a `content_language.text`."""
    if not field:
        return (
            format_html('<span lang="{}">{}</span>', obj.lang, obj)
            if getattr(obj, "lang", None)
            else obj
        )
    value = getattr(obj, field)
    language = fallback_language(obj, field)
    return format_html('<span lang="{}">{}</span>', language, value) if language else value


@register.simple_tag
def lang_of(obj, field: str):
    """` lang="de"` for an element holding a German fallback text (block content such
    as `{{ hub.description|linebreaks }}`), nothing otherwise."""
    language = fallback_language(obj, field)
    return format_html(' lang="{}"', language) if language else mark_safe("")


@register.filter(expects_localtime=True, is_safe=False)
def when(value, german_pattern: str):
    """`{{ event.start|when:"l, j. F Y, H:i" }}`: Django's `date` filter with the
    pattern written the English way on English pages (hubportal/dates.py)."""
    return date_filter(value, pattern(german_pattern))


@register.inclusion_tag("includes/language_offer.html", takes_context=True)
def language_offer(context):
    """A one-line offer of the English page to a browser that prefers English and
    landed on a German one. Never a redirect; gone once the person picked a language.
    On an English page, a line saying that some texts are only in German."""
    request = context.get("request")
    # On English pages: said once, near the top, that what the hubs write (events,
    # descriptions) may be in German only (each such text is marked lang="de").
    english = (translation.get_language() or "de")[:2] == "en"
    if request is None or not offers_english(request, translation.get_language()):
        return {"offer": None, "english": english}
    return {"offer": translate_url(request.get_full_path(), "en"), "english": english}


_PORTAL_URL = re.compile(r"https?://\S+")


@register.filter
def addressee(name: str) -> str:
    """A name as an email may greet or name the person: empty when it reads as a web
    or email address (a name stored before the form refused those), so the email says
    "Hello," and relays nothing."""
    name = " ".join(str(name or "").split())
    return "" if reads_as_address(name) or "<" in name or ">" in name else name


@register.filter(needs_autoescape=True)
def portal_links(text: str, autoescape=True):
    """For HTML emails: the text escaped, with only the portal's own addresses as links.
    Whatever a person typed (a name, a question, a reason) stays plain text, so an
    address in it never becomes a link the portal sends."""
    site = settings.SITE_URL.rstrip("/")
    parts, last = [], 0
    for match in _PORTAL_URL.finditer(text):
        url = match.group(0).rstrip(".,;:)")
        parts.append(escape(text[last : match.start()]))
        if url == site or url.startswith(site + "/"):
            parts.append(format_html('<a href="{}">{}</a>', url, url))
        else:
            parts.append(escape(url))
        last = match.start() + len(url)
    parts.append(escape(text[last:]))
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 (every part escaped)


@register.inclusion_tag("includes/feed_links.html")
def feed_links(url_name: str, *args, label: str = "", renew_url: str = ""):
    """A calendar feed's addresses: https (the one to copy into a calendar app) and the
    webcal alternative that opens one directly; a private feed also offers a new
    address (`renew_url`, a POST)."""
    https = absolute(reverse(url_name, args=args))
    return {
        "https_url": https,
        "secure": https.startswith("https://"),  # says "secure" only where it is
        "webcal_url": "webcal://" + https.split("://", 1)[1],
        "label": label,
        "renew_url": renew_url,
    }


@register.filter
def jsonld(data: dict):
    """schema.org data as a JSON-LD script element (hubportal/jsonld.py)."""
    return ld.script(data)


@register.filter(name="absolute")
def absolute_filter(path: str) -> str:
    """A path as a full address on the portal (for pages framed on other websites)."""
    return absolute(path)


@register.filter
def state(item):
    """The state of a registration, booking or appointment as declared by its app
    (hubportal/states.py): `{{ booking|state }}` is its label, `.explain` the sentence
    under it."""
    return state_of(item)


@register.filter
def phone(value):
    """{{ appointment.phone|phone }}: "+4955611234" as "05561 1234"."""
    return phone_display(value)
