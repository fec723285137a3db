from django.contrib import admin
from django.urls import path

from timeline import views

urlpatterns = [
    path("", views.chronology, name="chronology"),
    path("events/<int:pk>/", views.event_detail, name="event"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("events.json", views.events_json, name="events_json"),
    path("events.csv", views.events_csv, name="events_csv"),
    path("admin/", admin.site.urls),
]
