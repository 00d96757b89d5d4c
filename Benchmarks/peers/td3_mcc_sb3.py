"""Stable-Baselines3 peer for the TD3 MountainCarContinuous-v0 row of the README's training table: SB3's TD3 with
RL Zoo's preset (hyperparams/td3.yml: Ornstein-Uhlenbeck noise sigma 0.5, lr 1e-3, batch 256, net [400, 300],
SB3 defaults otherwise), evaluated every 10k steps on 10 deterministic episodes (reset seeds 10000 + e).

Prints one line per evaluation with the mean return and |a| of the deterministic action at one start state:
|a| = 1.0000 with a return of -99.9 is the saturated actor (tanh output rounded to 1, no gradient left) that
`td3.preActivationPenalty` addresses on the SwiftRL side.

    python Benchmarks/peers/td3_mcc_sb3.py SEED STEPS      # e.g. 3 50000 (about 12 minutes on one core)
"""
import sys
import time

import gymnasium as gym
import numpy as np
import torch
from stable_baselines3 import TD3
from stable_baselines3.common.noise import OrnsteinUhlenbeckActionNoise


def evaluate(model, env, episodes=10):
    returns = []
    for e in range(episodes):
        obs, _ = env.reset(seed=10000 + e)
        done, total = False, 0.0
        while not done:
            action, _ = model.predict(obs, deterministic=True)
            obs, reward, terminated, truncated, _ = env.step(action)
            total += reward
            done = terminated or truncated
        returns.append(total)
    return float(np.mean(returns))


def main():
    torch.set_num_threads(1)
    seed, steps = int(sys.argv[1]), int(sys.argv[2])
    env = gym.make("MountainCarContinuous-v0")
    noise = OrnsteinUhlenbeckActionNoise(mean=np.zeros(1), sigma=0.5 * np.ones(1))
    model = TD3("MlpPolicy", env, action_noise=noise, learning_rate=1e-3, buffer_size=1_000_000, learning_starts=100,
                batch_size=256, tau=0.005, gamma=0.99, train_freq=1, gradient_steps=1,
                policy_kwargs=dict(net_arch=[400, 300]), seed=seed, verbose=0)
    eval_env = gym.make("MountainCarContinuous-v0")
    start = time.time()
    for k in range(steps // 10000):
        model.learn(10000, reset_num_timesteps=False)
        probe, _ = eval_env.reset(seed=1)
        first = abs(float(model.predict(probe, deterministic=True)[0][0]))
        print(f"seed {seed} step {(k + 1) * 10000}: eval {evaluate(model, eval_env):.1f} "
              f"(|a| at a start state {first:.4f}) {time.time() - start:.0f}s", flush=True)


if __name__ == "__main__":
    main()
