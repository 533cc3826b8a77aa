"""A task row stores the task's dotted path (DBTaskResult.task_path): a renamed task keeps its old path."""

from django.utils.module_loading import import_string

from ..tasks import betaalrun_build_task


def test_a_build_queued_under_the_name_before_issue_12_still_finds_its_task():
    old = import_string("openinburgering.betalingen.tasks.betaalrun_opbouwen_task")
    assert old is betaalrun_build_task
    assert betaalrun_build_task.module_path == "openinburgering.betalingen.tasks.betaalrun_build_task"
