"""Platform admins' view of the quality cycle's configuration. Responses and answers are not
registered on purpose: raw answers are only ever shown aggregated, above the threshold."""

from django.contrib import admin

from . import models


@admin.register(models.QualitySettings)
class QualitySettingsAdmin(admin.ModelAdmin):
    list_display = ["partnership", "min_group", "min_group_open_text", "response_target"]


@admin.register(models.Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["name", "partnership", "kind", "target_group", "frequency", "is_active"]
    list_filter = ["partnership", "kind", "target_group"]


@admin.register(models.RoundPlan)
class RoundPlanAdmin(admin.ModelAdmin):
    list_display = ["survey", "audience", "partnership", "is_active"]
    list_filter = ["partnership"]


@admin.register(models.SurveyRound)
class SurveyRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "status", "opens_on", "closes_on"]
    list_filter = ["partnership", "status"]
    readonly_fields = ["opened_at", "closed_at"]


@admin.register(models.QualityReport)
class QualityReportAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "kind", "status", "adopted_at"]
    list_filter = ["partnership", "kind", "status"]
    readonly_fields = ["status", "adopted_at", "adopted_by", "meeting", "meeting_date"]
