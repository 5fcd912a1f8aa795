"""Pure text helpers shared by the readers and writers (no files, no processes)."""

from audiokit.text.sentences import sentence_texts, split_sentences

__all__ = ["sentence_texts", "split_sentences"]
