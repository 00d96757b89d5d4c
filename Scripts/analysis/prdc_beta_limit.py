"""PRDC's β limit on Pendulum: how often the nearest (β·s, a) dataset key is the logged transition itself.

A Pendulum-v1 random dataset (500 episodes × 200 steps, states standardised, actions scaled to [-1, 1]) is queried at
1500 of its own states with a policy action π(s) (zero, or drawn independently of the logged one). As β → ∞ the nearest
key is the same state, so PRDC's target becomes the logged action and PRDC becomes TD3+BC. Needs gymnasium and numpy.
Cited in README (PRDC row): at β = 100, 16–26 % of targets are another transition's action; at β = 1000, < 0.5 %.
"""
import gymnasium as gym
import numpy as np


def main():
    rng = np.random.default_rng(0)
    env = gym.make("Pendulum-v1")
    states, actions = [], []
    for episode in range(500):
        s, _ = env.reset(seed=episode)
        for _ in range(200):
            a = rng.uniform(-2, 2, size=1).astype(np.float32)
            states.append(s)
            actions.append(a / 2)
            s, _, _, _, _ = env.step(a)
    S = np.array(states, dtype=np.float64)
    A = np.array(actions, dtype=np.float64)
    S = (S - S.mean(0)) / (S.std(0) + 1e-3)
    queries = rng.choice(len(S), 1500, replace=False)
    policies = [("pi = 0", np.zeros((len(queries), 1))),
                ("pi independent uniform", rng.uniform(-1, 1, (len(queries), 1)))]
    for name, pi in policies:
        for beta in [2, 10, 100, 1000, 1e6]:
            keys = np.concatenate([beta * S, A], 1)
            same, deviation = 0, []
            for j, i in enumerate(queries):
                query = np.concatenate([beta * S[i], pi[j]])
                nearest = np.argmin(((keys - query) ** 2).sum(1))
                same += nearest == i
                deviation.append(abs(A[nearest, 0] - A[i, 0]))
            print(f"{name:24s} beta={beta:<8g} nearest is the logged transition {same / len(queries):.3f}, "
                  f"mean |a_hat - a_logged| {np.mean(deviation):.3f}")


if __name__ == "__main__":
    main()
