#!/usr/bin/env bash
# Soak test: a PPO run killed with SIGKILL at random moments and resumed from its newest checkpoint, CYCLES times,
# must end with the same final weights (byte for byte) as an uninterrupted run of the same seed.
# Usage: Scripts/soak/kill-resume-ppo.sh [CYCLES=200] [TOTAL_STEPS=400000] [SWIFTRL=.build/release/swiftrl]
# Prints one summary line (JSON) at the end; exits non-zero if the weights differ.
set -euo pipefail
cycles="${1:-200}"
total="${2:-400000}"
swiftrl="${3:-.build/release/swiftrl}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
common=(train ppo --env CartPole-v1 --seed 7 --total-steps "$total" --quiet --set checkpointEvery=2048)

started=$SECONDS
"$swiftrl" "${common[@]}" --run-dir "$work/straight" >/dev/null
straight_seconds=$((SECONDS - started))
reference="$(ls "$work"/straight/*/checkpoints/step_*.safetensors | sort -V | tail -n 1)"

"$swiftrl" "${common[@]}" --run-dir "$work/killed" >/dev/null 2>&1 &
pid=$!
run_dir=""
for _ in $(seq 1 600); do
    run_dir="$(ls -d "$work"/killed/*/ 2>/dev/null | head -n 1 || true)"
    if [ -n "$run_dir" ] && ls "$run_dir"checkpoints/step_*.json >/dev/null 2>&1; then break; fi
    sleep 0.05
done
kills=0
finished=0
while true; do
    # a random delay of 0.05–0.80 s, then SIGKILL (unless the run already finished)
    sleep "0.$(printf '%02d' $((RANDOM % 76 + 5)))"
    if kill -9 "$pid" 2>/dev/null; then
        wait "$pid" 2>/dev/null || true
        kills=$((kills + 1))
    else
        wait "$pid" && finished=1
    fi
    if [ "$finished" = 1 ]; then break; fi
    if [ "$kills" -ge "$cycles" ]; then
        "$swiftrl" "${common[@]}" --resume "$run_dir" >/dev/null 2>&1  # the last leg runs to the end
        break
    fi
    "$swiftrl" "${common[@]}" --resume "$run_dir" >/dev/null 2>&1 &
    pid=$!
done
final="$(ls "$run_dir"checkpoints/step_*.safetensors | sort -V | tail -n 1)"
same=false
if cmp -s "$reference" "$final"; then same=true; fi
echo "{\"cycles\": $kills, \"total_steps\": $total, \"final_checkpoint\": \"$(basename "$final")\"," \
    "\"reference_checkpoint\": \"$(basename "$reference")\", \"identical_weights\": $same," \
    "\"uninterrupted_seconds\": $straight_seconds, \"soak_seconds\": $((SECONDS - started))}"
[ "$same" = true ]
