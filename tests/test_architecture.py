"""The house rules, checked: no import cycles, Streamlit only under web/, imports flow one way,
and the interfaces reach the core only through the one door, `pledges.service`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pledges"

# Lowest first. A module may import its own layer and the layers below, never above.
LAYERS = [
    (
        "foundation",
        {"model", "errors", "settings", "clock", "numbers", "translation", "chromium", "frames"},
    ),
    ("core", {"catalog", "store", "ingest", "progress", "auth", "sources", "stewardship"}),
    ("service", {"service"}),
    ("views", {"views"}),
    ("renderers", {"briefing", "site"}),
    ("interfaces", {"cli", "web", "__main__"}),
]
RANK = {room: rank for rank, (_, rooms) in enumerate(LAYERS) for room in rooms}
CORE = dict(LAYERS)["core"]
# Everything above the door: it reads the core through `service` (and its frozen results).
OUTSIDE_THE_DOOR = dict(LAYERS)["views"] | dict(LAYERS)["renderers"] | dict(LAYERS)["interfaces"]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "migrations" not in p.parts}


def _type_checking_only(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def imports_of(path: Path) -> set[str]:
    """Every pledges module a file imports (at any depth, except under `if TYPE_CHECKING`)."""
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(n) for top in ast.walk(tree) if _type_checking_only(top) for n in ast.walk(top)}
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                found.add(child if child in MODULES else node.module)
    return {name for name in found if name.split(".")[0] == "pledges"}


GRAPH = {name: imports_of(path) & set(MODULES) for name, path in MODULES.items()}


def room(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_room_has_a_layer() -> None:
    rooms = {room(name) for name in MODULES} - {"__init__"}
    assert rooms <= set(RANK), f"put these in a layer: {sorted(rooms - set(RANK))}"


def test_no_import_cycles() -> None:
    """Depth-first search; a back edge is a cycle, reported as the path that closes it."""
    state: dict[str, str] = {}
    cycles: list[list[str]] = []

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for target in sorted(GRAPH[name]):
            if state.get(target) == "open":
                cycles.append([*trail[trail.index(target) :], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[name] = "done"

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])
    assert cycles == []


@pytest.mark.parametrize("name", sorted(n for n in MODULES if room(n) in RANK))
def test_imports_flow_down_the_layers(name: str) -> None:
    upward = sorted(
        target
        for target in GRAPH[name]
        if room(target) in RANK and RANK[room(target)] > RANK[room(name)]
    )
    assert upward == [], f"{name} is in layer {RANK[room(name)]} and imports {upward}"


@pytest.mark.parametrize("name", sorted(n for n in MODULES if room(n) in OUTSIDE_THE_DOOR))
def test_the_interfaces_reach_the_core_only_through_service(name: str) -> None:
    reached = sorted(target for target in GRAPH[name] if room(target) in CORE)
    assert reached == [], f"{name} imports {reached}; reach them through pledges.service"


def test_the_router_reaches_the_core_only_through_service() -> None:
    reached = sorted(
        name for name in imports_of(ROOT / "app.py") if name.split(".")[1:2] and room(name) in CORE
    )
    assert reached == []


def test_the_door_rule_sees_an_import_that_breaks_it(tmp_path: Path) -> None:
    """The check itself can fail: a view importing the store is caught, at any depth."""
    view = tmp_path / "view.py"
    view.write_text("def f():\n    from pledges.store import attempts\n", encoding="utf-8")
    assert "pledges.store.attempts" in imports_of(view)
    assert room("pledges.store.attempts") in CORE


def test_streamlit_only_under_web() -> None:
    users = sorted(
        name
        for name, path in MODULES.items()
        if any(i.split(".")[0] == "streamlit" for i in _all_imports(path))
    )
    assert all(name.startswith("pledges.web") for name in users), users
    assert users, "the web room should use streamlit"


def _all_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_parser_has_every_command_without_running_main() -> None:
    from pledges import cli

    sub = next(a for a in cli.build_parser()._actions if a.dest == "command")
    assert {"init", "import", "status", "history", "undo", "export", "user", "report"} <= set(
        sub.choices
    )


def test_no_test_sleeps_to_separate_timestamps() -> None:
    """Only the fixtures that poll a starting server may wait."""
    allowed = {"tests/browser/conftest.py", "tests/pg.py"}
    sleepers = sorted(
        str(p.relative_to(ROOT))
        for p in (ROOT / "tests").rglob("*.py")
        if "sleep(" in p.read_text(encoding="utf-8") and p != Path(__file__)
    )
    assert set(sleepers) <= allowed, sleepers
