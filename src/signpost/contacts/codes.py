"""Reference codes of contacts (domain.md §4).

Channel and type hold the national data-sharing standard's numeric codes. Reason for contact,
service level and age band have no national list: the codes are ours, marked as such.
"""

from django.db import models


class Channel(models.IntegerChoices):
    FACE_TO_FACE = 1, "Face to face"
    TELEPHONE = 2, "Telephone"
    WEBCHAT = 3, "Web chat"
    VIDEOCHAT = 4, "Video chat"
    EMAIL = 5, "Email"
    SOCIAL_MEDIA = 6, "Social media"
    SMS = 7, "Text message"
    POST = 8, "Post"
    CO_BROWSE = 9, "Co-browse"
    MESSAGING_APP = 10, "Messaging app"
    OTHER = 99, "Other"


# Written conversations, where the words themselves are the record: only these keep a transcript
# (domain.md §4 names chat, SMS and email; social media and messaging apps are chat by another name).
TRANSCRIPT_CHANNELS = frozenset(
    {Channel.WEBCHAT, Channel.EMAIL, Channel.SMS, Channel.SOCIAL_MEDIA, Channel.MESSAGING_APP}
)


class InteractionType(models.IntegerChoices):
    TRANSFER_TO_TOUCHPOINT = 1, "Transfer to touchpoint"
    WEBCHAT = 2, "Web chat"
    BOOK_AN_APPOINTMENT = 3, "Book an appointment"
    CREATION_OF_ACTION_PLAN = 4, "Creation of action plan"
    TELEPHONE_CALL = 5, "Telephone call"
    REQUEST_TO_BE_CONTACTED = 6, "Request to be contacted"
    REQUEST_FOR_TECHNICAL_HELP = 7, "Request for technical help"
    PROVIDES_FEEDBACK = 8, "Provides feedback"
    COMPLAINT = 9, "Complaint"
    VOICE_OF_CUSTOMER_SURVEY = 10, "Voice of customer survey"
    CALL_BACK_SUCCESSFUL = 11, "Call back successful"
    CALL_BACK_UNSUCCESSFUL = 12, "Call back unsuccessful"
    OTHER = 99, "Other"


class ReasonForContact(models.IntegerChoices):
    """Ours: the seven reasons of domain.md §4, in its order."""

    DEVELOP_MY_CAREER = 1, "Develop my career"
    IMPROVE_MY_SKILLS = 2, "Improve my skills"
    JOB_READINESS = 3, "Job readiness"
    FUNDING_AND_ELIGIBILITY = 4, "Funding and eligibility"
    SUPPORT_WITH_BARRIERS = 5, "Support with barriers"
    GENERAL_INFORMATION = 6, "General information"
    OTHER = 99, "Other"


class ServiceLevel(models.IntegerChoices):
    """Ours."""

    INFORMATION = 1, "Information"
    ADVICE = 2, "Advice"


class AgeBand(models.IntegerChoices):
    """Ours, for anonymous enquiries: bands that match the youth service (13-18), the 18-24
    priority group and the 50+ priority group."""

    AGED_13_TO_15 = 1, "13 to 15"
    AGED_16_TO_17 = 2, "16 to 17"
    AGED_18_TO_24 = 3, "18 to 24"
    AGED_25_TO_49 = 4, "25 to 49"
    AGED_50_TO_64 = 5, "50 to 64"
    AGED_65_PLUS = 6, "65 or over"
    NOT_KNOWN = 99, "Not known"


class ServiceImprovementOutcome(models.IntegerChoices):
    """Ours: what happened when the service-improvement questions were offered."""

    ANSWERED = 1, "Answered"
    ASK_LATER = 2, "Ask later"
