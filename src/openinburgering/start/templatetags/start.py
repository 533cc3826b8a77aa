from django import template

from openinburgering.accounts.models import User

from ..pages import StartPage, start_pages_for

register = template.Library()


@register.simple_tag
def start_pages(user: User) -> list[StartPage]:
    """The start pages of the user's roles (the menu shows those of roles other than the first)."""
    return start_pages_for(user) if user.is_authenticated else []
