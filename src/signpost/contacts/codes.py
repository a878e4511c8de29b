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


# Advice sessions (domain.md §4) ----------------------------------------------------------------

# A session happens face to face or by telephone: the national channel codes, restricted.
SESSION_CHANNELS = (Channel.FACE_TO_FACE, Channel.TELEPHONE)


class SessionFormat(models.IntegerChoices):
    """Ours."""

    INDIVIDUAL = 1, "Individual"
    GROUP = 2, "Group"


class SessionStatus(models.IntegerChoices):
    """A customer's place in a session. The order of domain.md §4; the codes are ours."""

    BOOKED = 1, "Booked"
    ATTENDED = 2, "Attended"
    DID_NOT_ATTEND = 3, "Did not attend"
    CANCELLED = 4, "Cancelled"
    RESCHEDULED = 5, "Rescheduled"


# Places that are still to happen, and places that have ended one way or another.
OPEN_SESSION_STATUSES = frozenset({SessionStatus.BOOKED})
CLOSED_SESSION_STATUSES = frozenset(set(SessionStatus) - OPEN_SESSION_STATUSES)


class NonAttendanceReason(models.IntegerChoices):
    """Reason for non-attendance: the national codes."""

    FORGOT = 1, "Forgot"
    NO_LONGER_NEEDED = 2, "No longer needed"
    WORK_RELATED = 3, "Work related"
    PERSONAL_SITUATION = 4, "Personal situation"
    RESCHEDULED = 5, "Rescheduled"
    NOT_KNOWN = 99, "Not known"


class SessionFunding(models.IntegerChoices):
    """Ours."""

    FUNDED = 1, "Funded (free to the customer)"
    FEE_PAYING = 2, "Fee-paying"


class EligibilityCircumstance(models.IntegerChoices):
    """Ours: what the adviser confirmed about the customer when booking, because an 18-year-old is
    eligible for a free face-to-face session only as a Jobcentre Plus customer or in custody
    (domain.md §6). Asked at each booking (it changes), kept with the booking as the evidence."""

    NONE = 0, "Neither"
    JOBCENTRE_PLUS = 1, "Jobcentre Plus customer"
    IN_CUSTODY = 2, "In custody"


class EligibilityBasis(models.IntegerChoices):
    """Ours: why a funded face-to-face place was free, or why the customer pays."""

    FIRST_FREE_SESSION = 1, "First free session"
    PRIORITY_GROUP = 2, "Further free session (priority group)"
    FEE_PAYING = 3, "Fee-paying"
    NOT_CHECKED = 4, "Not checked (telephone session)"


class BookingSource(models.IntegerChoices):
    """Ours: who made the booking, so self-service booking fits beside adviser booking."""

    ADVISER = 1, "Adviser"
    SELF_SERVICE = 2, "Customer online"
