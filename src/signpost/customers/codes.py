"""Reference codes of the customer record (domain.md §3).

Stored values are the national data-sharing standard's numeric codes, so records can be exchanged
without translation. Where the standard has no list (customer type, lawful basis) the codes are
ours, marked as such.
"""

from django.db import models


class Title(models.IntegerChoices):
    MR = 1, "Mr"
    MRS = 2, "Mrs"
    MISS = 3, "Miss"
    DR = 4, "Dr"
    OTHER = 5, "Other"
    MS = 6, "Ms"
    NOT_PROVIDED = 99, "Not provided"


class Gender(models.IntegerChoices):
    FEMALE = 1, "Female"
    MALE = 2, "Male"
    NOT_APPLICABLE = 3, "Not applicable"
    ANOTHER_GENDER = 4, "Another gender"
    PREFER_NOT_TO_SAY = 5, "Prefer not to say"
    NOT_PROVIDED = 99, "Not provided"


class CustomerType(models.IntegerChoices):
    """Ours: the standard has no list. Many callers to the youth service act for someone else."""

    ADULT = 1, "Adult"
    YOUNG_PERSON = 2, "Young person"
    PARENT_OR_GUARDIAN = 3, "Parent or guardian"
    TEACHER_OR_PROFESSIONAL = 4, "Teacher or professional"
    EMPLOYER = 5, "Employer"
    OTHER = 99, "Other"


class IntroducedBy(models.IntegerChoices):
    ADVANCED_LEARNER_LOANS = 1, "Advanced Learner Loans"
    APPRENTICESHIP_SERVICE = 2, "Apprenticeship service"
    CAREERS_FAIR_OR_ACTIVITY = 3, "Careers fair or activity"
    CHARITY = 4, "Charity"
    CITIZENS_ADVICE = 5, "Citizens Advice"
    COLLEGE_OR_SIXTH_FORM = 6, "College or sixth form"
    COMMUNITY_CENTRE_OR_LIBRARY = 7, "Community centre or library"
    EMPLOYER = 8, "Employer"
    FACEBOOK = 9, "Facebook"
    JOBCENTRE_PLUS = 10, "Jobcentre Plus"
    LOCAL_ENTERPRISE_PARTNERSHIP = 11, "Local enterprise partnership"
    NATIONAL_CAREERS_SERVICE_WEBSITE = 12, "National Careers Service website"
    NEWSPAPER_OR_MAGAZINE = 13, "Newspaper or magazine"
    BILLBOARD_OR_TRANSPORT_ADVERT = 14, "Billboard or public transport advert"
    PROFESSIONAL_BODY = 15, "Professional body or organisation"
    RADIO = 16, "Radio"
    SCHOOL = 17, "School"
    TRAINING_PROVIDER = 18, "Training provider"
    TV = 19, "TV"
    TWITTER = 20, "Twitter"
    UNIVERSITY_SCHOOL_COLLEGE_OR_PROVIDER = 21, "University, school, college or training provider"
    UNIVERSITY = 22, "University"
    WORD_OF_MOUTH = 23, "Word of mouth"
    WORLDSKILLS_UK_LIVE = 24, "WorldSkills UK Live"
    OTHER = 98, "Other"
    NOT_PROVIDED = 99, "Not provided"


class ContactMethod(models.IntegerChoices):
    EMAIL = 1, "Email"
    MOBILE = 2, "Mobile"
    TELEPHONE = 3, "Telephone"
    SMS = 4, "Text message"
    POST = 5, "Post"
    WHATSAPP = 6, "WhatsApp"
    NOT_KNOWN = 99, "Not known"


class DisabilityDeclaration(models.IntegerChoices):
    HAS_DIFFICULTY_OR_DISABILITY = 1, "Has a learning difficulty, disability or health problem"
    NO_DIFFICULTY_OR_DISABILITY = 2, "Does not have a learning difficulty, disability or health problem"
    NOT_PROVIDED = 9, "Not provided"


class DisabilityType(models.IntegerChoices):
    """One list for the primary and the secondary type, as in the standard."""

    VISUAL_IMPAIRMENT = 4, "Visual impairment"
    HEARING_IMPAIRMENT = 5, "Hearing impairment"
    MOBILITY = 6, "Disability affecting mobility"
    PROFOUND_COMPLEX = 7, "Profound complex disabilities"
    SOCIAL_AND_EMOTIONAL = 8, "Social and emotional difficulties"
    MENTAL_HEALTH = 9, "Mental health difficulty"
    MODERATE_LEARNING_DIFFICULTY = 10, "Moderate learning difficulty"
    SEVERE_LEARNING_DIFFICULTY = 11, "Severe learning difficulty"
    DYSLEXIA = 12, "Dyslexia"
    DYSCALCULIA = 13, "Dyscalculia"
    AUTISM_SPECTRUM = 14, "Autism spectrum condition"
    ASPERGERS = 15, "Asperger's syndrome"
    TEMPORARY_AFTER_ILLNESS_OR_ACCIDENT = 16, "Temporary disability after illness or accident"
    SPEECH_LANGUAGE_COMMUNICATION = 17, "Speech, language and communication needs"
    OTHER_PHYSICAL = 93, "Other physical disability"
    OTHER_SPECIFIC_LEARNING_DIFFICULTY = 94, "Other specific learning difficulty (for example dyspraxia)"
    OTHER_MEDICAL_CONDITION = 95, "Other medical condition (for example epilepsy, asthma, diabetes)"
    OTHER_LEARNING_DIFFICULTY = 96, "Other learning difficulty"
    OTHER_DISABILITY = 97, "Other disability"
    PREFER_NOT_TO_SAY = 98, "Prefer not to say"
    NOT_PROVIDED = 99, "Not provided"


class Ethnicity(models.IntegerChoices):
    """ONS 2011 groups as the national standard codes them (47 Arab; 98 any other ethnic group)."""

    WHITE_BRITISH = 31, "White: English, Welsh, Scottish, Northern Irish or British"
    WHITE_IRISH = 32, "White: Irish"
    WHITE_GYPSY_OR_IRISH_TRAVELLER = 33, "White: Gypsy or Irish Traveller"
    WHITE_OTHER = 34, "White: any other White background"
    MIXED_WHITE_BLACK_CARIBBEAN = 35, "Mixed: White and Black Caribbean"
    MIXED_WHITE_BLACK_AFRICAN = 36, "Mixed: White and Black African"
    MIXED_WHITE_ASIAN = 37, "Mixed: White and Asian"
    MIXED_OTHER = 38, "Mixed: any other mixed or multiple ethnic background"
    ASIAN_INDIAN = 39, "Asian or Asian British: Indian"
    ASIAN_PAKISTANI = 40, "Asian or Asian British: Pakistani"
    ASIAN_BANGLADESHI = 41, "Asian or Asian British: Bangladeshi"
    ASIAN_CHINESE = 42, "Asian or Asian British: Chinese"
    ASIAN_OTHER = 43, "Asian or Asian British: any other Asian background"
    BLACK_AFRICAN = 44, "Black or Black British: African"
    BLACK_CARIBBEAN = 45, "Black or Black British: Caribbean"
    BLACK_OTHER = 46, "Black or Black British: any other Black, African or Caribbean background"
    ARAB = 47, "Other ethnic group: Arab"
    OTHER = 98, "Any other ethnic group"
    NOT_PROVIDED = 99, "Not provided"


class EmploymentStatusCode(models.IntegerChoices):
    APPRENTICESHIP = 1, "Apprenticeship"
    ECONOMICALLY_INACTIVE = 2, "Economically inactive"
    INACTIVE_AND_VOLUNTEERING = 3, "Economically inactive and volunteering"
    EMPLOYED = 4, "Employed"
    EMPLOYED_AND_VOLUNTEERING = 5, "Employed and volunteering"
    EMPLOYED_AT_RISK_OF_REDUNDANCY = 6, "Employed at risk of redundancy"
    RETIRED = 7, "Retired"
    RETIRED_AND_VOLUNTEERING = 8, "Retired and volunteering"
    SELF_EMPLOYED = 9, "Self-employed"
    SELF_EMPLOYED_AND_VOLUNTEERING = 10, "Self-employed and volunteering"
    UNEMPLOYED = 11, "Unemployed"
    UNEMPLOYED_AND_VOLUNTEERING = 12, "Unemployed and volunteering"
    UNEMPLOYED_DUE_TO_REDUNDANCY = 13, "Unemployed due to redundancy"
    NOT_KNOWN = 99, "Not known"


UNEMPLOYED = frozenset(
    {
        EmploymentStatusCode.UNEMPLOYED,
        EmploymentStatusCode.UNEMPLOYED_AND_VOLUNTEERING,
        EmploymentStatusCode.UNEMPLOYED_DUE_TO_REDUNDANCY,
    }
)
NOT_IN_EMPLOYMENT = UNEMPLOYED | {
    EmploymentStatusCode.ECONOMICALLY_INACTIVE,
    EmploymentStatusCode.INACTIVE_AND_VOLUNTEERING,
}


class HoursBand(models.IntegerChoices):
    """Hours a week in work or in learning; the standard uses one list for both."""

    UNDER_16 = 1, "Less than 16 hours"
    AT_LEAST_16 = 2, "16 hours or more"
    PREFER_NOT_TO_SAY = 98, "Prefer not to say"
    NOT_KNOWN = 99, "Not known"


class UnemploymentLength(models.IntegerChoices):
    UNDER_3_MONTHS = 1, "Less than 3 months"
    MONTHS_3_TO_5 = 2, "3 to 5 months"
    MONTHS_6_TO_11 = 3, "6 to 11 months"
    MONTHS_12_TO_23 = 4, "12 to 23 months"
    MONTHS_24_TO_35 = 5, "24 to 35 months"
    MONTHS_36_OR_MORE = 6, "36 months or more"
    PREFER_NOT_TO_SAY = 98, "Prefer not to say"
    NOT_KNOWN = 99, "Not known or not provided"


class EconomicShock(models.IntegerChoices):
    LOCAL = 1, "Local economic shock"
    GOVERNMENT_DEFINED = 2, "Government-defined economic shock"
    NOT_APPLICABLE = 3, "Not applicable"


class LearningStatusCode(models.IntegerChoices):
    IN_LEARNING = 1, "In learning"
    NOT_IN_LEARNING = 2, "Not in learning"
    TRAINEESHIP = 3, "Traineeship"
    PREFER_NOT_TO_SAY = 98, "Prefer not to say"
    NOT_KNOWN = 99, "Not known"


class QualificationLevel(models.IntegerChoices):
    ENTRY = 0, "Entry level"
    LEVEL_1 = 1, "Level 1"
    LEVEL_2 = 2, "Level 2"
    LEVEL_3 = 3, "Level 3"
    LEVEL_4 = 4, "Level 4"
    LEVEL_5 = 5, "Level 5"
    LEVEL_6 = 6, "Level 6"
    LEVEL_7 = 7, "Level 7"
    LEVEL_8 = 8, "Level 8"
    NONE = 99, "No qualifications"


class PriorityGroup(models.IntegerChoices):
    NEET_18_TO_24 = 1, "Aged 18 to 24, not in education, employment or training"
    LOW_SKILLED = 2, "Adult without a full level 2 qualification"
    UNEMPLOYED_OVER_12_MONTHS = 3, "Unemployed for over 12 months"
    SINGLE_PARENT = 4, "Single parent with at least one dependent child"
    SEND = 5, "Adult with special educational needs and/or disabilities"
    AGED_50_PLUS_UNEMPLOYED_OR_AT_RISK = 6, "Aged 50 or over and unemployed or at risk of redundancy"
    NOT_KNOWN = 98, "Not known"
    NOT_A_PRIORITY_CUSTOMER = 99, "Not a priority customer"


class TerminationReason(models.IntegerChoices):
    CUSTOMER_CHOICE = 1, "Customer choice"
    DECEASED = 2, "Deceased"
    DUPLICATE = 3, "Duplicate"
    OTHER = 99, "Other"


class LawfulBasis(models.IntegerChoices):
    """Ours: UK GDPR Article 6(1) bases, numbered in the article's order (a) to (f)."""

    CONSENT = 1, "Consent"
    CONTRACT = 2, "Contract"
    LEGAL_OBLIGATION = 3, "Legal obligation"
    VITAL_INTERESTS = 4, "Vital interests"
    PUBLIC_TASK = 5, "Public task"
    LEGITIMATE_INTERESTS = 6, "Legitimate interests"
