import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tradepost.settings")
application = get_wsgi_application()

# What loading the app made (modules, models, URL patterns) lives as long as the process: move
# it out of the cycle collector's reach, so each full collection walks only what requests
# made since — on a listing page a full collection was a pause of tens of milliseconds.
get_resolver().url_patterns  # noqa: B018 - import every view module now, not on a first request
gc.freeze()
