"""The demo data the README promises: every role in two organisations, shared TOTP secret."""

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command

from signpost.accounts.demo import DEMO_CUSTOMERS, DEMO_PASSWORD, DEMO_TOTP_SECRET, demo_staff_email
from signpost.accounts.models import User
from signpost.accounts.roles import Role
from signpost.accounts.tests.helpers import totp_code
from signpost.organisations.models import Area, Organisation
from signpost.referrals.models import PartnerArea


@pytest.mark.django_db
def test_demo_data_has_every_role_in_two_organisations_and_is_idempotent():
    call_command("load_demo_data", verbosity=0)
    call_command("load_demo_data", verbosity=0)
    for organisation_key, touchpoint in [("national", "0000000999"), ("london", "0000000103")]:
        for role in Role:
            user = User.objects.get(email=demo_staff_email(role.value, organisation_key))
            assert user.organisation.touchpoint_id == touchpoint
            assert [r.value for r in user.roles] == [role.value]
            assert user.check_password(DEMO_PASSWORD)
            assert user.is_demo
            totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
            assert totp.wrap().validate_code(totp_code(DEMO_TOTP_SECRET))
    for customer in DEMO_CUSTOMERS:
        user = User.objects.get(email=customer.email)
        assert user.organisation is None
        assert user.emailaddress_set.get().verified
    # Besides the two organisations' staff and the customers: a manager for each other prime's demo
    # venues, who has no password and so can never sign in.
    venue_managers = User.objects.filter(is_demo=True, email__startswith="manager@area")
    assert venue_managers.count() == len(Area) - 1
    assert not any(manager.has_usable_password() for manager in venue_managers)
    assert User.objects.filter(is_demo=True).count() == 2 * len(Role) + len(DEMO_CUSTOMERS) + len(Area) - 1
    # Partners are the referral directory's, in every area, not organisations with staff.
    assert not Organisation.objects.filter(kind=Organisation.Kind.PARTNER).exists()
    served = set(PartnerArea.objects.filter(partner__is_active=True).values_list("area", flat=True))
    assert served == set(Area.values)


@pytest.mark.django_db
def test_demo_data_is_refused_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="SIGNPOST_DEMO"):
        call_command("load_demo_data", verbosity=0)
    assert not User.objects.filter(is_demo=True).exists()


@pytest.mark.django_db
def test_removing_demo_data_leaves_no_usable_demo_account():
    call_command("load_demo_data", verbosity=0)
    call_command("remove_demo_data", verbosity=0)
    assert not User.objects.filter(is_demo=True).exists()
    for user in User.objects.filter(email__startswith="removed-demo-"):
        assert not user.is_active
        assert not user.has_usable_password()
        assert not Authenticator.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_create_system_administrator_prints_a_working_invitation(capsys):
    call_command("create_system_administrator", email="First.Admin@Example.com", given_name="Ada", family_name="Shaw")
    link = capsys.readouterr().out.strip().split(": ", 1)[1]
    admin = User.objects.get(email="first.admin@example.com")
    assert admin.roles == [Role.SYSTEM_ADMINISTRATOR]
    assert admin.organisation.touchpoint_id == "0000000999"
    from django.test import Client

    assert b"Create your password" in Client().get(link.removeprefix("http://127.0.0.1:8000")).content
