#!/usr/bin/env python3
"""A learned ranking of English chapter-title candidates: does it name the topic better than
today's hand-set score (audiokit/chapters/titles.py: TF-IDF, share, length and opening bonuses,
embedding centrality)?

PRE-REGISTRATION (written and committed before any held-out number was computed)
--------------------------------------------------------------------------------
Measure: exactly bench_titles.py's: chapters are the TRUE topic spans of podcasts-dev and
meetings-dev; a chapter is a hit when its title shares a content word (bench_titles.content_words)
with the reference title; "(untitled opening)" and references without a content word are left out.

Ceiling (step 1, reported before any learning): per chapter, whether today's top-1 phrase, the
top-2, the top-5, the top-12 and ANY candidate phrase shares a content word with the reference.

Learned ranker: per candidate phrase, show-agnostic features only (no word identities): today's
score and its parts (log tf in the chapter, idf over chapters, share of its uses in this chapter,
length in words, in the first 3 sentences, head/modifier support), first-mention position in the
chapter, fraction of chapters using it, wordfreq rarity of its words, WordLlama centrality to the
chapter's centroid (as bench_titles computes it), said in a question, whether written with a
capital, its score relative to the chapter's best. Model: L2 logistic regression in numpy (Newton,
as scripts/train_chapters.py), label = the candidate shares a content word with the reference,
each chapter weighted equally. Titles are composed exactly as today (titles._compose: the best
phrase, joined with a different second one when both fit in 40 characters and the second scores
at least half the first, distinct within the episode; "Introductions" rule unchanged).

Cross-validation: leave one group out, groups as bench_titles.series (each podcast show; AMI ES,
IS, TS; ICSI; each parliamentary committee), 13 folds; each fold trains on all other groups of
BOTH sets and titles the held-out group. Today's titles are scored on the same chapters.

Gate (ship only if all hold):
  1. held-out hit rate higher than today's on both podcasts-dev and meetings-dev, by >= 2 points
     on at least one, and no set worse than -1 point (i.e. "better on both" relaxed to >= -1 on
     the other, as in the brief: +>=2 on one, >= -1 on the other, and not both <= 0);
  2. every title <= 40 characters, distinct within an episode, title case (checked on all
     held-out titles);
  3. seed-full's titles (BENCHMARKS chapters section) not worse by eye.
The L2 strength is fixed at 1.0 (as train_chapters' default scale) and not tuned on held-out data.

Usage: ``.venv/bin/python scripts/train_titles.py [--ceiling] [--limit N] [--write]``
"""
