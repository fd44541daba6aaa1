"""YAML from users (scenario files), read with ceilings on size, aliases, nesting and expansion.

``yaml.safe_load`` builds no arbitrary objects, but it still honours anchors and aliases, and a
few hundred bytes of ``&a [*b, *b, …]`` chains ("billion laughs") describe 10⁹ values: the
loader shares them, but whatever walks the result (validation, copying, JSON) does not, and
runs for minutes through gigabytes. So the document is first *composed* into nodes by PyYAML's
safe loader, with the number of aliases and the nesting depth counted as it goes; then the size
the document would have once every alias is expanded is computed from the nodes (each node
counted once per path reaching it, memoised, so this costs one pass); only a document under
every ceiling is *constructed* into Python values. A recursive alias (``&a [*a]``) is refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, SequenceNode

from planner.errors import BadInput
from planner.labels import OPTIMISE, SAFETY

MAX_BYTES = 1024 * 1024  # a scenario file is a few kilobytes
MAX_ALIASES = 200
MAX_DEPTH = 40
MAX_EXPANDED_NODES = 200_000


class _Refused(Exception):
    """Raised inside the loader; turned into a :class:`BadInput` naming the file."""


class _CountingLoader(yaml.SafeLoader):
    """PyYAML's safe loader counting aliases and nesting while it composes nodes."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.aliases = 0
        self.depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise _Refused(SAFETY["yaml_aliases"].format(name="{name}", limit=MAX_ALIASES))
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Refused(SAFETY["yaml_deep"].format(name="{name}", limit=MAX_DEPTH))
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _expanded_size(node: Node, memo: dict[int, int], open_nodes: set[int]) -> int:
    """Nodes the document holds once aliases are expanded (shared nodes counted per use)."""
    key = id(node)
    if key in memo:
        return memo[key]
    if key in open_nodes:
        raise _Refused(SAFETY["yaml_recursive"])
    open_nodes.add(key)
    size = 1
    if isinstance(node, SequenceNode):
        size += sum(_expanded_size(child, memo, open_nodes) for child in node.value)
    elif isinstance(node, MappingNode):
        for k, v in node.value:
            size += _expanded_size(k, memo, open_nodes) + _expanded_size(v, memo, open_nodes)
    open_nodes.discard(key)
    memo[key] = size
    if size > MAX_EXPANDED_NODES:
        raise _Refused(SAFETY["yaml_expanded"].format(name="{name}", limit=MAX_EXPANDED_NODES))
    return size


def load_text(text: str, name: str) -> Any:
    """The Python value of one YAML document, or :class:`BadInput` naming ``name``."""
    loader = _CountingLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _expanded_size(node, {}, set())
        return loader.construct_document(node)
    except _Refused as refused:
        raise BadInput(str(refused).format(name=name)) from None
    except yaml.YAMLError as exc:
        raise BadInput(OPTIMISE["scenario_yaml"].format(name=name, error=exc)) from None
    except RecursionError:
        raise BadInput(SAFETY["yaml_deep"].format(name=name, limit=MAX_DEPTH)) from None
    finally:
        loader.dispose()


def load_file(path: str | Path) -> Any:
    """:func:`load_text` of a file, refused before reading when it is over :data:`MAX_BYTES`."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise BadInput(SAFETY["yaml_too_big"].format(name=path.name, size=size, limit=MAX_BYTES))
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(OPTIMISE["scenario_yaml"].format(name=path.name, error=exc)) from None
    return load_text(text, path.name)
