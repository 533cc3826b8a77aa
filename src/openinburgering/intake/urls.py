from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("<int:pk>/intake/", views.detail, name="detail"),
    path("<int:pk>/intake/starten/", views.start, name="start"),
    path("<int:pk>/intake/onderdelen/<slug:key>/", views.section, name="section"),
    path("<int:pk>/intake/aandachtspunten/", views.aandachtspunten, name="aandachtspunten"),
    path("<int:pk>/intake/gezondheid/", views.gezondheid, name="gezondheid"),
    path("<int:pk>/intake/oproepen/", views.oproep_send, name="oproep_send"),
    path("<int:pk>/intake/oproepen/<int:oproep>/uitkomst/", views.oproep_uitkomst, name="oproep_uitkomst"),
    path("<int:pk>/intake/oproepen/<int:oproep>/verzetten/", views.oproep_verzetten, name="oproep_verzetten"),
    path("<int:pk>/intake/afronden/", views.complete, name="complete"),
    path("<int:pk>/intake/leerbaarheidstoets/aanvragen/", views.lbt_request, name="lbt_request"),
    path("<int:pk>/intake/leerbaarheidstoets/resultaat/", views.lbt_result, name="lbt_result"),
    path("<int:pk>/intake/leerbaarheidstoets/vrijstelling/", views.lbt_exempt, name="lbt_exempt"),
]
