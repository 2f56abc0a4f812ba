"""Opening the grid for `tracker` and `tracker demo`: the store, a first run's example tree, and the
unit, theme and keymap the settings name. The command line resolves the settings and passes plain values.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from tracker.core.errors import InputError
from tracker.io.example_tree import create_example_tree
from tracker.store.store import Store
from tracker.tui.app import TrackerApp

DEMO_NOTICE = (
    "Demodatabasen visar hela förvaltningen. Enter eller {drill} på en summa visar enheterna bakom den; "
    "{pick} byter till en enhet, där du kan skriva in värden."
)
FIRST_RUN_NOTICE = (
    "Databasen {path} skapades med standardkatalogen och ett exempelträd. Välj enhet med {key}, "
    "gå till en månad och skriv in siffrorna. Vill du se exempeldata först: kör `tracker demo`."
)


def run_app(
    path: Path,
    *,
    year: int | None = None,
    month: int | None = None,
    unit: str | None = None,
    unit_from: str | None = None,
    theme: str | None = None,
    theme_from: str = "",
    keymap: Path | None = None,
    keymap_from: str = "",
) -> int:
    """Open the grid on the database at `path` and return the exit code.

    `unit` given with `unit_from` (the config file that names it) is a preference: a database
    without that unit opens on its first enhet, the demo on its förvaltning, with a notice. Without `unit_from` the
    unit was asked for and must exist. `theme` and `keymap` name where they came from for messages.
    """
    store = Store.open(path)
    try:
        notice = None
        first_run = not store.units
        if first_run:
            create_example_tree(store)
        # the demo opens on its whole förvaltning, where every measure shows; a real database on its first enhet
        top = store.units.top() if store.demo_label else None
        if unit is not None and unit_from is not None:
            try:
                store.units.find(unit)
            except InputError:
                shown = "hela förvaltningen" if top is not None else "den första enheten"
                notice = f"Enheten ”{unit}” ur {unit_from} finns inte i den här databasen; visar {shown}."
                unit = None
        demo_top = unit is None and top is not None
        if demo_top:
            unit = top.code
        app = TrackerApp(store, unit=unit, year=year, month=month, notice=notice)
        if theme is not None:
            apply_theme(app, theme, theme_from)
        if keymap is not None:
            from tracker.tui.keymap import load_keymap

            app.use_keymap(load_keymap(keymap, keymap_from))
        if demo_top and notice is None:
            app.notice = DEMO_NOTICE.format(pick=app.key_of("pick_unit"), drill=app.key_of("drill_down"))
        if first_run and notice is None:
            app.notice = FIRST_RUN_NOTICE.format(path=path, key=app.key_of("pick_unit"))  # the key as the keymap left it
        app.run()
    finally:
        store.close()
    return app.return_code or 0


def apply_theme(app: App, name: str, source: str) -> None:
    """Use the theme a config file names; an unknown name is refused with the ones there are."""
    if name not in app.available_themes:
        names = ", ".join(sorted(app.available_themes))
        raise InputError(f"Temat ”{name}” i {source} finns inte. Välj bland: {names}.")
    app.theme = name
