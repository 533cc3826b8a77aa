"""Background tasks of the betaalrun. They only drain rows: running one twice, or after a crash, is safe.

Each registers itself with services.TASKS, through which the services enqueue it: the services do not
import this module, which calls them.
"""

from openinburgering.accounts.models import User
from openinburgering.core.compat import task

from . import maandoverzicht, report
from .services import TASKS, betaalbestanden, build


@task()
def betaalrun_build_task(run_id: int) -> None:
    build.betaalrun_build(run_id)


# The name before issue 12: a task queued under it before the rename (its path is stored in the task
# row, DBTaskResult.task_path) still finds the task. Remove once no such row can be waiting.
betaalrun_opbouwen_task = betaalrun_build_task


@task()
def betaalrun_bestanden_task(run_id: int) -> None:
    betaalbestanden.betaalrun_bestanden_create(run_id)


@task()
def betaalrun_rapport_task(run_id: int, actor_id: int) -> None:
    report.betaalrun_rapport_store(run_id, actor_id)


@task()
def maandoverzichten_task(run_id: int, actor_id: int) -> None:
    maandoverzicht.maandoverzichten_create(run_id=run_id, actor=User.objects.get(pk=actor_id))


TASKS.update(
    betaalrun_build_task=betaalrun_build_task,
    betaalrun_bestanden_task=betaalrun_bestanden_task,
    betaalrun_rapport_task=betaalrun_rapport_task,
    maandoverzichten_task=maandoverzichten_task,
)
