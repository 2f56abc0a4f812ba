"""The Textual user interface: the månadsstatistik grid and its screens."""

from pathlib import Path

# The one stylesheet of every screen and modal.
STYLESHEET = Path(__file__).with_name("tracker.tcss")
