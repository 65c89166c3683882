"""The tag parser: known tags parse, anything else is a TagError, never a crash."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.reports.tags import TagError, cell_tags, parse_tag


def test_parses_heads_codes_and_options():
    tag = parse_tag("value:PS_L3_RATE unit=H38TS-X01 period=2023 level=xa", "{{ … }}")
    assert (tag.head, tag.code, tag.option("unit"), tag.option("level")) == (
        "value", "PS_L3_RATE", "H38TS-X01", "xa")
    assert tag.numeric and not parse_tag("status:PS_L3_RATE", "").numeric
    assert parse_tag("each:units level=xa kind=agency", "").is_loop
    assert parse_tag("OFFICE.NAME", "").head == "office.name"


@pytest.mark.parametrize("body", ["office.nam", "value:", "each:things", "value:X colour=red",
                                  "value:X level=thon", "office.name x=1", "unit.name:X", "v=1 x"])
def test_refuses_unknown(body):
    with pytest.raises(TagError):
        parse_tag(body, "{{ " + body + " }}")


def test_lone_tags_and_text():
    assert cell_tags("  {{ value:STAFF }} ").lone.code == "STAFF"
    assert cell_tags("{{ each:units }}{{ row.no }}").lone.head == "row.no"
    assert cell_tags("Tổng: {{ value:STAFF }}").lone is None
    assert cell_tags("{{ status:PS_L3_RATE }}").lone is None  # text, not a number
    assert cell_tags("không có thẻ") is None
    with pytest.raises(TagError):
        cell_tags("{{ value:STAFF ")  # an unclosed tag


@given(st.text(alphabet=st.sampled_from(list("{} :=.abcxyz_AEQ09ôư\n")), max_size=40))
def test_any_text_parses_or_is_refused(text):
    try:
        result = cell_tags(text)
    except TagError:
        return
    if result is not None:
        assert all(tag.text in text for tag in result.tags)
