"""Production start-up refuses to run while demo accounts exist."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from signpost.core.startup import refuse_demo_accounts_in_production
from tests.factories import make_customer

pytestmark = pytest.mark.django_db


def test_production_with_a_demo_account_is_refused(settings):
    settings.ENVIRONMENT = "production"
    make_customer()
    make_customer(is_demo=True)
    with pytest.raises(ImproperlyConfigured, match="demo accounts exist"):
        refuse_demo_accounts_in_production()


def test_production_without_demo_accounts_starts(settings):
    settings.ENVIRONMENT = "production"
    make_customer()
    assert refuse_demo_accounts_in_production() is None


@pytest.mark.parametrize("environment", ["development", "test"])
def test_demo_accounts_are_allowed_outside_production(settings, environment):
    settings.ENVIRONMENT = environment
    make_customer(is_demo=True)
    assert refuse_demo_accounts_in_production() is None
