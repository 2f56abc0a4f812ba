"""The column heads and labels of the grid export: the formats write them and the importer reads
them back (tracker.io.importer), so each is spelled in this one place."""

# Column heads of the grid (Swedish, as on screen); the importer finds its columns by these names.
HEAD_MEASURE, HEAD_CODE, HEAD_PART = "Mått", "Kod", "Del"
HEAD_SUMMARY = "Beräkning"
HEAD_CURRENT, HEAD_PREVIOUS = "Hittills i år", "Fg år"
HEAD_CHANGE, HEAD_CHANGE_PCT, HEAD_TREND, HEAD_NOTE = "Förändring", "Förändring %", "Trend", "Kommentar"
# The labels of an xlsx sheet's header, above the grid.
LABEL_UNIT, LABEL_UNIT_CODE, LABEL_YEAR, LABEL_EXPORTED, LABEL_MASKING = (
    "Enhet", "Enhetskod", "År", "Exporterad", "Maskering",
)
# The long CSV: one row per stored value. A file without the part column has no split measures.
CSV_FIELDS = ("unit", "measure", "part", "period", "value")
CSV_OPTIONAL = ("part",)
# A hidden sheet keeps the computed cells as exported, so import can tell a total a person
# edited from one that is merely out of date because a part was edited (or already imported).
SNAPSHOT_SHEET = "tracker-beräknat"
SNAPSHOT_HEADS = ("unit", "measure", "part", "period", "value")
