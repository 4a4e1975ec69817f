"""An SVG logo is published as drawing only: no script, no handler, no outside reference."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leaks import scripts_in
from samverkan_cli.site.logo import safe_svg

SVG = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
DRAWING = f'<svg {SVG} viewBox="0 0 10 10"><title>Logga</title><rect width="10" height="10" fill="#036"/><text x="1" y="8">Län</text></svg>'


def test_a_plain_drawing_is_kept():
    out = safe_svg(DRAWING.encode())
    assert out is not None
    text = out.decode()
    for part in ('viewBox="0 0 10 10"', "<title>Logga</title>", 'fill="#036"', ">Län</text>"):
        assert part in text


@pytest.mark.parametrize(
    "svg",
    [
        f"<svg {SVG}><script>alert(1)</script></svg>",
        f'<svg {SVG} onload="alert(1)"><rect/></svg>',
        f'<svg {SVG}><a xlink:href="javascript:alert(1)"><rect/></a></svg>',
        f'<svg {SVG}><use href="https://example.org/x.svg#a"/></svg>',
        f'<svg {SVG}><rect style="fill:url(https://example.org/t)"/></svg>',
        f'<svg {SVG}><foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></body></foreignObject></svg>',
        f'<svg {SVG}><image href="https://example.org/spårning.png"/></svg>',
        f'<svg {SVG}><animate attributeName="href" to="javascript:alert(1)"/></svg>',
        f'<svg {SVG}><set attributeName="onclick" to="alert(1)"/></svg>',
    ],
)
def test_active_parts_are_removed(svg):
    out = safe_svg(svg.encode())
    assert out is not None
    text = out.decode()
    assert scripts_in(text) == []
    for word in ("script", "javascript", "example.org", "onload", "foreignObject", "animate"):
        assert word not in text


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
        b"<svg",
        b'<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>',
        b"\xff\xfe",
    ],
)
def test_what_cannot_be_made_safe_is_left_out(data):
    assert safe_svg(data) is None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<script>x</script>",
                '<rect onclick="x"/>',
                '<a href="javascript:x"><g/></a>',
                '<use xlink:href="http://e.org/#x"/>',
                '<g style="background:url(javascript:x)"/>',
                '<circle r="1"/>',
                "<text>å</text>",
            ]
        ),
        max_size=8,
    )
)
def test_no_combination_leaves_anything_active(parts):
    out = safe_svg(f"<svg {SVG}>{''.join(parts)}</svg>".encode())
    assert out is not None
    text = out.decode()
    assert scripts_in(text) == [] and "javascript" not in text and "e.org" not in text
