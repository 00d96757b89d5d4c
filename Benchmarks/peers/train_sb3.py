"""Stable-Baselines3 peer for `swiftrl bench train`: wall seconds until a 10-episode deterministic evaluation
first reaches the threshold (evaluation time included), with RL Zoo's tuned hyper-parameters.

Case `ppo_cartpole_seconds_to_475`: PPO on CartPole-v1, RL Zoo ppo.yml (8 envs, n_steps 32, batch 256,
20 epochs, gamma 0.98, gae_lambda 0.8, lr lin_1e-3, clip lin_0.2, ent 0), evaluated every `--eval-every`
environment steps on a separately seeded env, budget 100k steps. Case `ppo_cartpole_sps`: environment steps per
second while training (evaluation time excluded), median over the same runs.

Prints JSON lines in `swiftrl bench` format (suite, case, unit, median, min, max, peer); `--details` prints the
per-seed runs as one JSON object instead.

Cases `sac_pendulum_seconds_to_-200`, `sac_pendulum_cpu_seconds_to_-200`, `sac_pendulum_steps_to_-200` and
`sac_update_ms`: SAC on Pendulum-v1
(SB3 defaults with lr 1e-3), run by `train_sb3_sac.py` (see there) with one torch thread; `--cases ppo` or
`--cases sac` runs one family only.

Usage: /work/venv/bin/python Benchmarks/peers/train_sb3.py [--seeds 1 2 3] [--eval-every 2048] [--quick] [--details]
       [--cases ppo sac]
"""

import argparse
import json
import statistics
import time

import gymnasium as gym
import numpy as np
import torch
from stable_baselines3 import PPO
from stable_baselines3.common.callbacks import BaseCallback
from stable_baselines3.common.env_util import make_vec_env

import train_sb3_sac


def linear(start):
    return lambda progress_remaining: progress_remaining * start


class TimeToThreshold(BaseCallback):
    """Evaluates every `every` env steps; stops training once the mean return reaches `threshold`."""

    def __init__(self, every, threshold, seed, start):
        super().__init__()
        self.every, self.threshold, self.seed, self.start = every, threshold, seed, start
        self.next_eval = every
        self.reached = None
        self.history = []
        self.eval_seconds = 0.0
        self.eval_env = gym.make("CartPole-v1")

    def evaluate(self):
        returns = []
        for episode in range(10):
            obs, _ = self.eval_env.reset(seed=self.seed + episode)
            done, total = False, 0.0
            while not done:
                action, _ = self.model.predict(obs, deterministic=True)
                obs, reward, terminated, truncated, _ = self.eval_env.step(int(action))
                total += reward
                done = terminated or truncated
            returns.append(total)
        return float(np.mean(returns))

    def _on_step(self):
        if self.num_timesteps < self.next_eval:
            return True
        self.next_eval += self.every
        began = time.perf_counter()
        mean = self.evaluate()
        self.eval_seconds += time.perf_counter() - began
        elapsed = time.perf_counter() - self.start
        self.history.append((self.num_timesteps, mean, elapsed))
        if mean >= self.threshold:
            self.reached = (self.num_timesteps, elapsed)
            return False
        return True


def run(seed, every, budget):
    torch.set_num_threads(1)
    start = time.perf_counter()
    env = make_vec_env("CartPole-v1", n_envs=8, seed=seed)
    model = PPO(
        "MlpPolicy", env, n_steps=32, batch_size=256, gae_lambda=0.8, gamma=0.98, n_epochs=20, ent_coef=0.0,
        learning_rate=linear(1e-3), clip_range=linear(0.2), seed=seed, device="cpu", verbose=0)
    callback = TimeToThreshold(every, 475, 10_000 + seed, start)
    model.learn(total_timesteps=budget, callback=callback)
    total = time.perf_counter() - start
    steps = model.num_timesteps
    return {
        "seed": seed,
        "seconds_to_475": callback.reached[1] if callback.reached else None,
        "steps_to_475": callback.reached[0] if callback.reached else None,
        "wall_seconds": total,
        "steps": steps,
        "sps": steps / max(total - callback.eval_seconds, 1e-9),
        "history": callback.history,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--eval-every", type=int, default=2048)
    parser.add_argument("--budget", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="one seed")
    parser.add_argument("--details", action="store_true", help="print per-seed runs")
    parser.add_argument("--cases", nargs="+", choices=["ppo", "sac"], default=["ppo", "sac"])
    args = parser.parse_args()
    seeds = args.seeds[:1] if args.quick else args.seeds
    peer = "stable-baselines3 " + __import__("stable_baselines3").__version__
    if "sac" in args.cases and not args.details:
        torch.set_num_threads(1)
        sac_runs = [train_sb3_sac.run(seed) for seed in seeds]
        inf = float("inf")
        for case, key, unit in (("sac_pendulum_seconds_to_-200", "seconds", "s"),
                                ("sac_pendulum_cpu_seconds_to_-200", "cpu_seconds", "s"),
                                ("sac_pendulum_steps_to_-200", "steps", "steps"), ("sac_update_ms", "update_ms", "ms")):
            values = [r[key] if r[key] is not None else inf for r in sac_runs]
            print(json.dumps({"suite": "train", "case": case, "unit": unit,
                              "median": statistics.median(values), "min": min(values), "max": max(values),
                              "peer": peer, "steps": [r["steps"] for r in sac_runs]}), flush=True)
    if "ppo" not in args.cases:
        return
    runs = [run(seed, args.eval_every, args.budget) for seed in seeds]
    reached = [r["seconds_to_475"] for r in runs if r["seconds_to_475"] is not None]
    if not args.details:
        times = [r["seconds_to_475"] if r["seconds_to_475"] is not None else float("inf") for r in runs]
        sps = [r["sps"] for r in runs]
        for case, unit, values in (("ppo_cartpole_seconds_to_475", "s", times), ("ppo_cartpole_sps", "steps/s", sps)):
            print(json.dumps({"suite": "train", "case": case, "unit": unit, "median": statistics.median(values),
                              "min": min(values), "max": max(values), "peer": peer}))
        return
    print(json.dumps({
        "case": "ppo_cartpole_seconds_to_475",
        "peer": "stable-baselines3 " + __import__("stable_baselines3").__version__,
        "median_seconds": statistics.median(reached) if len(reached) == len(runs) else None,
        "runs": runs,
    }, indent=1))


if __name__ == "__main__":
    main()
