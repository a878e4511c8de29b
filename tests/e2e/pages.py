"""What the service's pages are called, as the browser's title bar shows them."""

from __future__ import annotations

SERVICE = "Signpost careers service"
WORKSPACE = f"{SERVICE} workspace"
DASH = "\N{EN DASH}"


def title(page_name: str, *, site: str = SERVICE, error: bool = False) -> str:
    """`<page> <en dash> <site>`, prefixed `Error: ` when the page shows a form's errors (quality.md)."""
    return f"{'Error: ' if error else ''}{page_name} {DASH} {site}"
