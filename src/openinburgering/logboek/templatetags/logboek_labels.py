"""{% load logboek_labels %}: {{ row.role|rol }} and {{ row.subject|onderwerp }} in Dutch."""

from django import template

from openinburgering.logboek.labels import role_label, subject_label

register = template.Library()


@register.filter
def rol(code: str) -> str:
    return role_label(code)


@register.filter
def onderwerp(subject: str) -> str:
    return subject_label(subject)
