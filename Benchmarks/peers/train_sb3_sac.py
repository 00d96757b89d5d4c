#!/usr/bin/env python3
"""Peer benchmark: Stable-Baselines3 SAC on Pendulum-v1 (SB3 defaults, learning rate 1e-3 as RL Zoo).

Measures the wall time from the start of training until a 10-episode deterministic evaluation on a separately
seeded environment first reaches the threshold (evaluation time included), evaluating every `--eval-every`
steps — the same protocol as `swiftrl bench train` case `sac_pendulum_seconds_to_-200`.

Usage: python Benchmarks/peers/train_sb3_sac.py --seeds 1 2 3 --json out.json
Prints one JSON object: {"case": ..., "seconds": [...], "median": ..., "steps": [...], "final_eval": [...]}.
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

    def __init__(self, env_id, every, episodes, threshold, eval_seed):
        super().__init__()
        self.env_id, self.every, self.episodes = env_id, every, episodes
        self.threshold, self.eval_seed = threshold, eval_seed
        self.start = time.perf_counter()
        self.reached = None
        self.history = []

    def _on_training_start(self):
        self.start = time.perf_counter()

    def _on_step(self):
        if self.num_timesteps % self.every != 0:
            return True
        mean = evaluate(self.model, self.env_id, self.episodes, self.eval_seed)
        elapsed = time.perf_counter() - self.start
        self.history.append((self.num_timesteps, elapsed, mean))
        if mean >= self.threshold and self.reached is None:
            self.reached = (self.num_timesteps, elapsed, mean)
            return False
        return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--env", default="Pendulum-v1")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--total-steps", type=int, default=20_000)
    parser.add_argument("--eval-every", type=int, default=2_000)
    parser.add_argument("--episodes", type=int, default=10)
    parser.add_argument("--threshold", type=float, default=-200.0)
    parser.add_argument("--learning-rate", type=float, default=1e-3)
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0 = PyTorch's default)")
    parser.add_argument("--json", help="also write the result to this file")
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)

    seconds, steps, finals = [], [], []
    for seed in args.seeds:
        env = gym.make(args.env)
        model = SAC("MlpPolicy", env, learning_rate=args.learning_rate, seed=seed, verbose=0, device="cpu")
        callback = TimeToThreshold(args.env, args.eval_every, args.episodes, args.threshold, eval_seed=1000 + seed)
        model.learn(total_timesteps=args.total_steps, callback=callback)
        if callback.reached:
            steps.append(callback.reached[0])
            seconds.append(callback.reached[1])
        else:
            steps.append(None)
            seconds.append(None)
        finals.append(callback.history[-1][2] if callback.history else None)
    reached = [s for s in seconds if s is not None]
    result = {
        "case": f"sac_pendulum_seconds_to_{int(args.threshold)}",
        "peer": "stable-baselines3 SAC",
        "seeds": args.seeds,
        "seconds": seconds,
        "steps": steps,
        "final_eval": finals,
        "median": statistics.median(reached) if len(reached) == len(seconds) else None,
        "torch_threads": torch.get_num_threads(),
    }
    text = json.dumps(result)
    print(text)
    if args.json:
        with open(args.json, "w") as handle:
            handle.write(text + "\n")


if __name__ == "__main__":
    main()
