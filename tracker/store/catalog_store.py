"""Keeping the catalog in the database: load, add own measures, rename, retire."""

from __future__ import annotations

import json
from dataclasses import replace

from tracker.core.catalog import (
    PART_SETS,
    Catalog,
    Measure,
    Section,
    SeriesBreak,
    merge_catalogs,
    validate_catalog,
)
from tracker.core.errors import InputError
from tracker.core.periods import parse_month
from tracker.core.privacy import check_name
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
        "targets": json.dumps({str(y): v for y, v in m.targets}),
        "retired": int(m.retired),
        "own": int(m.own),
        "position": m.position,
    }


def _measure_from_row(r: dict) -> Measure:
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
        targets=tuple((int(y), float(v)) for y, v in json.loads(r["targets"] or "{}").items()),
        retired=bool(r["retired"]),
        own=bool(r["own"]),
        position=r["position"],
    )


class CatalogStore:
    """Mixin for Store: the measures and sections."""

    _catalog: Catalog | None = None

    @property
    def catalog(self) -> Catalog:
        """The catalog as stored, in display order (cached until it changes)."""
        if self._catalog is None:
            sections = [
                Section(r["code"], r["name"])
                for r in self.db.query("select code, name from section order by position")
            ]
            measures = [_measure_from_row(r) for r in self.db.query("select * from measure order by position")]
            self._catalog = Catalog(sections, measures)
        return self._catalog

    def _write_catalog(self, catalog: Catalog, log: dict | None = None) -> None:
        with write_transaction(self.db):
            if log:
                self._log_event(**log)
            self.db["section"].upsert_all(
                [{"code": s.code, "name": s.name, "position": i} for i, s in enumerate(catalog.sections)],
                pk="code",
            )
            self.db["measure"].upsert_all([_measure_row(m) for m in catalog.measures], pk="code")
        self._catalog = None

    def install_catalog(self, catalog: Catalog) -> None:
        """Write a whole catalog into an empty database."""
        validate_catalog(catalog)
        self._write_catalog(catalog)

    def add_measures(self, extra: Catalog) -> list[Measure]:
        """Add a municipality's own measures; codes that exist already are refused."""
        self.require_admin(CATALOG_ACTION)
        merged = merge_catalogs(self.catalog, extra)
        added = [m for m in merged.measures if m.code not in self.catalog]
        codes = ", ".join(m.code for m in added)
        self._write_catalog(merged, {"action": "measures_import", "detail": f"Nya mått: {codes}."})
        return added

    def rename_measure(self, key: str, name: str) -> Measure:
        """Give a measure a new display name; history is untouched."""
        self.require_admin(CATALOG_ACTION)
        name = name.strip()
        if not name:
            raise InputError("Det nya namnet är tomt. Ange ett namn, t.ex. ”Aktualiseringar barn”.")
        name = check_name(name, "Det nya namnet")
        measure = self.catalog.find(key)
        clash = [m for m in self.catalog.measures if m.name.casefold() == name.casefold() and m.code != measure.code]
        if clash:
            raise InputError(f"Namnet ”{name}” används redan av måttet ”{clash[0].code}”. Välj ett annat namn.")
        with write_transaction(self.db):
            self.db["measure"].update(measure.code, {"name": name})
            self._log_event(
                "measure_rename", measure=measure.code, detail=f"Nytt namn: ”{name}” (tidigare ”{measure.name}”)."
            )
        self._catalog = None
        return replace(measure, name=name)

    def set_retired(self, key: str, retired: bool = True) -> Measure:
        """Retire a measure (no longer offered for entry; history kept) or bring it back."""
        self.require_admin(CATALOG_ACTION)
        measure = self.catalog.find(key)
        with write_transaction(self.db):
            self.db["measure"].update(measure.code, {"retired": int(retired)})
            self._log_event("measure_retire" if retired else "measure_restore", measure=measure.code)
        self._catalog = None
        return replace(measure, retired=retired)
