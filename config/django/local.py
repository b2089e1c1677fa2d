"""Settings for running Safeguard on one machine with the embedded database."""

import os

os.environ.setdefault("SECRET_KEY", "local-development-only-not-secret")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")

from config.django.base import *  # noqa: E402,F403
