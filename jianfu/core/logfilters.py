"""Logging filters. `MaskIdentifiers` masks phone and ID numbers in a log record's arguments (`core.pii.mask_identifiers`):
the development server's request lines (`django.server`, what `make run` prints) carry a GET's query, and a search by
number (`/registry/persons/?q=450521196804122485`) was printed whole (security34 #2; gunicorn's access log in production:
`jianfu.directline.accesslog`)."""

from __future__ import annotations

import logging
from urllib.parse import unquote_plus


class MaskIdentifiers(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        from jianfu.core.pii import mask_identifiers  # at the first record: Django's apps are loaded by then

        if isinstance(record.args, tuple):
            args = []
            for arg in record.args:
                if isinstance(arg, str):
                    plain = unquote_plus(arg)
                    masked = mask_identifiers(plain)
                    arg = masked if masked != plain else arg
                args.append(arg)
            record.args = tuple(args)
        return True
