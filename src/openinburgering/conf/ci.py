"""The test suite: fast password hashing, no debug toolbar, the database chosen by DB_ENGINE."""

import os

os.environ.setdefault("DEBUG", "False")
os.environ.setdefault("SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("ALLOWED_HOSTS", "*")

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AXES_ENABLED = False  # enabled again in the tests that exercise lock-out
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tasks run at once, in the test's own thread: a test sees their effect without a worker. The
# worker path (django_tasks_db) is exercised by the tests that run `db_worker` explicitly.
# The notificaties benchmark sets CI_TASKS_BACKEND to the database backend, as in production.
TASKS = {"default": {"BACKEND": os.environ.get("CI_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")}}
