"""The demo partner directory: fictional organisations in each of the nine areas and a few national
ones, in our own words. Phone numbers are from Ofcom's ranges reserved for drama, email addresses
and websites are at .example, and the addresses are public buildings (those the demo customers
are placed at), not any real organisation's.
"""

from __future__ import annotations

from dataclasses import dataclass

from signpost.organisations.models import Area
from signpost.referrals.codes import PartnerCategory as C


@dataclass(frozen=True)
class DemoPartner:
    name: str
    categories: tuple[int, ...]
    help_with: str
    warm: bool = False


@dataclass(frozen=True)
class DemoArea:
    area: Area | None  # None: all of England
    # The demo customers' region (load_demo_customers.POSTCODES) whose addresses partners take.
    region: str
    # A drama number range with three digits left to fill: "020 7946 0{}".
    phone: str
    partners: tuple[DemoPartner, ...]


P = DemoPartner

DEMO_DIRECTORY = (
    DemoArea(
        Area.LONDON,
        "London",
        "020 7946 0{}",
        (
            P(
                "Riverside Citizens Advice",
                (C.CITIZENS_ADVICE, C.DEBT, C.HOUSING, C.LEGAL),
                "Free, confidential advice on benefits, debt, housing, problems at work and consumer rights. "
                "Drop-in mornings and telephone appointments.",
                warm=True,
            ),
            P(
                "Northgate Jobcentre",
                (C.JOBCENTRE_PLUS,),
                "Benefit claims, work coach appointments, help finding work and Access to Work support.",
                warm=True,
            ),
            P(
                "Thames Reach Skills College",
                (C.FURTHER_EDUCATION, C.TRAINING_PROVIDER),
                "English and maths, ESOL, and courses in care, construction and digital skills. "
                "Advice on adult learner loans and free courses for adults.",
            ),
            P(
                "Bankside Young Parents Project",
                (C.CHARITY, C.CHILDCARE),
                "Helps young parents back into learning or work: childcare costs, nursery places and peer support.",
            ),
        ),
    ),
    DemoArea(
        Area.SOUTH_EAST,
        "South East",
        "0118 496 0{}",
        (
            P(
                "Kennet Valley Apprenticeship Hub",
                (C.APPRENTICESHIPS, C.EMPLOYER),
                "Matches people with local apprenticeship vacancies, helps with applications and prepares them "
                "for assessment days.",
                warm=True,
            ),
            P(
                "Downs Housing Advice Trust",
                (C.HOUSING, C.CHARITY),
                "Advice for people at risk of losing their home, tenancy problems and emergency accommodation.",
            ),
            P(
                "Solent Community Learning Centre",
                (C.COMMUNITY_CENTRE, C.TRAINING_PROVIDER),
                "Free digital skills drop-ins, a weekly job club, CV help and English conversation classes.",
            ),
            P(
                "Chiltern Money Matters",
                (C.DEBT, C.CHARITY),
                "Free debt advice, budgeting plans, and help with bailiffs, rent and council tax arrears.",
                warm=True,
            ),
        ),
    ),
    DemoArea(
        Area.SOUTH_WEST,
        "South West",
        "0117 496 0{}",
        (
            P(
                "Harbour Debt Advice Trust",
                (C.DEBT, C.CHARITY),
                "Debt advice by phone and face to face, including breathing space and debt relief orders.",
                warm=True,
            ),
            P(
                "Severnside Law Centre",
                (C.LEGAL, C.SPECIALIST_ORGANISATION),
                "Free legal advice on employment disputes, discrimination and benefit appeals.",
            ),
            P(
                "Avon University Access Service",
                (C.HIGHER_EDUCATION,),
                "For adults thinking about university: access courses, student finance and part-time degrees.",
            ),
            P(
                "Westcountry Wellbeing Works",
                (C.HEALTH, C.SPECIALIST_ORGANISATION),
                "Employment support for people with mental health conditions: one-to-one coaching and help "
                "talking to employers about adjustments.",
                warm=True,
            ),
        ),
    ),
    DemoArea(
        Area.EAST_OF_ENGLAND,
        "East of England",
        "01632 960{}",
        (
            P(
                "Fenland Citizens Advice",
                (C.CITIZENS_ADVICE, C.DEBT, C.HOUSING),
                "Advice on benefits, money, housing and work, with outreach sessions in market towns.",
                warm=True,
            ),
            P(
                "Broadland Training Partnership",
                (C.TRAINING_PROVIDER, C.APPRENTICESHIPS),
                "Short courses and apprenticeships in logistics, care and engineering; free courses for adults "
                "without a full level 2.",
            ),
            P(
                "Ouse Valley Family Hub",
                (C.CHILDCARE, C.COMMUNITY_CENTRE),
                "Finding childcare, funded places for two to four year olds, and parenting groups.",
            ),
            P(
                "Anglia Veterans Into Work",
                (C.CHARITY, C.SPECIALIST_ORGANISATION),
                "Careers support for service leavers and veterans, including putting military skills into "
                "words civilian employers recognise.",
            ),
        ),
    ),
    DemoArea(
        Area.EAST_MIDLANDS,
        "East Midlands",
        "0115 496 0{}",
        (
            P(
                "Meadowbank Further Education College",
                (C.FURTHER_EDUCATION,),
                "Full- and part-time courses from entry level to level 4, access to higher education diplomas "
                "and evening courses for adults.",
            ),
            P(
                "Trentside Jobcentre",
                (C.JOBCENTRE_PLUS,),
                "Benefit claims, work coach appointments and local recruitment days.",
                warm=True,
            ),
            P(
                "Sherwood Recovery and Work",
                (C.HEALTH, C.CHARITY),
                "Support into work for people recovering from drug or alcohol problems, alongside their treatment.",
            ),
            P(
                "Charnwood Tenants' Advice",
                (C.HOUSING, C.LEGAL),
                "Help with repairs, deposits, rent increases and notices to leave.",
            ),
        ),
    ),
    DemoArea(
        Area.WEST_MIDLANDS,
        "West Midlands",
        "0121 496 0{}",
        (
            P(
                "Canalside Citizens Advice",
                (C.CITIZENS_ADVICE, C.DEBT, C.LEGAL),
                "Advice on benefits, debt, employment rights and immigration, in several community languages.",
                warm=True,
            ),
            P(
                "Black Country Manufacturing Academy",
                (C.APPRENTICESHIPS, C.EMPLOYER, C.TRAINING_PROVIDER),
                "Engineering and manufacturing apprenticeships with local employers, and pre-apprenticeship "
                "taster weeks.",
                warm=True,
            ),
            P(
                "Digbeth Women's Enterprise Centre",
                (C.COMMUNITY_CENTRE, C.CHARITY),
                "Confidence building, English classes and self-employment workshops for women returning to work.",
            ),
            P(
                "Arden Debt Line",
                (C.DEBT,),
                "Telephone debt advice and help setting up affordable repayment plans.",
            ),
        ),
    ),
    DemoArea(
        Area.NORTH_WEST,
        "North West",
        "0161 496 0{}",
        (
            P(
                "Brightpath Training Provider",
                (C.TRAINING_PROVIDER, C.APPRENTICESHIPS),
                "Sector-based work academies in hospitality, retail and warehousing, with a guaranteed interview.",
            ),
            P(
                "Irwell Housing Options",
                (C.HOUSING,),
                "Housing advice and homelessness prevention, including help for people leaving care.",
                warm=True,
            ),
            P(
                "Pennine Disability Employment Service",
                (C.HEALTH, C.SPECIALIST_ORGANISATION),
                "Job coaching for disabled people and people with long-term health conditions, and in-work support.",
                warm=True,
            ),
            P(
                "Mersey Legal Advice Clinic",
                (C.LEGAL, C.CHARITY),
                "Evening legal advice clinics on work, housing and family problems, staffed by volunteer solicitors.",
            ),
        ),
    ),
    DemoArea(
        Area.NORTH_EAST,
        "North East and Cumbria",
        "0191 498 0{}",
        (
            P(
                "Tyne Valley Citizens Advice",
                (C.CITIZENS_ADVICE, C.DEBT, C.HOUSING),
                "Advice on benefits, debt and housing, with home visits for people who cannot travel.",
                warm=True,
            ),
            P(
                "Wearside Skills Works",
                (C.TRAINING_PROVIDER, C.FURTHER_EDUCATION),
                "Free courses in English, maths and digital skills, and forklift and construction site cards.",
            ),
            P(
                "Northumbria Offshore Careers",
                (C.EMPLOYER, C.APPRENTICESHIPS),
                "Apprenticeships and entry-level jobs in offshore wind and port operations.",
            ),
            P(
                "Eden Rural Childcare Network",
                (C.CHILDCARE, C.CHARITY),
                "Childminders and holiday clubs in rural Cumbria, and help with childcare costs.",
            ),
        ),
    ),
    DemoArea(
        Area.YORKSHIRE_AND_HUMBER,
        "Yorkshire and Humber",
        "0113 496 0{}",
        (
            P(
                "Aire Valley Debt Advice",
                (C.DEBT, C.CHARITY),
                "Free debt advice and help applying for hardship funds and grants.",
                warm=True,
            ),
            P(
                "Don Valley Jobcentre",
                (C.JOBCENTRE_PLUS,),
                "Work coach appointments, benefit claims and the local youth employment hub.",
                warm=True,
            ),
            P(
                "Humber Estuary Community Hub",
                (C.COMMUNITY_CENTRE,),
                "Job club, free computer use, food bank referrals and a weekly advice surgery.",
            ),
            P(
                "White Rose University Outreach",
                (C.HIGHER_EDUCATION,),
                "Open days, summer schools and advice on student finance for people who would be the first in "
                "their family to go to university.",
            ),
        ),
    ),
    DemoArea(
        None,
        "",
        "0808 157 0{}",
        (
            P(
                "National Debt Advice Line",
                (C.DEBT, C.CHARITY),
                "Free telephone and web chat debt advice for anyone in England.",
                warm=True,
            ),
            P(
                "Career Returners Network",
                (C.CHARITY, C.SPECIALIST_ORGANISATION),
                "Online and phone support for people returning to work after caring, illness or a long break.",
            ),
            P(
                "Apprenticeship Finder Service",
                (C.APPRENTICESHIPS,),
                "Search and apply for apprenticeships anywhere in England, with application tips.",
            ),
            P(
                "Young People's Legal Line",
                (C.LEGAL, C.CHARITY),
                "Free legal information for people aged 13 to 25 about work, housing, money and education.",
            ),
            P(
                "Open Learning Trust",
                (C.HIGHER_EDUCATION, C.TRAINING_PROVIDER),
                "Distance learning from short courses to degrees, with study skills support for adults.",
            ),
        ),
    ),
)

# Kept in the directory but no longer offered: shows advisers what an inactive partner looks like.
INACTIVE_DEMO_PARTNER = "Old Town Job Club"
