"""Synthetic corpus for answering-machine detection: people and machines answering a phone call.

Speech comes from espeak-ng (English and Arabic, many voices, speeds and pitches); each clip is
composed at 22.05 kHz, then sent through an 8 kHz telephone channel with sox (300-3400 Hz band
limit, resampling, mu-law) plus line noise at 10-35 dB SNR and level changes.

People (about half the clips): a short hello (35 %; ~0.3-1.6 s), a long business greeting (25 %;
one sentence, 3-7 s, sped up when longer than 7 s), silence (1.5-4 s) then a hello (20 %), or a
hello repeated after 1.3-3 s without reply (20 %, and 40 % of the others); then they wait
silently for the caller (1.5-3.5 s to the end of the clip).

Machines: long voicemail greetings (55 %), short ones (30 %; "leave a message", ~0.8-3.5 s) and
carrier announcements (15 %; ~4-9 s), with 0.2-0.9 s pauses between sentences. Long greetings
typically last 8-10 s (65 %; 10-13 s for 20 %), sentences being added or dropped to reach the
length drawn; 15 % are shorter (5-8 s) and always end in a beep. A single (0.15-1 s) or double
beep (400-1400 Hz) follows 0.1-1 s after the greeting; 12 % of the single beeps sound two tones at
once (``dual_tone``); 30 % of the long greetings and 5 % of the others have no beep. Then the silence of the recording (1.5-3.5 s).

    python bench/amd_corpus.py --seed 1 --count 400 --out bench/.corpus

writes ``clip_NNNN.wav`` files and ``manifest.json`` (see ``Manifest``). Times are in ms from the
start of the file (the answer).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import wave
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import BaseModel
from scipy.signal import butter, sosfilt

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.amd_phrases import PHRASEBOOKS, Phrasebook  # noqa: E402

COMPOSE_RATE = 22050
LINE_RATE = 8000

Label = Literal["human", "machine"]


class ClipLabel(BaseModel):
    """Ground truth for one clip."""

    file: str
    label: Label
    scenario: str
    lang: str
    voice: str
    sample_rate: int
    duration_ms: int
    greeting_start_ms: int
    greeting_end_ms: int
    beeps_ms: list[tuple[int, int]]
    beep_end_ms: int | None
    snr_db: float


class Manifest(BaseModel):
    """All clips of one generated corpus."""

    seed: int
    count: int
    clips: list[ClipLabel]


# ---------------------------------------------------------------- phrases

def _fill(rng: random.Random, template: str, lang: str, book: Phrasebook) -> str:
    return template.format(name=rng.choice(book.names[lang]), company=rng.choice(book.companies[lang]))


class Voice(BaseModel):
    """espeak-ng voice settings for one speaker."""

    name: str
    speed: int
    pitch: int
    word_gap: int


def _voice(rng: random.Random, lang: str, book: Phrasebook) -> Voice:
    base = rng.choice(book.en_voices) if lang == "en" else "ar"
    return Voice(name=base + rng.choice(book.variants), speed=rng.randint(135, 210),
                 pitch=rng.randint(20, 80), word_gap=rng.choice([0, 0, 0, 1, 2]))


# ---------------------------------------------------------------- audio


def _speak(text: str, voice: Voice, workdir: str) -> np.ndarray:
    """Synthesize ``text`` at 22.05 kHz, trimmed to its audible extent, as float in [-1, 1]."""
    path = os.path.join(workdir, "tts.wav")
    subprocess.run(["espeak-ng", "-v", voice.name, "-s", str(voice.speed), "-p", str(voice.pitch),
                    "-g", str(voice.word_gap), "-w", path, text], check=True, capture_output=True)
    with wave.open(path, "rb") as w:
        x = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(np.float64) / 32768.0
    frame = COMPOSE_RATE // 200
    n = len(x) // frame
    rms = np.sqrt(np.mean(x[: n * frame].reshape(n, frame) ** 2, axis=1) + 1e-12)
    loud = np.flatnonzero(rms > rms.max() * 0.01)
    return x[loud[0] * frame: (loud[-1] + 1) * frame]


def _active_rms(x: np.ndarray) -> float:
    frame = COMPOSE_RATE // 50
    n = max(len(x) // frame, 1)
    rms = np.sqrt(np.mean(x[: n * frame].reshape(n, -1) ** 2, axis=1))
    return float(np.sqrt(np.mean(rms[rms > rms.max() * 0.1] ** 2)))


def _beep(rng: random.Random, freq: float, seconds: float, amp: float,
          second: tuple[float, float] | None = None) -> np.ndarray:
    """A beep at ``freq``; with ``second`` = (frequency, relative amplitude), two tones sounded at once."""
    t = np.arange(int(seconds * COMPOSE_RATE)) / COMPOSE_RATE
    tone = np.sin(2 * np.pi * freq * t)
    if rng.random() < 0.3:  # slightly distorted beep generators
        tone += 0.1 * np.sin(2 * np.pi * 2 * freq * t) + 0.05 * np.sin(2 * np.pi * 3 * freq * t)
    if second is not None:
        tone += second[1] * np.sin(2 * np.pi * second[0] * t)
    ramp = min(int(0.008 * COMPOSE_RATE), len(t) // 4)
    env = np.ones_like(t)
    env[:ramp] = np.linspace(0, 1, ramp)
    env[-ramp:] = np.linspace(1, 0, ramp)
    return amp * env * tone / np.sqrt(np.mean(tone**2))


def _second_tone(rng: random.Random, freq: float) -> tuple[float, float] | None:
    """For some single beeps (12 %), a second tone sounded with the first: 400-1400 Hz, at least
    150 Hz away and no overtone of it, 0-6 dB weaker. Its own random stream leaves every other clip
    as it was before dual tones were added."""
    if rng.random() >= 0.12:
        return None
    while True:
        f2 = rng.uniform(400, 1400)
        ratio = max(f2, freq) / min(f2, freq)
        if abs(f2 - freq) >= 150 and abs(ratio - round(ratio)) > 0.05:
            return f2, 10 ** (-rng.uniform(0, 6) / 20)


class _Timeline:
    """Audio events placed one after another on a 22.05 kHz timeline."""

    def __init__(self) -> None:
        self.parts: list[np.ndarray] = []
        self.n = 0

    def now_ms(self) -> int:
        return round(self.n * 1000 / COMPOSE_RATE)

    def silence(self, seconds: float) -> None:
        self.add(np.zeros(int(seconds * COMPOSE_RATE)))

    def add(self, x: np.ndarray) -> tuple[int, int]:
        start = self.now_ms()
        self.parts.append(x)
        self.n += len(x)
        return start, self.now_ms()

    def audio(self) -> np.ndarray:
        return np.concatenate(self.parts)


def _channel(rng: random.Random, clean: np.ndarray, speech_rms: float, snr_db: float,
             out_rate: int, workdir: str, out_path: str) -> None:
    """8 kHz phone line: band limit and resample (sox), line noise, level changes, mu-law (sox)."""
    src = os.path.join(workdir, "clean.f32")
    clean.astype("<f4").tofile(src)
    line = subprocess.run(["sox", "-t", "f32", "-r", str(COMPOSE_RATE), "-c", "1", src,
                           "-t", "f32", "-", "sinc", "300-3400", "rate", str(LINE_RATE)],
                          check=True, capture_output=True).stdout
    x = np.frombuffer(line, dtype="<f4").astype(np.float64)
    # line noise: a white/pink/brown mix, band limited like the line, plus a rare crackle
    white = np.random.default_rng(rng.getrandbits(32)).standard_normal(len(x))
    colour = rng.choice(["white", "pink", "brown"])
    if colour != "white":
        pole = 0.9 if colour == "pink" else 0.99
        white = sosfilt(np.array([[1.0, 0, 0, 1.0, -pole, 0]]), white)
    noise = sosfilt(butter(4, [300, 3400], btype="band", fs=LINE_RATE, output="sos"), white)
    if rng.random() < 0.2:
        clicks = np.zeros(len(x))
        idx = np.random.default_rng(rng.getrandbits(32)).integers(0, len(x), rng.randint(3, 15))
        clicks[idx] = rng.uniform(3, 8) * np.std(noise)
        noise += clicks
    noise *= speech_rms * 10 ** (-snr_db / 20) / (np.std(noise) + 1e-12)
    x = x + noise
    # level changes along the call (gain steps of a few dB, 40 ms ramps)
    gain_db = np.zeros(len(x))
    for _ in range(rng.randint(0, 3)):
        at = rng.randrange(len(x))
        gain_db[at:] += rng.uniform(-8, 8)
    ramp = int(0.04 * LINE_RATE)
    gain_db = np.convolve(gain_db, np.ones(ramp) / ramp, mode="same")
    x *= 10 ** (gain_db / 20)
    peak = np.max(np.abs(x))
    if peak > 0.98:
        x *= 0.98 / peak
    dst = os.path.join(workdir, "line.f32")
    x.astype("<f4").tofile(dst)
    ulaw = subprocess.run(["sox", "-t", "f32", "-r", str(LINE_RATE), "-c", "1", dst, "-t", "ul", "-"],
                          check=True, capture_output=True).stdout
    resample = ["rate", str(out_rate)] if out_rate != LINE_RATE else []
    subprocess.run(["sox", "-t", "ul", "-r", str(LINE_RATE), "-c", "1", "-", "-b", "16", "-e", "signed",
                    out_path, *resample], input=ulaw, check=True, capture_output=True)


# ---------------------------------------------------------------- scenarios


def _make_clip(seed: int, index: int, out_dir: str, wideband_fraction: float, phrasebook: str = "main") -> ClipLabel:
    book = PHRASEBOOKS[phrasebook]
    rng = random.Random(seed * 1_000_003 + index)
    lang = "en" if rng.random() < 0.65 else "ar"
    voice = _voice(rng, lang, book)
    label: Label = "human" if rng.random() < 0.5 else "machine"
    level = 10 ** (rng.uniform(-26, -10) / 20)  # active speech RMS, full scale = 1
    tl = _Timeline()
    beeps: list[tuple[int, int]] = []

    with tempfile.TemporaryDirectory() as workdir:
        def speech(text: str, v: Voice) -> np.ndarray:
            x = _speak(_fill(rng, text, lang, book), v, workdir)
            return x * level * 10 ** (rng.uniform(-3, 3) / 20) / (_active_rms(x) + 1e-9)

        def say(text: str) -> tuple[int, int]:
            return tl.add(speech(text, voice))

        if label == "human":
            scenario = rng.choices(["short_hello", "business", "silence_then_hello", "second_hello"],
                                   weights=[35, 25, 20, 20])[0]
            tl.silence(rng.uniform(1.5, 4.0) if scenario == "silence_then_hello" else rng.uniform(0.1, 1.2))
            if scenario == "business":
                text, v = rng.choice(book.human_business[lang]), voice
                x = speech(text, v)
                while len(x) > 7.0 * COMPOSE_RATE:  # people's business greetings run to ~7 s
                    v = v.model_copy(update={"speed": v.speed + 20})
                    x = speech(text, v)
                start, end = tl.add(x)
            else:
                start, end = say(rng.choice(book.human_short[lang]))
            greeting = (start, end)
            if scenario == "second_hello" or rng.random() < 0.4:
                tl.silence(rng.uniform(1.3, 3.0))
                say(rng.choice(book.human_again[lang]))
            tl.silence(rng.uniform(1.5, 3.5))
        else:
            scenario = rng.choices(["long", "short", "carrier"], weights=[55, 30, 15])[0]
            tl.silence(rng.uniform(0.05, 1.5))
            if scenario == "long":
                sentences = [rng.choice(book.machine_open[lang])]
                sentences += rng.sample(book.machine_middle[lang], rng.choice([0, 1, 1, 1, 2]))
                sentences += rng.sample(book.machine_close[lang], rng.choice([1, 1, 1, 2]))
            elif scenario == "short":
                sentences = [rng.choice(book.machine_short[lang])]
            else:
                sentences = [rng.choice(book.machine_carrier[lang])]
            parts = [speech(text, voice) for text in sentences]
            pauses = [rng.uniform(0.2, 0.9) for _ in range(32)]  # between sentences
            short_long = False
            if scenario == "long":  # voicemail greetings typically last 8-10 s
                short_long = rng.random() < 0.15  # some are shorter and end in a beep
                target = rng.uniform(5.0, 8.0) if short_long else rng.choices(
                    [rng.uniform(8.0, 10.0), rng.uniform(10.0, 13.0)], weights=[80, 20])[0]
                extra = [t for t in book.machine_middle[lang] if t not in sentences]
                rng.shuffle(extra)

                def total() -> float:
                    return sum(map(len, parts)) / COMPOSE_RATE + sum(pauses[: len(parts) - 1])

                while extra and total() < target:
                    parts.insert(-1, speech(extra.pop(), voice))
                while len(parts) > 2 and total() > target + 1.5:  # overshot: drop a middle sentence
                    parts.pop(-2)
            for i, x in enumerate(parts):
                if i:
                    tl.silence(pauses[i - 1])
                span = tl.add(x)
                start = span[0] if i == 0 else start
            end = span[1]
            greeting = (start, end)
            p_none = 0.0 if short_long else 0.3 if scenario == "long" else 0.05
            kind = rng.choices(["single", "double", "none"], weights=[0.65 * (1 - p_none), 0.35 * (1 - p_none), p_none])[0]
            if kind != "none":
                tl.silence(rng.uniform(0.1, 1.0))
                freq = rng.uniform(400, 1400)
                amp = level * 10 ** (rng.uniform(-8, 4) / 20)
                if kind == "single":
                    second = _second_tone(random.Random(f"dual-{seed}-{index}"), freq)
                    beeps.append(tl.add(_beep(rng, freq, rng.uniform(0.15, 1.0), amp, second)))
                    kind = "dual_tone" if second else kind
                else:
                    freq2 = freq if rng.random() < 0.5 else rng.uniform(400, 1400)
                    beeps.append(tl.add(_beep(rng, freq, rng.uniform(0.15, 0.5), amp)))
                    tl.silence(rng.uniform(0.05, 0.3))
                    beeps.append(tl.add(_beep(rng, freq2, rng.uniform(0.15, 0.5), amp)))
                scenario += f"_{kind}_beep"
            else:
                scenario += "_no_beep"
            tl.silence(rng.uniform(1.5, 3.5))

        snr_db = rng.uniform(10, 35)
        rate = 16000 if rng.random() < wideband_fraction else LINE_RATE
        name = f"clip_{index:04d}.wav"
        _channel(rng, tl.audio(), level, snr_db, rate, workdir, os.path.join(out_dir, name))

    return ClipLabel(file=name, label=label, scenario=scenario, lang=lang, voice=voice.name,
                     sample_rate=rate, duration_ms=tl.now_ms(), greeting_start_ms=greeting[0],
                     greeting_end_ms=greeting[1], beeps_ms=beeps,
                     beep_end_ms=beeps[-1][1] if beeps else None, snr_db=round(snr_db, 1))


def generate(seed: int, count: int, out_dir: Path, jobs: int = 2, wideband_fraction: float = 0.1,
             phrasebook: str = "main") -> Manifest:
    """Write ``count`` clips and ``manifest.json`` into ``out_dir``; deterministic for a seed."""
    if phrasebook not in PHRASEBOOKS:
        raise ValueError(f"unknown phrasebook {phrasebook!r}; choose from {', '.join(PHRASEBOOKS)}")
    for tool in ("espeak-ng", "sox"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} is required (Debian package {tool})")
    out_dir.mkdir(parents=True, exist_ok=True)
    args = [(seed, i, str(out_dir), wideband_fraction, phrasebook) for i in range(count)]
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            clips = list(pool.map(_make_clip, *zip(*args)))
    else:
        clips = [_make_clip(*a) for a in args]
    manifest = Manifest(seed=seed, count=count, clips=clips)
    (out_dir / "manifest.json").write_text(manifest.model_dump_json(indent=1))
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / ".corpus")
    parser.add_argument("--jobs", type=int, default=2, help="parallel processes (keep it small)")
    parser.add_argument("--phrasebook", choices=sorted(PHRASEBOOKS), default="main",
                        help="phrases and voices (alt: none shared with main, to check generalisation)")
    parser.add_argument("--wideband-fraction", type=float, default=0.1,
                        help="share of clips written at 16 kHz (the same 8 kHz line, upsampled)")
    args = parser.parse_args()
    manifest = generate(args.seed, args.count, args.out, args.jobs, args.wideband_fraction, args.phrasebook)
    humans = sum(c.label == "human" for c in manifest.clips)
    print(f"wrote {len(manifest.clips)} clips ({humans} human) to {args.out}")


if __name__ == "__main__":
    main()
