"""The contractor API (REST, OpenAPI 3). Staff sessions authenticate for now; API keys come later."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI, Schema
from ninja.security import SessionAuth

from signpost.accounts.roles import VIEW_CUSTOMERS, WORKSPACE
from signpost.api.careers import router as careers_router
from signpost.organisations.selectors import organisation_list


class StaffSessionAuth(SessionAuth):
    """A signed-in, active staff member of a delivering organisation with a second factor (the
    middleware enforces MFA); college and training-provider staff do not reach the customer record."""

    def authenticate(self, request: HttpRequest, key: str | None):  # type: ignore[no-untyped-def]
        user = super().authenticate(request, key)
        if user is not None and user.is_staff_member and user.has_perms([WORKSPACE, VIEW_CUSTOMERS]):
            return user
        return None


api = NinjaAPI(
    title="Signpost API",
    version="1",
    description="Read and write the shared customer record from contractor systems.",
    auth=StaffSessionAuth(),
    urls_namespace="api",
    # The interactive docs page loads scripts from a CDN, which our CSP (rightly) blocks;
    # the machine-readable schema is published at /api/openapi.json instead.
    docs_url=None,
)


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    touchpoint_id: str | None
    area: int | None


@api.get("/v1/organisations", response=list[OrganisationOut], tags=["organisations"])
def list_organisations(request: HttpRequest, kind: str = "") -> list[OrganisationOut]:
    """Delivering organisations and partners, with their touchpoint IDs."""
    return list(organisation_list(kind=kind))  # type: ignore[arg-type]


# Public and read-only: job categories and published job profiles (issue 5).
api.add_router("/v1/careers", careers_router)
