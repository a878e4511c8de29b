from django.urls import include, path

from signpost.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("accounts/", include("signpost.accounts.urls")),
    path("workspace/", include("signpost.workspace.urls")),
    path("api/", include("signpost.api.urls")),
    path("", include("signpost.portal.urls_careers")),
    path("", include("signpost.portal.urls")),
]

handler400 = "signpost.core.views.bad_request"
handler403 = "signpost.core.views.permission_denied"
handler404 = "signpost.core.views.page_not_found"
handler500 = "signpost.core.views.server_error"
