from django.urls import path

from . import views

app_name = "portaal"
urlpatterns = [
    path("accounts/", views.accounts, name="accounts"),
    path("accounts/docent/nieuw/", views.docent_create, name="docent_create"),
    path("accounts/leerling/nieuw/", views.leerling_create, name="leerling_create"),
    path("accounts/<int:pk>/startcode/", views.account_reset, name="account_reset"),
    path("accounts/<int:pk>/deactiveren/", views.account_deactivate, name="account_deactivate"),
]
