"""Stored profile text: imported HTML becomes our plain markup, and rendering it escapes everything else."""

from __future__ import annotations

from signpost.careers.text import from_html, plain, render


def test_imported_html_keeps_paragraphs_bullets_and_links_only() -> None:
    html = (
        '<p>Courses include:<ul><li>Level 2 <b>Baking</b></li><li>Level 3 Patisserie</li></ul></p>'
        '<p>See <a href="https://example.org/x y">the guide</a> or <a href="javascript:alert(1)">this</a>.</p>'
    )
    assert from_html(html) == (
        "Courses include:\n\n- Level 2 Baking\n- Level 3 Patisserie\n\n"
        "See [the guide](https://example.org/x%20y) or this."
    )
    assert from_html("<p>fish &amp; chips</p>") == "fish & chips"


def test_rendering_escapes_text_and_allows_only_safe_links() -> None:
    text = 'Use <script>x</script> [our courses](/find-a-course)\n\n- [elsewhere](//evil.example)\n- [site](https://ok.example/"q)'
    html = str(render(text))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<a class="govuk-link" href="/find-a-course">our courses</a>' in html
    assert 'href="//evil.example"' not in html and "[elsewhere](//evil.example)" in html
    assert 'href="https://ok.example/&#34;q"' in html
    assert html.count("<li>") == 2 and html.startswith('<p class="govuk-body">')
    assert plain("- [our courses](/find-a-course)\nand more") == "our courses and more"
