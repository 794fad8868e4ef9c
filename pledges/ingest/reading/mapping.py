"""Column mapping: how a file's own headers become the upload format's fields; saved as presets."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pledges import translation

UNKNOWN_FIELD = translation.N_("Column mapping: unknown field '{name}'.")
NOT_A_CONSTANT = translation.N_("Column mapping: '{name}' cannot be a constant.")

FIELDS = ("city", "pledge", "indicator", "period", "value", "unit", "source", "note", "method")
REQUIRED = ("city", "pledge", "indicator", "period", "value", "unit", "source")
CONSTANT_FIELDS = ("city", "pledge", "indicator", "unit", "source", "note", "method")
WIDE_KEYS = ("city", "pledge", "indicator", "unit", "source")


@dataclass(frozen=True)
class ColumnMapping:
    """Which header feeds each field, constants chosen in the form, and value maps.

    `columns` maps a field to one header or several (joined with " | ", blanks left out);
    `constants` fills a field for every row; `indicator_values` maps what the file calls a
    series to an indicator key (None or "" skips those rows); `city_values` does the same for
    places, `unit_values` for units; `filters` keeps only rows whose column holds one of the
    listed values; `skip_rows` is the number of rows above the header (None: look for it);
    `skip_unmapped` skips rows whose indicator is not in `indicator_values` (each counted in a
    warning) instead of reporting them; `year_columns` names the period columns of a wide
    file (empty: every header that is a year).
    """

    columns: Mapping[str, str | tuple[str, ...]] = field(default_factory=dict)
    constants: Mapping[str, str] = field(default_factory=dict)
    indicator_values: Mapping[str, str | None] = field(default_factory=dict)
    unit_values: Mapping[str, str] = field(default_factory=dict)
    city_values: Mapping[str, str | None] = field(default_factory=dict)
    skip_unmapped: bool = False
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    skip_rows: int | None = None
    year_columns: tuple[str, ...] = ()

    def headers(self, name: str) -> tuple[str, ...]:
        """The headers that feed one field (empty when none is mapped)."""
        chosen = self.columns.get(name)
        if chosen is None:
            return ()
        return (chosen,) if isinstance(chosen, str) else tuple(chosen)

    def named_headers(self) -> set[str]:
        """Every header the mapping names (they must all be in the file)."""
        named = {header for name in FIELDS for header in self.headers(name)}
        return named | set(self.filters) | set(self.year_columns)

    def problems(self) -> list[tuple[str, str]]:
        """What is wrong with the mapping itself, for a file-level issue each: the catalog
        template of the whole sentence (`{name}` the field) and the field's name."""
        out = [(UNKNOWN_FIELD, name) for name in self.columns if name not in FIELDS]
        out += [(NOT_A_CONSTANT, name) for name in self.constants if name not in CONSTANT_FIELDS]
        return out

    def to_json(self) -> str:
        """The mapping as a JSON preset."""
        data = {
            "columns": {
                name: (list(value) if not isinstance(value, str) else value)
                for name, value in self.columns.items()
            },
            "constants": dict(self.constants),
            "indicator_values": dict(self.indicator_values),
            "unit_values": dict(self.unit_values),
            "city_values": dict(self.city_values),
            "skip_unmapped": self.skip_unmapped,
            "filters": {name: list(values) for name, values in self.filters.items()},
            "skip_rows": self.skip_rows,
            "year_columns": list(self.year_columns),
        }
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)


def from_json(text: str) -> ColumnMapping:
    """A mapping from a JSON preset (as written by `ColumnMapping.to_json`)."""
    data = json.loads(text)
    return ColumnMapping(
        columns={
            name: (value if isinstance(value, str) else tuple(value))
            for name, value in data.get("columns", {}).items()
        },
        constants=dict(data.get("constants", {})),
        indicator_values=dict(data.get("indicator_values", {})),
        unit_values=dict(data.get("unit_values", {})),
        city_values=dict(data.get("city_values", {})),
        skip_unmapped=bool(data.get("skip_unmapped", False)),
        filters={name: tuple(values) for name, values in data.get("filters", {}).items()},
        skip_rows=data.get("skip_rows"),
        year_columns=tuple(data.get("year_columns", ())),
    )


def save_preset(mapping: ColumnMapping, path: Path) -> None:
    """Write a preset file the Upload page can offer again."""
    path.write_text(mapping.to_json() + "\n", encoding="utf-8")


def load_preset(path: Path) -> ColumnMapping:
    """Read a preset file."""
    return from_json(path.read_text(encoding="utf-8"))
