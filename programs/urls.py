from django.urls import path

from programs import views

app_name = "programs"

# The programme's page and a body's page (portal.urls.programs_patterns) and the editing of the
# programme's structure (measures.urls.programme_patterns) join this namespace in
# regionalprogram/urls.py: they combine programmes with measures and the working group.
urlpatterns = [
    path("programmes/", views.programme_list, name="programme_list"),
    path("bodies/", views.body_list, name="body_list"),
]
