"""The engine's words for an assessment in the reader's language (the door pages use)."""

from __future__ import annotations

from typing import Any

from pledges import translation
from pledges.progress import sentence as engine_sentence
from pledges.progress import wording


def sentence(assessment: Any, t: translation.Translator = translation.ENGLISH) -> str:
    """The indicator's one generated sentence, in `t`'s language."""
    return engine_sentence.compose(assessment, t)


def reason(assessment: Any, t: translation.Translator = translation.ENGLISH) -> str:
    """Why the indicator has its status, in one line in `t`'s language."""
    return engine_sentence.reason(assessment, t)


def evidence_text(assessment: Any, t: translation.Translator = translation.ENGLISH) -> str:
    """The grade and the basis in words, in `t`'s language ("" without a basis)."""
    return wording.evidence_text(assessment, t)
