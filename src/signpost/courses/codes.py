"""Reference codes of the course directory.

Sectors are the 15 tier 1 sector subject areas of the national learning aims reference (LARS),
with its numbers; levels are the qualification levels Entry to 8 (Entry stored as 0 so levels sort
and compare as numbers). The other lists are ours, in the order a learner reads them.
"""

from django.db import models


class Sector(models.IntegerChoices):
    HEALTH_PUBLIC_SERVICES_AND_CARE = 1, "Health, public services and care"
    SCIENCE_AND_MATHEMATICS = 2, "Science and mathematics"
    AGRICULTURE_HORTICULTURE_AND_ANIMAL_CARE = 3, "Agriculture, horticulture and animal care"
    ENGINEERING_AND_MANUFACTURING = 4, "Engineering and manufacturing technologies"
    CONSTRUCTION_PLANNING_AND_BUILT_ENVIRONMENT = 5, "Construction, planning and the built environment"
    INFORMATION_AND_COMMUNICATION_TECHNOLOGY = 6, "Information and communication technology"
    RETAIL_AND_COMMERCIAL_ENTERPRISE = 7, "Retail and commercial enterprise"
    LEISURE_TRAVEL_AND_TOURISM = 8, "Leisure, travel and tourism"
    ARTS_MEDIA_AND_PUBLISHING = 9, "Arts, media and publishing"
    HISTORY_PHILOSOPHY_AND_THEOLOGY = 10, "History, philosophy and theology"
    SOCIAL_SCIENCES = 11, "Social sciences"
    LANGUAGES_LITERATURE_AND_CULTURE = 12, "Languages, literature and culture"
    EDUCATION_AND_TRAINING = 13, "Education and training"
    PREPARATION_FOR_LIFE_AND_WORK = 14, "Preparation for life and work"
    BUSINESS_ADMINISTRATION_AND_LAW = 15, "Business, administration and law"


class Level(models.IntegerChoices):
    ENTRY = 0, "Entry level"
    LEVEL_1 = 1, "Level 1"
    LEVEL_2 = 2, "Level 2"
    LEVEL_3 = 3, "Level 3"
    LEVEL_4 = 4, "Level 4"
    LEVEL_5 = 5, "Level 5"
    LEVEL_6 = 6, "Level 6"
    LEVEL_7 = 7, "Level 7"
    LEVEL_8 = 8, "Level 8"


class CourseType(models.TextChoices):
    ESSENTIAL_SKILLS = "essential_skills", "Essential skills"
    T_LEVEL = "t_level", "T Level"
    HIGHER_TECHNICAL = "higher_technical", "Higher technical qualification"
    FREE_COURSE_FOR_JOBS = "free_course_for_jobs", "Free course for jobs"
    MULTIPLY = "multiply", "Multiply"
    SKILLS_BOOTCAMP = "skills_bootcamp", "Skills Bootcamp"
    OTHER = "other", "Other"


class DeliveryMode(models.TextChoices):
    CLASSROOM = "classroom", "Classroom based"
    ONLINE = "online", "Online"
    WORK_BASED = "work_based", "Work based"
    BLENDED = "blended", "Blended learning"


# Which delivery modes take place at one of the provider's venues, and which in regions.
AT_A_VENUE = frozenset({DeliveryMode.CLASSROOM, DeliveryMode.BLENDED})
IN_REGIONS = frozenset({DeliveryMode.WORK_BASED})


class StudyMode(models.TextChoices):
    FULL_TIME = "full_time", "Full time"
    PART_TIME = "part_time", "Part time"
    FLEXIBLE = "flexible", "Flexible"


class Attendance(models.TextChoices):
    DAYTIME = "daytime", "Daytime"
    EVENING = "evening", "Evening"
    WEEKEND = "weekend", "Weekend"
    DAY_OR_BLOCK_RELEASE = "day_or_block_release", "Day or block release"


class DurationUnit(models.TextChoices):
    HOURS = "hours", "Hours"
    DAYS = "days", "Days"
    WEEKS = "weeks", "Weeks"
    MONTHS = "months", "Months"
    YEARS = "years", "Years"
