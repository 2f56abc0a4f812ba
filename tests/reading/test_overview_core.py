"""The overview's data by hand-computed figures: the month and the year to date against last year,
trend and riktvärde, the key rows, and the enheter that have not reported."""


from tracker.core.catalog import Catalog, standard_catalog
from tracker.core.overview import (
    build_overview,
    overview_cells,
    overview_headers,
    overview_measures,
    overview_notes,
)
from tracker.core.periods import Month
from tracker.core.reporting import KLAR, LAST, PABORJAD, SAKNAS, STANGD
from tracker.core.scope import Scope
from tracker.core.units import Unit

STANDARD = standard_catalog()
CATALOG = Catalog(
    STANDARD.sections,
    [m._replace(targets=((2025, 0.9),)) if m.code == "bou.fhb.andel14" else m for m in STANDARD.measures],
)
MARCH = Month(2025, 3)
TOP = Unit("IFO", "Individ- och familjeomsorgen", "forvaltning")
ENHETER = [Unit(code, name, "enhet", "IFO") for code, name in
           (("A", "Mottagningen"), ("B", "Placeringen"), ("C", "Familjerätten"), ("D", "Vuxen"), ("E", "Stängda"))]


def values(rows: dict) -> Scope:
    return Scope({(code, "", Month(y, m)): v for code, series in rows.items() for (y, m), v in series.items()})


def test_the_key_rows_are_the_catalogs_in_catalog_order_and_a_unit_without_them_shows_its_own():
    key, is_key = overview_measures(STANDARD, {"bou.vd.fh", "bou.akt", "bou.akt.oro", "bou.fhb.andel14"})
    assert is_key and [m.code for m in key] == ["bou.akt", "bou.fhb.andel14", "bou.vd.fh"]
    own, is_key = overview_measures(STANDARD, {"fam.akt", "fam.utr.pagaende", "bou.akt.oro"})
    assert not is_key and [m.code for m in own] == ["fam.akt", "fam.utr.pagaende"]  # no varav rows
    assert all(m.key for m in STANDARD.measures if m.code in ("bou.plac.total", "eb.belopp", "eb.hh.utbet",
                                                               "bou.utr.andel4m", "bou.utr.pagaende", "vux.akt"))


def test_a_row_holds_the_month_and_the_year_to_date_against_the_same_months_last_year():
    scope = values({
        "bou.akt": {(2024, 1): 210, (2024, 2): 200, (2024, 3): 190, (2024, 4): 999,
                    (2025, 1): 204, (2025, 2): 190, (2025, 3): 220},
        # February 2025 missing: the year to date compares January and March with the same months
        "bou.utr.pagaende": {(2024, 1): 340, (2024, 2): 350, (2024, 3): 360, (2025, 1): 348, (2025, 3): 352},
        "bou.fhb": {(2025, 1): 100, (2025, 2): 300, (2025, 3): 100},
        "bou.fhb.14d": {(2025, 1): 90, (2025, 2): 150, (2025, 3): 100},
    })
    measures = [CATALOG.get(c) for c in ("bou.akt", "bou.fhb.andel14", "bou.utr.pagaende")]
    overview = build_overview(CATALOG, scope, TOP, measures, MARCH, {}, [])
    akt, andel, pagaende = overview.rows
    assert (akt.month.current.value, akt.month.previous.value) == (220, 190)
    assert (akt.year_to_date.current.value, akt.year_to_date.previous.value) == (614, 600)  # never 1 599
    assert overview_cells(akt) == [
        "Aktualiseringar barn och unga 0–17 år", "220", "190", "Summa", "614", "600", "+14", "+2,3 %", "↗", "", "",
    ]
    # (90 + 150 + 100) / (100 + 300 + 100) = 68,0 % against 90 %: ej uppnått; no year before to compare with
    assert overview_cells(andel)[1:] == ["100,0 %", "–", "Andel", "68,0 %", "–", "", "", "", "90,0 %", "✗ ej uppnått"]
    # mean of January and March, 350, against the mean of the same months, 350
    assert pagaende.year_to_date.current.value == 350 and pagaende.year_to_date.previous.value == 350
    assert overview_cells(pagaende)[3:9] == ["Snitt", "350,0", "350,0", "0,0", "0,0 %", "→ oförändrat"]
    assert "Pågående utredningar vid månadens slut: hittills i år finns värden för 2 av 3 månader." in overview_notes(
        overview)
    assert overview_headers(overview)[:5] == ["Mått", "mars 2025", "mars 2024", "Typ", "Hittills i år"]
    assert overview.heading == "Översikt mars 2025 · Individ- och familjeomsorgen"
    assert overview.compared == "Hittills i år: jan–mars 2025 jämfört med jan–mars 2024"
    assert any(n.startswith("Andel förhandsbedömningar inom 14 dagar: Fg år saknar värde") for n in overview_notes(overview))


def test_a_month_not_reported_yet_still_shows_the_same_month_last_year():
    scope = values({"fam.akt": {(2024, 3): 48, (2025, 1): 40, (2025, 2): 41}})
    overview = build_overview(CATALOG, scope, TOP, [CATALOG.get("fam.akt")], MARCH, {}, [])
    row = overview.rows[0]
    assert (row.month.current.value, row.month.previous.value) == (None, 48)
    assert overview_cells(row)[1:3] == ["–", "48"]


def test_the_enheter_that_have_not_reported_the_month_are_named_with_their_status():
    grid = {
        "A": {MARCH: KLAR}, "B": {MARCH: PABORJAD}, "C": {MARCH: SAKNAS}, "D": {MARCH: LAST}, "E": {MARCH: STANGD},
    }
    overview = build_overview(CATALOG, Scope({}), TOP, [], MARCH, grid, ENHETER)
    assert [(u.name, s) for u, s in overview.not_reported] == [("Placeringen", "påbörjad"), ("Familjerätten", "saknas")]
    assert len(overview.expected) == 4 and overview.done == 2  # the closed enhet is not expected
    assert overview.reporting_line == "Mars 2025: klara 2 av 4 enheter, 1 låst."
