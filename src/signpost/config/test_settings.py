"""Settings for the test suite: the normal settings in the `test` environment."""

import os

os.environ.setdefault("SIGNPOST_ENVIRONMENT", "test")

from signpost.config.settings import *  # noqa: F403
