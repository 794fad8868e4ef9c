"""Shared Streamlit widgets and caches: the one module below the pages that imports streamlit.

Caches: the Store (engine) once per process; computed frames keyed by the store's newest
batch, so an import shows at once. Pickers are bound to the URL's query parameters
(`city`, `pledge`, `indicator`, `as_of`), so every view is a shareable link.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from sqlalchemy.engine import url as sa_url

from pledges import briefing, model, numbers, service, settings, translation
from pledges.service import vocabulary
from pledges.views import columns, formatting
from pledges.views.council import one_pager
from pledges.web import session

METHODOLOGY_LINK = "methodology#status"
# Computed results also expire, because a catalog sync (a target change) makes no batch.
CACHE_SECONDS = 300


@dataclass(frozen=True, slots=True)
class View:
    """What every page shows: a city, as reported on a date (None: now)."""

    city: str | None
    as_of: dt.date | None
    lang: str = translation.DEFAULT

    @property
    def t(self) -> translation.Translator:
        """The translator of the reader's language."""
        return service.translator(self.lang)


def current_actor() -> model.Actor:
    """Who is using the app: the editor signed in in this browser session, else a viewer."""
    return session.current_actor()


@st.cache_resource(show_spinner=False)
def _open_store(key: str) -> service.Store:
    db = service.open_store(settings.load().database_url, migrate=True)
    return db


def get_store() -> service.Store:
    """The process-wide store for the configured database (engine cached once)."""
    url = settings.load().database_url
    return _open_store(sa_url.make_url(url).render_as_string(hide_password=True))


# Cache keys name the database without its password (st.cache_data keeps keys in memory
# and may log them); the store behind a key is looked up here.
_STORES: dict[str, service.Store] = {}


def cache_key(db: service.Store) -> str:
    """The store's database URL with the password masked, as a cache key."""
    key = db.engine.url.render_as_string(hide_password=True)
    _STORES[key] = db
    return key


def _store_of(key: str) -> service.Store:
    return _STORES.get(key) or get_store()


def _stamp(db: service.Store) -> str:
    latest = db.latest_change()
    return "" if latest is None else latest.isoformat()


@st.cache_data(show_spinner=False, ttl=CACHE_SECONDS, max_entries=64)
def _cities(key: str, stamp: str) -> list[model.City]:
    return _store_of(key).cities()


@st.cache_data(show_spinner=False, ttl=CACHE_SECONDS, max_entries=64)
def _pledges(key: str, stamp: str, city: str | None, as_of: dt.date | None) -> list[model.Pledge]:
    return _store_of(key).pledges(city=city, as_of=as_of)


@st.cache_data(show_spinner=False, ttl=CACHE_SECONDS, max_entries=64)
def _assessed(
    key: str, stamp: str, city: str | None, as_of: dt.date | None
) -> list[service.IndicatorStatus]:
    return service.assess(_store_of(key), city=city, as_of=as_of)


@st.cache_data(show_spinner=False, ttl=CACHE_SECONDS, max_entries=64)
def _due(key: str, stamp: str, city: str | None, today: dt.date) -> list[vocabulary.DueItem]:
    return service.due(_store_of(key), today, settings.load().due_soon_days, city)


@st.cache_data(show_spinner=False, ttl=CACHE_SECONDS, max_entries=64)
def _panel_status(key: str, stamp: str, as_of: dt.date | None) -> pd.DataFrame:
    return service.panel_status(_store_of(key), as_of=as_of)


def panel_status(db: service.Store, view: View) -> pd.DataFrame:
    """Every CDP–ICLEI panel city assessed as of the view's date (cached until an import)."""
    return _panel_status(cache_key(db), _stamp(db), view.as_of)


@st.cache_data(show_spinner=False, ttl=CACHE_SECONDS, max_entries=64)
def _observations(key: str, stamp: str, city: str | None, as_of: dt.date | None) -> pd.DataFrame:
    return _store_of(key).observations(city=city, as_of=as_of)


@st.cache_data(show_spinner=False, ttl=CACHE_SECONDS, max_entries=64)
def _revisions(key: str, stamp: str, city: str | None, since: dt.date | None) -> pd.DataFrame:
    return _store_of(key).revisions(city=city, since=since)


@st.cache_data(show_spinner=False, ttl=CACHE_SECONDS, max_entries=64)
def _target_history(key: str, stamp: str, city: str | None) -> pd.DataFrame:
    return _store_of(key).target_history(city=city)


def forget_definitions() -> None:
    """Drop cached definitions and due states after an edit (a definition makes no batch)."""
    _due.clear()
    _pledges.clear()
    _assessed.clear()
    _target_history.clear()
    _one_pager.clear()


def due_items(db: service.Store, city: str | None, today: dt.date) -> list[vocabulary.DueItem]:
    """Every indicator with a cadence and its reporting state on `today` (cached)."""
    return _due(cache_key(db), _stamp(db), city, today)


def cities(db: service.Store) -> list[model.City]:
    """Every city (cached until the next import)."""
    return _cities(cache_key(db), _stamp(db))


def pledges(db: service.Store, view: View, city: str | None = None) -> list[model.Pledge]:
    """The pledges of the view's city (or another) with the targets in force then."""
    return _pledges(cache_key(db), _stamp(db), city or view.city, view.as_of)


@st.cache_data(show_spinner=False, ttl=CACHE_SECONDS, max_entries=64)
def _one_pager(
    key: str, stamp: str, city: str, as_of: dt.date | None, lang: str
) -> one_pager.OnePager | None:
    return briefing.gather(_store_of(key), city, as_of=as_of, lang=lang).summary


def one_pager_summary(db: service.Store, view: View) -> one_pager.OnePager | None:
    """The council one-pager of the city, as page 1 of the briefing has it (cached until an
    import: gathering assesses the city, the city as of the last briefing, and its CDP peers)."""
    return _one_pager(cache_key(db), _stamp(db), view.city, view.as_of, view.lang)


def one_pager_lines(db: service.Store, view: View) -> list[str]:
    """The one-pager's prose lines, as page 1 of the briefing says them."""
    summary = one_pager_summary(db, view)
    return [] if summary is None else one_pager.text_lines(summary)


def assessed(
    db: service.Store, view: View, city: str | None = None
) -> list[service.IndicatorStatus]:
    """Every indicator of the city assessed as of the view's date (cached until an import)."""
    return _assessed(cache_key(db), _stamp(db), city or view.city, view.as_of)


def observations(db: service.Store, view: View) -> pd.DataFrame:
    """The city's stored values as they stood at the view's date."""
    return _observations(cache_key(db), _stamp(db), view.city, view.as_of)


def revisions(db: service.Store, city: str | None, since: dt.date | None = None) -> pd.DataFrame:
    """Values replaced (after `since`, if given), with old and new value."""
    return _revisions(cache_key(db), _stamp(db), city, since)


def target_history(db: service.Store, city: str | None) -> pd.DataFrame:
    """Every version of every target of the city."""
    return _target_history(cache_key(db), _stamp(db), city)


def language() -> str:
    """The reader's language from `?lang=` (kept in the URL, so a shared link keeps it)."""
    return translation.resolve(st.query_params.get("lang"))


def translator() -> translation.Translator:
    """The translator of the reader's language, for a page's own words."""
    return service.translator(language())


def language_picker() -> str:
    """The language switch in the sidebar, bound to `?lang=` (English leaves the URL bare)."""
    current = language()
    choices = list(translation.languages())
    if current not in choices:  # the test-only pseudo-locale, asked for in the URL
        return current
    chosen = st.sidebar.selectbox(
        "Language · Idioma",
        choices,
        index=choices.index(current),
        format_func=translation.language_name,
        key="pick-lang",
    )
    if chosen == translation.DEFAULT:
        st.query_params.pop("lang", None)
    else:
        st.query_params["lang"] = chosen
    return chosen


def sidebar(db: service.Store) -> View:
    """The city picker and the "as reported on" date, in the sidebar and in the URL."""
    names = [city.name for city in cities(db)]
    lang = language_picker()
    t = translation.translator(lang)
    with st.sidebar:
        city = None
        if names:
            default = names.index("Los Angeles") if "Los Angeles" in names else 0
            city = st.selectbox(
                t.gettext("City"), names, index=default, key="city", bind="query-params"
            )
        as_of = st.date_input(
            t.gettext("As reported on"),
            value=None,
            min_value=dt.date(1990, 1, 1),
            max_value=service.today(db),
            key="as_of",
            bind="query-params",
            format="YYYY-MM-DD",
            help=t.gettext(
                "Recompute every page from the values and targets stored by the end of this "
                "day. Leave empty for the latest data."
            ),
        )
        if as_of is None:
            note(t.gettext("Showing the latest data."))
        else:
            day = numbers.short_day(as_of, lang)
            note(t.gettext("Showing the data as reported on {day}.", day=day))
    return View(city, as_of, lang)


def revision_notice(db: service.Store, view: View) -> None:
    """On a past view, say what has been revised since (values and targets)."""
    if view.as_of is None:
        return
    changed = revisions(db, view.city, view.as_of)
    history = target_history(db, view.city)
    moment = service.as_moment(view.as_of)
    retargeted = (
        history[(history["valid_from"] > moment) | (history["valid_to"] > moment)]
        if not history.empty
        else history
    )
    t = view.t
    day = numbers.short_day(view.as_of, t.lang)
    if changed.empty and retargeted.empty:
        st.info(
            t.gettext("As reported on {day}. Nothing stored then has been revised since.", day=day)
        )
        return
    st.warning(
        t.gettext(
            "As reported on {day}. Since then {values} stored values and {targets} target "
            "versions have changed; today's pages differ.",
            day=day,
            values=len(changed),
            targets=len(retargeted),
        )
    )
    if not changed.empty:
        with st.expander(t.gettext("Values revised since then")):
            table = changed.loc[
                :, ["pledge", "indicator", "period", "value", "new_value", "replaced_at"]
            ].rename(columns={"value": "value then", "new_value": "value now"})
            st.dataframe(columns.shown(table, t), hide_index=True, width="stretch")


def _pick(label: str, param: str, keys: list[str], labels: dict[str, str]) -> str:
    """A selectbox over slugs whose choice is kept in `?param=slug` (a readable, stable link).

    Not `bind="query-params"`: a bound selectbox writes its display label into the URL, and
    labels change with the status; links must name the slug.
    """
    wanted = st.query_params.get(param)
    index = keys.index(wanted) if wanted in keys else 0
    chosen = st.selectbox(
        label, keys, index=index, key=f"pick-{param}", format_func=lambda key: labels[key]
    )
    chosen = chosen if chosen in keys else keys[0]
    st.query_params[param] = chosen
    return chosen


def pick_pledge(options: Sequence[model.Pledge]) -> model.Pledge | None:
    """A pledge picker kept in `?pledge=`."""
    if not options:
        return None
    t = translator()
    by_key = {pledge.key: pledge for pledge in options}
    labels = {
        key: t.name(pledge.name)
        + (
            ""
            if pledge.state == "active"
            else f" ({t.gettext(formatting.STATE_WORDS.get(pledge.state, pledge.state))})"
        )
        for key, pledge in by_key.items()
    }
    return by_key[_pick(t.gettext("Pledge"), "pledge", list(by_key), labels)]


def pick_indicator(
    items: Sequence[service.IndicatorStatus],
) -> service.IndicatorStatus | None:
    """An indicator picker kept in `?indicator=`, labelled with its status and name."""
    if not items:
        return None
    by_key = {item.indicator.key: item for item in items}
    t = translator()
    labels = {
        key: f"{formatting.status_label(item.assessment.status, t)} · {t.name(item.indicator.name)}"
        for key, item in by_key.items()
    }
    return by_key[_pick(t.gettext("Indicator"), "indicator", list(by_key), labels)]


def status_markdown(word: str | None, stale: bool = False, link: bool = True) -> str:
    """A status badge (symbol, word and colour) as markdown made from fixed words only; with
    its methodology link unless the section gives that link once (`link=False`)."""
    t = translator()
    style = formatting.style_of(word)
    badge = f":{style.badge}-badge[{style.symbol} {t.gettext(style.word)}]"
    if stale:
        stale_words = t.gettext("stale data")
        badge += f" :gray-badge[{stale_words}]"
    if not link:
        return badge
    how = t.gettext("how is this decided?")
    return f"{badge} [{how}]({METHODOLOGY_LINK})"


def methodology_note(what: str) -> None:
    """The section's one link to how its statuses are decided (`what`: already translated)."""
    note(translator().gettext("[How {what} are decided]({link})", what=what, link=METHODOLOGY_LINK))


def show_status(word: str | None, stale: bool = False) -> None:
    """A status badge with its link to the methodology."""
    st.markdown(status_markdown(word, stale))


def show_chart(fig: go.Figure, key: str, summary: str, table: pd.DataFrame) -> None:
    """A chart with its text summary and data table under it (never the chart alone)."""
    st.plotly_chart(
        fig,
        key=key,
        theme=None,
        config={"displaylogo": False, "responsive": True},
    )
    note(formatting.plain(summary))
    with st.expander(translator().gettext("Chart data as a table")):
        st.dataframe(table, hide_index=True, width="stretch")


def note(text: str) -> None:
    """Secondary text in small type at full contrast (st.caption's grey is under 4.5:1).

    `text` must already be safe markdown: pass anything from a definition or a CSV through
    `formatting.plain` first.
    """
    st.markdown(f":small[{text}]")


def city_page(title: str) -> tuple[service.Store, View]:
    """A city page's head: the store, the sidebar's view, the title (a catalog message marked
    with `N_`, "{city}: ...") and, on a past view, what has been revised since."""
    db = get_store()
    view = sidebar(db)
    if view.city is None:
        empty_city()
    st.title(view.t.gettext(title, city=formatting.plain(view.city)))
    revision_notice(db, view)
    return db, view


def pledge_heading(
    pledge: model.Pledge, pledged: Sequence[service.PledgeSummary], record: str
) -> None:
    """A pledge's header and, when it is no longer active, its state with `record` and source
    (the newer pledge named, never its id)."""
    st.header(formatting.plain(translator().name(pledge.name)), divider="gray")
    t = translator()
    names = {s.pledge.key: t.name(s.pledge.name) for s in pledged}
    state = formatting.pledge_state(pledge, names, t)
    if state:
        st.warning(
            f"{formatting.plain(state)} {record} "
            + (formatting.plain(pledge.state_source) if pledge.state_source else "")
        )


def empty_city() -> None:
    """What a store with no cities shows."""
    st.info(
        translator().gettext(
            "No city is loaded yet. Run `python -m pledges init` to load the pledges and values "
            "in data/."
        )
    )
    st.stop()
