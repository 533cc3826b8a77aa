"""{% load duo_labels %}: {{ bericht.operatie|duo_operatie }} in Dutch."""

from django import template

from openinburgering.duo.labels import operatie_label

register = template.Library()


@register.filter
def duo_operatie(code: str) -> str:
    return operatie_label(code)
