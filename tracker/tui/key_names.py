"""How keys are written on screen, one way everywhere: F1, Esc, Enter, Tab, PgUp, Del, ctrl+p, shift+Tab.

Textual's own names (pageup, delete, escape) are English and lower-case; the footer, the help and
the command palette all show keys through key_display, so a key moved by a keymap reads alike in each.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding
from textual.keys import format_key

KEY_NAMES = {
    "home": "Home", "end": "End", "pageup": "PgUp", "pagedown": "PgDn", "delete": "Del", "insert": "Ins",
    "escape": "Esc", "enter": "Enter", "tab": "Tab", "backspace": "Backsteg", "space": "Mellanslag",
    "up": "↑", "down": "↓", "left": "←", "right": "→",
}


def key_display(key: str) -> str:
    """One key as printed on the keyboard, modifiers in lower case before it: "PgUp", "F6",
    "ctrl+Home", "ctrl+s", "shift+Tab", "[" ."""
    *modifiers, name = key.split("+")
    if name in KEY_NAMES:
        shown = KEY_NAMES[name]
    elif name[:1] == "f" and name[1:].isdigit():
        shown = name.upper()
    else:
        shown = format_key(name)
    return "+".join([*modifiers, shown])


def binding_display(binding: Binding) -> str:
    """A binding's key as the footer and the palette show it: its key_display, else the key itself.

    A binding moved by a keymap has lost its key_display, so it shows the key it was given."""
    return binding.key_display or key_display(binding.key)


def keys_display(bindings: Iterable[Binding]) -> str:
    """Every key of some bindings, for the help: "Enter / F2", "F5 / ctrl+r"."""
    shown: list[str] = []
    for binding in bindings:
        text = key_display(binding.key)
        if text not in shown:
            shown.append(text)
    return " / ".join(shown)
