"""Reference codes of the partner directory and of referrals (domain.md §4).

The national data-sharing standard has no lists for these, so every code here is ours; the
categories keep domain.md's order so the numbers are easy to read back.
"""

from django.db import models


class PartnerCategory(models.IntegerChoices):
    """What kind of organisation a partner is, or what it helps with (a partner may have several)."""

    CHARITY = 1, "Charity"
    TRAINING_PROVIDER = 2, "Training provider"
    APPRENTICESHIPS = 3, "Apprenticeships"
    SPECIALIST_ORGANISATION = 4, "Specialist organisation"
    JOBCENTRE_PLUS = 5, "Jobcentre Plus"
    EMPLOYER = 6, "Employer"
    FURTHER_EDUCATION = 7, "Further education"
    HIGHER_EDUCATION = 8, "Higher education"
    COMMUNITY_CENTRE = 9, "Community centre"
    CITIZENS_ADVICE = 10, "Citizens Advice"
    DEBT = 11, "Debt"
    HOUSING = 12, "Housing"
    CHILDCARE = 13, "Childcare"
    LEGAL = 14, "Legal"
    HEALTH = 15, "Health"


class ReferralKind(models.IntegerChoices):
    """A signpost gives the customer the information to make contact themselves; a referral means
    we contact the partner on their behalf (so we share their details, with their consent)."""

    SIGNPOST = 1, "Signpost"
    REFERRAL = 2, "Referral"


class OtherChannel(models.IntegerChoices):
    """Another part of this service the customer is pointed to instead of a partner."""

    WEB = 1, "Web: the service's website"
    CONTACT_CENTRE = 2, "Contact centre: the national helpline"
    FACE_TO_FACE = 3, "Face to face: an adviser in their area"


class ReferralStatus(models.IntegerChoices):
    MADE = 1, "Made"
    ACCEPTED = 2, "Accepted"
    COMPLETED = 3, "Completed"
    DECLINED = 4, "Declined"
    WITHDRAWN = 5, "Withdrawn"


# Statuses after which nothing more happens to a referral.
CLOSED_STATUSES = frozenset({ReferralStatus.COMPLETED, ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN})
# Statuses that need a reason, so whoever reads the record later knows why it stopped.
STATUSES_NEEDING_REASON = frozenset({ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN})

# The MOJ/GOV.UK tag colour each status is shown in.
STATUS_COLOURS = {
    ReferralStatus.MADE: "blue",
    ReferralStatus.ACCEPTED: "turquoise",
    ReferralStatus.COMPLETED: "green",
    ReferralStatus.DECLINED: "orange",
    ReferralStatus.WITHDRAWN: "grey",
}
