"""Keeping the catalog in the database: load, add own measures, rename, retire."""

from __future__ import annotations

import json

from tracker.core.catalog import (
    PART_SETS,
    Catalog,
    CatalogFile,
    Measure,
    NamePeriod,
    Section,
    SeriesBreak,
    check_break_note,
    merge_catalogs,
    validate_catalog,
)
from tracker.core.errors import InputError
from tracker.core.periods import Month, check_year, parse_month
from tracker.core.presentation import format_target
from tracker.core.privacy import check_name, printable
from tracker.store.access import write_method
from tracker.store.database import write_transaction

CATALOG_ACTION = "ändra måttkatalogen"
_PARTS_KEY = {v: k for k, v in PART_SETS.items()}


def _measure_row(m: Measure) -> dict:
    return {
        "code": m.code,
        "name": m.name,
        "section": m.section,
        "kind": m.kind,
        "unit": m.unit,
        "polarity": m.polarity,
        "definition": m.definition,
        "parts": _PARTS_KEY.get(m.parts, ""),
        "varav_of": m.varav_of,
        "stock_summary": m.stock_summary,
        "numerator": m.numerator,
        "denominator": m.denominator,
        "sum_of": json.dumps(list(m.sum_of)),
        "report_name": m.report_name,
        "report_order": m.report_order,
        "breaks": json.dumps([{"from": str(b.start), "note": b.note} for b in m.breaks], ensure_ascii=False),
        "targets": "{}",  # riktvärden live in the target table since m007 (TargetsStore)
        "retired": int(m.retired),
        "own": int(m.own),
        "position": m.position,
        "key": int(m.key),
    }


def _break_detail(b: SeriesBreak) -> str:
    return f"Seriebrott från {b.start}: ”{b.note}”."


def _measure_from_row(r: dict, names: tuple[NamePeriod, ...] = ()) -> Measure:
    return Measure(
        code=r["code"],
        name=r["name"],
        section=r["section"],
        kind=r["kind"],
        unit=r["unit"] or "",
        polarity=r["polarity"],
        definition=r["definition"] or "",
        parts=PART_SETS.get(r["parts"] or "", ()),
        varav_of=r["varav_of"],
        stock_summary=r["stock_summary"] or "mean",
        numerator=r["numerator"],
        denominator=r["denominator"],
        sum_of=tuple(json.loads(r["sum_of"] or "[]")),
        report_name=r["report_name"],
        report_order=r["report_order"],
        breaks=tuple(SeriesBreak(parse_month(b["from"]), b["note"]) for b in json.loads(r["breaks"] or "[]")),
        retired=bool(r["retired"]),
        own=bool(r["own"]),
        position=r["position"],
        key=bool(r["key"]) if "key" in r.keys() else False,
        names=names,
    )


class CatalogStore:
    """Part of Store: the measures and sections."""

    _catalog: Catalog | None = None

    @property
    def catalog(self) -> Catalog:
        """The catalog as stored, in display order (cached until it changes)."""
        if self._catalog is None:
            sections = [
                Section(r["code"], r["name"])
                for r in self.db.query("select code, name from section order by position")
            ]
            names: dict[str, list[NamePeriod]] = {}
            for r in self.db.query("select * from measure_name order by measure, from_year"):
                names.setdefault(r["measure"], []).append(NamePeriod(r["from_year"], r["name"], r["report_name"]))
            measures = [
                _measure_from_row(r, tuple(names.get(r["code"], ())))
                for r in self.db.query("select * from measure order by position")
            ]
            self._catalog = Catalog(sections, measures)
        return self._catalog

    def _write_catalog(self, catalog: Catalog, *logs: dict, added: tuple[Measure, ...] = ()) -> None:
        with write_transaction(self.db):
            for log in logs:
                self._log_event(**log)
            self.db["section"].upsert_all(
                [{"code": s.code, "name": s.name, "position": i} for i, s in enumerate(catalog.sections)],
                pk="code",
            )
            self.db["measure"].upsert_all([_measure_row(m) for m in catalog.measures], pk="code")
            # the riktvärden new measures bring are general targets, logged when the import is
            for target in self._store_catalog_targets(list(added)):
                if logs:
                    measure = catalog.get(target.measure)
                    self._log_event(
                        "target_set", measure=target.measure, period=str(target.year),
                        detail=f"Riktvärde {target.year} för hela förvaltningen: {format_target(measure, target.value)}.",
                    )
        self._catalog = None

    @write_method
    def install_catalog(self, catalog: Catalog) -> None:
        """Write a whole catalog into an empty database (with the riktvärden it declares)."""
        with write_transaction(self.db):
            self.access.require_admin(CATALOG_ACTION)
            validate_catalog(catalog)
            self._write_catalog(catalog, added=tuple(catalog.measures))

    @write_method
    def add_measures(self, extra: Catalog) -> list[Measure]:
        """Add a municipality's own measures; codes that exist already are refused."""
        return self.import_catalog_file(CatalogFile(extra))[0]

    @write_method
    def import_catalog_file(self, file: CatalogFile) -> tuple[list[Measure], list[tuple[str, SeriesBreak]]]:
        """Add a file's own measures and series breaks at once (all or nothing).

        A break from a month the measure already has a break from gets the file's note.
        """
        with write_transaction(self.db):
            self.access.require_admin(CATALOG_ACTION)
            merged, added, applied, logs = self._merged_catalog_file(file)
            self._write_catalog(merged, *logs, added=tuple(added))
        return added, applied

    def _merged_catalog_file(self, file: CatalogFile) -> tuple[Catalog, list[Measure], list, list[dict]]:
        """The catalog with a file's measures and breaks, what it adds, and the log entries saying so."""
        merged = merge_catalogs(self.catalog, file.catalog) if file.catalog else self.catalog
        added = [m for m in merged.measures if m.code not in self.catalog]
        logs = []
        if added:
            logs.append({"action": "measures_import", "detail": f"Nya mått: {', '.join(m.code for m in added)}."})
        by_code = {m.code: m for m in merged.measures}
        applied = []
        for code, brk in file.breaks:
            if code not in by_code:
                raise InputError(
                    f"Seriebrottet gäller måttet ”{printable(code)}”, som inte finns i katalogen. "
                    "Ange en kod från `tracker measures`."
                )
            if by_code[code].break_from(brk.start) == brk:
                continue
            by_code[code] = by_code[code].with_break(brk)
            applied.append((code, brk))
            logs.append({"action": "measure_break", "measure": code, "detail": _break_detail(brk)})
        return Catalog(merged.sections, [by_code[m.code] for m in merged.measures]), added, applied, logs

    @write_method
    def add_break(self, key: str, start: Month, note: str) -> tuple[Measure, SeriesBreak | None]:
        """Declare a series break on a measure from a month; returns the measure and the break it replaced."""
        with write_transaction(self.db):
            self.access.require_admin(CATALOG_ACTION)
            measure = self.catalog.find(key)
            brk = SeriesBreak(start, check_break_note(note, f"måttet ”{measure.code}”"))
            old = measure.break_from(start)
            if old == brk:
                return measure, old
            changed = measure.with_break(brk)
            detail = _break_detail(brk) + (f" Tidigare not: ”{old.note}”." if old else "")
            self._write_breaks(changed)
            self._log_event("measure_break", measure=measure.code, detail=detail)
        self._catalog = None
        return changed, old

    @write_method
    def remove_break(self, key: str, start: Month) -> SeriesBreak:
        """Take a series break away; comparisons across that month are made again."""
        with write_transaction(self.db):
            self.access.require_admin(CATALOG_ACTION)
            measure = self.catalog.find(key)
            old = measure.break_from(start)
            if old is None:
                have = ", ".join(str(b.start) for b in measure.breaks)
                raise InputError(
                    f"”{measure.code}” har inget seriebrott från {start}. "
                    + (f"Seriebrott finns från {have}." if have else "Måttet har inga seriebrott.")
                )
            self._write_breaks(measure._replace(breaks=tuple(b for b in measure.breaks if b != old)))
            self._log_event("measure_break_remove", measure=measure.code, detail=_break_detail(old))
        self._catalog = None
        return old

    def _write_breaks(self, measure: Measure) -> None:
        self.db["measure"].update(measure.code, {"breaks": _measure_row(measure)["breaks"]})

    @write_method
    def rename_measure(
        self, key: str, name: str, *, from_year: int | None = None, report_name: str | None = None
    ) -> Measure:
        """Give a measure a new name (and report row name), for all years or from a year on.

        Without `from_year` the names in use now change; with it, years before keep theirs.
        History (values and log) is untouched.
        """
        with write_transaction(self.db):
            self.access.require_admin(CATALOG_ACTION)
            name = name.strip()
            if not name:
                raise InputError("Det nya namnet är tomt. Ange ett namn, t.ex. ”Aktualiseringar barn”.")
            name = check_name(name, "Det nya namnet")
            if report_name is not None:
                report_name = check_name(report_name.strip(), "Rapportnamnet") if report_name.strip() else None
                if report_name is None:
                    raise InputError("Rapportnamnet är tomt. Ange ett namn för raden i Volymutveckling.")
            measure = self.catalog.find(key)
            clash = [m for m in self.catalog.measures if m.name.casefold() == name.casefold() and m.code != measure.code]
            if clash:
                raise InputError(f"Namnet ”{name}” används redan av måttet ”{clash[0].code}”. Välj ett annat namn.")
            periods = list(measure.names) or [NamePeriod(0, measure.name, measure.report_name)]
            if from_year is None:
                target = periods[-1]
            else:
                check_year(from_year)
                target = measure.name_period(from_year)
            changed = NamePeriod(
                target.from_year if from_year is None else from_year, name, report_name or target.report_name
            )
            periods = sorted([p for p in periods if p.from_year != changed.from_year] + [changed], key=lambda p: p.from_year)
            current = periods[-1]
            when = "" if from_year is None else f" från {from_year}"
            detail = f"Nytt namn{when}: ”{name}” (tidigare ”{target.name}”)." + (
                f" Rapportnamn: ”{report_name}” (tidigare ”{target.report_name or target.name}”)." if report_name else ""
            )
            self.db["measure"].update(measure.code, {"name": current.name, "report_name": current.report_name})
            self.db.execute("delete from measure_name where measure = ?", [measure.code])
            if len(periods) > 1:
                self.db["measure_name"].insert_all(
                    [
                        {"measure": measure.code, "from_year": p.from_year, "name": p.name, "report_name": p.report_name}
                        for p in periods
                    ]
                )
            self._log_event("measure_rename", measure=measure.code, detail=detail)
        self._catalog = None
        return self.catalog.get(measure.code)

    @write_method
    def set_retired(self, key: str, retired: bool = True) -> Measure:
        """Retire a measure (no longer offered for entry; history kept) or bring it back."""
        with write_transaction(self.db):
            self.access.require_admin(CATALOG_ACTION)
            measure = self.catalog.find(key)
            self.db["measure"].update(measure.code, {"retired": int(retired)})
            self._log_event("measure_retire" if retired else "measure_restore", measure=measure.code)
        self._catalog = None
        return measure._replace(retired=retired)
