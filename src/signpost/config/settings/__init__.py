"""Signpost settings, composed from one module per concern.

Everything that differs between deployments is read from the environment (see ``env.py`` and
docs/configuration.md). The embedded default needs no variables at all.
"""

from .auth import *  # noqa: F403
from .base import *  # noqa: F403
from .database import *  # noqa: F403
from .guard import refuse_unsafe_production
from .observability import *  # noqa: F403
from .security import *  # noqa: F403
from .services import *  # noqa: F403

refuse_unsafe_production(globals())
