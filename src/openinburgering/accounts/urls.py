from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("uitloggen/", views.logout_view, name="logout"),
    path("wachtwoord-kiezen/", views.password_choose, name="password_choose"),
]
