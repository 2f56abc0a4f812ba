"""Looking for what other people have saved, so a view shows it without F5."""

from __future__ import annotations

# How often a view looks: one PRAGMA data_version, a few microseconds when nothing changed.
WATCH_SECONDS = 2.0


class SavesWatch:
    """Whether another connection has committed to the database since the last look."""

    def __init__(self, store) -> None:
        self.store = store
        self.seen = store.data_version()

    def changed(self) -> bool:
        """True once for each time others have saved since the last look that said so."""
        version = self.store.data_version()
        if version == self.seen:
            return False
        self.seen = version
        return True
