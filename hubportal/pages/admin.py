from django.contrib import admin

from .models import Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["slug", "title_de", "updated"]
    readonly_fields = ["slug"]

    def has_add_permission(self, request):
        return False  # the four pages exist from the start (migration 0002)

    def has_delete_permission(self, request, obj=None):
        return False
