"""Password login for people only: a system account reaches the API with its token and nothing else."""

from typing import Any

from django.contrib.auth.backends import ModelBackend


class PersonModelBackend(ModelBackend):
    def user_can_authenticate(self, user: Any) -> bool:
        return super().user_can_authenticate(user) and not getattr(user, "is_system", False)
