from django.urls import path

from . import views

app_name = "ontzorgen_overzicht"
urlpatterns = [path("", views.overzicht, name="overzicht")]
