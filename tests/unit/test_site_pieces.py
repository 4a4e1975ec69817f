"""Small pieces of the site behind issue 13 (tests/cli/test_site_rough_edges.py shows them on
pages): dates kept whole."""

from __future__ import annotations

from samverkan_cli.site import build


def test_dates_are_kept_whole_and_the_rest_escaped():
    assert str(build.whole_dates("<b> 2026-09-15 & 2027-06-30")) == (
        '&lt;b&gt; <span class="nowrap">2026-09-15</span> &amp; '
        '<span class="nowrap">2027-06-30</span>'
    )
