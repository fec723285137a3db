from django.contrib import admin
from django.urls import path

from timeline import adding, views

urlpatterns = [
    path("", views.chronology, name="chronology"),
    path("events/<int:pk>/", views.event_detail, name="event"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("actors/<int:pk>/", views.actor_detail, name="actor"),
    path("places/<int:pk>/", views.place_detail, name="place"),
    path("events.json", views.events_json, name="events_json"),
    path("events.csv", views.events_csv, name="events_csv"),
    path("admin/", admin.site.urls),
    path("events.timeline.json", views.events_timelinejs, name="events_timelinejs"),
    path("events.acled.csv", views.events_acled, name="events_acled"),
    path("present/", views.presentation, name="presentation"),
    path("map/", views.place_map, name="map"),
    path("add/", adding.add_reports, name="add_reports"),
    path("add/<int:pk>/", adding.submission_detail, name="submission"),
    # Browsers ask for it on pages that name no icon (the admin's).
    path("favicon.ico", views.favicon),
]
