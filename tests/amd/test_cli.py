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
    return out, generate(seed=11, count=12, out_dir=out, jobs=2, wideband_fraction=0.3)


def test_generator_writes_labelled_clips(corpus):
    out, manifest = corpus
    assert len(manifest.clips) == 12
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


@pytest.mark.parametrize("encoding", [
    ["-e", "u-law"],  # telephone recordings: G.711 in WAV
    ["-e", "a-law"],
    ["-e", "floating-point", "-b", "32", "-r", "44100", "-c", "2"],  # a rate that is no multiple of 8 kHz
    ["-b", "24", "-r", "22050"],
    ["-b", "8", "-e", "unsigned-integer"],
])
def test_cli_decodes_other_wav_encodings_alike(corpus, tmp_path, encoding):
    out, manifest = corpus
    # the cleanest clip with a beep: 8-bit and a-law add their own noise, which on a 10 dB line can
    # tip a borderline frame and move a decision by a hop or two
    clip = max(manifest.clips, key=lambda c: (c.beep_end_ms is not None, c.snr_db))
    original = out / clip.file
    converted = tmp_path / "converted.wav"
    subprocess.run(["sox", str(original), *encoding, str(converted)], check=True)
    proc = subprocess.run([sys.executable, "-m", "agent.amd", str(original), str(converted)], cwd=ROOT,
                          capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    first, second = (json.loads(line) for line in proc.stdout.splitlines())
    assert second["result"] == first["result"]
    assert abs(second["decision_ms"] - first["decision_ms"]) <= 50
    assert (second["beep_end_ms"] is None) == (first["beep_end_ms"] is None)
    if first["beep_end_ms"] is not None:
        assert abs(second["beep_end_ms"] - first["beep_end_ms"]) <= 50


def test_alt_phrasebook_shares_no_phrase_or_voice_variant_with_main(tmp_path):
    sys.path.insert(0, str(ROOT))
    from bench.amd_corpus import generate
    from bench.amd_phrases import ALT, MAIN

    for field in ("human_short", "human_again", "human_business", "machine_open", "machine_middle",
                  "machine_close", "machine_short", "machine_carrier"):
        for lang in ("en", "ar"):
            assert not set(getattr(ALT, field)[lang]) & set(getattr(MAIN, field)[lang]), (field, lang)
    assert not set(ALT.variants) & set(MAIN.variants)
    manifest = generate(seed=3, count=2, out_dir=tmp_path, jobs=1, phrasebook="alt")
    assert all(clip.voice.split("+")[-1] in {v.lstrip("+") for v in ALT.variants} for clip in manifest.clips)
    with pytest.raises(ValueError, match="unknown phrasebook"):
        generate(seed=3, count=1, out_dir=tmp_path, phrasebook="nope")


def test_g711_wav_is_read_at_its_own_8_khz_rate(corpus, tmp_path):
    """A mu-law recording is decoded sample for sample, not resampled to 16 kHz and back."""
    import numpy as np

    from agent.amd import read_wav

    out, manifest = corpus
    original = out / next(c.file for c in manifest.clips if c.sample_rate == 8000)
    ulaw = tmp_path / "ulaw.wav"
    subprocess.run(["sox", str(original), "-e", "u-law", str(ulaw)], check=True)
    x, rate = read_wav(str(original))
    y, ulaw_rate = read_wav(str(ulaw))
    assert (rate, ulaw_rate) == (8000, 8000) and len(y) == len(x)
    assert np.max(np.abs(y.astype(int) - x.astype(int))) <= 2 ** 10  # mu-law's coarsest step at full scale


def test_blind_generator_writes_labelled_clips_the_cli_reads(tmp_path):
    """The second, independently written generator: same manifest, three file formats."""
    sys.path.insert(0, str(ROOT))
    from agent.amd import read_wav
    from bench.amd_corpus_blind import generate as generate_blind

    manifest = generate_blind(seed=7, count=10, out_dir=tmp_path, jobs=1)
    meta = json.loads((tmp_path / "meta.json").read_text())
    assert {m["format"] for m in meta} == {"pcm8k", "pcm16k", "ulaw8k"}
    for clip in manifest.clips:
        samples, rate = read_wav(str(tmp_path / clip.file))
        assert rate == clip.sample_rate and abs(len(samples) * 1000 // rate - clip.duration_ms) <= 2
        assert clip.greeting_start_ms < clip.greeting_end_ms < clip.duration_ms
        assert bool(clip.beeps_ms) == (clip.label == "machine" and not clip.scenario.endswith("_no_beep"))
    files = [str(tmp_path / c.file) for c in manifest.clips]
    proc = subprocess.run([sys.executable, "-m", "agent.amd", *files], cwd=ROOT, capture_output=True,
                          text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert len(proc.stdout.strip().splitlines()) == len(files)
