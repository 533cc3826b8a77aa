"""The Django 6 features we use on Django 5.2 LTS, imported from this one module (ADR 0001, STYLE.md §7).

- Tasks: `django.tasks` on Django 6; on 5.2 its backport `django-tasks`, with the `django-tasks-db`
  worker. Code imports `task`, `TaskResultStatus` (and the database queue's `DBTaskResult`) from here.
- CSP: `django-csp` (`CONTENT_SECURITY_POLICY` in conf/base.py); a view that changes the policy imports
  its decorator from here. On Django 6 it becomes `django.views.decorators.csp.csp_override` (which
  takes a whole policy, not a change to one directive).
- Template partials: `django-template-partials`, a template builtin in conf/base.py; no import.
The move to the next LTS changes this file and the settings only. lint-imports keeps it so: no other
module imports `django_tasks`, `django_tasks_db` or `csp` (pyproject.toml).
"""

from typing import TYPE_CHECKING, Any

import django
from csp.decorators import csp_replace

if TYPE_CHECKING or django.VERSION < (6, 0):
    from django_tasks import TaskResultStatus, task
else:  # pragma: no cover - Django 6
    from django.tasks import TaskResultStatus, task

if TYPE_CHECKING:
    from django_tasks_db.models import DBTaskResult


def __getattr__(name: str) -> Any:
    # DBTaskResult, the database backend's queue table, is a model: it can be imported only once the app
    # registry is ready and only when django_tasks_db is installed, so it is imported when first asked for.
    if name == "DBTaskResult":
        from django_tasks_db.models import DBTaskResult

        return DBTaskResult
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["DBTaskResult", "TaskResultStatus", "csp_replace", "task"]
