"""Linear-time guard: ``extract_quotes`` on pathological quote marks.

Times ``extract_quotes`` on texts of 1,000, 10,000 and 100,000 unclosed quotes (and
on other shapes of unbalanced marks) and prints seconds and microseconds per
character. Linear code keeps the time per character flat as the input grows; a
quadratic step shows as a ratio growing about tenfold per tenfold size. The run
stops growing a shape once one size takes longer than ``--cap`` seconds (and says
so), so a quadratic extractor does not run for hours.

Shapes:

* ``unclosed``: ``“Unclosed number i said the man who never stopped talking. `` x n
  (one paragraph, every quote opened and none closed);
* ``unclosed_paras``: the same, one per paragraph (the multi-paragraph quote rule);
* ``random_marks``: n random marks from ``“”‘’"'«»„‚`` and nothing else;
* ``balanced`` (reference): ``“Quote number i,” she said. `` x n.

Usage (from the project root)::

    .venv/bin/python benchmarks/bench_hostile.py [--sizes 1000 10000 100000] [--cap 60]

Exit status 1 when any shape's time per character grows more than ``--max-ratio``
(default 3) from its smallest to its largest size measured, or a size hit the cap.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable

MARKS = "“”‘’\"'«»„‚"


def unclosed(n: int) -> str:
    return "".join(f"“Unclosed number {i} said the man who never stopped talking. " for i in range(n))


def unclosed_paras(n: int) -> str:
    return "\n\n".join(f"“Unclosed number {i} said the man who never stopped talking." for i in range(n))


def random_marks(n: int) -> str:
    rng = random.Random(n)
    return "".join(rng.choice(MARKS) for _ in range(n))


def balanced(n: int) -> str:
    return "".join(f"“Quote number {i},” she said. " for i in range(n))


SHAPES: dict[str, Callable[[int], str]] = {
    "unclosed": unclosed,
    "unclosed_paras": unclosed_paras,
    "random_marks": random_marks,
    "balanced": balanced,
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    ap.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=list(SHAPES))
    ap.add_argument("--cap", type=float, default=60.0, help="stop growing a shape after a run this long (s)")
    ap.add_argument("--max-ratio", type=float, default=3.0)
    args = ap.parse_args(argv)

    from mediakit.quotes import extract_quotes

    extract_quotes("Warm “up,” she said.")
    print(f"{'shape':<15} {'n':>8} {'chars':>11} {'seconds':>9} {'us/char':>9} {'ratio':>7} {'quotes':>7}")
    bad: list[str] = []
    for shape in args.shapes:
        make = SHAPES[shape]
        first: float | None = None
        last_ratio = 1.0
        for n in sorted(args.sizes):
            text = make(n)
            t0 = time.perf_counter()
            q = extract_quotes(text)
            seconds = time.perf_counter() - t0
            per_char = seconds / max(len(text), 1) * 1e6
            first = per_char if first is None else first
            last_ratio = per_char / first if first else 1.0
            print(f"{shape:<15} {n:>8,} {len(text):>11,} {seconds:>9.3f} {per_char:>9.3f} "
                  f"{last_ratio:>7.2f} {len(q):>7,}", flush=True)
            if seconds > args.cap:
                print(f"{shape:<15} stopped: {seconds:.0f} s > cap {args.cap:g} s "
                      f"(larger sizes skipped)", flush=True)
                bad.append(f"{shape}: {n:,} took {seconds:.0f} s")
                break
        if last_ratio > args.max_ratio:
            bad.append(f"{shape}: time per char grew {last_ratio:.1f}x")
    if bad:
        print("NOT LINEAR: " + "; ".join(bad))
        return 1
    print(f"linear: time per char within {args.max_ratio:g}x across sizes for every shape")
    return 0


if __name__ == "__main__":
    sys.exit(main())
