"""Environment step-rate peers for `swiftrl bench env`: Gymnasium (and EnvPool when installed).

Prints one JSON object per line: {"suite": "env", "case": ..., "unit": "steps/s", "median": ..., "min": ...,
"max": ..., "peer": ...}. Case names match SwiftRL's EnvBenchmark:
  cartpole_1env / pendulum_1env     gym.make(id) (default wrappers) stepped with action_space.sample(), reset when done
  cartpole_256env                   Gymnasium's NumPy-vectorised CartPole (vectorization_mode="vector_entry_point")
  pendulum_256env                   Gymnasium SyncVectorEnv x256 (Pendulum has no NumPy vector entry point)
  hopper_1env                       gym.make("Hopper-v5") like the 1env cases (only when `mujoco` is installed)
  EnvPool: same cases with envpool.make(id, env_type="gymnasium", num_envs=1 or 256), sync mode, all threads.
Usage: python Benchmarks/peers/env_gymnasium.py [--quick]
"""
import json
import statistics
import sys
import time

import gymnasium as gym
import numpy as np

QUICK = "--quick" in sys.argv
ROUNDS = 3 if QUICK else 7
SECONDS = 0.1 if QUICK else 0.25


def emit(case, samples, peer):
    print(json.dumps({"suite": "env", "case": case, "unit": "steps/s", "median": statistics.median(samples),
                      "min": min(samples), "max": max(samples), "peer": peer}), flush=True)


def measure(step_batch, steps_per_call):
    """Calls step_batch(n) with n sized so each round takes about SECONDS; returns steps/s samples."""
    n = 100
    step_batch(n)
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        step_batch(n)
        elapsed = time.perf_counter() - start
        samples.append(n * steps_per_call / elapsed)
        n = max(10, int(n * SECONDS / max(elapsed, 1e-6)))
    return samples


def gym_single(env_id):
    env = gym.make(env_id)
    env.reset(seed=0)
    env.action_space.seed(0)

    def run(n):
        for _ in range(n):
            _, _, terminated, truncated, _ = env.step(env.action_space.sample())
            if terminated or truncated:
                env.reset()
    return measure(run, 1)


def gym_vector(env_id, num_envs, mode):
    env = gym.make_vec(env_id, num_envs=num_envs, vectorization_mode=mode)
    env.reset(seed=0)
    env.action_space.seed(0)
    actions = [env.action_space.sample() for _ in range(16)]

    def run(n):
        for i in range(n):
            env.step(actions[i & 15])
    return measure(run, num_envs)


def envpool_cases():
    try:
        import envpool
    except ImportError:
        print("# envpool not installed; skipping EnvPool cases", file=sys.stderr)
        return
    for case, env_id, num_envs in [("cartpole_1env", "CartPole-v1", 1), ("cartpole_256env", "CartPole-v1", 256),
                                   ("pendulum_1env", "Pendulum-v1", 1), ("pendulum_256env", "Pendulum-v1", 256)]:
        env = envpool.make(env_id, env_type="gymnasium", num_envs=num_envs, seed=0)
        env.reset()
        rng = np.random.default_rng(0)
        if env_id == "CartPole-v1":
            actions = [rng.integers(0, 2, size=num_envs) for _ in range(16)]
        else:
            actions = [rng.uniform(-2, 2, size=(num_envs, 1)).astype(np.float32) for _ in range(16)]

        def run(n, env=env, actions=actions):
            for i in range(n):
                env.step(actions[i & 15])
        emit(case, measure(run, num_envs), "envpool-sync")


def main():
    emit("cartpole_1env", gym_single("CartPole-v1"), "gymnasium")
    emit("pendulum_1env", gym_single("Pendulum-v1"), "gymnasium")
    emit("cartpole_256env", gym_vector("CartPole-v1", 256, "vector_entry_point"), "gymnasium-numpy-vector")
    emit("pendulum_256env", gym_vector("Pendulum-v1", 256, "sync"), "gymnasium-sync-vector")
    try:
        import mujoco  # noqa: F401  (Gymnasium's MuJoCo environments need it)
        emit("hopper_1env", gym_single("Hopper-v5"), "gymnasium-mujoco-" + mujoco.__version__)
    except ImportError:
        print("# mujoco not installed; skipping hopper_1env", file=sys.stderr)
    envpool_cases()


if __name__ == "__main__":
    main()
