"""Answers from an operator's knowledge base (FAQ passages), in the caller's language when possible."""

from __future__ import annotations

from agent.nlu.arabic import normalize, tokenize
from callcenter.store import Session

_STOP = {
    "the", "a", "an", "is", "are", "do", "does", "you", "your", "i", "to", "of", "in", "on", "for", "what",
    "how", "when", "where", "can", "me", "my", "we", "it", "and", "or", "please", "want", "know", "like",
    "would", "هل", "ما", "ماذا", "متى", "كيف", "اين", "في", "من", "على", "عن", "الى", "انا", "ابي", "ابغى", "اريد",
    "لو", "ممكن", "عندكم", "لكم", "كم",
}
MIN_SCORE = 0.5


def _terms(text: str) -> set[str]:
    return {t for t in tokenize(normalize(text)) if t not in _STOP and len(t) > 1}


async def answer(db: Session, question: str, language: str | None = None) -> str | None:
    """The best-matching passage when it covers at least half of the question's content words."""
    wanted = _terms(question)
    if not wanted:
        return None
    raw = {w.lower() for w in question.split()}
    candidates = await db.knowledge_chunks.search(sorted(wanted | {w.strip("?.,!؟،") for w in raw}))
    best, best_score = None, 0.0
    for chunk in candidates:
        overlap = len(wanted & _terms(chunk.content)) / len(wanted)
        if language and chunk.language == language:
            overlap += 0.05
        if overlap > best_score:
            best, best_score = chunk, overlap
    return best.content if best is not None and best_score >= MIN_SCORE else None
