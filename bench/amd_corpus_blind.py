"""A second AMD corpus generator, written blind: a check that the detector does not fit our own generator.

    python bench/amd_corpus_blind.py --seed 101 --count 400 --out bench/.corpus-blind
    python bench/amd.py --corpus bench/.corpus-blind --generator blind --seed 101

Another author wrote this from the issue's corpus specification alone (espeak-ng and sox; voices,
speeds, pitches; English and Arabic; an 8 kHz line with 300-3400 Hz band limit, mu-law, noise at
10-35 dB SNR, level changes; people's short hello, business greeting, silence then hello, second
hello; machines' long and short greetings with single, double and no beep at 400-1400 Hz), without
seeing ``amd_corpus.py`` or the detector. Its own choices differ from ours on purpose: a third of the
machines end without a beep (carrier messages included), beeps come 0.2-1.5 s after a long greeting,
some beeps are dual-tone, warbled or carry harmonics, the line may carry babble-like modulated
noise, mains hum, crackle, slow drift and room reverb, and 10 % of files each are 16 kHz PCM and
8 kHz mu-law WAV. Phrases are in ``amd_phrases_blind.py``.

Writes ``clip_NNNN.wav``, ``manifest.json`` (the same ``Manifest`` as ``amd_corpus``) and
``meta.json`` (per clip: texts, speed, pitch, noise kinds, gain changes, beep kinds).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from multiprocessing import Pool
from pathlib import Path

import numpy as np
from scipy.io import wavfile
from scipy.signal import butter, resample_poly, sosfilt

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import amd_phrases_blind as P  # noqa: E402
from bench.amd_corpus import Manifest  # noqa: E402

SR = 8000
ESPEAK_SR = 22050

# ---------------------------------------------------------------- scenarios
# (name, label, weight)  -- weights sum to 100; ~50% human / 50% machine
SCENARIOS = [
    ("short_hello", "human", 18),
    ("business", "human", 12),
    ("silence_then_hello", "human", 10),
    ("second_hello", "human", 10),
    ("long_single_beep", "machine", 13),
    ("long_double_beep", "machine", 6),
    ("long_no_beep", "machine", 6),
    ("carrier_no_beep", "machine", 7),
    ("short_single_beep", "machine", 10),
    ("short_double_beep", "machine", 4),
    ("short_no_beep", "machine", 4),
]
LABEL = {s: l for s, l, _ in SCENARIOS}
FORMATS = [("pcm8k", 80), ("pcm16k", 10), ("ulaw8k", 10)]

EN_BASES = ["en-us", "en-gb", "en-gb-scotland", "en-gb-x-rp", "en-gb-x-gbclan",
            "en-gb-x-gbcwmd", "en-029", "en-us-nyc"]
EN_BASE_W = [0.25, 0.2, 0.1, 0.1, 0.08, 0.08, 0.09, 0.1]
VARIANTS = ["m1", "m2", "m3", "m4", "m5", "m6", "m7", "f1", "f2", "f3", "f4", "f5",
            "klatt", "klatt2", "klatt3", "klatt4", "croak", "Andy", "Annie", "Alicia",
            "aunty", "belinda", "benjamin", "david", "edward", "grandpa", "john", "linda",
            "max", "michel", "paul", "rob", "robert", "steph", "travis", "victor",
            "norbert", "Denis", "Gene", "Lee", "Mario", "Michael", "Mike", "adam",
            "shelby", "quincy", "announcer", "ed", "gustave", "boris", "pablo", "sandro"]


def alloc(items, count, rng):
    """exact-count allocation by weights (largest remainder), shuffled."""
    names = [i[0] for i in items]
    w = np.array([i[-1] for i in items], float)
    raw = w / w.sum() * count
    n = np.floor(raw).astype(int)
    rem = count - n.sum()
    order = np.argsort(-(raw - n), kind="stable")
    n[order[:rem]] += 1
    out = [nm for nm, k in zip(names, n) for _ in range(k)]
    rng.shuffle(out)
    return out


# ---------------------------------------------------------------- synthesis
def frame_db(x, flen=80):
    nf = max(1, len(x) // flen)
    fr = x[: nf * flen].reshape(nf, flen)
    return 10 * np.log10(np.mean(fr ** 2, axis=1) + 1e-20)


def trim(x, flen=80, rel_db=40.0):
    """trim leading/trailing silence at rel_db below the utterance's peak 10 ms frame."""
    db = frame_db(x, flen)
    idx = np.where(db > db.max() - rel_db)[0]
    s, e = idx[0] * flen, min(len(x), (idx[-1] + 1) * flen)
    return x[s:e].copy()


def espeak(text, voice, speed, pitch, gap, tmpdir):
    path = os.path.join(tmpdir, "tts.wav")
    cmd = ["espeak-ng", "-v", voice, "-s", str(int(round(speed))), "-p", str(int(round(pitch))),
           "-a", "120", "-w", path]
    if gap:
        cmd += ["-g", str(int(gap))]
    cmd.append(text)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sr, y = wavfile.read(path)
    y = y.astype(np.float64) / 32768.0
    if y.ndim > 1:
        y = y[:, 0]
    assert sr == ESPEAK_SR, sr
    y = resample_poly(y, 160, 441)  # 22050 -> 8000
    y = trim(y)
    ramp = min(40, len(y) // 4)
    if ramp > 1:
        w = np.linspace(0, 1, ramp)
        y[:ramp] *= w
        y[-ramp:] *= w[::-1]
    return y


class Voice:
    def __init__(self, lang, rng, kind):
        if lang == "en":
            base = str(rng.choice(EN_BASES, p=EN_BASE_W))
        else:
            base = "ar"
        var = None if rng.random() < 0.15 else str(rng.choice(VARIANTS))
        self.name = base + ("+" + var if var else "")
        self.variant = var
        if kind == "human":
            self.speed = rng.uniform(135, 215)
        elif kind == "carrier":
            self.speed = rng.uniform(130, 170)
        else:
            self.speed = rng.uniform(130, 190)
        self.pitch = rng.uniform(20, 80)
        self.gap = int(rng.integers(1, 5)) if rng.random() < 0.15 else 0

    def say(self, text, tmpdir, speed=None, voice=None):
        return espeak(text, voice or self.name, speed or self.speed, self.pitch, self.gap, tmpdir)


# ---------------------------------------------------------------- beeps
def make_beep(rng, dur, freq, kind):
    n = int(round(dur * SR))
    t = np.arange(n) / SR
    if kind == "sine":
        y = np.sin(2 * np.pi * freq * t)
    elif kind == "harmonic":
        y = np.sin(2 * np.pi * freq * t)
        for h in (2, 3):
            y += 10 ** (-rng.uniform(8, 20) / 20) * np.sin(2 * np.pi * h * freq * t + rng.uniform(0, 6.28))
    elif kind == "dual":
        f2 = rng.uniform(400, 1400)
        y = np.sin(2 * np.pi * freq * t) + 0.8 * np.sin(2 * np.pi * f2 * t)
    else:  # warble
        fm = rng.uniform(4, 15)
        dev = freq * rng.uniform(0.01, 0.04)
        y = np.sin(2 * np.pi * freq * t + dev / fm * np.sin(2 * np.pi * fm * t))
    ramp = int(SR * rng.uniform(0.003, 0.015))
    w = np.ones(n)
    w[:ramp] = np.linspace(0, 1, ramp)
    w[-ramp:] = np.linspace(1, 0, ramp)
    y = y * w
    return y / (np.sqrt(np.mean(y ** 2)) + 1e-12)


def beep_plan(rng, double):
    kind = str(rng.choice(["sine", "harmonic", "dual", "warble"], p=[0.65, 0.15, 0.1, 0.1]))
    f1 = rng.uniform(400, 1400)
    if not double:
        d = rng.uniform(0.15, 0.5) if rng.random() < 0.65 else rng.uniform(0.5, 1.1)
        return [(d, f1, kind, 0.0)]
    d1 = rng.uniform(0.15, 0.45)
    d2 = rng.uniform(0.15, 0.6)
    f2 = f1 if rng.random() < 0.6 else rng.uniform(400, 1400)
    g = rng.uniform(0.06, 0.35)
    return [(d1, f1, kind, 0.0), (d2, f2, kind, g)]


# ---------------------------------------------------------------- noise
def colored(rng, n, exponent):
    spec = np.fft.rfft(rng.standard_normal(n))
    f = np.fft.rfftfreq(n, 1 / SR)
    f[0] = f[1]
    spec /= f ** (exponent / 2)
    y = np.fft.irfft(spec, n)
    return y / (np.std(y) + 1e-12)


def make_noise(rng, n):
    kind = str(rng.choice(["white", "pink", "brown", "babble"], p=[0.3, 0.35, 0.15, 0.2]))
    desc = [kind]
    if kind == "white":
        y = rng.standard_normal(n)
    elif kind == "pink":
        y = colored(rng, n, 1.0)
    elif kind == "brown":
        y = colored(rng, n, 2.0)
    else:  # babble-like: speech-band shaped noise, syllabically modulated
        y = colored(rng, n, 1.0)
        sos = butter(2, [rng.uniform(250, 500), rng.uniform(1500, 2800)], "bandpass", fs=SR, output="sos")
        y = sosfilt(sos, y)
        t = np.arange(n) / SR
        env = np.ones(n)
        for _ in range(3):
            env += 0.6 * np.sin(2 * np.pi * rng.uniform(1.5, 6) * t + rng.uniform(0, 6.28))
        y *= np.clip(env, 0.1, None)
        y /= np.std(y) + 1e-12
    if rng.random() < 0.25:  # mains hum with harmonics
        f0 = 50.0 if rng.random() < 0.5 else 60.0
        t = np.arange(n) / SR
        h = np.zeros(n)
        for k in range(1, 25):
            h += rng.uniform(0.2, 1.0) / k ** 0.7 * np.sin(2 * np.pi * f0 * k * t + rng.uniform(0, 6.28))
        h /= np.std(h) + 1e-12
        y = y + rng.uniform(0.3, 1.5) * h
        desc.append("hum%d" % f0)
    if rng.random() < 0.15:  # crackle / clicks
        c = np.zeros(n)
        rate = rng.uniform(2, 20)
        k = rng.poisson(rate * n / SR)
        pos = rng.integers(0, n, k)
        c[pos] = rng.standard_normal(k) * rng.uniform(3, 10)
        c = np.convolve(c, np.exp(-np.arange(24) / 4.0), mode="same")
        y = y + c
        desc.append("crackle")
    if rng.random() < 0.3:  # slow level drift
        t = np.arange(n) / SR
        y = y * 10 ** (rng.uniform(1, 3) * np.sin(2 * np.pi * rng.uniform(0.05, 0.4) * t + rng.uniform(0, 6.28)) / 20)
        desc.append("drift")
    return y, "+".join(desc)


def reverb(rng, x):
    rt60 = rng.uniform(0.12, 0.45)
    n = int(rt60 * SR)
    ir = rng.standard_normal(n) * np.exp(-6.9 * np.arange(n) / n)
    ir /= np.sqrt(np.sum(ir ** 2))
    wet = np.convolve(x, ir)[: len(x)]
    m = rng.uniform(0.1, 0.35)
    return (1 - m) * x + m * wet


# ---------------------------------------------------------------- G.711 mu-law
def ulaw_encode(x16):
    x = x16.astype(np.int32)
    sign = (x < 0)
    mag = np.minimum(np.abs(x), 32635) + 0x84
    exp = np.floor(np.log2(mag)).astype(np.int32) - 7
    exp = np.clip(exp, 0, 7)
    mant = (mag >> (exp + 3)) & 0x0F
    byte = (sign.astype(np.int32) << 7) | (exp << 4) | mant
    return (~byte) & 0xFF


def ulaw_decode(b):
    u = (~b.astype(np.int32)) & 0xFF
    sign = u & 0x80
    exp = (u >> 4) & 7
    mant = u & 0x0F
    x = (((mant << 3) + 0x84) << exp) - 0x84
    return np.where(sign != 0, -x, x).astype(np.int16)


# ---------------------------------------------------------------- clip builder
def sec(x):
    return int(round(x * SR))


def build_clip(seed, idx, scenario, fmt, outdir):
    rng = np.random.default_rng([seed, idx, 7919])
    label = LABEL[scenario]
    lang = "ar" if rng.random() < 0.4 else "en"
    tmpdir = tempfile.mkdtemp(prefix="indep_")
    meta = {"scenario": scenario, "texts": []}
    events = []   # (start_sample, signal) speech
    beeps = []    # (start_sample, signal)
    try:
        if label == "human":
            v = Voice(lang, rng, "human")
            if scenario == "silence_then_hello":
                t0 = rng.uniform(2.0, 5.0)
            else:
                t0 = rng.uniform(0.05, 0.2) if rng.random() < 0.2 else rng.uniform(0.2, 1.5)
            if scenario == "business":
                text = str(rng.choice(P.HUMAN_BUSINESS[lang]))
                sp = rng.uniform(150, 200)
                for _ in range(4):
                    y = v.say(text, tmpdir, speed=sp)
                    d = len(y) / SR
                    if d > 7.2:
                        sp = min(300, sp * d / 6.7)
                    elif d < 4.0:
                        sp = max(100, sp * d / 4.6)
                    else:
                        break
                v.speed = sp
            else:
                text = str(rng.choice(P.HUMAN_SHORT[lang]))
                y = v.say(text, tmpdir)
            meta["texts"].append(text)
            s0 = sec(t0)
            events.append((s0, y))
            g_start, g_end = s0, s0 + len(y)
            last = g_end
            if scenario == "second_hello":
                text2 = str(rng.choice(P.HUMAN_REPEAT[lang]))
                y2 = v.say(text2, tmpdir, speed=v.speed * rng.uniform(0.9, 1.1))
                s2 = g_end + sec(rng.uniform(1.2, 3.5))
                events.append((s2, y2))
                meta["texts"].append(text2)
                last = s2 + len(y2)
            tail = rng.uniform(2.0, 4.5)
            total = last + sec(tail)
        else:
            kind = "carrier" if scenario.startswith("carrier") else "machine"
            v = Voice(lang, rng, kind)
            t0 = rng.uniform(0.1, 1.2) if rng.random() < 0.85 else rng.uniform(1.2, 2.5)
            cap = 8.3 if rng.random() < 0.88 else 9.3
            s0 = sec(t0)
            extra_voice = None
            if scenario.startswith("short"):
                sents = [str(rng.choice(P.MACHINE_SHORT[lang]))]
            elif scenario == "carrier_no_beep":
                sents = list(P.CARRIER[lang][rng.integers(len(P.CARRIER[lang]))])
                if lang == "ar" and rng.random() < 0.35:
                    en = P.CARRIER["en"][rng.integers(len(P.CARRIER["en"]))]
                    sents = sents + [en[0]]
                    extra_voice = "en-gb" + ("+" + v.variant if v.variant else "")
            elif scenario == "long_single_beep" and rng.random() < 0.3:
                sents = list(P.CARRIER_VM[lang][rng.integers(len(P.CARRIER_VM[lang]))])
            else:
                op = str(rng.choice(P.MACHINE_OPEN[lang]))
                k = int(rng.choice([0, 1, 2], p=[0.2, 0.5, 0.3]))
                mids = [str(m) for m in rng.choice(P.MACHINE_MID[lang], size=k, replace=False)]
                if scenario == "long_no_beep" and rng.random() < 0.5:
                    cl = str(rng.choice(P.MACHINE_CLOSE_NOBEEP[lang]))
                else:
                    cl = str(rng.choice(P.MACHINE_CLOSE_BEEP[lang]))
                sents = [op] + mids + [cl]
            pause_lo, pause_hi = (0.3, 0.9) if kind == "carrier" else (0.25, 1.1)
            speed = v.speed
            for attempt in range(6):
                ys = []
                for j, s in enumerate(sents):
                    ev = extra_voice if (extra_voice and j == len(sents) - 1) else None
                    ys.append(v.say(s, tmpdir, speed=speed, voice=ev))
                pauses = [rng.uniform(pause_lo, pause_hi) for _ in range(len(ys) - 1)]
                end = t0 + sum(len(y) for y in ys) / SR + sum(pauses)
                if end <= cap or len(sents) == 1 and attempt >= 3:
                    break
                if not scenario.startswith("carrier") and len(sents) > 2:
                    sents.pop(1)  # drop a middle sentence
                elif len(sents) > 1 and extra_voice:
                    sents.pop()
                    extra_voice = None
                else:
                    speed = min(320, speed * (end - t0 - 0.3) / (cap - t0 - 0.6))
            v.speed = speed
            pos = s0
            for j, y in enumerate(ys):
                events.append((pos, y))
                pos += len(y)
                if j < len(pauses):
                    pos += sec(pauses[j])
            meta["texts"] = sents
            g_start, g_end = s0, pos
            last = g_end
            if scenario.endswith("_no_beep"):
                pass
            else:
                double = scenario.endswith("_double_beep")
                gap = rng.uniform(0.1, 1.0) if scenario.startswith("short") else rng.uniform(0.2, 1.5)
                bpos = g_end + sec(gap)
                plan = beep_plan(rng, double)
                meta["beep"] = [{"dur": round(d, 3), "freq": round(f, 1), "kind": k, "gap_before": round(g, 3)}
                                for d, f, k, g in plan]
                for d, f, k, g in plan:
                    bpos += sec(g)
                    b = make_beep(rng, d, f, k)
                    beeps.append((bpos, b))
                    bpos += len(b)
                last = bpos
            total = last + sec(rng.uniform(2.0, 4.5))
    finally:
        for fn in os.listdir(tmpdir):
            os.remove(os.path.join(tmpdir, fn))
        os.rmdir(tmpdir)

    # ---------------- mix
    speech = np.zeros(total)
    for s, y in events:
        speech[s:s + len(y)] += y
    if rng.random() < 0.3:
        speech = reverb(rng, speech)
        meta["reverb"] = True
    bandsos = butter(4, [300, 3400], "bandpass", fs=SR, output="sos")
    sp_bp = sosfilt(bandsos, speech)
    # active speech level: RMS over 20 ms frames within 30 dB of the loudest frame
    db = frame_db(sp_bp, 160)
    act = db[db > db.max() - 30]
    act_pow = np.mean(10 ** (act / 10))
    target_db = rng.uniform(-30, -14)
    sp_gain = 10 ** (target_db / 20) / np.sqrt(act_pow)
    sp_bp *= sp_gain
    act_pow *= sp_gain ** 2
    beep_track = np.zeros(total)
    if beeps:
        brel = 10 ** (rng.uniform(-8, 4) / 20) * np.sqrt(act_pow)
        for s, b in beeps:
            beep_track[s:s + len(b)] += b * brel
        beep_track = sosfilt(bandsos, beep_track)
        meta["beep_rel_db"] = round(20 * np.log10(brel / np.sqrt(act_pow)), 2)
    # pickup click
    click = np.zeros(total)
    if rng.random() < 0.35 and g_start > sec(0.12):
        p = int(rng.integers(0, g_start - sec(0.1)))
        L = 60
        click[p:p + L] = rng.standard_normal(L) * np.exp(-np.arange(L) / 12.0) * np.sqrt(act_pow) * rng.uniform(1, 4)
        click = sosfilt(bandsos, click)
        meta["click"] = True
    noise, ndesc = make_noise(rng, total)
    noise = sosfilt(bandsos, noise)
    snr = float(rng.uniform(10, 35))
    noise *= np.sqrt(act_pow / 10 ** (snr / 10) / np.mean(noise ** 2))
    mix = sp_bp + beep_track + click + noise
    # gain changes along the clip (line level changes)
    g = np.zeros(total)
    cur = 0.0
    nchg = int(rng.integers(1, 4))
    times = np.sort(rng.uniform(0.3, total / SR - 0.3, nchg))
    chg = []
    for tc in times:
        new = float(np.clip(cur + rng.choice([-1, 1]) * rng.uniform(2, 8), -10, 8))
        rl = sec(rng.uniform(0.005, 0.3))
        a = sec(tc)
        b = min(total, a + rl)
        g[a:b] = np.linspace(cur, new, b - a)
        g[b:] = new
        chg.append([round(float(tc), 3), round(new, 2)])
        cur = new
    mix *= 10 ** (g / 20)
    pk = np.max(np.abs(mix))
    if pk > 0.95:
        mix *= 0.95 / pk
    x16 = np.clip(np.round(mix * 32767), -32768, 32767).astype(np.int16)
    y16 = ulaw_decode(ulaw_encode(x16))  # G.711 companding on the line

    fname = "clip_%04d.wav" % idx
    path = os.path.join(outdir, fname)
    if fmt == "pcm16k":
        out_sr = 16000
        up = resample_poly(y16.astype(np.float64), 2, 1)
        wavfile.write(path, out_sr, np.clip(np.round(up), -32768, 32767).astype(np.int16))
    elif fmt == "ulaw8k":
        out_sr = SR
        tmp = path + ".tmp.wav"
        wavfile.write(tmp, SR, y16)
        subprocess.run(["sox", "-D", tmp, "-e", "mu-law", "-b", "8", path], check=True)
        os.remove(tmp)
    else:
        out_sr = SR
        wavfile.write(path, SR, y16)

    ms = lambda s: int(round(s * 1000.0 / SR))  # noqa: E731
    beeps_ms = [[ms(s), ms(s + len(b))] for s, b in beeps]
    entry = {
        "file": fname, "label": label, "scenario": scenario, "lang": lang, "voice": v.name,
        "sample_rate": out_sr, "duration_ms": ms(total),
        "greeting_start_ms": ms(g_start), "greeting_end_ms": ms(g_end),
        "beeps_ms": beeps_ms, "beep_end_ms": beeps_ms[-1][1] if beeps_ms else None,
        "snr_db": round(snr, 2),
    }
    meta.update({"file": fname, "format": fmt, "speed": round(v.speed, 1), "pitch": round(v.pitch, 1),
                 "wordgap": v.gap, "noise": ndesc, "level_dbfs": round(target_db, 2), "gain_changes": chg})
    return entry, meta


def _work(args):
    return build_clip(*args)


def generate(seed: int, count: int, out_dir: Path, jobs: int = 2) -> Manifest:
    """Write ``count`` clips, ``manifest.json`` and ``meta.json`` into ``out_dir``; deterministic for a seed."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rng0 = np.random.default_rng([seed, 424242])
    scen = alloc(SCENARIOS, count, rng0)
    fmts = alloc(FORMATS, count, rng0)
    work = [(seed, i, scen[i], fmts[i], str(out_dir)) for i in range(count)]
    with Pool(max(1, min(2, jobs))) as pool:
        res = list(pool.imap(_work, work, chunksize=4))
    manifest = Manifest.model_validate({"seed": seed, "count": count, "clips": [r[0] for r in res]})
    (out_dir / "manifest.json").write_text(manifest.model_dump_json(indent=1))
    (out_dir / "meta.json").write_text(json.dumps([r[1] for r in res], indent=1, ensure_ascii=False))
    return manifest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--count", type=int, default=400)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    generate(a.seed, a.count, a.out, a.jobs)
    print(f"wrote {a.count} clips to {a.out}")


if __name__ == "__main__":
    main()
