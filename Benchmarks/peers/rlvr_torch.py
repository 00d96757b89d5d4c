#!/usr/bin/env python3
"""Peer timings for `swiftrl bench rlvr`: the same tiny Qwen2-style transformer, KV-cache generation and GRPO
update in plain PyTorch on CPU (eager, one thread).

Model: RMSNorm, RoPE (theta 10000, rotate_half), SwiGLU, q/k/v biases, tied embeddings; 4 layers, d = 128,
4 heads, MLP width 512, vocabulary 64. Batch: 8 prompts of 8 tokens x G = 8 completions = 64 rows, 64 new tokens
(no stop token, temperature 1; per-token log-probs and entropies computed, as SwiftRL returns them).
GRPO update (one on-policy update): old log-probs = current ones detached, forward + backward of the clipped token loss (group mean/std advantages,
seq-mean-token-mean, eps 0.2, beta 0), grad-norm clip 1, AdamW.

Prints one JSON object per line: {"suite": "rlvr_peer", "case", "unit", "median", "min", "max", "peer"}.
"""
import os
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import argparse
import json
import statistics
import time

import torch
import torch.nn.functional as F

VOCAB, LAYERS, D, HEADS, MLP = 64, 4, 128, 4, 512
PROMPTS, GROUP, PROMPT_LEN, NEW_TOKENS = 8, 8, 8, 64
CLOCK = time.perf_counter


def emit(case, unit, samples):
    print(json.dumps({"suite": "rlvr_peer", "case": case, "unit": unit, "median": statistics.median(samples),
                      "min": min(samples), "max": max(samples), "peer": "torch " + torch.__version__}), flush=True)


class RMSNorm(torch.nn.Module):
    def __init__(self, d, eps=1e-6):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.ones(d))
        self.eps = eps

    def forward(self, x):
        return self.weight * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps))


def rotate_half(x):
    a, b = x.chunk(2, dim=-1)
    return torch.cat((-b, a), dim=-1)


class Block(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.hd = D // HEADS
        self.input_layernorm = RMSNorm(D)
        self.q_proj = torch.nn.Linear(D, D)
        self.k_proj = torch.nn.Linear(D, D)
        self.v_proj = torch.nn.Linear(D, D)
        self.o_proj = torch.nn.Linear(D, D, bias=False)
        self.post_attention_layernorm = RMSNorm(D)
        self.gate_proj = torch.nn.Linear(D, MLP, bias=False)
        self.up_proj = torch.nn.Linear(D, MLP, bias=False)
        self.down_proj = torch.nn.Linear(MLP, D, bias=False)

    def forward(self, x, cos, sin, cache=None):
        b, t, _ = x.shape
        h = self.input_layernorm(x)
        q, k, v = (p(h).view(b, t, HEADS, self.hd).transpose(1, 2) for p in (self.q_proj, self.k_proj, self.v_proj))
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        if cache is not None:
            if cache[0] is not None:
                k = torch.cat((cache[0], k), dim=2)
                v = torch.cat((cache[1], v), dim=2)
            cache[0], cache[1] = k, v
        causal = t > 1
        y = F.scaled_dot_product_attention(q, k, v, is_causal=causal)
        x = x + self.o_proj(y.transpose(1, 2).reshape(b, t, D))
        h = self.post_attention_layernorm(x)
        return x + self.down_proj(F.silu(self.gate_proj(h)) * self.up_proj(h))


class Qwen2Tiny(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embed_tokens = torch.nn.Embedding(VOCAB, D)
        self.layers = torch.nn.ModuleList([Block() for _ in range(LAYERS)])
        self.norm = RMSNorm(D)
        for m in self.modules():
            if isinstance(m, (torch.nn.Linear, torch.nn.Embedding)):
                torch.nn.init.normal_(m.weight, std=0.02)
                if getattr(m, "bias", None) is not None:
                    torch.nn.init.zeros_(m.bias)
        hd = D // HEADS
        self.inv_freq = 1.0 / (10000 ** (torch.arange(0, hd, 2).float() / hd))

    def rope(self, start, length):
        pos = torch.arange(start, start + length).float()
        freqs = torch.outer(pos, self.inv_freq)
        emb = torch.cat((freqs, freqs), dim=-1)
        return emb.cos()[None, None], emb.sin()[None, None]

    def forward(self, ids, caches=None, start=0):
        cos, sin = self.rope(start, ids.shape[1])
        x = self.embed_tokens(ids)
        for i, layer in enumerate(self.layers):
            x = layer(x, cos, sin, None if caches is None else caches[i])
        return F.linear(self.norm(x), self.embed_tokens.weight)


def prompts():
    rows = [[3 + (p * 7 + j * 5) % (VOCAB - 3) for j in range(PROMPT_LEN)] for p in range(PROMPTS)]
    return torch.tensor([r for r in rows for _ in range(GROUP)])


@torch.no_grad()
def generate(model, ids, gen):
    caches = [[None, None] for _ in range(LAYERS)]
    logits = model(ids, caches, 0)[:, -1]
    out, logps, ents = [], [], []
    pos = ids.shape[1]
    for step in range(NEW_TOKENS):
        logp = torch.log_softmax(logits.double(), dim=-1)
        tok = torch.multinomial(logp.exp(), 1, generator=gen)
        out.append(tok)
        logps.append(logp.gather(1, tok))
        ents.append(-(logp.exp() * logp).sum(-1))
        if step == NEW_TOKENS - 1:
            break
        logits = model(tok, caches, pos)[:, -1]
        pos += 1
    return torch.cat(out, dim=1), torch.cat(logps, dim=1), torch.stack(ents, dim=1)


def completion_logprobs(model, ids, completions):
    full = torch.cat((ids, completions), dim=1)
    logits = model(full)[:, ids.shape[1] - 1:-1]
    logp = torch.log_softmax(logits, dim=-1)
    token_logp = logp.gather(2, completions.unsqueeze(-1)).squeeze(-1)
    entropy = -(logp.exp() * logp).sum(-1)
    return token_logp, entropy


def grpo_step(model, opt, ids, completions, rewards):
    r = rewards.view(PROMPTS, GROUP)
    adv = ((r - r.mean(1, keepdim=True)) / (r.std(1, keepdim=True) + 1e-6)).view(-1, 1)
    opt.zero_grad()
    logp, entropy = completion_logprobs(model, ids, completions)
    # one on-policy update (one epoch, one minibatch): the old log-probs are the current ones, detached, as TRL
    # does with num_iterations = 1 and SwiftRL's trainer does in the same case (no separate no-grad pass)
    old = logp.detach()
    ratio = torch.exp(logp - old)
    per_token = -torch.min(ratio * adv, torch.clamp(ratio, 0.8, 1.2) * adv)
    mask = torch.ones_like(per_token)
    loss = ((per_token * mask).sum(1) / mask.sum(1)).mean()  # seq-mean-token-mean
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    return loss.item(), entropy.detach().mean().item()


def sample(fn, warmup, rounds):
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(rounds):
        start = CLOCK()
        fn()
        out.append(CLOCK() - start)
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--clock", choices=["wall", "cpu"], default="wall")
    args = parser.parse_args()
    global CLOCK
    CLOCK = time.thread_time if args.clock == "cpu" else time.perf_counter
    torch.set_num_threads(1)
    torch.manual_seed(1)
    rounds = 3 if args.quick else 5
    model = Qwen2Tiny()
    ids = prompts()
    gen = torch.Generator().manual_seed(2)
    tokens = PROMPTS * GROUP * NEW_TOKENS
    secs = sample(lambda: generate(model, ids, gen), 1, rounds)
    emit("generate_tokens_per_s", "tokens/s", [tokens / s for s in secs])
    completions, _, _ = generate(model, ids, gen)
    rewards = (completions[:, 0] % 2 == 0).float()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-5, weight_decay=0.0)
    secs = sample(lambda: grpo_step(model, opt, ids, completions, rewards), 1, rounds)
    emit("grpo_train_tokens_per_s", "tokens/s", [tokens / s for s in secs])


if __name__ == "__main__":
    main()
