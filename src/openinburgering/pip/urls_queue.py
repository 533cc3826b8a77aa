from django.urls import path

from . import views

app_name = "pip_queue"
urlpatterns = [path("ter-accordering/", views.queue, name="queue")]
