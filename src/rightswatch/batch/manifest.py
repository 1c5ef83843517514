"""The batch manifest: which shards are finished, which failed, and with what.

``DIR/manifest.json`` is written only by the client, after each shard completes, to a temporary
file that is then renamed: a crash leaves the previous manifest or the new one. A shard counts as
done only when its entry says so, its Parquet file exists and its inputs still have the size and
modification time recorded; anything else runs again.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rightswatch.batch.shards import Shard

__all__ = ["Manifest", "MANIFEST_NAME", "PARTS_DIR"]

MANIFEST_NAME = "manifest.json"
PARTS_DIR = "parts"


@dataclass
class Manifest:
    out_dir: Path
    shards: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return self.out_dir / MANIFEST_NAME

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        path = out_dir / MANIFEST_NAME
        if not path.exists():
            return cls(out_dir)
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(out_dir, dict(data.get("shards") or {}))

    def part_path(self, shard_id: str) -> Path:
        return self.out_dir / PARTS_DIR / f"{shard_id}.parquet"

    def is_done(self, shard: Shard) -> bool:
        entry = self.shards.get(shard.id)
        return (
            entry is not None
            and entry.get("status") == "done"
            and entry.get("fingerprint") == shard.fingerprint()
            and self.part_path(shard.id).exists()
        )

    def record(self, shard: Shard, /, **entry: Any) -> None:
        self.shards[shard.id] = {"paths": list(shard.paths), **entry}
        self.save()

    def done_parts(self) -> list[Path]:
        """Parquet files of finished shards, in shard id order."""
        return [
            self.part_path(sid)
            for sid, e in sorted(self.shards.items())
            if e.get("status") == "done" and self.part_path(sid).exists()
        ]

    def save(self) -> None:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{MANIFEST_NAME}.{os.getpid()}.tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump({"version": 1, "shards": self.shards}, fh, indent=1, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)
