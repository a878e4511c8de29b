"""The sign-in backend reads the user with their organisation and every permission in one query."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from signpost.accounts.backends import SignpostAuthenticationBackend
from signpost.accounts.roles import ROLE_PERMISSIONS, Role
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


def test_the_user_comes_with_their_organisation(london):
    adviser = make_staff(Role.ADVISER, organisation=london)
    user = SignpostAuthenticationBackend().get_user(adviser.pk)
    with CaptureQueriesContext(connection) as queries:
        assert user.organisation.name == london.name
    assert len(queries) == 0


def test_permissions_of_roles_and_of_the_user_come_in_one_query(london):
    adviser = make_staff(Role.ADVISER, organisation=london)
    extra = Permission.objects.get(content_type__app_label="core", codename="browse_outbox")
    adviser.user_permissions.add(extra)
    user = SignpostAuthenticationBackend().get_user(adviser.pk)
    with CaptureQueriesContext(connection) as queries:
        permissions = SignpostAuthenticationBackend().get_all_permissions(user)
        assert user.has_perm("core.browse_outbox")
        assert not user.has_perm("accounts.manage_staff")
    assert len(queries) == 1
    assert permissions == {*ROLE_PERMISSIONS[Role.ADVISER], "core.browse_outbox"}


def test_inactive_staff_and_missing_users_have_nothing(london):
    adviser = make_staff(Role.ADVISER, organisation=london)
    backend = SignpostAuthenticationBackend()
    adviser.is_active = False
    adviser.save()
    assert backend.get_user(adviser.pk) is None
    assert backend.get_all_permissions(adviser) == set()
    assert backend.get_user(10_000_000) is None


def test_a_role_naming_a_permission_no_app_defines_fails_loudly(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from signpost.accounts import apps as accounts_apps
    from signpost.accounts import roles

    monkeypatch.setitem(roles.ROLE_PERMISSIONS, Role.MODERATOR, ["customers.no_such_permission"])
    with pytest.raises(ImproperlyConfigured, match=r"customers\.no_such_permission"):
        accounts_apps.sync_role_groups(app_config=accounts_apps._last_app_migrated())
    # Earlier in a migration run the later apps' permissions may not exist yet: wait for them.
    accounts_apps.sync_role_groups(app_config=None)
