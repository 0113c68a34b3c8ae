from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from . import models


@admin.register(models.Person)
class PersonAdmin(UserAdmin):
    ordering = ["last_name", "first_name"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            "Person",
            {"fields": ("first_name", "tussenvoegsel", "last_name", "phone", "teaching_since")},
        ),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
    )
    add_fieldsets = (
        (None, {"fields": ("email", "first_name", "last_name", "password1", "password2")}),
    )


class RoleInline(admin.TabularInline):
    model = models.RoleAssignment
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(models.Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "partnership", "cluster", "city"]
    list_filter = ["partnership", "kind"]
    search_fields = ["name"]
    inlines = [RoleInline]


@admin.register(models.Student)
class StudentAdmin(admin.ModelAdmin):
    list_display = ["person", "partnership", "institute", "programme_variant", "subsidy_category"]
    list_filter = ["partnership", "programme_variant", "subsidy_category"]
    search_fields = ["person__last_name", "person__email"]
    raw_id_fields = ["person", "werkplekbegeleider", "schoolopleider", "instituutsopleider"]


@admin.register(models.RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "partnership", "organisation", "valid_from", "valid_until"]
    list_filter = ["partnership", "role"]
    search_fields = ["person__last_name", "person__email"]
    raw_id_fields = ["person"]


for model in (
    models.AcademicYear,
    models.Period,
    models.Cluster,
    models.PupilCount,
    models.SchoolType,
    models.Subject,
    models.Section,
    models.Qualification,
):
    admin.site.register(model)


class ExternalIdentityInline(admin.TabularInline):
    model = models.ExternalIdentity
    extra = 0
    raw_id_fields = ["person"]
    readonly_fields = ["created", "last_login"]


@admin.register(models.IdentityProvider)
class IdentityProviderAdmin(admin.ModelAdmin):
    """Sign-in with an institution's account (README "Sign-in"). Register this application at
    the provider with the redirect URI <site>/accounts/oidc/callback/."""

    list_display = ["name", "slug", "issuer", "is_active", "order"]
    list_filter = ["is_active"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["organisations"]
    inlines = [ExternalIdentityInline]
    fieldsets = (
        (None, {"fields": ("name", "slug", "is_active", "order")}),
        (
            "OpenID Connect",
            {
                "fields": (
                    "issuer",
                    "client_id",
                    "client_secret",
                    "scopes",
                    "signing_algorithm",
                    "authorization_endpoint",
                    "token_endpoint",
                    "userinfo_endpoint",
                    "jwks_uri",
                ),
                "description": "Redirect URI to register at the provider: "
                "<site>/accounts/oidc/callback/",
            },
        ),
        ("Vouches for", {"fields": ("organisations",)}),
    )
