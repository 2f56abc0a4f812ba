"""Reading TOML text with a Swedish message when it is malformed."""

from __future__ import annotations

import re

from tracker.core.errors import InputError


def load_toml(text: str, what: str, advice: str) -> dict:
    """Parse TOML; a syntax error becomes one Swedish line naming `what`, the position and `advice`."""
    import tomllib  # here: most starts have no TOML file to read, and look-ups should start fast

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib's message is English; only its position is passed on
        where = re.search(r"line (\d+), column (\d+)", str(exc))
        at = f" på rad {where[1]}, kolumn {where[2]}" if where else " i slutet av filen"
        raise InputError(f"{what} är inte giltig TOML: fel{at}. {advice}") from None
