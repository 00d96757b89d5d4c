"""KD-tree peer for `swiftrl bench offline`: scipy.spatial.cKDTree on the same case definitions as SwiftRL's
KDTreeBenchmark (Sources/Offline/KDTree/KDTreeBenchmark.swift).

  kdtree_build_1m_s      seconds to build cKDTree over 1M points uniform in [0, 1)^10 (float32 data; cKDTree
                         converts to float64 internally; default leafsize 16, balanced median splits)
  kdtree_queries_per_s   exact 1-NN queries per second, 10,000 uniform queries per batch, workers=--threads (default 1)

Prints one JSON object per line: {"suite": "offline", "case": ..., "unit": ..., "median": ..., "min": ..., "max": ...,
"peer": "scipy <version> cKDTree"}. Usage: python Benchmarks/peers/offline_d3rlpy.py [--quick] [--threads N]
"""
import json
import statistics
import sys
import time

import numpy as np
import scipy
from scipy.spatial import cKDTree

QUICK = "--quick" in sys.argv
THREADS = int(sys.argv[sys.argv.index("--threads") + 1]) if "--threads" in sys.argv else 1
N = 100_000 if QUICK else 1_000_000
D = 10
QUERIES = 2_000 if QUICK else 10_000
ROUNDS = 2 if QUICK else 5
PEER = f"scipy {scipy.__version__} cKDTree"


def emit(case, unit, samples):
    print(json.dumps({"suite": "offline", "case": case, "unit": unit, "median": statistics.median(samples),
                      "min": min(samples), "max": max(samples), "peer": PEER}), flush=True)


def main():
    rng = np.random.default_rng(1)
    points = rng.random((N, D), dtype=np.float32)
    queries = rng.random((QUERIES, D), dtype=np.float32)
    build = []
    tree = None
    for _ in range(ROUNDS):
        start = time.perf_counter()
        tree = cKDTree(points, leafsize=16)
        build.append(time.perf_counter() - start)
    emit("kdtree_build_1m_s", "s", build)
    rates = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        tree.query(queries, k=1, workers=THREADS)
        rates.append(QUERIES / (time.perf_counter() - start))
    emit("kdtree_queries_per_s", "queries/s", rates)


if __name__ == "__main__":
    main()
