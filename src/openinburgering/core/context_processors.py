from django.conf import settings
from django.http import HttpRequest


def product(request: HttpRequest) -> dict[str, object]:
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "OIDC_ENABLED": settings.OIDC_ENABLED,
        "SESSION_IDLE_TIMEOUT_MINUTES": settings.SESSION_IDLE_TIMEOUT_MINUTES,
        # The lock-out page names how long it lasts (AXES_COOLOFF_TIME is in hours).
        "AXES_COOLOFF_MINUTES": round(settings.AXES_COOLOFF_TIME * 60),
    }
