"""The catalog of measures: kinds, parts and varav, polarity, series breaks and targets.

The module is long because it also reads the catalog's one file format (TOML): the checks of a
catalog file name Measure's fields one by one, so the model and its reader are kept side by side.
What a kind of measure means lives in core/kinds.py.
"""

# Annotations are evaluated here (no `from __future__ import annotations`): a named tuple
# made from evaluated field types costs a third of one made from strings, at every start.

import re
from typing import NamedTuple

from tracker.core.errors import InputError
from tracker.core.kinds import ALL_MONTHS, KINDS, Kind
from tracker.core.lookup import find_or_refuse
from tracker.core.periods import Month, check_year, parse_month, parse_year
from tracker.core.privacy import MAX_REASON_LENGTH, check_free_text, check_name, printable

POLARITIES = ("higher", "lower", "neutral")
POLARITY_LABELS = {"higher": "högre är bättre", "lower": "lägre är bättre", "neutral": "neutral"}
PART_SETS = {"FP": ("F", "P"), "KM": ("K", "M")}
PART_NAMES = {"F": "Flickor", "P": "Pojkar", "K": "Kvinnor", "M": "Män"}


class Section(NamedTuple):
    """A group of measures shown together (Barn och unga, Vuxen, …)."""

    code: str
    name: str


class SeriesBreak(NamedTuple):
    """A change of definition from a month on; comparisons across it are not comparable."""

    start: Month
    note: str


class NamePeriod(NamedTuple):
    """The names a measure has from a year on (until the next period starts)."""

    from_year: int
    name: str
    report_name: str | None = None


class Measure(NamedTuple):
    """One measure of the catalog (a named tuple: every command defines it at start)."""

    code: str
    name: str
    section: str
    kind: str
    unit: str = ""
    polarity: str = "neutral"
    definition: str = ""
    parts: tuple[str, ...] = ()
    varav_of: str | None = None
    stock_summary: str = "mean"
    numerator: str | None = None
    denominator: str | None = None
    sum_of: tuple[str, ...] = ()
    report_name: str | None = None
    report_order: int | None = None
    breaks: tuple[SeriesBreak, ...] = ()
    targets: tuple[tuple[int, float], ...] = ()
    retired: bool = False
    own: bool = False
    position: int = 0
    # a key row of the förvaltning's overview (`tracker overview`), declared `key = true` in the catalog
    key: bool = False
    # earlier names, oldest first; empty when the measure has had one name for all years
    names: tuple[NamePeriod, ...] = ()

    @property
    def kind_info(self) -> Kind:
        """What the measure's kind means for entry and for a period's value."""
        return KINDS[self.kind]

    @property
    def is_ratio(self) -> bool:
        return self.kind == "ratio"

    @property
    def is_annual(self) -> bool:
        """Entered once a year: its period is the year, not a month."""
        return self.kind_info.per_year

    @property
    def is_derived(self) -> bool:
        """Computed from other rows (ratio or sum), never entered."""
        return self.kind == "ratio" or bool(self.sum_of)

    @property
    def is_percent(self) -> bool:
        return self.kind == "ratio" and self.unit.strip() == "%"

    def label(self, part: str = "") -> str:
        """The measure, or one of its parts, named on its own: "Vuxna HVB, SoL, kvinnor"."""
        return f"{self.name}, {PART_NAMES[part].lower()}" if part else self.name

    def row_label(self, part: str = "") -> str:
        """A row's label under its measure: the part's name ("Kvinnor"), or the measure's for the total."""
        return PART_NAMES[part] if part else self.name

    def name_period(self, year: int) -> NamePeriod:
        """The names in use in a year: the latest period starting no later than it."""
        current = NamePeriod(0, self.name, self.report_name)
        periods = [p for p in self.names if p.from_year <= year] or list(self.names[:1])
        return periods[-1] if periods else current

    def name_in(self, year: int) -> str:
        """The measure's name as it was in a year (the grid shows the current `name`)."""
        return self.name_period(year).name

    def report_name_in(self, year: int) -> str:
        """The row name of the Volymutveckling report for a year."""
        period = self.name_period(year)
        return period.report_name or period.name

    def target(self, year: int) -> float | None:
        """The riktvärde in effect for a year, if any (percent ratios as a fraction).

        The store fills `targets` for the unit a view shows (Store.catalog_for, core.targets)."""
        return dict(self.targets).get(year)

    def breaks_between(self, first: Month, last: Month) -> list[SeriesBreak]:
        """Breaks that start after `first` and no later than `last`."""
        return [b for b in self.breaks if first < b.start <= last]

    def with_break(self, new: SeriesBreak) -> "Measure":
        """The measure with a break added, or with the note replaced of a break from the same month."""
        kept = [b for b in self.breaks if b.start != new.start]
        return self._replace(breaks=tuple(sorted([*kept, new], key=lambda b: b.start)))

    def break_from(self, start: Month) -> SeriesBreak | None:
        """The break starting in a month, if any."""
        return next((b for b in self.breaks if b.start == start), None)

    @property
    def kind_label(self) -> str:
        """The kind in one word, as `tracker measures` lists it: "flöde", "bestånd", "andel", "kvot"."""
        return "andel" if self.is_percent else self.kind_info.label

    def describe_kind(self) -> str:
        """Swedish description of how the period value is computed."""
        if self.kind == "stock" and self.stock_summary == "last":
            return "bestånd, värdet vid periodens slut"
        if self.is_ratio:
            # a share of a whole is an andel; kronor per hushåll is a kvot
            return f"{self.kind_label}, Σ {self.numerator} / Σ {self.denominator}"
        return self.kind_info.description

    @property
    def summary_label(self) -> str:
        """The word the grid writes over a period value of this measure."""
        if self.kind == "stock" and self.stock_summary == "last":
            return "Vid periodens slut"
        if self.is_ratio:
            return "Andel" if self.is_percent else "Kvot"
        return self.kind_info.summary_label

    @property
    def uses_last_value(self) -> bool:
        """True when a period's value is its last month's (quarter ends, stocks "vid periodens slut")."""
        return self.kind_info.last_value or (self.kind == "stock" and self.stock_summary == "last")

    def no_value_reason(self, period: Month | int) -> str | None:
        """Why the measure's kind takes no value for the period (a cell's read-only reason), or None."""
        if self.takes_value_in(period):
            return None
        return self.kind_info.off_month if isinstance(period, Month) else "Måttet anges per månad, inte per år."

    def takes_value_in(self, period: Month | int) -> bool:
        """True when the measure's kind has a value for the period at all (months, quarter ends, years)."""
        kind = self.kind_info
        return period.month in kind.months if isinstance(period, Month) else kind.per_year

    def months_taking_values(self, months) -> list[Month]:
        """The months among `months` that the measure's kind takes a value in (takes_value_in,
        for a list of months at once: a year view asks it for every row several times)."""
        taken = self.kind_info.months
        if taken == ALL_MONTHS:
            return list(months)
        return [m for m in months if m.month in taken]

    def kind_refusal(self, period: Month | int) -> str | None:
        """Why the period takes no value, as a sentence naming the measure and the period to give instead."""
        if self.takes_value_in(period):
            return None
        kind = self.kind_info
        if kind.per_year:
            return f"”{self.name}” är ett {kind.label}. {kind.off_month} Ange perioden som ÅÅÅÅ, t.ex. {period.year}."
        if not isinstance(period, Month):
            return f"”{self.name}” anges per månad. Ange perioden som ÅÅÅÅ-MM, t.ex. {period}-01."
        return f"”{self.name}”: {kind.off_month} Du angav {period.label()}."


class Catalog:
    """The measures in display order, with lookups by code and by name.

    A plain class, not a dataclass: every command defines it at start, where a dataclass's
    generated methods cost several times as much to make.
    """

    def __init__(self, sections: list[Section], measures: list[Measure]) -> None:
        self.sections = sections
        self.measures = measures
        self._by_code: dict[str, Measure] = {m.code: m for m in measures}

    def __eq__(self, other: object) -> bool:
        if type(other) is not Catalog:
            return NotImplemented
        return (self.sections, self.measures) == (other.sections, other.measures)

    def __repr__(self) -> str:
        return f"Catalog(sections={self.sections!r}, measures={self.measures!r})"

    def __contains__(self, code: str) -> bool:
        return code in self._by_code

    def get(self, code: str) -> Measure:
        """The measure with this code (KeyError if absent)."""
        return self._by_code[code]

    def find(self, key: str, suggest: bool = True) -> Measure:
        """A measure named by code or by exact name (case-insensitive), or a Swedish error saying
        (with `suggest`) what it most likely meant."""
        return find_or_refuse(self._by_code, self.measures, key, "Måttet", "`tracker measures` listar alla mått", suggest)

    def section_name(self, code: str) -> str:
        for s in self.sections:
            if s.code == code:
                return s.name
        return code

    def depth(self, measure: Measure, part: str = "") -> int:
        """How far a row is indented: one step per varav level above it, and one more for a part."""
        depth = 1 if part else 0
        while measure.varav_of:
            depth += 1
            measure = self.get(measure.varav_of)
        return depth

    def varav_children(self, code: str) -> list[Measure]:
        """The varav rows directly under a measure."""
        return [m for m in self.measures if m.varav_of == code]

    def dependencies(self, measure: Measure) -> list[str]:
        """Codes whose values a derived measure is computed from."""
        if measure.is_ratio:
            return [measure.numerator, measure.denominator]
        return list(measure.sum_of)

    def with_dependencies(self, codes) -> list[str]:
        """The given codes plus everything their derived measures need, recursively."""
        out: list[str] = []
        stack = list(codes)
        while stack:
            code = stack.pop()
            if code in out or code not in self._by_code:
                continue
            out.append(code)
            stack.extend(self.dependencies(self._by_code[code]))
        return out

    def dependents(self, code: str) -> list[Measure]:
        """Derived measures computed (directly) from this one."""
        return [m for m in self.measures if code in self.dependencies(m)]

    def affected_by(self, code: str) -> set[str]:
        """The measure and every derived measure whose values change with it, recursively."""
        found: set[str] = set()
        stack = [code]
        while stack:
            current = stack.pop()
            if current not in found:
                found.add(current)
                stack.extend(m.code for m in self.dependents(current))
        return found


# patterns as text: re compiles each on first use (and keeps it), not at every start
_CODE_RE = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
_TEXT_FIELDS = ("code", "name", "section", "kind", "unit", "polarity", "definition", "parts", "varav_of",
                "stock_summary", "numerator", "denominator", "report_name")


def parse_break_start(text: str) -> Month:
    """The first month of a break: "YYYY-MM", or "YYYY" for January of that year."""
    stripped = str(text).strip()
    if re.fullmatch(r"\d{4}", stripped):
        return Month(parse_year(stripped), 1)
    if re.fullmatch(r"\d{4}-\d{1,2}", stripped):
        return parse_month(stripped)
    raise InputError(
        f"”{printable(stripped)}” är ingen giltig början för ett seriebrott. Ange månaden som ÅÅÅÅ-MM "
        "(t.ex. 2023-01) eller året som ÅÅÅÅ (från januari)."
    )


def check_break_note(note: str | None, where: str) -> str:
    """A break's note: required, one line of at most MAX_REASON_LENGTH characters, no personnummer."""
    if not note or not note.strip():
        raise InputError(
            f"Seriebrottet i {where} saknar not. Skriv vad som ändrades, t.ex. "
            "--note \"Från 2023 ingår inte vårdnadsöverflyttade\"."
        )
    return check_free_text(note.strip(), f"Noten till seriebrottet i {where}", MAX_REASON_LENGTH)


def check_code(code: str, what: str) -> str:
    """A measure or section code: letters, digits, ".", "_" and "-", starting with a letter or digit."""
    if not re.match(_CODE_RE, code) or len(code) > 60:
        raise InputError(
            f"I katalogen är ”{printable(code)}” ingen giltig kod för {what}. En kod har bokstäver, siffror, "
            "punkt, understreck eller bindestreck, t.ex. egen.familjeratt."
        )
    return code


def _measure_from_dict(raw: dict, position: int, own: bool) -> Measure:
    if not isinstance(raw, dict):
        raise InputError(f"I katalogen är mått nr {position + 1} inte en tabell. Skriv varje mått som [[measure]].")
    code = str(raw.get("code", "")).strip()
    where = f"måttet ”{printable(code)}”" if code else f"mått nr {position + 1}"
    for key in ("code", "name", "section", "kind"):
        if not str(raw.get(key, "")).strip():
            raise InputError(f"I katalogen saknar {where} fältet ”{key}”.")
    for key in _TEXT_FIELDS:
        if key in raw and not isinstance(raw[key], str):
            raise InputError(f"I katalogen ska {where} ha fältet ”{key}” som text inom citattecken.")
    check_code(code, "ett mått")
    check_name(raw["name"], f"Namnet på {where}")
    if raw.get("report_name"):
        check_name(raw["report_name"], f"Rapportnamnet på {where}")
    check_free_text(raw.get("definition"), f"Definitionen av {where}", 2000)
    sum_of = raw.get("sum_of", [])
    if not isinstance(sum_of, list) or not all(isinstance(c, str) for c in sum_of):
        raise InputError(f"I katalogen ska sum_of för {where} vara en lista med koder, t.ex. [\"a.b\", \"a.c\"].")
    breaks_raw = raw.get("breaks", [])
    if not isinstance(breaks_raw, list) or not all(isinstance(b, dict) and "from" in b for b in breaks_raw):
        raise InputError(
            f"I katalogen ska breaks för {where} vara en lista med tabeller, t.ex. "
            "[{ from = \"2023-01\", note = \"Nytt system\" }]."
        )
    for b in breaks_raw:
        check_free_text(str(b.get("note", "")), f"Noten till seriebrottet i {where}", MAX_REASON_LENGTH)
    targets_raw = raw.get("targets", {})
    if not isinstance(targets_raw, dict) or not all(
        str(y).isdigit() and isinstance(v, (int, float)) and not isinstance(v, bool) for y, v in targets_raw.items()
    ):
        raise InputError(f"I katalogen ska targets för {where} ange år och tal, t.ex. targets = {{ 2024 = 40 }}.")
    kind = raw["kind"]
    if kind not in KINDS:
        raise InputError(f"I katalogen har {where} okänd typ ”{kind}”. Tillåtna typer: {', '.join(KINDS)}.")
    polarity = raw.get("polarity", "neutral")
    if polarity not in POLARITIES:
        raise InputError(
            f"I katalogen har {where} okänd polaritet ”{polarity}”. Tillåtna: {', '.join(POLARITIES)}."
        )
    parts_key = raw.get("parts", "")
    if parts_key and parts_key not in PART_SETS:
        raise InputError(f"I katalogen har {where} okända delar ”{parts_key}”. Tillåtna: FP eller KM.")
    stock_summary = raw.get("stock_summary", "mean")
    if stock_summary not in ("mean", "last"):
        raise InputError(f"I katalogen har {where} okänt stock_summary ”{stock_summary}”. Tillåtna: mean, last.")
    if kind == "ratio" and not (raw.get("numerator") and raw.get("denominator")):
        raise InputError(f"I katalogen är {where} en andel men saknar numerator och denominator.")
    breaks = tuple(
        SeriesBreak(parse_month(str(b["from"])), str(b.get("note", "")).strip())
        for b in raw.get("breaks", [])
    )
    if not isinstance(raw.get("key", False), bool):
        raise InputError(f"I katalogen ska key för {where} vara true eller false.")
    unit = raw.get("unit", "")
    targets = []
    for year, value in dict(raw.get("targets", {})).items():
        value = float(value)
        if kind == "ratio" and unit.strip() == "%":
            value /= 100  # targets are written in percent; ratios are fractions inside
        targets.append((check_year(int(year), f"targets för {where}: {year}"), value))
    measure = Measure(
        code=code,
        name=str(raw["name"]).strip(),
        section=str(raw["section"]).strip(),
        kind=kind,
        unit=unit,
        polarity=polarity,
        definition=str(raw.get("definition", "")).strip(),
        parts=PART_SETS.get(parts_key, ()),
        varav_of=raw.get("varav_of") or None,
        stock_summary=stock_summary,
        numerator=raw.get("numerator") or None,
        denominator=raw.get("denominator") or None,
        sum_of=tuple(raw.get("sum_of", ())),
        report_name=raw.get("report_name") or None,
        report_order=raw.get("report_order"),
        breaks=tuple(sorted(breaks, key=lambda b: b.start)),
        targets=tuple(sorted(targets)),
        retired=bool(raw.get("retired", False)),
        own=own,
        position=position,
        key=raw.get("key", False),
    )
    if measure.targets:
        _check_catalog_targets(measure, where)
    return measure


def _check_catalog_targets(measure: Measure, where: str) -> None:
    # the riktvärden rule lives in core.targets, which builds on this module
    from tracker.core.targets import check_target_value, target_refusal

    refusal = target_refusal(measure)
    if refusal:
        raise InputError(f"I katalogen har {where} targets, men: {refusal}")
    for _year, value in measure.targets:
        try:
            check_target_value(measure, value)
        except InputError as exc:
            raise InputError(f"I katalogen har {where} ett ogiltigt riktvärde: {exc}") from None


class CatalogFile(NamedTuple):
    """A municipality's catalog file: own measures (if any) and series breaks on any measure."""

    catalog: Catalog | None
    breaks: tuple[tuple[str, SeriesBreak], ...] = ()


def _load_catalog_data(text: str) -> dict:
    # imported here, not at the top: look-ups read the catalog from the database, not from TOML
    from tracker.core.toml_text import load_toml

    return load_toml(
        text, "Filen", "Varje mått skrivs som en [[measure]]-tabell, se examples/egna_matt.toml."
    )


def parse_catalog_file(text: str) -> CatalogFile:
    """Parse a municipality's file: [[measure]] tables (own measures) and [[break]] tables
    (`measure`, `from`, `note`), refusing anything malformed."""
    data = _load_catalog_data(text)
    raw_breaks = data.get("break", [])
    if not isinstance(raw_breaks, list) or not all(isinstance(b, dict) for b in raw_breaks):
        raise InputError("I filen ska varje seriebrott skrivas som en [[break]]-tabell med measure, from och note.")
    breaks = []
    for i, raw in enumerate(raw_breaks, start=1):
        code = raw.get("measure")
        if not isinstance(code, str) or not isinstance(raw.get("from"), str):
            raise InputError(
                f"Seriebrott nr {i} i filen behöver measure och from inom citattecken, t.ex. "
                "measure = \"bou.vd.fh\", from = \"2023-01\"."
            )
        where = f"måttet ”{printable(code)}”"
        start = parse_break_start(raw["from"])
        note = raw.get("note")
        breaks.append((code.strip(), SeriesBreak(start, check_break_note(note if isinstance(note, str) else "", where))))
    if "measure" not in data and breaks:
        return CatalogFile(None, tuple(breaks))
    return CatalogFile(parse_catalog_toml(text, own=True), tuple(breaks))


def parse_catalog_toml(text: str, *, own: bool = False, start_position: int = 0) -> Catalog:
    """Parse catalog TOML (sections and measures) into a Catalog; refuse anything malformed."""
    data = _load_catalog_data(text)
    raw_sections = data.get("section", [])
    if not isinstance(raw_sections, list) or not all(
        isinstance(s, dict) and isinstance(s.get("code"), str) and isinstance(s.get("name"), str) for s in raw_sections
    ):
        raise InputError("I katalogen behöver varje [[section]] en kod och ett namn inom citattecken.")
    sections = [
        Section(check_code(s["code"].strip(), "ett avsnitt"), check_name(s["name"], f"Avsnittet ”{s['code']}”"))
        for s in raw_sections
    ]
    raw_measures = data.get("measure", [])
    if not isinstance(raw_measures, list) or not raw_measures:
        raise InputError("Filen innehåller inga mått. Varje mått skrivs som en [[measure]]-tabell.")
    measures = [_measure_from_dict(raw, start_position + i, own) for i, raw in enumerate(raw_measures)]
    codes = [m.code for m in measures]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise InputError(f"Koden {', '.join(duplicates)} förekommer mer än en gång i filen.")
    return Catalog(sections, measures)


def validate_catalog(catalog: Catalog) -> None:
    """Check that every reference (varav, ratio, sum, section) points at a measure that exists."""
    section_codes = {s.code for s in catalog.sections}
    for m in catalog.measures:
        if m.section not in section_codes:
            raise InputError(
                f"Måttet ”{m.code}” hör till avsnittet ”{m.section}”, som inte finns. "
                f"Avsnitt som finns: {', '.join(sorted(section_codes))}."
            )
        for ref in [m.varav_of, m.numerator, m.denominator, *m.sum_of]:
            if ref and ref not in catalog:
                raise InputError(f"Måttet ”{m.code}” hänvisar till ”{ref}”, som inte finns i katalogen.")
        if m.varav_of and catalog.get(m.varav_of).kind != m.kind:
            raise InputError(f"Varav-raden ”{m.code}” måste ha samma typ som ”{m.varav_of}”.")
    cycle = find_cycle(catalog)
    if cycle:
        raise InputError(
            f"Måtten hänvisar i en ring: {' → '.join(cycle)}. Ett mått kan inte räknas ur sig självt; "
            "ändra sum_of, numerator, denominator eller varav_of så att ringen bryts."
        )


def find_cycle(catalog: Catalog) -> list[str] | None:
    """A chain of references (sum_of, ratio, varav) that leads back to where it started, or None."""
    refs = {m.code: [r for r in (m.varav_of, m.numerator, m.denominator, *m.sum_of) if r] for m in catalog.measures}
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(code: str) -> list[str] | None:
        state[code] = 1
        path.append(code)
        for ref in refs.get(code, []):
            if state.get(ref) == 1:
                return path[path.index(ref):] + [ref]
            if ref not in state:
                found = visit(ref)
                if found:
                    return found
        state[code] = 2
        path.pop()
        return None

    for code in refs:
        if code not in state:
            found = visit(code)
            if found:
                return found
    return None


def merge_catalogs(base: Catalog, extra: Catalog) -> Catalog:
    """Add a municipality's own measures (and sections) to a catalog; existing codes are refused."""
    clash = [m.code for m in extra.measures if m.code in base]
    if clash:
        raise InputError(
            f"Koden {', '.join(clash)} finns redan i katalogen. Egna mått behöver nya koder, "
            "t.ex. egen.namn."
        )
    sections = list(base.sections) + [s for s in extra.sections if s.code not in {b.code for b in base.sections}]
    start = max((m.position for m in base.measures), default=-1) + 1
    measures = list(base.measures) + [m._replace(position=start + i) for i, m in enumerate(extra.measures)]
    merged = Catalog(sections, measures)
    validate_catalog(merged)
    return merged


def standard_catalog() -> Catalog:
    """The standard catalog shipped with the program."""
    from importlib import resources

    text = resources.files("tracker.data").joinpath("standard_catalog.toml").read_text("utf-8")
    catalog = parse_catalog_toml(text)
    validate_catalog(catalog)
    return catalog
