#!/usr/bin/env python3
"""Peer timings for `swiftrl bench tensor`: the same cases in PyTorch CPU eager (one thread) and NumPy matmul.

Prints one JSON object per line: {"suite": "tensor_peer", "case", "unit", "median", "min", "max", "peer"}.
Case names match SwiftRL's so `swiftrl bench tensor --compare` can pair them.
"""
import os
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one thread, like SwiftRL's default
import argparse
import json
import statistics
import time

import numpy as np
import torch


def emit(case, unit, samples, peer):
    print(json.dumps({"suite": "tensor_peer", "case": case, "unit": unit, "median": statistics.median(samples),
                      "min": min(samples), "max": max(samples), "peer": peer}), flush=True)


CLOCK = time.perf_counter  # or time.thread_time with --clock cpu (same choice as `swiftrl bench tensor --clock`)


def sample(fn, warmup, rounds, iterations):
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(rounds):
        start = CLOCK()
        for _ in range(iterations):
            fn()
        out.append((CLOCK() - start) / iterations)
    return out


def gemm(n, rounds):
    rng = np.random.default_rng(1)
    a = rng.random((n, n), dtype=np.float32) - 0.5
    b = rng.random((n, n), dtype=np.float32) - 0.5
    iterations = max(1, 512 ** 3 * 8 // n ** 3)
    secs = sample(lambda: a @ b, 1, rounds, iterations)
    emit(f"sgemm_{n}", "GFLOPS", [2 * n ** 3 / s / 1e9 for s in secs], "numpy " + np.__version__)


def mlp_step(sizes, act, batch, name, rounds):
    torch.manual_seed(2)
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(act())
    model = torch.nn.Sequential(*layers)
    x = torch.randn(batch, sizes[0])
    y = torch.randn(batch, sizes[-1])
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)

    def step():
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(model(x), y)
        loss.backward()
        opt.step()

    iterations = 200 if sizes[1] >= 256 else 1000
    secs = sample(step, 50, rounds, iterations)
    emit(name, "us", [s * 1e6 for s in secs], "torch " + torch.__version__)


class Block(torch.nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.heads = heads
        self.norm1 = torch.nn.LayerNorm(d)
        self.c_attn = torch.nn.Linear(d, 3 * d)
        self.c_proj = torch.nn.Linear(d, d)
        self.norm2 = torch.nn.LayerNorm(d)
        self.up = torch.nn.Linear(d, 4 * d)
        self.down = torch.nn.Linear(4 * d, d)

    def forward(self, x):
        b, t, d = x.shape
        q, k, v = self.c_attn(self.norm1(x)).split(d, dim=2)
        q, k, v = (z.view(b, t, self.heads, d // self.heads).transpose(1, 2) for z in (q, k, v))
        y = torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=True)
        x = x + self.c_proj(y.transpose(1, 2).reshape(b, t, d))
        return x + self.down(torch.nn.functional.gelu(self.up(self.norm2(x)), approximate="tanh"))


class LM(torch.nn.Module):
    def __init__(self, vocab=64, d=128, heads=4, layers=2, context=64):
        super().__init__()
        self.tok = torch.nn.Embedding(vocab, d)
        self.pos = torch.nn.Embedding(context, d)
        self.blocks = torch.nn.ModuleList([Block(d, heads) for _ in range(layers)])
        self.norm = torch.nn.LayerNorm(d)
        self.head = torch.nn.Linear(d, vocab, bias=False)

    def forward(self, ids):
        h = self.tok(ids) + self.pos(torch.arange(ids.shape[1]))
        for blk in self.blocks:
            h = blk(h)
        return self.head(self.norm(h))


def transformer_step(rounds):
    torch.manual_seed(3)
    model = LM()
    ids = torch.randint(0, 64, (16, 65))
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4)

    def step():
        opt.zero_grad()
        logits = model(ids[:, :-1])
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, 64), ids[:, 1:].reshape(-1))
        loss.backward()
        opt.step()

    secs = sample(step, 2, rounds, 5)
    emit("transformer_step", "ms", [s * 1e3 for s in secs], "torch " + torch.__version__)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--clock", choices=["wall", "cpu"], default="wall")
    args = parser.parse_args()
    global CLOCK
    CLOCK = time.thread_time if args.clock == "cpu" else time.perf_counter
    torch.set_num_threads(1)
    rounds = 3 if args.quick else 7
    for n in (256, 512, 1024):
        gemm(n, rounds)
    mlp_step([4, 64, 64, 2], torch.nn.Tanh, 64, "mlp_step_b64", rounds)
    mlp_step([17, 256, 256, 6], torch.nn.ReLU, 256, "mlp_step_b256_h256", rounds)
    transformer_step(3 if args.quick else 5)


if __name__ == "__main__":
    main()
