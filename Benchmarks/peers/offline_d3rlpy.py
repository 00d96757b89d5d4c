"""Peer for `swiftrl bench offline`: scipy.spatial.cKDTree on the same case definitions as SwiftRL's
KDTreeBenchmark (Sources/Offline/KDTree/KDTreeBenchmark.swift), and d3rlpy gradient steps per second on one thread
(Sources/swiftrl/Bench/OfflineBench.swift).

  kdtree_build_1m_s      seconds to build cKDTree over 1M points uniform in [0, 1)^10 (float32 data; cKDTree
                         converts to float64 internally; default leafsize 16, balanced median splits)
  kdtree_queries_per_s   exact 1-NN queries per second, 10,000 uniform queries per batch, workers=--threads (default 1)
  td3bc_steps_per_s      d3rlpy TD3PlusBC (defaults: 256-256, batch 256, α 2.5, actor every 2nd step) gradient steps
                         per second, each step = sample_transition_batch(256) + update(batch), torch on one thread,
                         synthetic dataset of 100k random transitions, observation dim 17, action dim 6
  iql_steps_per_s        the same with d3rlpy IQL (defaults: expectile 0.7, temperature 3, 256-256, batch 256)
  dqn_discrete_steps_per_s   d3rlpy DoubleDQN, 64-64 ReLU encoder, batch 128, target copy every 100 updates,
                         synthetic discrete dataset of 100k transitions (observation dim 4, 2 actions)
  qrdqn_steps_per_s      the same DoubleDQN with a QR Q-function of 50 quantiles
  cql_discrete_steps_per_s   d3rlpy DiscreteCQL (a DoubleDQN with the log-sum-exp penalty), same shapes

Prints one JSON object per line: {"suite": "offline", "case": ..., "unit": ..., "median": ..., "min": ..., "max": ...,
"peer": ...}. Usage: python Benchmarks/peers/offline_d3rlpy.py [--quick] [--threads N] [--clock wall|cpu]
(--clock cpu reads time.thread_time, the calling thread's CPU time: only meaningful with one thread.)
The d3rlpy cases are skipped (with a message on stderr) when d3rlpy is not installed.
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
CLOCK = sys.argv[sys.argv.index("--clock") + 1] if "--clock" in sys.argv else "wall"
now = time.thread_time if CLOCK == "cpu" else time.perf_counter


def emit(case, unit, samples, peer=PEER):
    print(json.dumps({"suite": "offline", "case": case, "unit": unit, "median": statistics.median(samples),
                      "min": min(samples), "max": max(samples), "peer": peer}), flush=True)


def gradient_steps():
    try:
        import torch
        import d3rlpy
    except ImportError as error:
        print(f"offline_d3rlpy.py: skipping the d3rlpy cases ({error}); pip install d3rlpy", file=sys.stderr)
        return
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    d3rlpy.seed(1)
    rng = np.random.default_rng(11)
    n, obs_dim, act_dim, length = 100_000, 17, 6, 1000
    terminals = np.zeros(n, dtype=np.float32)
    timeouts = np.zeros(n, dtype=np.float32)
    timeouts[length - 1::length] = 1
    dataset = d3rlpy.dataset.MDPDataset(
        observations=rng.standard_normal((n, obs_dim)).astype(np.float32),
        actions=rng.uniform(-1, 1, (n, act_dim)).astype(np.float32),
        rewards=rng.standard_normal(n).astype(np.float32), terminals=terminals, timeouts=timeouts)
    peer = f"d3rlpy {d3rlpy.__version__} (torch {torch.__version__}, 1 thread)"
    steps = 20 if QUICK else 100
    rounds = 3 if QUICK else 5
    for case, config in [("td3bc_steps_per_s", d3rlpy.algos.TD3PlusBCConfig(batch_size=256)),
                         ("iql_steps_per_s", d3rlpy.algos.IQLConfig(batch_size=256))]:
        algo = config.create(device="cpu:0")
        algo.build_with_dataset(dataset)
        for _ in range(10):
            algo.update(dataset.sample_transition_batch(256))
        rates = []
        for _ in range(rounds):
            start = now()
            for _ in range(steps):
                algo.update(dataset.sample_transition_batch(256))
            rates.append(steps / (now() - start))
        emit(case, "steps/s", rates, peer)
    discrete_steps(d3rlpy, peer, steps, rounds)


def discrete_steps(d3rlpy, peer, steps, rounds):
    rng = np.random.default_rng(11)
    n, obs_dim, length = 100_000, 4, 1000
    timeouts = np.zeros(n, dtype=np.float32)
    timeouts[length - 1::length] = 1
    dataset = d3rlpy.dataset.MDPDataset(
        observations=rng.standard_normal((n, obs_dim)).astype(np.float32),
        actions=rng.integers(0, 2, n).astype(np.int64), rewards=rng.standard_normal(n).astype(np.float32),
        terminals=np.zeros(n, dtype=np.float32), timeouts=timeouts,
        action_space=d3rlpy.ActionSpace.DISCRETE, action_size=2)
    encoder = d3rlpy.models.VectorEncoderFactory(hidden_units=[64, 64], activation="relu")
    common = dict(batch_size=128, learning_rate=1e-4, target_update_interval=100, encoder_factory=encoder)
    qr = d3rlpy.models.QRQFunctionFactory(n_quantiles=50)
    for case, config in [("dqn_discrete_steps_per_s", d3rlpy.algos.DoubleDQNConfig(**common)),
                         ("qrdqn_steps_per_s", d3rlpy.algos.DoubleDQNConfig(q_func_factory=qr, **common)),
                         ("cql_discrete_steps_per_s", d3rlpy.algos.DiscreteCQLConfig(**common))]:
        algo = config.create(device="cpu:0")
        algo.build_with_dataset(dataset)
        for _ in range(20):
            algo.update(dataset.sample_transition_batch(128))
        rates = []
        for _ in range(rounds):
            start = now()
            for _ in range(4 * steps):
                algo.update(dataset.sample_transition_batch(128))
            rates.append(4 * steps / (now() - start))
        emit(case, "steps/s", rates, peer)


def main():
    rng = np.random.default_rng(1)
    points = rng.random((N, D), dtype=np.float32)
    queries = rng.random((QUERIES, D), dtype=np.float32)
    build = []
    tree = None
    for _ in range(ROUNDS):
        start = now()
        tree = cKDTree(points, leafsize=16)
        build.append(now() - start)
    emit("kdtree_build_1m_s", "s", build)
    rates = []
    for _ in range(ROUNDS):
        start = now()
        tree.query(queries, k=1, workers=THREADS)
        rates.append(QUERIES / (now() - start))
    emit("kdtree_queries_per_s", "queries/s", rates)
    gradient_steps()


if __name__ == "__main__":
    main()
