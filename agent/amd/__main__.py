"""``python -m agent.amd FILE.wav [FILE.wav ...]``: one JSON line per file.

Each file is streamed through the detector in 20 ms frames: ``decision_ms`` is when the decision
was made (no audio after it was used) and ``beep_end_ms`` is when the machine's last beep ended,
found by listening on after the decision (null when there was none).
"""

from __future__ import annotations

import argparse
import sys
import wave

from .detector import detect_file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m agent.amd", description="Answering-machine detection")
    parser.add_argument("files", nargs="+", metavar="FILE.wav")
    parser.add_argument("--frame-ms", type=int, default=20, choices=[10, 20, 30], help="frame size fed")
    args = parser.parse_args(argv)
    status = 0
    for path in args.files:
        try:
            print(detect_file(path, frame_ms=args.frame_ms).model_dump_json(), flush=True)
        except (OSError, EOFError, ValueError, wave.Error) as exc:  # missing, unreadable or not audio
            print(f"{path}: {exc}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
