"""The occupation codes a job profile carries, and what makes one valid (one place for the rule).

SOC codes are 4-digit unit groups; a SOC 2020 code must be a known unit group once the SOC 2020
table is loaded (import_soc2020). O*NET-SOC codes are written like 15-1252.00.
"""

from __future__ import annotations

import re

from signpost.careers.models import SocUnitGroup

SOC_CODE = re.compile(r"^\d{4}$")
ONET_CODE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")
# A plumber's code in each version, for the messages.
EXAMPLES = {"2010": "5314", "2020": "5315"}


def soc_code_problem(code: str, *, version: str) -> str:
    """What is wrong with a SOC code ("" when nothing is); ``version`` is "2010" or "2020"."""
    if not SOC_CODE.match(code):
        return f"Enter the SOC {version} code as 4 digits, like {EXAMPLES[version]}"
    if version == "2020" and SocUnitGroup.objects.exists() and not SocUnitGroup.objects.filter(code=code).exists():
        return f"Enter a SOC 2020 code that is a unit group: {code} is not one"
    return ""


def onet_code_problem(code: str) -> str:
    if not ONET_CODE.match(code):
        return "Enter the O*NET-SOC code like 15-1252.00"
    return ""
