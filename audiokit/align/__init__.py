"""Forced alignment of a transcript to audio: spoken forms, pronunciations, aligner."""
