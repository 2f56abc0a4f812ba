"""Properties over many generated inputs: the count parser, the Swedish formatter, the importer, text guards."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.core.errors import InputError
from tracker.core.periods import Month
from tracker.core.privacy import check_name, find_personnummer
from tracker.core.swedish import format_number, parse_count
from tracker.io.importer import import_file
from tracker.io.safe_cells import FORMULA_STARTS, neutralised

MOTT = "IFO.BOU.MOTT"


@given(st.integers(min_value=0, max_value=10**12))
def test_parsing_a_formatted_count_gives_the_count_back(n):
    assert parse_count(format_number(n)) == n


@given(st.text())
def test_the_count_parser_returns_a_count_or_refuses_in_swedish(text):
    try:
        value = parse_count(text)
    except InputError as exc:
        assert "\n" not in str(exc).strip() or "\n" in text
    else:
        assert isinstance(value, int) and value >= 0


@given(
    st.text(alphabet="0123456789", min_size=6, max_size=6),
    st.sampled_from(["", "-", "–", "—", "−", "_", " ", "\n", "+", " - "]),
    st.text(alphabet="0123456789", min_size=4, max_size=4),
    st.sampled_from(["", "19", "20"]),
)
def test_every_personnummer_shape_is_found_whatever_the_separator(date, sep, tail, century):
    assert find_personnummer(f"Anteckning om {century}{date}{sep}{tail} i mars") is not None


@given(st.text(max_size=200))
def test_a_name_that_passes_the_check_is_one_printable_line(text):
    try:
        name = check_name(text)
    except InputError:
        return
    assert not [ch for ch in name if unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Cs")] and len(name) <= 120
    assert name == name.strip()


@given(st.one_of(st.text(), st.integers(), st.floats(allow_nan=False)))
def test_no_exported_text_starts_like_a_formula_and_numbers_are_untouched(value):
    out = neutralised(value)
    if isinstance(value, str):
        assert not out.startswith(FORMULA_STARTS) and out.endswith(value)
    else:
        assert out == value


# months that have come (no value is taken for a later one)
MONTHS = st.tuples(st.integers(2000, 2025), st.integers(1, 12)).map(lambda t: Month(*t))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(MONTHS, st.integers(0, 10**9), min_size=1, max_size=30), st.sampled_from([",", ";"]))
def test_an_imported_csv_stores_exactly_its_values_and_the_log_checks_out(example_store, import_dir, values, sep):
    store = example_store()
    lines = [sep.join(["unit", "measure", "part", "period", "value"])]
    lines += [sep.join([MOTT, "bou.akt", "", str(m), str(v)]) for m, v in values.items()]
    path = import_dir / "v.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_file(store, path, force=True)  # random values jump: stored as given, past the plausibility rule
    years = sorted({m.year for m in values})
    stored = {k[2]: v for k, v in store.unit_values([MOTT], years)[MOTT].items() if k[0] == "bou.akt"}
    assert stored == values
    assert store.verify() == []


CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(CELL, CELL, CELL, CELL), min_size=1, max_size=5))
def test_an_import_of_any_cells_either_writes_or_refuses_in_swedish_and_leaves_the_log_sound(
    example_store, import_dir, rows
):
    store = example_store()
    before = store.log_size()
    path = import_dir / "v.csv"
    text = "unit,measure,period,value\n" + "".join(
        ",".join('"' + c.replace('"', '""') + '"' for c in row) + "\n" for row in rows
    )
    path.write_text(text, encoding="utf-8")
    try:
        import_file(store, path)
    except InputError:
        assert store.log_size() == before
    assert store.verify() == []
