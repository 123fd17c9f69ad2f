import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# scripts/run.py's development server warms the routing and matching models in the background (config/warmup.py)
from config.warmup import warm_at_start_if_asked  # noqa: E402 - after the application is set up

warm_at_start_if_asked()
