"""Template helpers shared by every app: one way to render a form field in KERN UX."""

from django import forms, template

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
        widget.attrs["class"] = (
            "kern-form-check__radio"
            if isinstance(widget, forms.RadioSelect)
            else "kern-form-check__checkbox"
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
