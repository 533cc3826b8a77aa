from django.urls import path

from . import views

app_name = "aanbod"
urlpatterns = [path("", views.aanbieders, name="aanbieders")]
