"""The importer's verdicts, row by row: every kind of bad row gives the same problem, in file order.

The expected lines were recorded from the row-by-row importer before it was rewritten to check
in bulk; they pin the messages and their order so that faster checking cannot change what a
person is told.
"""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from tests.support import MOTT, PLAC
from tracker.core.errors import NotPermitted
from tracker.io.export import export_unit_year
from tracker.io.importer import ImportProblems, import_file

HEAD = "unit,measure,part,period,value\n"
UTR = "IFO.BOU.UTR"

# Every kind of row the importer refuses, mixed with rows it accepts, in one file.
BAD_ROWS = [
    f"{PLAC},bou.vd.fh,,2023-07,2400",  # fine
    ",bou.vd.fh,,2023-07,1",  # no unit
    f"{PLAC},,,2023-07,1",  # no measure
    "NOPE,bou.vd.fh,,2023-07,1",  # unknown unit
    f"{PLAC},bou.nope,,2023-07,1",  # unknown measure
    f"{PLAC},bou.vd.fh,,,1",  # no period
    f"{PLAC},bou.vd.fh,,2023-13,1",  # month 13
    f"{PLAC},bou.vd.fh,,juli,1",  # not a period
    f"{PLAC},bou.vd.fh,,1989-01,1",  # year out of range
    f"{PLAC},bou.vd.fh,,2023-08,-4",  # negative
    f"{PLAC},bou.vd.fh,,2023-08,−4",  # negative with a typographic minus
    f"{PLAC},bou.vd.fh,,2023-09,många",  # text
    f"{PLAC},bou.vd.fh,,2023-10,1.5",  # not whole
    f'{PLAC},bou.vd.fh,,2023-10,"1,5"',  # not whole, decimal comma
    f"{PLAC},bou.vd.fh,,2023-11,",  # empty where nothing is stored: nothing to do
    f"{PLAC},bou.vd.fh,,2023-06,",  # empty where a value is stored: cleared
    "IFO.BOU,bou.vd.fh,,2023-07,1",  # an avdelning
    f"{MOTT},bou.vd.fh,,2023-07,1",  # a measure the enhet does not report
    f"{PLAC},bou.vd.fh,F,2023-07,1",  # a part on an unsplit measure
    f"{PLAC},bou.plac.fh.sol,,2023-07,5",  # a split measure without a part
    f"{PLAC},bou.plac.fh.sol,X,2023-07,5",  # a part that does not exist
    f"{PLAC},bou.plac.total,,2023-07,5",  # a sum
    f"{MOTT},bou.fhb.andel14,,2023-07,1",  # a ratio
    f"{PLAC},bou.unika.fh,,2023-03,5",  # an annual measure given a month
    f"{PLAC},bou.vd.fh,,2023,5",  # a monthly measure given a year
    f"{UTR},gem.evb,,2023-02,5",  # a quarterly measure between quarter ends
    f"{UTR},gem.evb,,2023-03,5",  # fine
    f"{MOTT},bou.akt.oro,,2023-01,999",  # varav larger than its parent
    f"{MOTT},bou.akt,,2023-02,10",  # parent below its stored varav
    f"{MOTT},bou.fhb.14d,,2023-04,95",  # varav raised …
    f"{MOTT},bou.fhb,,2023-04,96",  # … with its parent in the same file: fine
    f"{MOTT},bou.fhb,,2023-05,50",  # parent lowered below the varav …
    f"{MOTT},bou.fhb.14d,,2023-05,60",  # … and the varav in the file too
    f"{PLAC},bou.vd.fh,,2023-07,2401",  # the same cell again with another value
    f"{PLAC},bou.vd.fh,,2023-07,2400",  # the same cell again with the same value
    f"{MOTT},bou.akt.oro,,2023-01,998",  # a varav again, another value, still too large
    f"{PLAC},bou.vd.fh,,2023-02,1",  # locked month
    f"{PLAC},bou.plac.fh.sol,F,2023-02,15",  # locked month, value unchanged: fine
    f"{PLAC},bou.unika.fh,,2023,101",  # annual value in a year whose December is not locked: fine
    "ifo.bou.plac,bou.vd.fh,,2023-01,2311",  # unit code in lower case: fine
    "Placering och familjehem,Vårddygn familjehem,,2023-03,2333",  # unit and measure by name: fine
    f"{PLAC},bou.plac.fh.sol,f,2023-08,7",  # part in lower case: fine
    f'{PLAC}, bou.vd.fh ,, 2023-12 ," 1 234 "',  # spaces around everything: fine
]

EXPECTED_ADMIN = [
    "Rad 3: Enhetskoden saknas (kolumnen unit).",
    "Rad 4: Måttkoden saknas (kolumnen measure).",
    "Rad 5: Enheten ”NOPE” finns inte. Ange en kod eller ett exakt namn; `tracker units` listar alla enheter.",
    "Rad 6: Måttet ”bou.nope” finns inte. Ange en kod eller ett exakt namn; `tracker measures` listar alla mått.",
    "Rad 7: Perioden saknas; ange ÅÅÅÅ-MM, eller ÅÅÅÅ för årsmått.",
    "Rad 8: ”2023-13” är ingen giltig månad: månaden måste vara 01–12, t.ex. 2023-03.",
    "Rad 9: ”juli” är ingen giltig period. Ange en månad som ÅÅÅÅ-MM (t.ex. 2023-03) eller ett år som ÅÅÅÅ för årsmått.",
    "Rad 10: ”1989-01” ligger utanför de år som går att ange (1990–2100).",
    "Rad 11: Negativa värden går inte att ange (-4). Värdet måste vara ett heltal 0 eller större, t.ex. 12 eller 1 234.",
    "Rad 12: Negativa värden går inte att ange (−4). Värdet måste vara ett heltal 0 eller större, t.ex. 12 eller 1 234.",
    "Rad 13: ”många” är inget giltigt värde. Värdet måste vara ett heltal 0 eller större, t.ex. 12 eller 1 234.",
    "Rad 14: ”1.5” har decimaler eller punkt/komma; bara heltal tas emot. Värdet måste vara ett heltal 0 eller större, t.ex. 12 eller 1 234.",
    "Rad 15: ”1,5” har decimaler eller punkt/komma; bara heltal tas emot. Värdet måste vara ett heltal 0 eller större, t.ex. 12 eller 1 234.",
    "Rad 18: ”Avdelning barn och unga” är en avdelning; där visas summan av enheterna under. Ange värdet för en enhet.",
    "Rad 19: Enheten ”Mottagning barn och unga” rapporterar inte måttet ”Vårddygn familjehem”. Lägg till måttet för enheten eller välj en enhet som rapporterar det.",
    "Rad 20: Måttet ”Vårddygn familjehem” är inte uppdelat; ange värdet utan del.",
    "Rad 21: ”Familjehemsplacerade < 21 år, SoL” anges per del: ange F (Flickor) eller P (Pojkar). Totalen räknas fram ur delarna.",
    "Rad 22: Delen ”X” finns inte för ”Familjehemsplacerade < 21 år, SoL”. Ange F (Flickor) eller P (Pojkar).",
    "Rad 23: ”Placerade barn och unga totalt” kan inte ändras: Summan räknas fram ur raderna ”Familjehemsplacerade < 21 år, SoL”, ”Familjehemsplacerade < 21 år, LVU”, ”Tillfälliga placeringar (jourhem)”, ”HVB < 21 år, SoL”, ”HVB < 21 år, LVU”, ”SiS < 21 år”, ”Stödboende 16–20 år”.",
    "Rad 24: ”Andel förhandsbedömningar inom 14 dagar” kan inte ändras: Andelen räknas fram: ”varav beslut inom 14 dagar” delat med ”Förhandsbedömningar (beslut att inleda/inte inleda)”.",
    "Rad 25: ”Familjehemsplacerade, unika individer under året” är ett årsmått. Årsmått anges en gång för hela året, inte per månad. Ange perioden som ÅÅÅÅ, t.ex. 2023.",
    "Rad 26: ”Vårddygn familjehem” anges per månad. Ange perioden som ÅÅÅÅ-MM, t.ex. 2023-01.",
    "Rad 27: ”Ej verkställda gynnande beslut äldre än 3 månader, vid kvartalets slut”: Kvartalsmått anges bara för mars, juni, september och december. Du angav februari 2023.",
    "Rad 29: ”varav orosanmälningar” (999) kan inte vara större än ”Aktualiseringar barn och unga 0–17 år” (201) samma månad. Ange högst 201, eller ändra först ”Aktualiseringar barn och unga 0–17 år”.",
    "Rad 30: ”Aktualiseringar barn och unga 0–17 år” (10) blir mindre än varav-raden ”varav orosanmälningar” (152) samma månad, men en varav-rad kan inte vara större än raden den ingår i. Ändra först ”varav orosanmälningar”, eller ange minst 152.",
    "Rad 33: ”Förhandsbedömningar (beslut att inleda/inte inleda)” (50) blir mindre än varav-raden ”varav beslut inom 14 dagar” (60) samma månad, men en varav-rad kan inte vara större än raden den ingår i. Ändra först ”varav beslut inom 14 dagar”, eller ange minst 60.",
    "Rad 34: ”varav beslut inom 14 dagar” (60) kan inte vara större än ”Förhandsbedömningar (beslut att inleda/inte inleda)” (50) samma månad. Ange högst 50, eller ändra först ”Förhandsbedömningar (beslut att inleda/inte inleda)”.",
    "Rad 35: Samma cell finns redan på rad 2 med ett annat värde (2 400). Ta bort den ena raden.",
    "Rad 37: Samma cell finns redan på rad 29 med ett annat värde (999). Ta bort den ena raden.",
    "Rad 37: ”varav orosanmälningar” (998) kan inte vara större än ”Aktualiseringar barn och unga 0–17 år” (201) samma månad. Ange högst 201, eller ändra först ”Aktualiseringar barn och unga 0–17 år”.",
    'Rad 38: Februari 2023 är låst för ”Placering och familjehem”. En ändring kräver en orsak, som sparas i historiken.',
]
EXPECTED_CHANGES = [
    "Rad 2: Placering och familjehem · Vårddygn familjehem · juli 2023: – → 2 400",
    "Rad 3: Placering och familjehem · Vårddygn familjehem · juni 2023: 2 360 → –",
    "Rad 5: Utredning barn och unga · Ej verkställda gynnande beslut äldre än 3 månader, vid kvartalets slut · mars 2023: – → 5",
    "Rad 6: Mottagning barn och unga · varav beslut inom 14 dagar · april 2023: 86 → 95",
    "Rad 7: Mottagning barn och unga · Förhandsbedömningar (beslut att inleda/inte inleda) · april 2023: 100 → 96",
    "Rad 9: Placering och familjehem · Vårddygn familjehem · februari 2023: 2 320 → 1",
    "Rad 11: Placering och familjehem · Familjehemsplacerade, unika individer under året · 2023: 100 → 101",
    "Rad 12: Placering och familjehem · Vårddygn familjehem · januari 2023: 2 310 → 2 311",
    "Rad 13: Placering och familjehem · Vårddygn familjehem · mars 2023: 2 330 → 2 333",
    "Rad 14: Placering och familjehem · Familjehemsplacerade < 21 år, SoL, flickor · augusti 2023: – → 7",
    "Rad 15: Placering och familjehem · Vårddygn familjehem · december 2023: – → 1 234",
]
EXPECTED_RAPPORTOR = [
    "Rad 3: Du (rap) är rapportör för IFO.BOU.PLAC och kan inte ändra ”Mottagning barn och unga”. Be en administratör lägga till enheten för dig.",
    "Rad 4: Februari 2023 är låst för ”Placering och familjehem”. Bara en administratör kan ändra en låst månad; kontakta en administratör.",
    "Rad 7: Du (rap) är rapportör för IFO.BOU.PLAC och kan inte ändra ”Mottagning barn och unga”. Be en administratör lägga till enheten för dig.",
]
EXPECTED_LASARE = [
    "Rad 2: Du (las) är läsare och kan inte ändra värden. Be en administratör ge dig rollen rapportör för din enhet.",
    "Rad 3: Du (las) är läsare och kan inte ändra värden. Be en administratör ge dig rollen rapportör för din enhet.",
    "Rad 4: Du (las) är läsare och kan inte ändra värden. Be en administratör ge dig rollen rapportör för din enhet.",
    "Rad 7: Du (las) är läsare och kan inte ändra värden. Be en administratör ge dig rollen rapportör för din enhet.",
]
EXPECTED_XLSX = [
    "Blad ”Avdelning barn och unga”, rad 10, jan: Värdet räknas fram och kan inte ändras i filen (sparat 201, i filen 1). Summering av enheterna under – ändra värdena i respektive enhet.",
    "Blad ”Avdelning barn och unga”, rad 47, feb: Värdet räknas fram och kan inte ändras i filen (sparat 2 320, i filen –). Summering av enheterna under – ändra värdena i respektive enhet.",
    "Blad ”Mottagning barn och unga”, rad 14, mars: Värdet räknas fram och kan inte ändras i filen (sparat 87,0 %, i filen 50,0 %). Andelen räknas fram: ”varav beslut inom 14 dagar” delat med ”Förhandsbedömningar (beslut att inleda/inte inleda)”.",
    "Blad ”Placering och familjehem”, rad 10, jan: Värdet räknas fram och kan inte ändras i filen (sparat 44, i filen 99). Totalen räknas fram ur Flickor och Pojkar; ändra delarna.",
    'Blad ”Placering och familjehem”, rad 11, feb: Februari 2023 är låst för ”Placering och familjehem”. En ändring kräver en orsak, som sparas i historiken.',
]

# A file without problems: changes, a clearing, a locked month (with a reason), names and spaces.
GOOD_ROWS = [
    f"{PLAC},bou.vd.fh,,2023-07,2400",
    f"{PLAC},bou.vd.fh,,2023-06,",
    f"{PLAC},bou.vd.fh,,2023-11,",
    f"{UTR},gem.evb,,2023-03,5",
    f"{MOTT},bou.fhb.14d,,2023-04,95",
    f"{MOTT},bou.fhb,,2023-04,96",
    f"{PLAC},bou.vd.fh,,2023-07,2400",
    f"{PLAC},bou.vd.fh,,2023-02,1",
    f"{PLAC},bou.plac.fh.sol,F,2023-02,15",
    f"{PLAC},bou.unika.fh,,2023,101",
    "ifo.bou.plac,bou.vd.fh,,2023-01,2311",
    "Placering och familjehem,Vårddygn familjehem,,2023-03,2333",
    f"{PLAC},bou.plac.fh.sol,f,2023-08,7",
    f'{PLAC}, bou.vd.fh ,, 2023-12 ," 1 234 "',
    f"{MOTT},bou.akt,,2022-01,190",
]

# Rows a rapportör for Placering may and may not import.
ROLE_ROWS = [
    f"{PLAC},bou.vd.fh,,2023-07,2400",  # own enhet: fine
    f"{MOTT},bou.akt,,2023-07,210",  # another enhet
    f"{PLAC},bou.vd.fh,,2023-02,1",  # own enhet, locked month
    f"{PLAC},bou.vd.fh,,2023-03,2330",  # own enhet, unchanged: fine
    f"{MOTT},bou.akt,,2023-03,203",  # another enhet, unchanged: fine
    f"{MOTT},bou.akt,,2023-08,5",  # another enhet again
]


def _problems(store, path, reason=None, dry_run=False) -> list[str]:
    with pytest.raises(ImportProblems) as err:
        import_file(store, path, reason=reason, dry_run=dry_run)
    return err.value.problems


def _csv(tmp_path, rows: list[str]):
    path = tmp_path / "in.csv"
    path.write_text(HEAD + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _everything(store):
    units = [u.code for u in store.units.units if u.is_enhet]
    values = store.unit_values(units, [2022, 2023])
    log = store.db.execute("select count(*) from change_log").fetchone()[0]
    return values, log


def test_every_kind_of_bad_row_is_reported_in_file_order_and_nothing_is_written(locked_store, tmp_path):
    before = _everything(locked_store)
    assert _problems(locked_store, _csv(tmp_path, BAD_ROWS)) == EXPECTED_ADMIN
    assert _everything(locked_store) == before


def test_a_good_file_plans_the_same_changes_in_file_order(locked_store, tmp_path):
    result = import_file(locked_store, _csv(tmp_path, GOOD_ROWS), dry_run=True, reason="Rättelse")
    assert [c.describe() for c in result.changes] == EXPECTED_CHANGES


@pytest.mark.parametrize("login", ["rap", "las"])
def test_role_and_lock_refusals_are_reported_per_row(locked_store_with_users, tmp_path, login):
    locked_store_with_users.login = login
    expected = EXPECTED_RAPPORTOR if login == "rap" else EXPECTED_LASARE
    # a läsare's real import is refused as a whole (below); a dry run still lists every row
    dry_run = login == "las"
    assert _problems(locked_store_with_users, _csv(tmp_path, ROLE_ROWS), reason="Rättelse", dry_run=dry_run) == expected


def test_a_lasare_import_is_refused_as_a_whole_before_the_file_is_read(locked_store_with_users, tmp_path):
    locked_store_with_users.login = "las"
    with pytest.raises(NotPermitted, match="kan inte ändra värden för någon enhet"):
        import_file(locked_store_with_users, tmp_path / "not-even-there.csv")


def test_edited_computed_cells_in_xlsx_are_reported_per_cell(locked_store, tmp_path):
    path = export_unit_year(locked_store, "IFO.BOU", 2023, "xlsx", tmp_path / "bou.xlsx")
    wb = load_workbook(path)

    def row_of(sheet: str, code: str, part: str = ""):
        return next(r for r in wb[sheet].iter_rows(min_row=9) if r[1].value == code and (r[2].value or "") == part)

    row_of("Placering och familjehem", "bou.plac.fh.sol")[3].value = 99  # a part total
    row_of("Placering och familjehem", "bou.plac.fh.sol", "F")[4].value = 30  # its part: fine, total follows
    row_of("Placering och familjehem", "bou.plac.fh.sol")[4].value = 58  # the total as it will be: fine
    row_of("Mottagning barn och unga", "bou.fhb.andel14")[5].value = 0.5  # a ratio
    row_of("Avdelning barn och unga", "bou.akt")[3].value = 1  # a roll-up
    row_of("Avdelning barn och unga", "bou.vd.fh")[4].value = None  # a roll-up cleared
    wb.save(path)
    assert _problems(locked_store, path) == EXPECTED_XLSX
