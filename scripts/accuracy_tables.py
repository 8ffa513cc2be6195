#!/usr/bin/env python3
"""One table per dev corpus for docs/ACCURACY.md: geomention against the population baseline
(each mention's highest-prior candidate, no context) and the best published results, all from
`geomention eval --json` (score.py's definitions; tests/cli_eval.rs checks they agree).

Usage: python3 scripts/accuracy_tables.py [--bin target/release/geomention]
                                          [--corpora-dir ../shared/corpora]
Stdlib only. Exits 2 when the corpora folder is missing.

The published anchors are the ones DESIGN §5 cites: recognition F1 from EUPEG (Wang and Hu,
2019); Acc@161 from Mordecai 3 (Halterman, 2023) on LGL with gold spans, CamCoder (Gritta et
al., 2018) on GeoVirus and WikToR, CLAVIN on GeoCorpora's own matches. The issue-4 targets are
printed next to them.
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# corpus: (published recognition F1, published Acc@161, source of the Acc@161, targets)
ANCHORS = {
    "lgl": (0.713, 0.827, "Mordecai 3, gold spans", {"rec": 0.75, "acc": 0.85, "e2e": 0.62}),
    "geovirus": (0.917, 0.82, "CamCoder", {"rec": 0.90, "acc": 0.85, "e2e": 0.75}),
    "wiktor": (None, 0.65, "CamCoder", {"acc": 0.70}),
    "geocorpora": (0.763, 0.913, "CLAVIN, on its own matches", {"rec": 0.78, "acc": 0.90, "e2e": 0.65}),
    "wotr": (None, None, "", {}),
}
RESOLUTION_ONLY = {"wiktor"}


def run(binary, corpus, *flags):
    out = subprocess.run([binary, "eval", corpus, "--json", *flags], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("accuracy_tables.py: %s eval %s failed: %s" % (binary, corpus, out.stderr))
    return json.loads(out.stdout)


def fmt(x):
    return "–" if x is None else "%.3f" % x


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/geomention"))
    ap.add_argument("--corpora-dir", default=os.path.join(ROOT, "../shared/corpora"))
    a = ap.parse_args()
    if not os.path.isdir(a.corpora_dir):
        print("accuracy_tables.py: no corpora at %s" % a.corpora_dir, file=sys.stderr)
        sys.exit(2)
    for name, (pub_rec, pub_acc, acc_source, target) in ANCHORS.items():
        path = os.path.join(a.corpora_dir, name + ".jsonl")
        if not os.path.exists(path):
            path += ".gz"
        rows = []
        for label, flags in [("geomention", []), ("population baseline", ["--population-baseline"])]:
            gs = run(a.bin, path, "--gold-spans", *flags)["resolution_gold_spans"]
            if name in RESOLUTION_ONLY:
                rows.append((label, None, gs["acc161"], gs["auc"], None))
            else:
                e = run(a.bin, path, *flags)
                rows.append((label, e["recognition_exact"]["f1"], gs["acc161"], gs["auc"],
                             e["end_to_end_161"]["f1"]))
        print("### %s\n" % name)
        print("| system | recognition exact F1 | Acc@161, gold spans | AUC, gold spans | end-to-end F1@161 |")
        print("|---|---:|---:|---:|---:|")
        for label, rec, acc, auc, e2e in rows:
            print("| %s | %s | %s | %s | %s |" % (label, fmt(rec), fmt(acc), fmt(auc), fmt(e2e)))
        if pub_rec is not None or pub_acc is not None:
            print("| best published | %s (EUPEG) | %s (%s) | – | – |" % (fmt(pub_rec), fmt(pub_acc), acc_source))
        if target:
            print("| issue 4 target | %s | %s | – | %s |" % (
                fmt(target.get("rec")), fmt(target.get("acc")), fmt(target.get("e2e"))))
        print()


if __name__ == "__main__":
    main()
