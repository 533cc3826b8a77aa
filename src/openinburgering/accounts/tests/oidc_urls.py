"""The URLs as they are with OIDC_ENABLED=True (the setting is read once, at start-up)."""

from django.urls import include, path

from openinburgering.urls import urlpatterns as base_urlpatterns

urlpatterns = [*base_urlpatterns, path("oidc/", include("mozilla_django_oidc.urls"))]
