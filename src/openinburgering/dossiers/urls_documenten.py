from django.urls import path

from . import views_documents

# /documenten/<uuid>/: a dossier's stored letters. The namespace keeps the name it had when the view
# lived in letters/, so `{% url 'letters:document_download' … %}` works everywhere unchanged.
app_name = "letters"
urlpatterns = [path("<uuid:uuid>/", views_documents.document_download, name="document_download")]
