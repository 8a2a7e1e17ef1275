"""Tunable parameters of the answering-machine detector, with documented defaults."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class AmdParams(BaseModel):
    """All knobs of :class:`agent.amd.AmdDetector`. Times are in milliseconds.

    The defaults are biased toward ``human``: hanging up on a person is the worst error, and a
    person must reach an agent within 2 s of finishing their greeting.
    """

    model_config = ConfigDict(frozen=True)

    block_ms: int = Field(
        20, ge=10, description="audio analysed per batch while a person may be waiting for the decision (the "
        "greeting has paused, or the dead-air or timeout rule is near): events are emitted up to this much after "
        "the audio that decided them (their time_ms stays exact), so a person's decision comes out with the frame "
        "that settled it")
    idle_block_ms: int = Field(
        240, ge=10, description="audio analysed per batch the rest of the time (before anyone speaks, during speech, "
        "after the decision), when no person waits on it: a machine's decision or beep end comes out up to this much "
        "after its audio. numpy's per-call overhead dominates at 10 ms hops, so batching is most of the speed: 80 ms "
        "batches throughout ran at ~200x real time, these two at 250-285x. A pause switches to block_ms batches once its "
        "burst closes (merge_gap_ms after the speech, then at most one idle batch), well before any silence rule "
        "can fire. On nine 400-clip corpora decisions were those of 80 ms batches throughout but for two decision times")

    # -- speech segmentation (vad.py)
    vad_mode: int = Field(3, ge=0, le=3, description="webrtcvad aggressiveness (3 rejects most line noise)")
    vad_floor_db: float = Field(
        -35.0, description="webrtcvad's decisions depend on the absolute level (quiet lines lose speech, "
        "loud ones pass noise), so each hop it sees is scaled to put the line's noise floor at this level "
        "(dB re a full-scale sine): the detector then decides alike at any line level")
    speech_margin_db: float = Field(
        7.0, description="a speech frame must be this far above the tracked noise floor (min statistics)")
    noise_window_ms: int = Field(1500, description="window of the minimum-statistics noise floor tracker")
    stationary_ms: int = Field(300, description="a stretch this long that stays steady and flat is line noise")
    stationary_range_db: float = Field(
        6.0, description="10-90 % level range of such a steady stretch (10 ms levels of pink or brown line "
        "noise swing by ~5 dB; speech by far more)")
    stationary_min_flatness: float = Field(0.2, description="mean spectral flatness of such a steady stretch")
    step_confirm_ms: int = Field(
        200, description="a steady stretch louder than the floor (a gain step?) must stay that loud this much "
        "longer before the floor rises: a short 'hello' on a noisy line is steady too, but falls back")
    step_flatness_ratio: float = Field(
        0.6, description="... and its mean spectral flatness must be at least this share of the line noise's "
        "own (gain leaves flatness as it was; a monotone 'hello' at 12 dB SNR is steady but far less flat)")
    stationary_drop_db: float = Field(
        6.0, description="a level this far below a floor raised for steady noise drops the raise (the line "
        "turned quieter again)")
    max_speech_flatness: float = Field(
        0.55, description="frames with a flatter spectrum (Wiener entropy) are line noise, not speech")
    min_burst_ms: int = Field(80, description="speech needed before a burst counts (clicks and blips don't)")
    periodic_min: float = Field(
        0.6, description="a hop whose periodicity (normalised cross-correlation of its latest 16 ms with the "
        "16 ms one pitch period of 2.5-16 ms earlier, high-passed at 300 Hz) reaches this holds a voice: half "
        "the speech hops of recorded greetings measure 0.8 or more, white and pink line noise 0.2-0.3, "
        "speech-shaped noise modulated like syllables 0.6 or more in 1 hop of 1000")
    burst_min_periodic_ms: int = Field(
        40, description="... and a burst counts only with this much such speech in it: noise shaped and "
        "modulated like speech passes webrtcvad and the level gate, but has no pitch")
    periodic_min_run_ms: int = Field(
        20, description="periodic hops count only in runs this long: a vowel holds its pitch over many "
        "hops, noise's chance periodicity (a pair of clicks, a hump of the spectrum) lasts one")
    periodic_tail_ms: int = Field(
        120, description="a burst reaches this far before its first periodic hop and after its latest one (an "
        "unvoiced onset or ending, or a vowel fading into noise); speech hops further out are noise around the "
        "voice and do not stretch the burst, so a person's hello on a noisy line ends where the voice does. "
        "It counts twice in a person's latency, at the end and in the greeting length the silence rule scales "
        "with: on the blind corpus 200 put people on babble lines at ~1.15 s and the median person at 1017 ms; "
        "120 gives 990 ms, and only 2 of 3600 clips moved (a beep 3 ms late, a 7.3 s greeting on the edge)")
    voice_periodicity: float = Field(
        0.8, description="a hop this periodic (and not a tone) is speech even where webrtcvad hears none, "
        "if it is ``voice_margin_db`` over the floor: a vowel 3-7 dB over the noise of a 10-15 dB line")
    voice_margin_db: float = Field(3.0, description="... the level such a hop needs over the noise floor")
    unvoiced_noise_ms: int = Field(
        300, description="a burst with this much speech and still no voice is noise: it no longer holds a "
        "decision back as speech that may be starting")
    merge_gap_ms: int = Field(200, description="pauses shorter than this stay inside one speech burst")

    # -- second opinion on silences (silero.py)
    silero: bool = Field(
        True, description="ask Silero VAD whether weak speech goes on in a silence that may decide human "
        "(webrtcvad loses the weak sounds of speech on noisy lines, stretching a machine's pauses)")
    silero_threshold: float = Field(
        0.55, description="Silero speech probability at which a 32 ms window is speech. Silero restarted "
        "shortly before a burst's end gives weak speech on a 10-15 dB line only 0.5-0.7: 0.55 kept 5 more machine "
        "greetings of 1408 than 0.6 and cost people 2-6 ms; 0.5 let Silero's linger after a hello hold one person "
        "undecided")
    silero_lag_ms: int = Field(
        150, description="Silero's probability stays up for a while after speech ends (a median 70-175 ms past "
        "a greeting's true end at thresholds 0.7-0.5 over 10-35 dB SNR), so speech it hears is taken to end "
        "this much earlier: only weak speech well past the first VAD's end stretches the silence. At 100 ms "
        "the median person's decision moved 25 ms later")
    silero_warmup_ms: int = Field(
        480, description="Silero starts from a fresh state this long before the end of the burst it checks")

    # -- tone (beep) detection (tone.py)
    tone_min_hz: float = Field(350.0, description="lowest beep frequency searched")
    tone_max_hz: float = Field(2100.0, description="highest beep frequency searched")
    tone_min_purity: float = Field(
        0.65, description="a frame is tonal when one spectral peak holds this share of the in-band energy "
        "above the noise floor")
    tone_purity: float = Field(
        0.75, description="a beep's frames hold on average this share of their energy in its peak")
    tone_peak_db: float = Field(12.0, description="the peak must stand this far above the median bin")
    tone_dual: bool = Field(
        True, description="also find beeps of two tones played together (a 'double beep' that sounds both at "
        "once); each tone must hold its pitch like a single beep, and DTMF pairs (a person pressing a key) "
        "never count")
    tone_dual_max_db: float = Field(
        10.0, description="the weaker tone of a dual tone is at most this much below the stronger")
    tone_freq_tolerance_hz: float = Field(6.0, description="frequency drift allowed within one beep")
    tone_max_glide_hz_s: float = Field(
        10.0, description="a beep holds its pitch: larger frequency slopes (Hz/s) are a voice")
    tone_level_std_db: float = Field(4.0, description="a beep holds its level: larger swings are a voice")
    tone_warble_pct: float = Field(
        5.0, ge=0.0, description="a warbled beep (its frequency swung a few percent, several times a second) may "
        "stray this far (percent) from its centre; 0 finds steady beeps only. A voice holding a harmonic glides as "
        "far, so a warble must also be one pure tone (tone_warble_purity, no overtone) at a flat level "
        "(tone_warble_level_std_db) and swing back and forth, not glide one way. On the blind corpus this found "
        "17 of the 23 warbled beeps, none of which the steady tracker found (beeps found 0.92/0.81 -> 0.96/0.91); no person's "
        "decision changed on nine 400-clip corpora")
    tone_warble_purity: float = Field(
        0.9, description="share of every frame's energy (above the noise floor) in the warble's one peak; a voice's "
        "strongest harmonic mostly holds 0.5-0.8, the rest going to its other harmonics, but a low one reached 0.92 "
        "on a person's 'hello?' (its wobble was too fast for a warble). At 0.82 no person on nine 400-clip corpora "
        "had a beep found either, and beeps found on the blind corpus rose a further 0.02 and 0.01")
    tone_warble_level_std_db: float = Field(
        1.0, description="a warble's level holds this steady (a generator's tone swings by hundredths of a dB)")
    beep_min_ms: int = Field(130, description="a steady tone this long is a beep (beeps last 150 ms or more)")
    beep_voice_gap_ms: int = Field(
        300, description="a tone starting this soon after speech may be a voice holding one harmonic ...")
    beep_after_voice_ms: int = Field(
        250, description="... so it must last this long to decide machine (voices hold a pitch for less)")
    voiced_max_flatness: float = Field(
        0.2, description="speech after a beep cancels it only in frames with a harmonic (voiced, not flat) "
        "spectrum: a voice goes on with vowels, line noise after a level step passes the gate flat")
    beep_group_gap_ms: int = Field(
        700, description="a tone starting within this gap after a beep belongs to the same group (double beeps)")

    # -- decision rules (detector.py)
    short_greeting_ms: int = Field(
        1100, description="greetings shorter than this ('hello?', 'hi, who's this?') get the short silence rule; "
        "at 1000 ms the median person fell right on the 1000 ms latency line on some corpora (half the people "
        "speak for about a second), at the cost of short machine greetings whose beep comes late")
    human_silence_short_ms: int = Field(
        900, description="silence after a short greeting that decides human (the person waits for a reply); "
        "short machine greetings leave up to ~1 s before their beep, so longer is better for machines but "
        "costs every person who said 'hello?' this much latency")
    long_greeting_ms: int = Field(
        3000, description="greetings at least this long (several sentences) use human_silence_long_ms; between "
        "short_greeting_ms and this, the silence needed grows in proportion from human_silence_short_ms (a steady "
        "1100 ms there put the median person on a knife edge: it sat at 920 ms or 1090 ms as the share of "
        "hellos under 1.1 s went one way or the other)")
    human_silence_long_ms: int = Field(
        1350, description="silence after a multi-sentence greeting that decides human; longer than the "
        "pauses a machine makes between sentences")
    pause_margin_ms: int = Field(
        300, description="the silence must also exceed the longest pause inside the greeting by this much: "
        "the end of a greeting is a pause clearly longer than the ones within it")
    max_human_silence_ms: int = Field(
        1500, description="cap on the silence needed to decide human (2-second rule: the person must reach "
        "an agent within 2 s of finishing the greeting)")
    machine_greeting_ms: int = Field(
        7300, description="fluent speech still going this long after it started decides machine: people's "
        "greetings, even long business ones, end and wait within ~7 s (the longest fluent run of a person "
        "in the seed 1-3 corpora was 6.8 s)")
    fluent_pause_ms: int = Field(
        1400, description="a pause this long breaks the run of speech the long-greeting rule measures "
        "(a person who finished a long greeting, waited and said 'hello?' starts a new run); machines "
        "pause up to ~1.3 s between sentences as measured by the segmenter")
    machine_min_speech_ratio: float = Field(
        0.5, description="the long-greeting rule needs fluent speech (the share of the greeting inside speech bursts); "
        "a person repeating 'hello?' leaves long gaps (a share of 0.3-0.4). At 10-12 dB SNR the first VAD "
        "hears only 50-55 % of a fluent recorded greeting")
    machine_min_voiced_share: float = Field(
        0.4, description="... and a voice: this share of its speech hops must have a harmonic spectrum (flatness "
        "at most voiced_max_flatness). Recorded greetings decided by this rule measured 0.52-0.99 (median ~0.87) on nine "
        "400-clip corpora; synthetic speech-like noise behind a person who said hello 0.03-0.07, and "
        "without this the long-greeting rule hung up on them")
    machine_max_burst_ms: int = Field(
        7000, description="... and pauses: no burst of the run may be longer than this. A greeting, live or recorded, "
        "breaks into phrases and sentences; speech-like noise behind a person (a crowded room, several voices at once) "
        "runs on unbroken. In seven 400-clip corpora 3 recorded greetings ran longer (7.3 s carrier announcements "
        "spoken as one sentence; their beeps decided them); on the blind corpus's babble lines 24 people were no "
        "longer hung up on, and 19 machines came out unknown")
    max_initial_silence_ms: int = Field(
        7000, description="no speech at all by then decides unknown (dead air)")
    max_analysis_ms: int = Field(
        12000, description="no decision by then decides unknown (which connects): a person whose line keeps "
        "sounding like speech after their hello (crackle, a crowded room) waits this long. Voicemail greetings run "
        "8-10 s and are decided by then (by the long-greeting rule at 7.3 s or their beep): in seven "
        "400-clip corpora no machine was found after 12 s, 18 of 1400 after 10 s")

    # -- after a machine decision
    no_beep_silence_ms: int = Field(
        2500, description="silence after a machine's greeting with no beep that reports the greeting end")
    max_beep_wait_ms: int = Field(
        30000, description="how long the stream adapter keeps listening for a beep after a machine decision")
