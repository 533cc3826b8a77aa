"""Background tasks of the betaalrun. They only drain rows: running one twice, or after a crash, is safe."""

from openinburgering.core.compat import task

from . import report, services


@task()
def betaalrun_opbouwen_task(run_id: int) -> None:
    services.betaalrun_opbouwen(run_id)


@task()
def betaalrun_bestanden_task(run_id: int) -> None:
    services.betaalrun_bestanden_maken(run_id)


@task()
def betaalrun_rapport_task(run_id: int, actor_id: int) -> None:
    report.betaalrun_rapport_opslaan(run_id, actor_id)


@task()
def maandoverzichten_task(run_id: int, actor_id: int) -> None:
    from openinburgering.accounts.models import User
    from openinburgering.ontzorgen.services import maandoverzichten_maken

    maandoverzichten_maken(run_id=run_id, actor=User.objects.get(pk=actor_id))
