"""Text helpers shared by the readers, writers and stages: sentences, letters, stopwords, the
language's rules and the English tagger. Pure apart from the word data of wordfreq and TextBlob,
read from their wheels (no processes, no user files)."""

from audiokit.text.sentences import sentence_texts, split_sentences

__all__ = ["sentence_texts", "split_sentences"]
