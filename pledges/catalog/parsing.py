"""YAML (or a mapping) to a validated definition, with every problem named by its place."""

from __future__ import annotations

from typing import Any

import pydantic
import yaml

from pledges.catalog.fields import format_path
from pledges.catalog.schema import PledgeFile


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a key given twice in one mapping."""


def _construct_unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping
)


def _duplicate_ids(raw: Any) -> list[tuple[str, str]]:
    """Goal ids unique in the pledge; indicator ids unique in the pledge (they key uploads)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("goals"), list):
        return []
    problems: list[tuple[str, str]] = []
    goal_ids: dict[str, str] = {}
    indicator_ids: dict[str, str] = {}
    for g, goal in enumerate(raw["goals"]):
        if not isinstance(goal, dict):
            continue
        gid = goal.get("id")
        if isinstance(gid, str):
            here = f"goals[{g}].id"
            if gid in goal_ids:
                problems.append((here, f"duplicate goal id {gid!r} (first at {goal_ids[gid]})"))
            goal_ids.setdefault(gid, here)
        for i, indicator in enumerate(goal.get("indicators") or []):
            iid = indicator.get("id") if isinstance(indicator, dict) else None
            if isinstance(iid, str):
                here = f"goals[{g}].indicators[{i}].id"
                if iid in indicator_ids:
                    first = indicator_ids[iid]
                    problems.append((here, f"duplicate indicator id {iid!r} (first at {first})"))
                indicator_ids.setdefault(iid, here)
    return problems


def _target_order(parsed: PledgeFile) -> list[tuple[str, str]]:
    """Targets come after the baseline and are not given twice for one year and kind."""
    problems: list[tuple[str, str]] = []
    for g, goal in enumerate(parsed.goals):
        for i, indicator in enumerate(goal.indicators):
            seen: set[tuple[int, str]] = set()
            for t, target in enumerate(indicator.targets):
                here = f"goals[{g}].indicators[{i}].targets[{t}].year"
                if indicator.baseline and target.year < indicator.baseline.year:
                    problems.append(
                        (
                            here,
                            f"target year {target.year} is before the baseline year "
                            f"{indicator.baseline.year}",
                        )
                    )
                if (target.year, target.kind) in seen:
                    problems.append((here, f"two {target.kind} targets for {target.year}"))
                seen.add((target.year, target.kind))
    return problems


def parse_text(text: str, name: str) -> tuple[PledgeFile | None, list[str]]:
    """Validate one definition's YAML; return the model or every problem as `name: path: msg`."""
    try:
        raw = yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "(file)"
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [f"{name}: {where}: not valid YAML: {problem}"]
    return parse_mapping(raw, name)


def parse_mapping(raw: Any, name: str) -> tuple[PledgeFile | None, list[str]]:
    """Validate a definition already in memory (a connector's) by the same rules as YAML."""
    problems = [f"{name}: {path}: {msg}" for path, msg in _duplicate_ids(raw)]
    try:
        parsed = PledgeFile.model_validate(raw)
    except pydantic.ValidationError as exc:
        for err in exc.errors():
            message = err["msg"].removeprefix("Value error, ")
            problems.append(f"{name}: {format_path(err['loc'])}: {message}")
        return None, problems
    problems += [f"{name}: {path}: {msg}" for path, msg in _target_order(parsed)]
    return (None, problems) if problems else (parsed, [])
