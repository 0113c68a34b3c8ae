"""The navigation: each role sees only what it can use. Other apps add their entries here."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .access import Access, Action


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    action: Action
    section: str  # the URL prefix that marks the item active


NAV_ITEMS = [
    NavItem(_("Dashboard"), "partnerships:dashboard", Action.VIEW_DASHBOARD, "dashboard"),
    NavItem(_("Organisations"), "partnerships:organisation_list", Action.VIEW_ORGANISATIONS, "org"),
    NavItem(_("People"), "partnerships:person_list", Action.VIEW_PEOPLE, "people"),
    NavItem(_("Students"), "partnerships:student_list", Action.VIEW_STUDENTS, "students"),
    NavItem(_("Import"), "partnerships:import", Action.IMPORT_DATA, "import"),
    NavItem(_("API"), "partnerships:api_token_list", Action.MANAGE_API_TOKENS, "api"),
]


def navigation_for(access: Access, partnership) -> list[dict]:
    student_only = access.own_student_id(partnership) is not None
    return [
        {
            # a student's "Students" is their own record (StudentList redirects them)
            "label": _("My details") if student_only and item.section == "students" else item.label,
            "url": reverse(item.url_name, kwargs={"partnership": partnership.slug}),
            "section": item.section,
        }
        for item in NAV_ITEMS
        if access.can(partnership, item.action)
    ]
