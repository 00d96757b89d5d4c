#!/usr/bin/env python3
"""Peer benchmark: Stable-Baselines3 SAC on Pendulum-v1 (SB3 defaults, learning rate 1e-3 as RL Zoo).

Measures the time from the start of training until a 10-episode deterministic evaluation on a separately
seeded environment first reaches the threshold (evaluation time included), evaluating every `--eval-every`
steps — the same protocol as `swiftrl bench train` cases `sac_pendulum_seconds_to_-200` (wall clock) and
`sac_pendulum_cpu_seconds_to_-200` (process CPU time; one torch thread, like SwiftRL's single-threaded BLAS).
Case `sac_update_ms`: milliseconds of CPU time per gradient step outside evaluation.

`train_sb3.py` imports `run` from here so `swiftrl bench train --compare` gets every case from one script.

Usage: python Benchmarks/peers/train_sb3_sac.py --seeds 1 2 3 [--json out.json] [--threads 1]
Prints one JSON object: {"case": ..., "seconds": [...], "cpu_seconds": [...], "median": ..., "steps": [...]}.
"""
import argparse
import json
import statistics
import time

import gymnasium as gym
import numpy as np
import torch
from stable_baselines3 import SAC
from stable_baselines3.common.callbacks import BaseCallback


def evaluate(model, env_id, episodes, seed):
    """Mean return of `episodes` deterministic episodes, episode i seeded seed + i."""
    returns = []
    env = gym.make(env_id)
    for i in range(episodes):
        obs, _ = env.reset(seed=seed + i)
        done, total = False, 0.0
        while not done:
            action, _ = model.predict(obs, deterministic=True)
            obs, reward, terminated, truncated, _ = env.step(action)
            total += float(reward)
            done = terminated or truncated
        returns.append(total)
    env.close()
    return float(np.mean(returns))


class TimeToThreshold(BaseCallback):
    """Evaluates every `every` steps; stops training once the mean return reaches `threshold`."""

    def __init__(self, env_id, every, episodes, threshold, eval_seed, start, cpu_start):
        super().__init__()
        self.env_id, self.every, self.episodes = env_id, every, episodes
        self.threshold, self.eval_seed = threshold, eval_seed
        self.start, self.cpu_start = start, cpu_start
        self.reached = None
        self.history = []
        self.eval_cpu = 0.0

    def _on_step(self):
        if self.num_timesteps % self.every != 0:
            return True
        began = time.process_time()
        mean = evaluate(self.model, self.env_id, self.episodes, self.eval_seed)
        self.eval_cpu += time.process_time() - began
        elapsed, cpu = time.perf_counter() - self.start, time.process_time() - self.cpu_start
        self.history.append((self.num_timesteps, elapsed, mean))
        if mean >= self.threshold and self.reached is None:
            self.reached = (self.num_timesteps, elapsed, cpu)
            return False
        return True


def run(seed, env_id="Pendulum-v1", total_steps=20_000, every=1_000, episodes=10, threshold=-200.0,
        learning_rate=1e-3):
    """One seed: wall and CPU seconds to the threshold (None if never), steps, CPU ms per gradient step."""
    start, cpu_start = time.perf_counter(), time.process_time()
    env = gym.make(env_id)
    model = SAC("MlpPolicy", env, learning_rate=learning_rate, seed=seed, verbose=0, device="cpu")
    callback = TimeToThreshold(env_id, every, episodes, threshold, 10_000 + seed, start, cpu_start)
    model.learn(total_timesteps=total_steps, callback=callback)
    cpu = time.process_time() - cpu_start
    updates = max(model.num_timesteps - model.learning_starts, 1)
    return {
        "seed": seed,
        "seconds": callback.reached[1] if callback.reached else None,
        "cpu_seconds": callback.reached[2] if callback.reached else None,
        "steps": callback.reached[0] if callback.reached else None,
        "update_ms": (cpu - callback.eval_cpu) / updates * 1000,
        "final_eval": callback.history[-1][2] if callback.history else None,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--env", default="Pendulum-v1")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--total-steps", type=int, default=20_000)
    parser.add_argument("--eval-every", type=int, default=1_000)
    parser.add_argument("--episodes", type=int, default=10)
    parser.add_argument("--threshold", type=float, default=-200.0)
    parser.add_argument("--learning-rate", type=float, default=1e-3)
    parser.add_argument("--threads", type=int, default=1, help="torch threads (0 = PyTorch's default)")
    parser.add_argument("--json", help="also write the result to this file")
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    runs = [run(seed, args.env, args.total_steps, args.eval_every, args.episodes, args.threshold, args.learning_rate)
            for seed in args.seeds]
    seconds = [r["seconds"] for r in runs]
    result = {
        "case": f"sac_pendulum_seconds_to_{int(args.threshold)}",
        "peer": "stable-baselines3 SAC",
        "seeds": args.seeds,
        "seconds": seconds,
        "cpu_seconds": [r["cpu_seconds"] for r in runs],
        "steps": [r["steps"] for r in runs],
        "update_ms": [r["update_ms"] for r in runs],
        "final_eval": [r["final_eval"] for r in runs],
        "median": statistics.median(seconds) if None not in seconds else None,
        "torch_threads": torch.get_num_threads(),
    }
    text = json.dumps(result)
    print(text)
    if args.json:
        with open(args.json, "w") as handle:
            handle.write(text + "\n")


if __name__ == "__main__":
    main()
