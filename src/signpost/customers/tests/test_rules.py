"""Every rule of the customer record with the edge cases named in the issue."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from signpost.customers import codes, rules
from signpost.customers.models import ContactDetails, EmploymentStatus, LearningStatus
from tests.factories import CustomerFactory

TODAY = datetime.date(2026, 11, 23)


def years_before(day: datetime.date, years: int) -> datetime.date:
    return day.replace(year=day.year - years)


def error_code(excinfo: pytest.ExceptionInfo[ValidationError]) -> str | None:
    return excinfo.value.code


# Age and date of birth ------------------------------------------------------------------------


def test_thirteenth_birthday_today_is_old_enough():
    rules.validate_date_of_birth(years_before(TODAY, 13), today=TODAY)


def test_a_day_short_of_thirteen_is_too_young():
    with pytest.raises(ValidationError, match="at least 13") as excinfo:
        rules.validate_date_of_birth(years_before(TODAY, 13) + datetime.timedelta(days=1), today=TODAY)
    assert error_code(excinfo) == "too_young"


def test_date_of_birth_in_the_future_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        rules.validate_date_of_birth(TODAY + datetime.timedelta(days=1), today=TODAY)
    assert error_code(excinfo) == "future"


def test_born_on_29_february_turns_thirteen_on_1_march():
    born = datetime.date(2012, 2, 29)
    assert rules.age_on(born, datetime.date(2025, 2, 28)) == 12
    assert rules.age_on(born, datetime.date(2025, 3, 1)) == 13


def test_date_of_birth_defaults_to_today_in_london():
    rules.validate_date_of_birth(years_before(timezone.localdate(), 30))


# Unique learner number ------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["1000000000", "9999999999", "12345 67890"])
def test_unique_learner_number_accepted(typed):
    assert rules.validate_unique_learner_number(typed) == typed.replace(" ", "")


@pytest.mark.parametrize("typed", ["0999999999", "999999999", "10000000000", "12345678AB", ""])
def test_unique_learner_number_refused(typed):
    with pytest.raises(ValidationError, match="10 digits"):
        rules.validate_unique_learner_number(typed)


# Postcodes ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_lower_case_postcode_without_a_space_is_normalised_and_placed():
    location = rules.validate_postcode("sw1a1aa")
    assert location.postcode == "SW1A 1AA"
    assert location.latitude == pytest.approx(51.501, abs=0.001)


def test_girobank_postcode_is_accepted():
    assert rules.validate_postcode("GIR 0AA").postcode == "GIR 0AA"


def test_zz99_is_refused_as_not_a_real_postcode():
    with pytest.raises(ValidationError, match="real postcode") as excinfo:
        rules.validate_postcode("ZZ99 9ZZ")
    assert error_code(excinfo) == "unknown_postcode"


@pytest.mark.parametrize("typed", ["SW1A", "not a postcode", ""])
def test_text_not_shaped_like_a_postcode_is_refused(typed):
    with pytest.raises(ValidationError, match="full UK postcode"):
        rules.validate_postcode(typed)


# Phone numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "e164", "extension", "national"),
    [
        ("020 7946 0000", "+442079460000", "", "020 7946 0000"),
        ("(020) 7946 0000", "+442079460000", "", "020 7946 0000"),
        ("+44 (0)20 7946 0000", "+442079460000", "", "020 7946 0000"),
        ("+44 20 7946 0000", "+442079460000", "", "020 7946 0000"),
        ("0044 20 7946 0000", "+442079460000", "", "020 7946 0000"),
        ("0114-496-0000 ext. 123", "+441144960000", "123", "0114 496 0000 ext. 123"),
        ("(01632) 960001 x12", "+441632960001", "12", "01632 960001 ext. 12"),
        ("016977 4567", "+44169774567", "", "01697 74567"),
        ("0300 123 4567", "+443001234567", "", "0300 123 4567"),
        ("07700 900123", "+447700900123", "", "07700 900123"),
    ],
)
def test_uk_phone_numbers_in_common_formats(typed, e164, extension, national):
    number = rules.parse_phone(typed)
    assert (number.e164, number.extension, number.national) == (e164, extension, national)


@pytest.mark.parametrize("typed", ["+44 7700 900123", "+447700900123", "(07700) 900 123", "07624 123456"])
def test_uk_mobiles_accepted(typed):
    assert rules.parse_phone(typed, mobile=True).e164.startswith("+447")


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("+33 1 23 45 67 89", "not_uk"),
        ("12345", "invalid_phone"),
        ("020 7946 000", "invalid_phone"),
        ("09001 234567", "invalid_phone"),
        ("020 7946 0000 call after 6", "invalid_phone"),
        ("", "invalid_phone"),
    ],
)
def test_phone_numbers_refused(typed, code):
    with pytest.raises(ValidationError) as excinfo:
        rules.parse_phone(typed)
    assert error_code(excinfo) == code


@pytest.mark.parametrize("typed", ["020 7946 0000", "07000 123456", "07600 123456", "07700 900123 ext 1"])
def test_numbers_that_are_not_uk_mobiles(typed):
    with pytest.raises(ValidationError, match="UK mobile"):
        rules.parse_phone(typed, mobile=True)


@given(
    prefix=st.sampled_from(["020", "0114", "01632", "07700", "0300", "0800", "0161"]),
    digits=st.text("0123456789", min_size=8, max_size=8),
    international=st.booleans(),
)
def test_a_number_shown_in_national_format_reads_back_the_same(prefix, digits, international):
    national = (prefix + digits)[:11]
    typed = "+44 " + national[1:] if international else national
    number = rules.parse_phone(typed)
    assert rules.parse_phone(number.national) == number
    assert rules.parse_phone(number.e164) == number


# Email ----------------------------------------------------------------------------------------


def test_email_is_normalised_and_checked():
    assert rules.normalise_email("  Ada@Example.COM ") == "ada@example.com"
    with pytest.raises(ValidationError, match="right format"):
        rules.normalise_email("ada at example")


@pytest.mark.django_db
def test_email_of_a_live_customer_cannot_be_reused():
    ContactDetails.objects.create(customer=CustomerFactory(), email="ada@example.com")
    with pytest.raises(ValidationError, match="already has this email") as excinfo:
        rules.validate_email_available("ada@example.com", customer=CustomerFactory())
    assert error_code(excinfo) == "email_taken"


@pytest.mark.django_db
def test_email_of_a_terminated_customer_can_be_reused():
    ContactDetails.objects.create(
        customer=CustomerFactory(terminated_at=timezone.now(), termination_reason=codes.TerminationReason.DUPLICATE),
        email="ada@example.com",
    )
    rules.validate_email_available("ada@example.com", customer=CustomerFactory())


@pytest.mark.django_db
def test_a_customer_keeps_their_own_email():
    customer = CustomerFactory()
    ContactDetails.objects.create(customer=customer, email="ada@example.com")
    rules.validate_email_available("ada@example.com", customer=customer)


# Preferred contact method ---------------------------------------------------------------------


NOTHING = {"email": "", "mobile": "", "home_phone": "", "alternative_phone": "", "has_current_address": False}


@pytest.mark.parametrize(
    ("method", "needs", "given"),
    [
        (codes.ContactMethod.EMAIL, "an email address", {"email": "a@example.com"}),
        (codes.ContactMethod.MOBILE, "a mobile number", {"mobile": "+447700900123"}),
        (codes.ContactMethod.SMS, "a mobile number", {"mobile": "+447700900123"}),
        (codes.ContactMethod.WHATSAPP, "a mobile number", {"mobile": "+447700900123"}),
        (codes.ContactMethod.TELEPHONE, "a phone number", {"home_phone": "+442079460000"}),
        (codes.ContactMethod.POST, "a current address", {"has_current_address": True}),
    ],
)
def test_preferred_contact_method_needs_its_field(method, needs, given):
    with pytest.raises(ValidationError, match=f"Enter {needs}"):
        rules.validate_preferred_contact_method(method, **NOTHING)
    rules.validate_preferred_contact_method(method, **{**NOTHING, **given})


def test_not_known_needs_nothing():
    rules.validate_preferred_contact_method(codes.ContactMethod.NOT_KNOWN, **NOTHING)


# Diversity ------------------------------------------------------------------------------------

NOT_PROVIDED = {
    "health_consent": False,
    "disability_declaration": codes.DisabilityDeclaration.NOT_PROVIDED,
    "primary_disability": codes.DisabilityType.NOT_PROVIDED,
    "secondary_disability": codes.DisabilityType.NOT_PROVIDED,
    "ethnicity_consent": False,
    "ethnicity": codes.Ethnicity.NOT_PROVIDED,
}


def test_without_consent_everything_not_provided_is_fine():
    rules.validate_diversity(**NOT_PROVIDED)


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"disability_declaration": 1}, "no_health_consent"),
        ({"primary_disability": codes.DisabilityType.AUTISM_SPECTRUM}, "no_health_consent"),
        ({"ethnicity": codes.Ethnicity.ARAB}, "no_ethnicity_consent"),
        ({"health_consent": True, "disability_declaration": 2, "primary_disability": 4}, "no_declaration"),
        ({"health_consent": True, "disability_declaration": 1, "secondary_disability": 4}, "secondary_without_primary"),
        (
            {"health_consent": True, "disability_declaration": 1, "primary_disability": 4, "secondary_disability": 4},
            "secondary_same",
        ),
    ],
)
def test_diversity_refused(values, code):
    with pytest.raises(ValidationError) as excinfo:
        rules.validate_diversity(**{**NOT_PROVIDED, **values})
    assert error_code(excinfo) == code


def test_diversity_with_consent():
    rules.validate_diversity(
        health_consent=True,
        disability_declaration=codes.DisabilityDeclaration.HAS_DIFFICULTY_OR_DISABILITY,
        primary_disability=codes.DisabilityType.VISUAL_IMPAIRMENT,
        secondary_disability=codes.DisabilityType.AUTISM_SPECTRUM,
        ethnicity_consent=True,
        ethnicity=codes.Ethnicity.WHITE_BRITISH,
    )


# Priority groups ------------------------------------------------------------------------------


@pytest.mark.parametrize("groups", [[98], [99], [2, 3], [3, 2, 3], [1, 4, 5], [6, 2]])
def test_priority_groups_accepted(groups):
    assert rules.validate_priority_groups(groups) == sorted(set(groups))


@pytest.mark.parametrize(
    ("groups", "code"),
    [
        ([], "none"),
        ([98, 3], "stand_alone"),
        ([99, 1], "stand_alone"),
        ([98, 99], "stand_alone"),
        ([1, 6], "age_groups"),
    ],
)
def test_priority_groups_refused(groups, code):
    with pytest.raises(ValidationError) as excinfo:
        rules.validate_priority_groups(groups)
    assert error_code(excinfo) == code


def test_unknown_priority_group_code_is_refused():
    with pytest.raises(ValueError, match="7"):
        rules.validate_priority_groups([7])


def employment(customer, status, on, **fields):
    return EmploymentStatus.objects.create(customer=customer, status=status, recorded_on=on, **fields)


def learning(customer, status, on, **fields):
    return LearningStatus.objects.create(customer=customer, status=status, recorded_on=on, **fields)


@pytest.mark.django_db
class TestSuggestPriorityGroups:
    def test_nothing_known_suggests_not_known(self):
        assert rules.suggest_priority_groups(CustomerFactory(date_of_birth=None), TODAY) == [98]

    def test_employed_adult_with_level_3_is_not_a_priority(self):
        customer = CustomerFactory(date_of_birth=years_before(TODAY, 30))
        employment(customer, codes.EmploymentStatusCode.EMPLOYED, TODAY)
        learning(customer, codes.LearningStatusCode.NOT_IN_LEARNING, TODAY, highest_qualification=3)
        assert rules.suggest_priority_groups(customer, TODAY) == [99]

    def test_neet_aged_18_to_24(self):
        customer = CustomerFactory(date_of_birth=years_before(TODAY, 20))
        employment(customer, codes.EmploymentStatusCode.UNEMPLOYED, TODAY)
        learning(customer, codes.LearningStatusCode.NOT_IN_LEARNING, TODAY, highest_qualification=3)
        assert rules.suggest_priority_groups(customer, TODAY) == [1]

    def test_in_learning_is_not_neet(self):
        customer = CustomerFactory(date_of_birth=years_before(TODAY, 20))
        employment(customer, codes.EmploymentStatusCode.UNEMPLOYED, TODAY)
        learning(customer, codes.LearningStatusCode.IN_LEARNING, TODAY, highest_qualification=3)
        assert rules.suggest_priority_groups(customer, TODAY) == [99]

    def test_below_full_level_2(self):
        customer = CustomerFactory(date_of_birth=years_before(TODAY, 35))
        employment(customer, codes.EmploymentStatusCode.EMPLOYED, TODAY)
        learning(customer, codes.LearningStatusCode.NOT_IN_LEARNING, TODAY, highest_qualification=1)
        assert rules.suggest_priority_groups(customer, TODAY) == [2]

    def test_unemployed_throughout_the_last_12_months_from_the_history(self):
        customer = CustomerFactory(date_of_birth=years_before(TODAY, 35))
        employment(customer, codes.EmploymentStatusCode.EMPLOYED, TODAY - datetime.timedelta(days=800))
        employment(
            customer, codes.EmploymentStatusCode.UNEMPLOYED_DUE_TO_REDUNDANCY, TODAY - datetime.timedelta(days=400)
        )
        employment(customer, codes.EmploymentStatusCode.UNEMPLOYED, TODAY - datetime.timedelta(days=30))
        assert rules.suggest_priority_groups(customer, TODAY) == [3]

    def test_unemployed_for_less_than_12_months(self):
        customer = CustomerFactory(date_of_birth=years_before(TODAY, 35))
        employment(customer, codes.EmploymentStatusCode.EMPLOYED, TODAY - datetime.timedelta(days=400))
        employment(customer, codes.EmploymentStatusCode.UNEMPLOYED, TODAY - datetime.timedelta(days=200))
        assert rules.suggest_priority_groups(customer, TODAY) == [99]

    def test_unemployed_with_a_band_of_12_months_or_more(self):
        customer = CustomerFactory(date_of_birth=years_before(TODAY, 35))
        employment(customer, codes.EmploymentStatusCode.UNEMPLOYED, TODAY, unemployment_length=4)
        assert rules.suggest_priority_groups(customer, TODAY) == [3]

    def test_aged_50_and_at_risk_of_redundancy(self):
        customer = CustomerFactory(date_of_birth=years_before(TODAY, 50))
        employment(customer, codes.EmploymentStatusCode.EMPLOYED_AT_RISK_OF_REDUNDANCY, TODAY)
        assert rules.suggest_priority_groups(customer, TODAY) == [6]

    def test_aged_50_long_term_unemployed_without_level_2(self):
        customer = CustomerFactory(date_of_birth=years_before(TODAY, 58))
        employment(customer, codes.EmploymentStatusCode.UNEMPLOYED, TODAY, unemployment_length=6)
        learning(customer, codes.LearningStatusCode.NOT_IN_LEARNING, TODAY, highest_qualification=99)
        assert rules.suggest_priority_groups(customer, TODAY) == [2, 3, 6]

    def test_only_history_up_to_the_date_counts(self):
        customer = CustomerFactory(date_of_birth=years_before(TODAY, 50))
        employment(customer, codes.EmploymentStatusCode.EMPLOYED, TODAY - datetime.timedelta(days=10))
        employment(customer, codes.EmploymentStatusCode.EMPLOYED_AT_RISK_OF_REDUNDANCY, TODAY)
        assert rules.suggest_priority_groups(customer, TODAY - datetime.timedelta(days=1)) == [99]

    def test_suggestions_always_pass_the_priority_group_rules(self):
        customer = CustomerFactory(date_of_birth=years_before(TODAY, 24))
        employment(customer, codes.EmploymentStatusCode.UNEMPLOYED, TODAY, unemployment_length=5)
        learning(customer, codes.LearningStatusCode.NOT_IN_LEARNING, TODAY, highest_qualification=0)
        suggested = rules.suggest_priority_groups(customer, TODAY)
        assert suggested == [1, 2, 3]
        assert rules.validate_priority_groups(suggested) == suggested


# Memorable word and read-only records ---------------------------------------------------------


def test_memorable_word_is_normalised():
    assert rules.normalise_memorable_word(" Blue Bell 7 ") == "bluebell7"


@pytest.mark.parametrize("word", ["short", "a" * 21, "café-au-lait"])
def test_memorable_word_refused(word):
    with pytest.raises(ValidationError, match="6 to 20"):
        rules.normalise_memorable_word(word)


@pytest.mark.django_db
def test_terminated_record_is_not_writable():
    customer = CustomerFactory(terminated_at=timezone.now(), termination_reason=codes.TerminationReason.DECEASED)
    with pytest.raises(rules.CustomerTerminated, match="terminated"):
        rules.ensure_writable(customer)
    rules.ensure_writable(CustomerFactory())
