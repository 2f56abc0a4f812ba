"""The footer of keys that apply now, and fixed-height lines of text that repaint cheaply.

Textual's Footer recomposes all its child widgets whenever the bindings change, which happens
when an edit starts and ends; that alone would make an edit slower than a cursor move. This bar
renders the same active bindings (check_action decides what shows) as one line of text.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import ActiveBinding, Binding
from textual.screen import Screen
from textual.widget import Widget


class KeyBar(Widget):
    """The keys that apply now, with their Swedish descriptions; clicking one runs it."""

    DEFAULT_CSS = """
    KeyBar {
        height: 1;
        width: 1fr;
    }
    """

    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--disabled"}

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._spans: list[tuple[int, int, str, object]] = []
        self._subscribed: Screen | None = None

    def on_mount(self) -> None:
        self._subscribe()

    def _subscribe(self) -> None:
        screen = self.screen
        if self._subscribed is not screen:
            screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
            self._subscribed = screen

    def on_unmount(self) -> None:
        if self._subscribed is not None:
            self._subscribed.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        self.refresh()

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        key_style = self.get_component_rich_style("keybar--key")
        desc_style = self.get_component_rich_style("keybar--description")
        disabled_style = self.get_component_rich_style("keybar--disabled")
        self._spans = []
        seen: set[object] = set()
        actives = _in_order([a for a in self.screen.active_bindings.values() if a.binding.show])
        for active in actives:
            binding = active.binding
            if (binding.group or binding.action) in seen:
                continue
            # a group's keys stand together before its one description: "[ ] Byt år"
            members = [a for a in actives if a.binding.group == binding.group] if binding.group else [active]
            seen.update(a.binding.action for a in members)
            seen.add(binding.group or binding.action)
            # the keys as one run of text, " [ ] ", each key a span of its own for clicks
            start = len(text) + 1
            for member in members:
                shown = self.app.get_key_display(member.binding)
                self._spans.append((start, start + len(shown), member.binding.action, member.node))
                start += len(shown) + 1
            keys = " ".join(self.app.get_key_display(m.binding) for m in members)
            text.append(f" {keys} ", style=key_style if active.enabled else disabled_style)
            description = binding.group.description if binding.group else binding.description
            start = len(text)
            text.append(f"{description} ", style=desc_style if active.enabled else disabled_style)
            self._spans.append((start, len(text), binding.action, active.node))
        return text

    async def on_click(self, event: events.Click) -> None:
        for start, end, action, node in self._spans:
            if start <= event.x < end:
                await self.app.run_action(action, node)
                return


_DECLARED: dict[type, dict[str, int]] = {}


def _in_order(actives: list[ActiveBinding]) -> list[ActiveBinding]:
    """App-wide keys (quit, command palette) last, after the keys of what has focus; each node's
    keys as its BINDINGS declare them, also when a keymap has moved some (which reorders Textual's map)."""
    ranks: dict[int, int] = {}
    for active in actives:
        ranks.setdefault(id(active.node), len(ranks))

    def declared(active: ActiveBinding) -> int:
        kind = type(active.node)
        if kind not in _DECLARED:
            bindings = [b for cls in reversed(kind.__mro__) for b in Binding.make_bindings(cls.__dict__.get("BINDINGS", []))]
            _DECLARED[kind] = {b.id or b.action: i for i, b in reversed(list(enumerate(bindings)))}
        return _DECLARED[kind].get(active.binding.id or active.binding.action, len(_DECLARED[kind]))

    return sorted(actives, key=lambda a: (a.binding.priority, ranks[id(a.node)], declared(a)))


class InfoLine(Widget):
    """A fixed-height block of text that repaints without a layout pass.

    Static.update asks for a new layout (its size might change), which costs more than the
    whole grid repaint; these lines have a fixed height in the stylesheet, so a repaint is enough.
    """

    def __init__(self, text: str | Text = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self._text = Text(text) if isinstance(text, str) else text

    @property
    def text(self) -> str:
        """The plain text shown (for tests)."""
        return self._text.plain

    def update(self, text: str | Text) -> None:
        """Show new text."""
        text = Text(text) if isinstance(text, str) else text
        if text != self._text:
            self._text = text
            self.refresh()

    def render(self) -> Text:
        return self._text
