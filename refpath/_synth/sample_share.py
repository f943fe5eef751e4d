"""The demo team's sample share: what Bob Okafor would put in the team's shared folder.

``sample_exports/bob-okafor.refpath-share.zip`` is Bob's share of his unzipped
archive (``sample_exports/bob-okafor/``), made as ``refpath share bob-okafor
--exclude "Linh Tran" -o ...`` would make it, but dated like the rest of the
demo team (20 Nov 2026) instead of by the folder's modification time, so the
same bytes come out on every machine. Everything in it is invented.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from refpath._synth.formats import EXPORT_DAY
from refpath.exports.locate import read_export
from refpath.exports.share import plan_share, write_share

SAMPLE_SHARE = "bob-okafor.refpath-share.zip"
#: the relationship Bob keeps to himself in the sample (a contact at Acme Robotics)
SAMPLE_EXCLUDED = "Linh Tran"


def write_sample_share(out_dir: Path) -> Path:
    """Write Bob's sample share from ``out_dir/bob-okafor`` into ``out_dir``; return its path."""
    export = replace(read_export(Path(out_dir) / "bob-okafor"), exported_on=EXPORT_DAY)
    out = Path(out_dir) / SAMPLE_SHARE
    write_share(plan_share(export, exclude=[SAMPLE_EXCLUDED]), out)
    return out
