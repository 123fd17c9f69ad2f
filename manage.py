#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    from config.local_secrets import MissingSecretsError

    try:
        execute_from_command_line(sys.argv)
    except MissingSecretsError as exc:
        # one line naming the variable, not a 30-line traceback ending in it (newuser34b #6: the README's
        # `manage.py employment_match` line typed in a fresh shell, where only `make` exports
        # JIANFU_ALLOW_LOCAL_SECRETS=1). The refusal itself is the settings' and stands: nothing is generated.
        sys.exit(f"manage.py: {exc}")
