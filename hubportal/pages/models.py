from django.db import models
from django.urls import reverse
from django.utils import translation
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
    title_de = models.CharField(_("title (German)"), max_length=200)
    body_de = models.TextField(
        _("text (German)"), help_text=_("Paragraphs separated by a blank line.")
    )
    title_en = models.CharField(_("title (English)"), max_length=200)
    body_en = models.TextField(_("text (English)"))
    updated = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")
        ordering = ["slug"]

    def __str__(self):
        return self.get_slug_display()

    def get_absolute_url(self):
        return reverse("pages:page", kwargs={"slug": self.slug})

    @property
    def title(self) -> str:
        return self.title_en if translation.get_language() == "en" else self.title_de

    @property
    def body(self) -> str:
        return self.body_en if translation.get_language() == "en" else self.body_de
