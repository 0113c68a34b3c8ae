"""Who may export everything the product holds about a person: the partnership's administrator
(administratief ondersteuner), and platform admins, who hold every partnership role."""

from enum import StrEnum

from ..glossary import Role


class PrivacyAction(StrEnum):
    EXPORT_PERSONAL_DATA = "export_personal_data"


PRIVACY_ACTION_ROLES = {
    PrivacyAction.EXPORT_PERSONAL_DATA: frozenset({Role.ADMINISTRATIEF_ONDERSTEUNER}),
}
