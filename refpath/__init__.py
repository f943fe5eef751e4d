"""refpath: warm introductions instead of cold pitches.

refpath merges a team's LinkedIn data exports into one local store, finds who
can introduce you to a prospect (with the evidence for each tie), drafts an
honest warm-intro request, maps the network and plans outreach for a whole
prospect list. Nothing leaves the user's machine.

Data flows one way: ``exports``/``connections`` (parse files) -> ``identity``
(one key per person) -> ``store``/``ingest`` (SQLite) ->
``network``/``strength``/``paths`` -> ``drafts``/``plot``/``plan``, with ``cli``
at the edge.
"""

__version__ = "0.1.0"
