"""Reference codes of skills action plans and outcomes (domain.md §5).

Stored values are the national data-sharing standard's numeric codes. Where the standard has no
list (how an outcome's evidence was checked) the codes are ours, marked as such.
"""

from django.db import models


class DeliveryMethod(models.IntegerChoices):
    PAPER = 1, "Paper"
    EMAIL = 2, "Email"
    DIGITAL = 3, "Digital"
    OTHER = 99, "Other"


class GoalType(models.IntegerChoices):
    SKILLS = 1, "Skills"
    WORK = 2, "Work"
    LEARNING = 3, "Learning"
    OTHER = 99, "Other"


class GoalStatus(models.IntegerChoices):
    IN_PROGRESS = 1, "In progress"
    ACHIEVED = 2, "Achieved"
    NO_LONGER_RELEVANT = 99, "No longer relevant"


class ActionType(models.IntegerChoices):
    SKILLS_HEALTH_CHECK = 1, "Skills health check"
    CREATE_OR_UPDATE_CV = 2, "Create or update CV"
    INTERVIEW_SKILLS_WORKSHOP = 3, "Interview skills workshop"
    SEARCH_FOR_VACANCY = 4, "Search for vacancy"
    ENROL_ON_A_COURSE = 5, "Enrol on a course"
    CAREERS_MANAGEMENT_WORKSHOP = 6, "Careers management workshop"
    APPLY_FOR_APPRENTICESHIP = 7, "Apply for apprenticeship"
    APPLY_FOR_TRAINEESHIP = 8, "Apply for traineeship"
    ATTEND_SKILLS_FAIR = 9, "Attend skills fair"
    VOLUNTEER = 10, "Volunteer"
    USE_THE_SERVICE_WEBSITE = 11, "Use the service's website"
    USE_EXTERNAL_DIGITAL_SERVICES = 12, "Use external digital services"
    BOOK_FOLLOW_UP_APPOINTMENT = 13, "Book follow-up appointment"
    USE_SOCIAL_MEDIA = 14, "Use social media"
    DISCOVER_YOUR_SKILLS_AND_CAREERS = 15, "Discover your skills and careers"
    FIND_A_COURSE = 16, "Find a course"
    OTHER = 99, "Other"


class PersonResponsible(models.IntegerChoices):
    CUSTOMER = 1, "Customer"
    ADVISER = 2, "Adviser"


class ActionStatus(models.IntegerChoices):
    NOT_STARTED = 1, "Not started"
    IN_PROGRESS = 2, "In progress"
    COMPLETED = 3, "Completed"
    NO_LONGER_APPLICABLE = 99, "No longer applicable"


class OutcomeType(models.IntegerChoices):
    CUSTOMER_SATISFACTION = 1, "Customer satisfaction"
    CAREER_MANAGEMENT = 2, "Career management"
    SUSTAINABLE_EMPLOYMENT = 3, "Sustainable employment"
    ACCREDITED_LEARNING = 4, "Accredited learning"
    CAREER_PROGRESSION = 5, "Career progression"


class VerificationStatus(models.IntegerChoices):
    """Ours: where a claim stands with the contract manager's checks."""

    AWAITING = 1, "Awaiting verification"
    VERIFIED = 2, "Verified"
    NOT_VERIFIED = 3, "Not verified"


class EvidenceScan(models.TextChoices):
    """Ours: what the antivirus scanner said about an evidence file (downloadable only when clean)."""

    PENDING = "pending", "Waiting for the virus check"
    CLEAN = "clean", "No virus found"
    INFECTED = "infected", "A virus was found"
    FAILED = "failed", "The virus check could not run"
