"""The footer of keys that apply now, and fixed-height lines of text that repaint cheaply.

Textual's Footer recomposes all its child widgets whenever the bindings change, which happens
when an edit starts and ends; that alone would make an edit slower than a cursor move. This bar
renders the same active bindings (check_action decides what shows) as one line of text that
fits its width: the help key always stands at the right end, and the keys that do not fit
are left out from the end (the app-wide ones first); the help lists them all.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import App
from textual.binding import ActiveBinding, Binding
from textual.screen import Screen
from textual.widget import Widget


class KeyBar(Widget):
    """The keys that apply now, with their Swedish descriptions; clicking one runs it."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
    }
    """
    HELP_ACTION = "help"  # the key that stays on screen whatever the width

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

    def _items(self) -> list[list[ActiveBinding]]:
        """The keys to show, in order, each item the bindings of one action or one group."""
        items: list[list[ActiveBinding]] = []
        seen: set[object] = set()
        actives = [a for a in self.screen.active_bindings.values() if a.binding.show and _offered(a)]
        actives = _in_order(actives)
        for active in actives:
            binding = active.binding
            if (binding.group or binding.action) in seen:
                continue
            # a group's keys stand together before its one description: "[ ] Byt år"
            members = [a for a in actives if a.binding.group == binding.group] if binding.group else [active]
            seen.update(a.binding.action for a in members)
            seen.add(binding.group or binding.action)
            items.append(members)
        return items

    def _item_width(self, members: list[ActiveBinding]) -> int:
        binding = members[0].binding
        description = binding.group.description if binding.group else binding.description
        keys = " ".join(self.app.get_key_display(m.binding) for m in members)
        return len(keys) + len(description) + 3

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        self._spans = []
        items = self._items()
        helps = [i for i in items if i[0].binding.action == self.HELP_ACTION]
        rest = [i for i in items if i[0].binding.action != self.HELP_ACTION]
        width = self.size.width or 10_000
        room = width - sum(self._item_width(i) for i in helps)
        # leave out keys from the end (the app-wide ones) until the rest fits beside the help
        while rest and sum(self._item_width(i) for i in rest) > room:
            rest.pop()
        for members in rest:
            self._append(text, members)
        if helps:
            gap = width - len(text) - sum(self._item_width(i) for i in helps)
            text.append(" " * max(0, gap))
            for members in helps:
                self._append(text, members)
        return text

    def _append(self, text: Text, members: list[ActiveBinding]) -> None:
        """One item: its keys (each a span of its own for clicks) and its description."""
        key_style = self.get_component_rich_style("keybar--key")
        desc_style = self.get_component_rich_style("keybar--description")
        disabled_style = self.get_component_rich_style("keybar--disabled")
        active = members[0]
        binding = active.binding
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

    async def on_click(self, event: events.Click) -> None:
        for start, end, action, node in self._spans:
            if start <= event.x < end:
                await self.app.run_action(action, node)
                return


_DECLARED: dict[type, dict[str, int]] = {}


def _offered(active: ActiveBinding) -> bool:
    """Whether the node offers the command here (the app offers no Rapportera månad on a roll-up);
    the key still works, and says why it does not apply."""
    offers = getattr(active.node, "offers", None)
    return offers is None or offers(active.binding.action)


def _in_order(actives: list[ActiveBinding]) -> list[ActiveBinding]:
    """App-wide keys (quit, command palette) last, after the keys of what has focus and of the
    screen (whose own priority keys, such as the form's ctrl+s, keep their place); each node's keys
    as its BINDINGS declare them, also when a keymap has moved some (which reorders Textual's map)."""
    ranks: dict[int, int] = {}
    for active in actives:
        ranks.setdefault(id(active.node), len(ranks))

    def declared(active: ActiveBinding) -> int:
        kind = type(active.node)
        if kind not in _DECLARED:
            bindings = [b for cls in reversed(kind.__mro__) for b in Binding.make_bindings(cls.__dict__.get("BINDINGS", []))]
            _DECLARED[kind] = {b.id or b.action: i for i, b in reversed(list(enumerate(bindings)))}
        return _DECLARED[kind].get(active.binding.id or active.binding.action, len(_DECLARED[kind]))

    return sorted(actives, key=lambda a: (a.binding.priority and isinstance(a.node, App), ranks[id(a.node)],
                                          declared(a)))


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
