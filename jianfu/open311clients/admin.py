from django.contrib import admin

from jianfu.open311clients.models import Open311Client, ServiceAttribute


@admin.register(Open311Client)
class Open311ClientAdmin(admin.ModelAdmin):
    list_display = ("name", "key_prefix", "org_code", "mode", "is_active", "created_at")
    list_filter = ("is_active", "mode")
    readonly_fields = ("key_prefix", "key_hash", "created_by")

    def has_add_permission(self, request):
        return False  # keys are issued with `manage.py open311_issue_key`, which shows the key once


@admin.register(ServiceAttribute)
class ServiceAttributeAdmin(admin.ModelAdmin):
    list_display = ("org_code", "matter_code", "code", "datatype", "required", "order")
    list_filter = ("datatype", "required")
    search_fields = ("matter_code", "code", "description")
