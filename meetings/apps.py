from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Working group")

    def ready(self):
        # The API's measures carry the working group's links (meetings.api.MeasureViewSet); make
        # bench's same-JSON query carries them too.
        from measures.bench_sql import register_working_group_links
        from meetings.bench_sql import working_group_links

        register_working_group_links(working_group_links)
