"""ASGI entry point: HTTP through Django, WebSockets through Channels (consumers join later)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "signpost.config.settings")

django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter  # noqa: E402 - needs Django set up first

from signpost.core.startup import refuse_demo_accounts_in_production  # noqa: E402

refuse_demo_accounts_in_production()

application = ProtocolTypeRouter({"http": django_asgi_app})
