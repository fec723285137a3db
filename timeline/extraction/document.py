"""One article's extraction, start to finish, without the database.

``extract`` is what ingestion persists and what bench/extraction.py times: sentences of the
blocks that can state events, date mentions resolved against the publication date, gazetteer
mentions, and the event drafts built from them.
"""

from dataclasses import dataclass

from articles.text.cleaning import BlockKind, CleanText
from articles.text.metadata import Metadata
from articles.text.sentences import split_sentences
from articles.text.temporal import DateMention, find_dates
from timeline.extraction.events import (
    Dispute,
    EventDraft,
    SentenceInput,
    build_drafts,
    find_disputes,
    resolve_metonyms,
)
from timeline.extraction.gazetteer import EntityMention, Gazetteer

# Blocks whose sentences can state events. Titles, ledes and sub-headings repeat the story.
EXTRACTABLE_BLOCKS = {BlockKind.PARAGRAPH, BlockKind.CAPTION}


@dataclass(frozen=True, slots=True)
class Extraction:
    sentences: list[SentenceInput]
    dates: list[DateMention]
    entities: list[EntityMention]
    drafts: list[EventDraft]
    disputes: list[Dispute]


def extract(cleaned: CleanText, meta: Metadata, gazetteer: Gazetteer) -> Extraction:
    dates = find_dates(cleaned.body, meta.published)
    sentences = _dated_lead(extraction_sentences(cleaned, meta), dates, meta, cleaned.body)
    entities = resolve_metonyms(cleaned.body, gazetteer.find(cleaned.body, on=meta.published))
    drafts = build_drafts(sentences, dates, entities)
    return Extraction(
        sentences, dates, entities, drafts, find_disputes(sentences, entities, drafts)
    )


def extraction_sentences(cleaned: CleanText, meta: Metadata) -> list[SentenceInput]:
    """Sentences of the blocks that can state events, with the dateline prefix cut off."""
    sentences = []
    dateline_end = meta.dateline_span[1] if meta.dateline_span else None
    for block in cleaned.blocks:
        if block.kind not in EXTRACTABLE_BLOCKS:
            continue
        for sentence in split_sentences(cleaned.body, block.start, block.end):
            start = sentence.start
            if dateline_end is not None and start < dateline_end < sentence.end:
                start = dateline_end
                while start < sentence.end and cleaned.body[start].isspace():
                    start += 1
            if start >= sentence.end:
                continue
            sentences.append(
                SentenceInput(
                    start=start,
                    end=sentence.end,
                    text=cleaned.body[start : sentence.end],
                    is_caption=block.kind == BlockKind.CAPTION,
                )
            )
    return sentences


def _dated_lead(
    sentences: list[SentenceInput], dates: list[DateMention], meta: Metadata, body: str
) -> list[SentenceInput]:
    """The lead keeps its dateline when the dateline dates it and the lead states no date of its
    own: in "KHARTOUM, April 16 (Reuters) - The army said it had retaken the airport" the army
    spoke on April 16."""
    if meta.dateline_span is None or not sentences:
        return sentences
    start, end = meta.dateline_span
    if not any(start <= m.start and m.end <= end for m in dates):
        return sentences
    index = next((i for i, s in enumerate(sentences) if s.start >= end), None)
    if index is None:
        return sentences
    lead = sentences[index]
    if "\n" in body[start : lead.start] or any(
        lead.start <= m.start and m.end <= lead.end for m in dates
    ):
        return sentences
    with_dateline = SentenceInput(start, lead.end, body[start : lead.end], lead.is_caption)
    return [*sentences[:index], with_dateline, *sentences[index + 1 :]]
