"""The trait → job category mapping the service starts with: the facts of the national tool's
published mapping (2020 list; computing, technology and digital from the 2019 list, which the 2020
list leaves out). Loaded once by migration 0002; content editors change it afterwards in the
workspace, with history (models.TraitMapping)."""

NATIONAL_MAPPING = {
    "administration": ["organiser"],
    "animal-care": ["doer", "helper"],
    "beauty-and-wellbeing": ["doer", "driver"],
    "business-and-finance": ["doer", "organiser", "driver"],
    "computing-technology-and-digital": ["creator", "analyst"],
    "construction-and-trades": ["doer", "creator", "analyst"],
    "creative-and-media": ["doer", "creator", "analyst"],
    "delivery-and-storage": ["doer", "organiser"],
    "emergency-and-uniform-services": ["doer", "leader", "helper"],
    "engineering-and-maintenance": ["doer"],
    "environment-and-land": ["doer"],
    "government-services": ["organiser"],
    "healthcare": ["doer", "helper"],
    "home-services": ["doer", "organiser"],
    "hospitality-and-food": ["helper", "influencer"],
    "law-and-legal": ["doer", "organiser", "driver"],
    "managerial": ["leader", "driver"],
    "manufacturing": ["organiser", "analyst", "driver"],
    "retail-and-sales": ["helper", "influencer"],
    "science-and-research": ["organiser", "analyst", "driver"],
    "social-care": ["helper"],
    "sports-and-leisure": ["creator", "analyst", "driver"],
    "teaching-and-education": ["leader", "helper", "organiser"],
    "transport": ["doer", "organiser"],
    "travel-and-tourism": ["doer", "helper", "organiser"],
}
