from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Page(models.Model):
    """The pages a German public portal needs, editable by staff in both languages:
    accessibility statement, legal notice, privacy notice, plain-language summary."""

    class Slug(models.TextChoices):
        ACCESSIBILITY = "accessibility", _("Accessibility statement")
        IMPRINT = "imprint", _("Legal notice")
        PRIVACY = "privacy", _("Privacy notice")
        PLAIN_LANGUAGE = "plain-language", _("Plain language")

    slug = models.SlugField(_("page"), choices=Slug.choices, unique=True)
    # In German and English: title_de, title_en, body_de, body_en (translation.py).
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Paragraphs separated by a blank line."))
    updated = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")
        ordering = ["slug"]

    def __str__(self):
        return self.get_slug_display()

    def get_absolute_url(self):
        return reverse("pages:page", kwargs={"slug": self.slug})
