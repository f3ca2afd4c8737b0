"""Public addresses of the boussole under /boussole/ (the section page itself is a Wagtail page)."""

from django.urls import path

from boussole import callback_views, events_export, orientation, professionals, views

app_name = "boussole"

urlpatterns = [
    path("annuaire/", views.directory_view, name="directory"),
    path("annuaire/<slug:slug>/", views.structure_view, name="structure"),
    path("annuaire/<slug:slug>/signaler/", views.report_error_view, name="report_error"),
    path("annuaire/<slug:slug>/rappel/", callback_views.callback_view, name="callback"),
    path("annuaire/<slug:slug>/confirmer/<str:token>/", views.confirm_view, name="confirm"),
    path("annuaire/<slug:slug>/agenda.ics", views.structure_ics_view, name="structure_ics"),
    path("communes.json", views.communes_view, name="communes"),
    path("agenda/", views.agenda_view, name="agenda"),
    path("agenda.ics", views.agenda_ics_view, name="agenda_ics"),
    path("agenda/<slug:slug>/", views.event_view, name="event"),
    path("agenda/<slug:slug>.ics", views.event_ics_view, name="event_ics"),
    path("ressources/", views.resources_view, name="resources"),
    path("glossaire/", views.glossary_view, name="glossary"),
    path("glossaire/<slug:slug>/", views.glossary_entry_view, name="glossary_entry"),
    path("orientation/", orientation.orientation_view, name="orientation"),
    path("professionnels/", professionals.professionals_view, name="professionals"),
    path("donnees/", views.open_data_view, name="open_data"),
    path("donnees/boussole.json", views.open_data_json_view, name="open_data_json"),
    path("donnees/evenements.json", events_export.events_json_view, name="open_data_events_json"),
    path("donnees/evenements.csv", events_export.events_csv_view, name="open_data_events_csv"),
    path("donnees/<str:kind>.csv", views.open_data_csv_view, name="open_data_csv"),
]
