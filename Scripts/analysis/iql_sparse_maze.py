"""Why IQL collapses on random-heavy sparse U-maze data (README, PRDC row and "IQL on sparse random mazes").

Part 1 (numpy only): a Python port of SwiftRL's PointMaze_UMaze-v3 (sparse reward 1 within 0.5 of the goal centre,
walls zero the velocity) and Monte Carlo action values of the uniform random behaviour policy, Q_beta(s, a) = first
action a, then uniform random actions, gamma 0.99, 300 steps. It shows
  - at the goal centre, pushing into the walls of the goal cell has the highest Q_beta (the critic ranks it so too);
  - at the corner where that push ends (1.10, 1.12), Q_beta differs between actions by about 1 unit in 30 (3 %),
    inside the Monte Carlo error and far inside the critic's fitting error;
  - holding the push deterministically earns almost nothing (the corner is 0.54 from the goal, outside the radius),
    while standing still at the centre earns the most.
Part 2 (with --d3rlpy DATASET.npz, needs d3rlpy): d3rlpy's IQL on the same npz that SwiftRL's reproduction uses
(64-64, expectile 0.7, beta 3, return-based reward scale 1000), evaluated in the port; it collapses as SwiftRL's does.
"""
import argparse

import numpy as np

LAYOUT = ["#####", "#GOO#", "###O#", "#OOO#", "#####"]
CELLS = [list(row) for row in LAYOUT]
OPEN = [(r, c) for r, row in enumerate(CELLS) for c, ch in enumerate(row) if ch != "#"]
GOAL = next(np.array([c + 0.5, r + 0.5]) for r, row in enumerate(CELLS) for c, ch in enumerate(row) if ch == "G")


def blocked(p):
    for dy in (-0.1, 0.1):
        for dx in (-0.1, 0.1):
            c, r = int(np.floor(p[0] + dx)), int(np.floor(p[1] + dy))
            if not (0 <= r < len(CELLS) and 0 <= c < len(CELLS[0])) or CELLS[r][c] == "#":
                return True
    return False


def step(s, a):
    v = np.clip(s[2:] + 0.5 * np.clip(a, -1, 1), -5, 5)
    p = s[:2].copy()
    moved = np.array([p[0] + 0.1 * v[0], p[1]])
    if blocked(moved):
        v[0] = 0
    else:
        p = moved
    moved = np.array([p[0], p[1] + 0.1 * v[1]])
    if blocked(moved):
        v[1] = 0
    else:
        p = moved
    return np.array([p[0], p[1], v[0], v[1]]), float(np.linalg.norm(p - GOAL) <= 0.5)


def behaviour_q(rng, s0, a0, n, horizon=300, gamma=0.99):
    returns = []
    for _ in range(n):
        s, g = step(np.array(s0, float), np.array(a0, float))
        discount = gamma
        for _ in range(horizon):
            s, r = step(s, rng.uniform(-1, 1, 2))
            g += discount * r
            discount *= gamma
        returns.append(g)
    return np.mean(returns), np.std(returns) / np.sqrt(n)


def held(s0, a, horizon=300, gamma=0.99):
    s, g, discount = np.array(s0, float), 0.0, 1.0
    for _ in range(horizon):
        s, r = step(s, np.array(a, float))
        g += discount * r
        discount *= gamma
    return g, s


def evaluate(policy, episodes=10, seed=123):
    rng = np.random.default_rng(seed)
    total = 0.0
    for _ in range(episodes):
        r, c = OPEN[rng.integers(len(OPEN))]
        s = np.array([c + 0.5 + rng.uniform(-0.1, 0.1), r + 0.5 + rng.uniform(-0.1, 0.1),
                      0.1 * rng.standard_normal(), 0.1 * rng.standard_normal()])
        for _ in range(300):
            s, reward = step(s, policy(s.astype(np.float32)))
            total += reward
    return total / episodes


def part1(n):
    rng = np.random.default_rng(0)
    centre, corner = [1.5, 1.5, 0, 0], [1.1035, 1.1175, 0, 0]
    push = [-0.61, -0.45]
    for name, state in [("goal centre", centre), ("corner", corner)]:
        for a in [push, [-1, -1], [0, 0], [1, 1], [0, 1]]:
            q, se = behaviour_q(rng, state, a, n)
            print(f"Q_beta({name}, a={a}) = {q:.1f} ± {se:.1f}")
    for a in [push, [0, 0]]:
        g, final = held(centre, a)
        print(f"holding a={a} from the centre: discounted return {g:.1f}, final state {np.round(final, 2)}")


def part2(path, steps):
    import d3rlpy
    import torch

    torch.set_num_threads(1)
    d = np.load(path)
    dataset = d3rlpy.dataset.MDPDataset(d["observations"], d["actions"], d["rewards"],
                                        d["terminals"].astype(np.float32), timeouts=d["timeouts"].astype(np.float32))
    encoder = d3rlpy.models.VectorEncoderFactory([64, 64])
    iql = d3rlpy.algos.IQLConfig(
        actor_encoder_factory=encoder, critic_encoder_factory=encoder, value_encoder_factory=encoder,
        weight_temp=3.0, expectile=0.7, observation_scaler=d3rlpy.preprocessing.StandardObservationScaler(),
        reward_scaler=d3rlpy.preprocessing.ReturnBasedRewardScaler(multiplier=1000.0)).create(device="cpu:0")
    iql.build_with_dataset(dataset)
    random_ref, expert_ref = float(d["ref_min_score"]), float(d["ref_max_score"])
    for epoch, _ in iql.fitter(dataset, n_steps=steps, n_steps_per_epoch=steps // 4, show_progress=False,
                                logger_adapter=d3rlpy.logging.NoopAdapterFactory()):
        ret = evaluate(lambda s: iql.predict(s[None])[0])
        print(f"d3rlpy IQL step {epoch * steps // 4}: return {ret:.1f}, "
              f"normalised {100 * (ret - random_ref) / (expert_ref - random_ref):.1f}")
    scale = 1000.0 / (iql.reward_scaler.return_max - iql.reward_scaler.return_min)
    print(f"reward scale {scale:.2f}: divide the critic's Q by it to compare with Q_beta above")
    for name, state in [("goal centre", [1.5, 1.5, 0, 0]), ("corner", [1.1035, 1.1175, 0, 0])]:
        s = np.array([state], dtype=np.float32)
        print(f"d3rlpy IQL action at the {name}:", np.round(iql.predict(s)[0], 2))
        for a in [[-0.61, -0.45], [-1, -1], [0, 0], [1, 1], [0, 1]]:
            q = float(iql.predict_value(s, np.array([a], dtype=np.float32))[0])
            print(f"critic Q({name}, a={a}) / scale = {q / scale:.1f}")
    obs, act = d["observations"][:5000], d["actions"][:5000]
    with torch.no_grad():
        v = iql.impl.modules.value_func(iql.observation_scaler.transform(torch.tensor(obs))).numpy().ravel()
    adv = (iql.predict_value(obs, act) - v) / scale
    print(f"critic advantages Q - V over 5000 dataset pairs / scale: std {adv.std():.2f}, "
          f"5/50/95 % {np.round(np.percentile(adv, [5, 50, 95]), 2)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rollouts", type=int, default=600)
    parser.add_argument("--d3rlpy", metavar="DATASET_NPZ")
    parser.add_argument("--steps", type=int, default=10000)
    args = parser.parse_args()
    part1(args.rollouts)
    if args.d3rlpy:
        part2(args.d3rlpy, args.steps)
