"""The default rule set: adult learning funding in England for the 2025 to 2026 funding year.

Written by us from the facts in the public funding rules (docs/funding-rules.md lists each source
and what we simplified). `manage.py load_funding_rules` loads it once; after that content editors
keep the rules in the workspace, and a later run leaves their changes alone.
"""

from __future__ import annotations

import datetime
from typing import Any

AS_AT = datetime.date(2025, 8, 1)
NAME = "Adult learning funding in England, 2025 to 2026"
LOW_WAGE_THRESHOLD = 25_750
SOURCES = """\
Adult skills fund: funding rules 2025 to 2026 (Department for Education) – legal entitlements, \
the low-wage threshold, unemployed learners, free courses for jobs, residency.
Advanced learner loans: funding and performance-management rules 2025 to 2026, and the loans \
guidance on GOV.UK – age, levels and residency.
16 to 19 funding guidance and the 16 to 19 Bursary Fund guide 2025 to 2026.
Care to Learn guide 2025 to 2026 – age under 20 at the start, parent and main carer, weekly amounts.
Skills bootcamps guidance on GOV.UK – who can take part."""

# Conditions used by many rules: (fact, operator, value, any-of group, reason when not met).
ADULT = ("age_on_start", "gte", "19", "", "This is for people aged 19 or over on the day the course starts.")
IN_ENGLAND = (
    "lives_in",
    "eq",
    "england",
    "",
    "These rules are for people who live in England. Scotland, Wales and Northern Ireland fund learning "
    "in their own way: ask a college where you live.",
)
RESIDENT = (
    "residency",
    "in",
    "settled_3_years,refugee",
    "",
    "Public funding usually needs you to have lived in the UK for the last 3 years with the right to stay "
    "here, or to have refugee status or humanitarian protection. A college will look at your documents "
    "and tell you what you can get.",
)
AGED_19_TO_23 = [
    ADULT,
    ("age_on_start", "lte", "23", "", "This is for people aged 19 to 23 on the day the course starts."),
]
UP_TO_LEVEL_2 = (
    "course_level",
    "lte",
    "2",
    "",
    "This covers courses up to level 2. If you are not sure of the course's level, ask the college.",
)

RULES: list[dict[str, Any]] = [
    {
        "code": "aged-16-to-18",
        "kind": "course_fees",
        "title": "Free courses for 16 to 18 year olds",
        "summary": "Courses for young people aged 16 to 18 in England are paid for by the government.",
        "applies_because": "You will be 18 or younger when the course starts.",
        "next_steps": "Apply to a school sixth form, college or training provider. You could also look for an "
        "apprenticeship.",
        "conditions": [
            ("age_on_start", "lte", "18", "", "This is for people aged 18 or under on the day the course starts."),
            IN_ENGLAND,
        ],
    },
    {
        "code": "english-and-maths",
        "kind": "course_fees",
        "title": "Fully funded English and maths",
        "summary": "Adults can study English and maths up to level 2 (GCSE) for free until they reach grade 4 (C).",
        "applies_because": "You are 19 or over, you want to study English or maths up to level 2, and you do not "
        "have GCSE English and maths at grade 4 (C) or higher.",
        "next_steps": "Ask a college or adult education centre for a free English or maths assessment. It will "
        "find the right level for you.",
        "conditions": [
            ADULT,
            IN_ENGLAND,
            RESIDENT,
            ("course_type", "eq", "english_maths", "", "This is for English and maths courses."),
            UP_TO_LEVEL_2,
            (
                "gcse_english_and_maths",
                "ne",
                "both",
                "",
                "You already have GCSE English and maths at grade 4 (C) or higher. If your skills are below "
                "that level now, a college can assess you and may still fund your course.",
            ),
        ],
    },
    {
        "code": "essential-digital-skills",
        "kind": "course_fees",
        "title": "Fully funded essential digital skills",
        "summary": "Adults whose digital skills are below level 1 can take an essential digital skills "
        "qualification for free.",
        "applies_because": "You are 19 or over and want an essential digital skills course up to level 1.",
        "next_steps": "Ask a college or adult education centre for a digital skills assessment. The course is "
        "free if your skills are below level 1.",
        "conditions": [
            ADULT,
            IN_ENGLAND,
            RESIDENT,
            ("course_type", "eq", "digital", "", "This is for essential digital skills courses."),
            (
                "course_level",
                "lte",
                "1",
                "",
                "This covers digital skills courses up to level 1. If you are not sure of the level, ask the college.",
            ),
        ],
    },
    {
        "code": "first-full-level-2",
        "kind": "course_fees",
        "title": "Your first full level 2 qualification (aged 19 to 23)",
        "summary": "People aged 19 to 23 can take their first full level 2 qualification for free.",
        "applies_because": "You will be 19 to 23 when the course starts, the course is a full level 2 "
        "qualification and you do not have one yet.",
        "next_steps": "Check with the college that the course counts as a full level 2 qualification, then apply.",
        "conditions": [
            *AGED_19_TO_23,
            IN_ENGLAND,
            RESIDENT,
            (
                "course_type",
                "in",
                "full_qualification,free_course_for_jobs",
                "",
                "This is for full qualifications, not short courses or skills bootcamps.",
            ),
            ("course_level", "eq", "2", "", "This is for level 2 courses."),
            (
                "highest_qualification_level",
                "lte",
                "1",
                "",
                "You already have a qualification at level 2 or higher, so this would not be your first.",
            ),
        ],
    },
    {
        "code": "first-full-level-3",
        "kind": "course_fees",
        "title": "Your first full level 3 qualification (aged 19 to 23)",
        "summary": "People aged 19 to 23 can take their first full level 3 qualification for free.",
        "applies_because": "You will be 19 to 23 when the course starts, the course is a full level 3 "
        "qualification and you do not have one yet.",
        "next_steps": "Check with the college that the course counts as a full level 3 qualification, then apply.",
        "conditions": [
            *AGED_19_TO_23,
            IN_ENGLAND,
            RESIDENT,
            (
                "course_type",
                "in",
                "full_qualification,free_course_for_jobs",
                "",
                "This is for full qualifications, not short courses or skills bootcamps.",
            ),
            ("course_level", "eq", "3", "", "This is for level 3 courses."),
            (
                "highest_qualification_level",
                "lte",
                "2",
                "",
                "You already have a qualification at level 3 or higher, so this would not be your first.",
            ),
        ],
    },
    {
        "code": "free-courses-for-jobs",
        "kind": "course_fees",
        "title": "Free courses for jobs",
        "summary": "Adults can take a level 3 qualification from the free courses for jobs list for free if "
        "they have no level 3 yet, are unemployed, or earn less than the low-wage threshold.",
        "applies_because": "You are 19 or over, the course is on the free courses for jobs list, and you do not "
        "have a level 3 qualification, are unemployed or earn less than the low-wage threshold.",
        "next_steps": "Search for free courses for jobs near you and ask the college to confirm the course is on "
        "the list.",
        "conditions": [
            ADULT,
            IN_ENGLAND,
            RESIDENT,
            (
                "course_type",
                "eq",
                "free_course_for_jobs",
                "",
                "This is for courses on the free courses for jobs list. A college can tell you whether a course "
                "is on it.",
            ),
            ("course_level", "eq", "3", "", "The free courses for jobs list is of level 3 courses."),
            (
                "highest_qualification_level",
                "lte",
                "2",
                "work",
                "You already have a level 3 qualification, and you are not unemployed or earning less than the "
                "low-wage threshold.",
            ),
            ("employment", "in", "unemployed_benefits,unemployed", "work", "You are not unemployed."),
            ("earns_below_low_wage", "eq", "yes", "work", "You do not earn less than the low-wage threshold."),
        ],
    },
    {
        "code": "unemployed",
        "kind": "course_fees",
        "title": "Free courses if you are unemployed",
        "summary": "Adults who are unemployed can usually study courses up to level 2 for free.",
        "applies_because": "You are 19 or over, unemployed, and the course is up to level 2.",
        "next_steps": "Tell the college you are unemployed when you apply. If you get benefits, your work coach "
        "at Jobcentre Plus can also suggest courses.",
        "conditions": [
            ADULT,
            IN_ENGLAND,
            RESIDENT,
            ("employment", "in", "unemployed_benefits,unemployed", "", "This is for people who are unemployed."),
            UP_TO_LEVEL_2,
        ],
    },
    {
        "code": "low-wage",
        "kind": "course_fees",
        "title": "Free courses if you earn less than the low-wage threshold",
        "summary": "Adults in work who earn less than the low-wage threshold can usually study courses up to "
        "level 2 for free.",
        "applies_because": "You are 19 or over, in work, earn less than the low-wage threshold, and the course "
        "is up to level 2.",
        "next_steps": "When you apply, the college will ask for proof of your pay, such as a recent payslip.",
        "conditions": [
            ADULT,
            IN_ENGLAND,
            RESIDENT,
            (
                "earns_below_low_wage",
                "eq",
                "yes",
                "",
                "This is for people in work who earn less than the low-wage threshold.",
            ),
            UP_TO_LEVEL_2,
        ],
    },
    {
        "code": "esol",
        "kind": "course_fees",
        "title": "Free English for speakers of other languages (ESOL)",
        "summary": "ESOL courses are free for adults who are unemployed or earn less than the low-wage threshold.",
        "applies_because": "You are 19 or over, want to learn English as another language, and are unemployed "
        "or earn less than the low-wage threshold.",
        "next_steps": "Ask a college or adult education centre for an ESOL assessment to find the right class.",
        "conditions": [
            ADULT,
            IN_ENGLAND,
            RESIDENT,
            ("course_type", "eq", "esol", "", "This is for ESOL courses."),
            (
                "employment",
                "in",
                "unemployed_benefits,unemployed",
                "pay",
                "Free ESOL is for people who are unemployed or earn less than the low-wage threshold. Otherwise "
                "the government may pay part of the fee: ask the college.",
            ),
            ("earns_below_low_wage", "eq", "yes", "pay", "You do not earn less than the low-wage threshold."),
        ],
    },
    {
        "code": "skills-bootcamp",
        "kind": "course_fees",
        "title": "Skills bootcamps",
        "summary": "Skills bootcamps are free, flexible courses of up to 16 weeks for adults, with a job "
        "interview at the end.",
        "applies_because": "You are 19 or over and want to take a skills bootcamp.",
        "next_steps": "Search for skills bootcamps near you or online, and apply to the provider.",
        "conditions": [
            ADULT,
            IN_ENGLAND,
            RESIDENT,
            ("course_type", "eq", "skills_bootcamp", "", "This is for skills bootcamps."),
        ],
    },
    {
        "code": "advanced-learner-loan",
        "kind": "course_fees",
        "title": "Advanced learner loan",
        "summary": "A loan for the fees of a course at levels 3 to 6, paid straight to the college. You pay it "
        "back only when you earn over the repayment threshold, and it does not depend on your income or "
        "a credit check.",
        "applies_because": "You are 19 or over and the course is at level 3 to 6. If another kind of funding "
        "above also applies, you will not need the loan.",
        "next_steps": "Ask the college for a 'learning and funding information' letter, then apply to Student "
        "Finance England.",
        "conditions": [
            ADULT,
            IN_ENGLAND,
            RESIDENT,
            ("course_level", "gte", "3", "", "Advanced learner loans are for courses at levels 3 to 6."),
            ("course_level", "lte", "6", "", "Advanced learner loans are for courses at levels 3 to 6."),
        ],
    },
    {
        "code": "bursary-16-to-19",
        "kind": "support",
        "title": "16 to 19 Bursary Fund",
        "summary": "Money from your school or college to help with travel, books, equipment or meals.",
        "applies_because": "You will be 18 or younger when the course starts and told us the costs of studying "
        "would be hard to pay.",
        "next_steps": "Ask the school or college's student services about the bursary when you apply.",
        "conditions": [
            ("age_on_start", "lte", "18", "", "The bursary is for people aged 16 to 18 when the course starts."),
            IN_ENGLAND,
            (
                "needs_help_with_costs",
                "eq",
                "yes",
                "",
                "You told us the costs of studying would not be hard to pay.",
            ),
        ],
    },
    {
        "code": "learner-support",
        "kind": "support",
        "title": "Learner support from your college",
        "summary": "Colleges have money to help adult learners with costs such as travel, equipment, "
        "childcare and care for someone they look after.",
        "applies_because": "You are 19 or over and told us you would find the costs of studying hard to pay, "
        "need childcare, or look after someone.",
        "next_steps": "Ask the college's student services about learner support (sometimes called a "
        "discretionary bursary) when you apply.",
        "conditions": [
            ADULT,
            IN_ENGLAND,
            (
                "needs_help_with_costs",
                "eq",
                "yes",
                "need",
                "You told us the costs would not be hard to pay, and that you do not need childcare or look "
                "after anyone. If that changes, ask the college about learner support.",
            ),
            ("needs_childcare", "eq", "yes", "need", "You do not need childcare."),
            ("cares_for_adult", "eq", "yes", "need", "You do not look after anyone."),
        ],
    },
    {
        "code": "care-to-learn",
        "kind": "support",
        "title": "Care to Learn",
        "summary": "Young parents can get up to £180 a week for each child (£195 in London) for childcare and "
        "taking their child there while they study.",
        "applies_because": "You will be under 20 when the course starts and need childcare for your children.",
        "next_steps": "Apply for Care to Learn on GOV.UK once you have a place on a course and a registered "
        "childcare provider.",
        "conditions": [
            (
                "age_on_start",
                "lte",
                "19",
                "",
                "Care to Learn is for parents aged under 20 on the day the course starts.",
            ),
            IN_ENGLAND,
            RESIDENT,
            ("needs_childcare", "eq", "yes", "", "You told us you do not need childcare."),
        ],
    },
    {
        "code": "childcare-20-and-over",
        "kind": "support",
        "title": "Help with childcare if you are 20 or over",
        "summary": "Colleges can pay some or all of the cost of registered childcare for adult learners from "
        "their learner support money.",
        "applies_because": "You will be 20 or over when the course starts and need childcare.",
        "next_steps": "Ask the college's student services about help with childcare before the course starts.",
        "conditions": [
            (
                "age_on_start",
                "gte",
                "20",
                "",
                "This is for people aged 20 or over; younger parents can get Care to Learn.",
            ),
            IN_ENGLAND,
            ("needs_childcare", "eq", "yes", "", "You told us you do not need childcare."),
        ],
    },
]
