"""Hub-staff scoping for the admin, built once and used by every app.

A hub-staff member (see HubStaff) sees and edits only the rows that belong to their
hubs; superusers see everything. A model admin names the path from its model to the
hub, and everything else follows:

    @admin.register(Event)
    class EventAdmin(HubScopedAdminMixin, admin.ModelAdmin):
        hub_path = "hub"                 # Registration would say "event__hub"

Out-of-scope rows are missing from lists, from foreign-key choices and by URL
(the admin answers "does not exist"), and cannot be added, changed or deleted.
"""

from django.contrib import admin
from django.db.models import QuerySet

from .models import Hub


def hubs_for(user) -> QuerySet[Hub]:
    """The hubs a user manages: all for a superuser, none for anonymous users."""
    if not user.is_authenticated or not user.is_active:
        return Hub.objects.none()
    if user.is_superuser:
        return Hub.objects.all()
    return Hub.objects.filter(staff_memberships__user=user)


def is_hub_staff(user) -> bool:
    return bool(
        user.is_authenticated and user.is_active and user.is_staff and user.hub_memberships.exists()
    )


def _hub_ids(request) -> set[int]:
    """The request's user's hub ids, looked up once per request."""
    if not hasattr(request, "_hub_ids"):
        request._hub_ids = set(hubs_for(request.user).values_list("pk", flat=True))
    return request._hub_ids


def _staff(request) -> bool:
    if not hasattr(request, "_is_hub_staff"):
        request._is_hub_staff = is_hub_staff(request.user)
    return request._is_hub_staff


class HubScopedAdminMixin:
    """For a ModelAdmin whose rows belong to a hub via `hub_path` ("" for Hub itself)."""

    hub_path = "hub"
    # Hub staff may add and delete rows of this model (Hub itself: no).
    staff_may_add = True
    staff_may_delete = True

    def _hub_of(self, obj):
        if not self.hub_path:
            return obj
        value = obj
        for part in self.hub_path.split("__"):
            value = getattr(value, part, None)
            if value is None:
                return None
        return value

    def _in_scope(self, request, obj) -> bool:
        hub = self._hub_of(obj)
        return hub is not None and hub.pk in _hub_ids(request)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        lookup = f"{self.hub_path}__in" if self.hub_path else "pk__in"
        return qs.filter(**{lookup: list(_hub_ids(request))})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Hub and not request.user.is_superuser:
            kwargs["queryset"] = hubs_for(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_module_permission(self, request):
        if request.user.is_superuser:
            return super().has_module_permission(request)
        return _staff(request)

    def has_view_permission(self, request, obj=None):
        if request.user.is_superuser:
            return super().has_view_permission(request, obj)
        return _staff(request) and (obj is None or self._in_scope(request, obj))

    def has_change_permission(self, request, obj=None):
        if request.user.is_superuser:
            return super().has_change_permission(request, obj)
        return _staff(request) and (obj is None or self._in_scope(request, obj))

    def has_add_permission(self, request, *args):
        if request.user.is_superuser:
            return super().has_add_permission(request, *args)
        return self.staff_may_add and _staff(request)

    def has_delete_permission(self, request, obj=None):
        if request.user.is_superuser:
            return super().has_delete_permission(request, obj)
        return (
            self.staff_may_delete
            and _staff(request)
            and (obj is None or self._in_scope(request, obj))
        )


class HubScopedInlineMixin:
    """For an inline on a hub-scoped admin: staff may edit it when the parent is theirs.

    `obj` is the parent object (or None on an add page).
    """

    parent_hub_path = ""  # path from the parent object to its hub; "" when it is a Hub

    def _parent_in_scope(self, request, obj) -> bool:
        if obj is None:
            return _staff(request)
        hub = obj
        for part in filter(None, self.parent_hub_path.split("__")):
            hub = getattr(hub, part)
        return _staff(request) and hub.pk in _hub_ids(request)

    def has_view_permission(self, request, obj=None):
        if request.user.is_superuser:
            return super().has_view_permission(request, obj)
        return self._parent_in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        if request.user.is_superuser:
            return super().has_change_permission(request, obj)
        return self._parent_in_scope(request, obj)

    def has_add_permission(self, request, obj=None):
        if request.user.is_superuser:
            return super().has_add_permission(request, obj)
        return self._parent_in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        if request.user.is_superuser:
            return super().has_delete_permission(request, obj)
        return self._parent_in_scope(request, obj)


class ScopedHubListFilter(admin.RelatedFieldListFilter):
    """The admin's "by hub" filter, offering only the hubs the user manages."""

    def field_choices(self, field, request, model_admin):
        return field.get_choices(
            include_blank=False,
            limit_choices_to={"pk__in": _hub_ids(request)},
            ordering=("name",),
        )
