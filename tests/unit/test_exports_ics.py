"""kalender.ics is written as text; icalendar is the oracle for its bytes and reads it back."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan_cli import exports

TODAY = date(2026, 11, 24)
#: Titles as people write them, with what TEXT escapes and what folding must not split.
#: Without a literal "\N", which icalendar rewrites to a line break before escaping.
TITLE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn"), blacklist_characters="\ufeff")
    | st.sampled_from(list(",;\\\nåäöÖ€😀 ")),
    max_size=120,
).filter(lambda text: "\\N" not in text)
EVENT = st.tuples(
    st.dates(date(2000, 1, 1), date(2099, 12, 31)),
    st.from_regex(r"granskning-[A-Z]{3}-[0-9]{4}", fullmatch=True),
    TITLE,
    st.none() | st.just("https://example.org/lan/dokument/AVT-0001.html"),
)


def icalendar_bytes(events: list[exports.CalendarEvent], name: str) -> bytes:
    """The calendar as icalendar's objects write it (how exports made it before)."""
    from icalendar import Calendar, Event, vDate, vDatetime, vText, vUri

    calendar = Calendar()
    calendar.add("prodid", "-//samverkan//förteckning//SV")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for day, uid, summary, url in sorted(events):
        event = Event()
        event["uid"] = vText(f"{uid}@samverkan")
        event["dtstamp"] = vDatetime(datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=UTC))
        start = vDate(day)
        start.params["VALUE"] = "DATE"
        event["dtstart"] = start
        event["summary"] = vText(summary)
        if url:
            event["url"] = vUri(url)
        calendar.add_component(event)
    return bytes(calendar.to_ical())


@settings(max_examples=300, deadline=None)
@given(st.lists(EVENT, max_size=5, unique_by=lambda event: event[1]))
def test_the_bytes_icalendar_writes(events: list[exports.CalendarEvent]) -> None:
    name = "Länet: granskningar, slutdatum och möten"
    expected = icalendar_bytes(events, name).replace(
        b"X-WR-CALNAME:L\xc3\xa4net: granskningar, slutdatum",
        b"X-WR-CALNAME:L\xc3\xa4net: granskningar\\, slutdatum",  # icalendar leaves X- unescaped
    )
    assert exports.ics(events, name, TODAY) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(EVENT, max_size=5, unique_by=lambda event: event[1]))
def test_icalendar_reads_back_every_event(events: list[exports.CalendarEvent]) -> None:
    from icalendar import Calendar

    data = exports.ics(events, "Länet", TODAY)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    read = [
        (e["dtstart"].dt, str(e["uid"]), str(e["summary"]), e.get("url"))
        for e in Calendar.from_ical(data).walk("VEVENT")
    ]
    expected = [
        (day, f"{uid}@samverkan", summary.replace("\r\n", "\n").replace("\r", "\n"), url)
        for day, uid, summary, url in sorted(events)
    ]
    assert read == expected


def test_a_long_title_folds_between_characters() -> None:
    summary = "Granskning: AVT-0001 " + "Överenskommelse om vård, omsorg; och stöd\\ " * 3
    data = exports.ics([(TODAY, "granskning-AVT-0001", summary, None)], "Länet", TODAY)
    lines = data.decode("utf-8").split("\r\n")
    folded = [line for line in lines if line.startswith(" ")]
    assert len(folded) >= 2
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert "\\," in data.decode("utf-8") and "\\;" in data.decode("utf-8")
