from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from . import privacy
from .models import User

PERMISSION_ACTIONS = {
    "add": _("may add"),
    "change": _("may change"),
    "delete": _("may delete"),
    "view": _("may view"),
}


def permission_label(permission) -> str:
    """ "Veranstaltungen: darf anlegen" instead of Django's stored English name
    ("events | event | Can add event"): permission names are written once, in
    English, when the tables are made."""
    action = permission.codename.partition("_")[0]
    model = permission.content_type.model_class()
    if model is None or action not in PERMISSION_ACTIONS:
        return permission.name
    return f"{capfirst(model._meta.verbose_name_plural)}: {PERMISSION_ACTIONS[action]}"


class PermissionsInTheLanguage:
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in ("permissions", "user_permissions"):
            field.label_from_instance = permission_label
        return field


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(PermissionsInTheLanguage, BaseGroupAdmin):
    pass


@admin.register(User)
class UserAdmin(PermissionsInTheLanguage, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("name", "language")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    def delete_model(self, request, obj):
        """Deleting a person here is what the person's own "delete my account" does:
        upcoming items cancelled through their services, the rest anonymised."""
        privacy.person_delete(user=obj)

    def delete_queryset(self, request, queryset):
        for user in queryset:
            privacy.person_delete(user=user)
