"""Documents as PDFs (WeasyPrint), from the same HTML templates as their print pages.

WeasyPrint lays out HTML and CSS for paged media with Pango. It is given no way to fetch anything:
the template holds the whole document and the stylesheet is read from a file in the app.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string


def pdf_from_template(template_name: str, context: dict[str, Any], stylesheet: Path) -> bytes:
    from weasyprint import CSS, HTML, URLFetcher

    html = render_to_string(template_name, context)
    no_fetching = URLFetcher(allowed_protocols=())
    document = HTML(string=html, url_fetcher=no_fetching, base_url=None)
    return bytes(document.write_pdf(stylesheets=[CSS(filename=str(stylesheet), url_fetcher=no_fetching)]))
