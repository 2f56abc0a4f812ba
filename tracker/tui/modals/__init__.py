"""Every modal of the program: questions, pickers, the help and the edit conflict.

All are styled by the `.dialog` rules of tracker.tcss, so they look alike wherever they open.
"""

from tracker.tui.modals.conflict import ConflictScreen
from tracker.tui.modals.help import HelpScreen
from tracker.tui.modals.pickers import MeasureJump, UnitPicker
from tracker.tui.modals.questions import ConfirmScreen, TextPrompt, YearPrompt

__all__ = ["ConfirmScreen", "ConflictScreen", "HelpScreen", "MeasureJump", "TextPrompt", "UnitPicker", "YearPrompt"]
