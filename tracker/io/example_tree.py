"""The example unit tree `tracker init` and `tracker demo` create."""

from __future__ import annotations

from tracker.store.store import Store

TOP = ("IFO", "Individ- och familjeomsorgen")

# (code, name, parent, measures) — enheter carry the measures they report.
EXAMPLE_TREE = [
    ("IFO.BOU", "Avdelning barn och unga", "IFO", None),
    ("IFO.BOU.MOTT", "Mottagning barn och unga", "IFO.BOU",
     "bou.akt,bou.akt.oro,bou.fhb,bou.fhb.14d,bou.fhb.andel14"),
    ("IFO.BOU.UTR", "Utredning barn och unga", "IFO.BOU",
     "bou.utr.inledda,bou.utr.forlangda,bou.utr.avslutade,bou.utr.avslutade.4m,bou.utr.andel4m,"
     "bou.utr.pagaende,bou.kontakt,gem.evb"),
    ("IFO.BOU.PLAC", "Placering och familjehem", "IFO.BOU",
     "bou.plac.fh.sol,bou.plac.fh.lvu,bou.plac.jour,bou.plac.hvb.sol,bou.plac.hvb.lvu,bou.plac.sis,"
     "bou.plac.stod,bou.plac.total,bou.vardnadsoverflyttade,bou.vd.fh,bou.vd.inst,bou.unika.fh,"
     "bou.unika.inst,gem.evb"),
    ("IFO.VUX", "Avdelning vuxen och familjerätt", "IFO", None),
    ("IFO.VUX.VUX", "Vuxenenheten", "IFO.VUX",
     "vux.akt,vux.lvm.anm,vux.utr.inledda,vux.utr.avslutade,vux.utr.pagaende,vux.plac.hvb,vux.plac.lvm,"
     "vux.plac.fh,vux.lvm.nya,vux.lvm.avslutade,vux.skydd,vux.skydd.dygn,vux.unika.skydd,vux.vd.inst,"
     "vux.unika.inst,gem.evb"),
    ("IFO.VUX.FAM", "Familjerätten", "IFO.VUX",
     "fam.akt,fam.utr.inledda,fam.utr.avslutade,fam.utr.pagaende,fam.samtal.pagaende,fam.avtal,fam.dodsbo"),
    ("IFO.EB", "Avdelning ekonomiskt bistånd", "IFO", None),
    ("IFO.EB.FS", "Försörjningsstöd", "IFO.EB",
     "eb.hh.aktuella,eb.hh.utbet,eb.hh.utbet.1824,eb.barn,eb.akt,eb.utr.inledda,eb.avslutade,eb.belopp,"
     "eb.belopp.perhh,gem.evb"),
]


# Riktvärden of the example, for the whole förvaltning: the legal deadlines (förhandsbedömning within
# 14 days, utredning within 4 months). As andelar they apply to every avdelning and enhet too.
EXAMPLE_TARGETS = (("bou.fhb.andel14", "90 %"), ("bou.utr.andel4m", "80 %"))


def add_example_targets(store: Store, years) -> None:
    """Set the example's riktvärden for the given years (logged like any other)."""
    for year in years:
        for code, value in EXAMPLE_TARGETS:
            store.set_target(code, year, value)


def create_example_tree(store: Store) -> None:
    """Add the example förvaltning, avdelningar and enheter to an empty database."""
    store.add_unit(*TOP)
    for code, name, parent, measures in EXAMPLE_TREE:
        store.add_unit(code, name, parent=parent, measures=measures)
