"""Background tasks of the betaalrun. They only drain rows: running one twice, or after a crash, is safe."""

from django_tasks import task

from . import services


@task()
def betaalrun_opbouwen_task(run_id: int) -> None:
    services.betaalrun_opbouwen(run_id)


@task()
def betaalrun_bestanden_task(run_id: int) -> None:
    services.betaalrun_bestanden_maken(run_id)
