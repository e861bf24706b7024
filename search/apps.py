from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("检索")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core.signals import request_finished

        from search.outbox import drain_if_due

        # The scheduled outbox check (search/outbox.py): after the response, at most every 30 s a process.
        request_finished.connect(drain_if_due, dispatch_uid="search.outbox.drain_if_due")
