"""Train the cross-document match scores and write models/cross/scorer.json.

    python scripts/train_cross.py [--series N] [--out models/cross/scorer.json]

Training series: synthetic releases of the train domains (`numcheck.training.cross_synth`,
seeds 0..N-1) and their perturbed copies, fed through the shipped extractor, the linker and
the encoder as `numcheck check --store` runs. The held-out domains and seeds (scripts/
eval_cross.py's "own series"), dev-cross and the blind set are never used here.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from numcheck.inference.cross import SCORER_PATH, EncoderEmbedder, MatchScorer
from numcheck.inference.extractor import get_extractor
from numcheck.training.cross import (cached_checker, calibration, collect, encoder_center, fit, open_matcher,
                                     save_scorer, to_json)
from numcheck.training.cross_synth import DOMAINS, make_set


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--series", type=int, default=24, help="seeds per train domain")
    ap.add_argument("--out", type=Path, default=SCORER_PATH)
    ap.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    ap.add_argument("--cache", type=Path, default=None, help="directory caching each document's own checks")
    ap.add_argument("--features", type=Path, default=None,
                    help="file keeping the collected features: refit without rerunning the pipeline")
    args = ap.parse_args(argv)
    t0 = time.time()
    series = make_set(sorted(DOMAINS), range(args.series))
    n_val = max(1, len(series) // 5)
    train, val = series[n_val:], series[:n_val]
    extractor = get_extractor("model")
    embedder = EncoderEmbedder()
    check_one = cached_checker(extractor, args.cache)
    # Candidates do not depend on the scores; any scorer runs the pipeline.
    # The encoder's mean over the train domains' measure names centres every vector compared.
    bank = [n for d in DOMAINS.values() for m in d.measures for n in (*m.names, m.generic) if n]
    center = encoder_center(embedder, bank)
    provisional = MatchScorer.untrained(center)
    if args.features and args.features.exists():
        data, held = json.loads(args.features.read_text())
    else:
        with tempfile.TemporaryDirectory() as tmp:
            data = collect(train, check_one, open_matcher(embedder, provisional), Path(tmp) / "train")
            held = collect(val, check_one, open_matcher(embedder, provisional), Path(tmp) / "val")
        if args.features:
            args.features.write_text(json.dumps([data, held]))
    models = fit(data, c=args.c)
    scorer = MatchScorer(models, center=center)
    meta = {"train_series": len(train), "validation_series": len(val), "domains": sorted(DOMAINS),
            "seeds": f"0..{args.series - 1}", "c": args.c,
            "calibration_validation": calibration(scorer, held), "seconds": round(time.time() - t0, 1)}
    save_scorer(models, args.out, meta, center=center)
    print(to_json({k: {kk: v for kk, v in m.items() if kk in ("examples", "positives")} for k, m in models.items()}))
    print(to_json(meta["calibration_validation"]))
    print(f"wrote {args.out} in {meta['seconds']} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
