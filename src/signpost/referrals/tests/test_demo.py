"""The demo partner directory and demo referrals (load_demo_partners)."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from signpost.accounts.demo import demo_staff_email
from signpost.accounts.models import User
from signpost.accounts.roles import Role
from signpost.organisations.models import Area, Organisation
from signpost.referrals import codes
from signpost.referrals.demo import DEMO_DIRECTORY, INACTIVE_DEMO_PARTNER
from signpost.referrals.models import Partner, PartnerArea, PartnerCategoryLink, Referral
from signpost.referrals.tests.builders import live_in
from tests.factories import CustomerFactory, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_staff(national: Organisation, london: Organisation) -> None:
    make_staff(
        Role.SYSTEM_ADMINISTRATOR,
        organisation=national,
        mfa=False,
        email=demo_staff_email("system_administrator", "national"),
    )
    make_staff(Role.ADVISER, organisation=london, mfa=False, email=demo_staff_email("adviser", "london"))


def test_every_area_has_several_partners_of_several_kinds_and_loading_twice_adds_nothing(demo_staff):
    for area in (Area.LONDON, Area.NORTH_EAST, Area.SOUTH_WEST):
        for _ in range(2):
            live_in(CustomerFactory(), area=area)
    call_command("load_demo_partners", verbosity=0)
    partners = Partner.objects.count()
    referrals = Referral.objects.count()
    call_command("load_demo_partners", verbosity=0)
    assert (Partner.objects.count(), Referral.objects.count()) == (partners, referrals)
    assert partners == sum(len(area.partners) for area in DEMO_DIRECTORY) + 1
    for area in Area:
        local = Partner.objects.filter(area_links__area=area, is_active=True)
        assert local.count() >= 4, area
        assert PartnerCategoryLink.objects.filter(partner__in=local).values("category").distinct().count() >= 4, area
    assert Partner.objects.filter(serves_all_england=True).count() >= 4
    assert not Partner.objects.get(name=INACTIVE_DEMO_PARTNER).is_active
    assert not PartnerArea.objects.filter(partner__serves_all_england=True).exists()
    statuses = set(Referral.objects.values_list("status", flat=True))
    assert statuses == set(codes.ReferralStatus.values)
    assert Referral.objects.filter(warm_transfer=True, follow_up_task__isnull=False).exists()
    assert User.objects.get(email=demo_staff_email("adviser", "london")).pk in set(
        Referral.objects.values_list("made_by", flat=True)
    )


def test_demo_partners_are_refused_outside_demo_mode(settings, demo_staff):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="SIGNPOST_DEMO"):
        call_command("load_demo_partners", verbosity=0)
    assert not Partner.objects.exists()


def test_demo_partners_need_the_demo_staff(db):
    with pytest.raises(CommandError, match="load_demo_data"):
        call_command("load_demo_partners", verbosity=0)
