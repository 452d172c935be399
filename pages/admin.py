from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Page


@admin.register(Page)
class PageAdmin(TranslationAdmin):
    list_display = ["slug", "title", "updated"]
    readonly_fields = ["slug"]

    def has_add_permission(self, request):
        return False  # the four pages exist from the start (migration 0002)

    def has_delete_permission(self, request, obj=None):
        return False
