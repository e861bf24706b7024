from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("检索")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core.signals import request_finished

        from reports import outbox
        from reports.views import feeds
        from search.indexing import process_pending
        from search.outbox import drain_if_due

        # search consumes the outbox that the data side writes; reports never imports search.
        outbox.set_consumer(process_pending)
        feeds.set_query_finder(find_for_feed)

        # The scheduled outbox check (search/outbox.py): after the response, at most every 30 s a process.
        request_finished.connect(drain_if_due, dispatch_uid="search.outbox.drain_if_due")


def find_for_feed(q, params, limit):
    # Imported on first use: the query engine (jieba, the lexicon) is not needed to start a worker.
    from search.service import newest_release_ids

    return newest_release_ids(q, params, limit)
