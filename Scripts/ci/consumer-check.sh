#!/usr/bin/env bash
# Consumer check: a throwaway package depends on this repository *by version* (a local git clone tagged 0.0.1),
# imports Tensor, Environments, Tracking, RLCore and Algorithms, trains PPO on CartPole for a few thousand steps, and must
# build and run without warnings. Fails if any product carries unsafe build flags (SwiftPM refuses those in a
# versioned dependency) or if the dependency's build prints a warning.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

git clone -q "$repo" "$work/SwiftRL"
git -C "$work/SwiftRL" -c user.name=ci -c user.email=ci@localhost tag -a 0.0.1 -m "consumer check"

mkdir -p "$work/Consumer/Sources/Consumer"
cat > "$work/Consumer/Package.swift" <<MANIFEST
// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Consumer",
    platforms: [.macOS(.v14)],
    dependencies: [.package(url: "$work/SwiftRL", from: "0.0.1")],
    targets: [
        .executableTarget(
            name: "Consumer",
            dependencies: [
                .product(name: "Tensor", package: "SwiftRL"),
                .product(name: "Environments", package: "SwiftRL"),
                .product(name: "RLCore", package: "SwiftRL"),
                .product(name: "Tracking", package: "SwiftRL"),
                .product(name: "Algorithms", package: "SwiftRL"),
            ])
    ]
)
MANIFEST
cat > "$work/Consumer/Sources/Consumer/main.swift" <<'SOURCE'
import Algorithms
import Environments
import Foundation
import RLCore
import Tensor
import Tracking

// the environment API directly
var env = try EnvironmentRegistry.standard.make("CartPole-v1")
_ = try env.reset(seed: 42)
_ = try env.step(.int(1))

// PPO on CartPole for a few thousand steps through the library's training entry point
var session = RunSession.Options()
session.root = FileManager.default.temporaryDirectory.appendingPathComponent("consumer-runs")
session.progress = false
let outcome = try TrainingRun.train(
    PPO.self,
    request: TrainingRequest(
        environmentID: "CartPole-v1", seed: 1, totalSteps: 4096, overrides: ["evaluation.every=4096"], session: session))
let score = outcome.evaluations.last?.result.mean ?? .nan
print("consumer: PPO CartPole-v1, \(outcome.finalStep) steps, evaluation mean \(score)")
guard outcome.finalStep >= 4096, score.isFinite else { exit(1) }
SOURCE

cd "$work/Consumer"
swift build 2>&1 | tee "$work/build.log"
if grep -E "warning:|unsafe build flags" "$work/build.log"; then
    echo "consumer check: the dependency build printed warnings (above)" >&2
    exit 1
fi
swift run Consumer
