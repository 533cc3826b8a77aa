from django.urls import path

from . import views

app_name = "letters"
urlpatterns = [path("<uuid:uuid>/", views.document_download, name="document_download")]
