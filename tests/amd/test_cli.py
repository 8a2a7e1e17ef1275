"""``python -m agent.amd`` on clips made by the corpus generator (needs espeak-ng and sox)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not (shutil.which("espeak-ng") and shutil.which("sox")),
                                reason="needs espeak-ng and sox")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    sys.path.insert(0, str(ROOT))
    from bench.amd_corpus import generate

    out = tmp_path_factory.mktemp("amd_corpus")
    return out, generate(seed=11, count=6, out_dir=out, jobs=1, wideband_fraction=0.3)


def test_generator_writes_labelled_clips(corpus):
    out, manifest = corpus
    assert len(manifest.clips) == 6
    on_disk = json.loads((out / "manifest.json").read_text())
    assert [c["file"] for c in on_disk["clips"]] == [c.file for c in manifest.clips]
    for clip in manifest.clips:
        assert (out / clip.file).stat().st_size > 0
        assert clip.label in ("human", "machine")
        assert clip.greeting_start_ms < clip.greeting_end_ms <= clip.duration_ms
        assert clip.beep_end_ms is None or clip.label == "machine"


def test_cli_prints_one_json_line_per_file(corpus):
    out, manifest = corpus
    files = [str(out / c.file) for c in manifest.clips]
    proc = subprocess.run([sys.executable, "-m", "agent.amd", *files], cwd=ROOT, capture_output=True,
                          text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == len(files)
    for line, path, clip in zip(lines, files, manifest.clips):
        row = json.loads(line)
        assert set(row) == {"file", "result", "decision_ms", "beep_end_ms"}
        assert row["file"] == path
        assert row["result"] in ("human", "machine", "unknown")
        assert isinstance(row["decision_ms"], int) and 0 <= row["decision_ms"] <= clip.duration_ms
        assert row["beep_end_ms"] is None or isinstance(row["beep_end_ms"], int)


def test_cli_reports_unreadable_files(tmp_path):
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"not a wav")
    proc = subprocess.run([sys.executable, "-m", "agent.amd", str(bad)], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 1 and "bad.wav" in proc.stderr and proc.stdout == ""
