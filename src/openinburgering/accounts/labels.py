"""Dutch names for role codes: every Django group is a role (Role), named by its code.

The code stays the group's name (the product looks roles up by it); screens show the label. The
processing log records "systeem" (no user) and "beheer" (staff without a role) besides the roles.
"""

from django.utils.translation import gettext_lazy as _

from .constants import Role

OTHER_ROLE_LABELS = {"systeem": _("Systeem"), "beheer": _("Beheer")}


def role_label(code: str) -> str:
    """ "financieel_medewerker" → "Financieel medewerker"; an unknown code is returned as it is."""
    if code in Role.values:
        return str(Role(code).label)
    return str(OTHER_ROLE_LABELS.get(code, code))


def group_label(group: object) -> str:
    """The group's role, in Dutch (used as Group.__str__: the admin's role pickers and filters)."""
    return role_label(str(getattr(group, "name", "")))
