from django.urls import path

from . import views

app_name = "voortgang"
urlpatterns = [
    path("<int:pk>/voortgang/", views.detail, name="detail"),
]
