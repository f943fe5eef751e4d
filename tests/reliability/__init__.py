"""Reliability suite (issue 7): crash safety, concurrency, hostile files, privacy, failure."""
