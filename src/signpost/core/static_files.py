"""Static file serving: WhiteNoise, plus the /assets/ path GOV.UK Frontend's stylesheet expects."""

from pathlib import Path
from typing import Any

from django.conf import settings
from whitenoise.middleware import WhiteNoiseMiddleware


def govuk_assets_directory() -> Path:
    """The collected GOV.UK assets when collectstatic has run, else the npm package's own."""
    collected = Path(settings.STATIC_ROOT) / "govuk" / "assets"
    if collected.is_dir():
        return collected
    return Path(settings.NODE_MODULES_DIR) / "govuk-frontend" / "dist" / "govuk" / "assets"


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    # The precompiled GOV.UK Frontend CSS refers to its fonts and images at /assets/...;
    # serving them there avoids compiling the Sass ourselves just to change one path.
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_files(str(govuk_assets_directory()), prefix="assets/")
