// swift-tools-version: 6.1
// SwiftRL: reinforcement learning in Swift, natively and fast on CPU.
import PackageDescription

let package = Package(
    name: "SwiftRL",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Tensor", targets: ["Tensor"]),
        .library(name: "Environments", targets: ["Environments"]),
        .library(name: "Tracking", targets: ["Tracking"]),
        .library(name: "RLCore", targets: ["RLCore"]),
        .library(name: "Language", targets: ["Language"]),
        .library(name: "Offline", targets: ["Offline"]),
        .library(name: "Agents", targets: ["Agents"]),
        .library(name: "Optimization", targets: ["Optimization"]),
        .library(name: "Algorithms", targets: ["Algorithms"]),
        .library(name: "Experiments", targets: ["Experiments"]),
        .executable(name: "swiftrl", targets: ["swiftrl"]),
    ],
    traits: [
        // Optional: writing Minari / D4RL HDF5 datasets through the system libhdf5 (`apt-get install libhdf5-dev`);
        // reading uses the built-in Swift HDF5 reader in every build.
        .trait(name: "HDF5", description: "Write Minari and D4RL HDF5 datasets with libhdf5 (reading needs no trait)."),
        // Optional: MILP and LP solving through the system GLPK (`apt-get install libglpk-dev`): the ReLU big-M
        // encoder, the equilibrium LPs and SEQUOIA; without it those entry points throw an error saying so.
        .trait(name: "GLPK", description: "Solve MILPs and LPs with GLPK (SEQUOIA, equilibrium LPs)."),
        // Optional: the MuJoCo locomotion environments (Hopper-v5, …) on the real MuJoCo library — the PyPI wheel's
        // libmujoco (same version as Gymnasium, see Scripts/mujoco-wheel.sh) or Debian's libmujoco-dev; Docs/MuJoCo.md.
        .trait(name: "MuJoCo", description: "MuJoCo locomotion environments (Gymnasium v5 semantics) on libmujoco."),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // `swift package generate-documentation --target <Target>` builds the DocC catalogs in Sources/*/*.docc.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // Dense tensors, BLAS, gradient tape, layers, optimizers, safetensors, random generators.
        .target(
            name: "Tensor",
            dependencies: ["CKernels", .product(name: "Numerics", package: "swift-numerics")]
        ),
        // C kernels with a code path per CPU chosen at run time (AVX2 + FMA, NEON, portable C): the built-in SGEMM.
        .target(name: "CKernels"),
        // Gymnasium-exact environments, spaces, wrappers, vector environments.
        .target(
            name: "Environments",
            dependencies: ["Tensor", .target(name: "CMuJoCo", condition: .when(traits: ["MuJoCo"]))]),
        // Run directories, TensorBoard events, CSV/JSONL, SVG plots, GIFs, progress, configs.
        .target(
            name: "Tracking",
            dependencies: [
                "Tensor",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Linear and mixed-integer programs (a modelling layer over GLPK), the big-M ReLU encoder, equilibrium LPs
        // and exploitability / Nash-gap evaluators (the evaluators need no solver).
        .target(
            name: "Optimization",
            dependencies: [.target(name: "CGLPK", condition: .when(traits: ["GLPK"]))]
        ),
        // Shared RL machinery: rollouts, buffers, GAE/returns, policies, evaluation, callbacks, checkpoints.
        .target(name: "RLCore", dependencies: ["Tensor", "Environments", "Tracking"]),
        // Online deep RL (PPO, A2C, DQN, SAC, TD3) and tabular methods on the RLCore surface; the algorithm registry.
        .target(
            name: "Algorithms", dependencies: ["Tensor", "Environments", "Tracking", "RLCore", "Optimization"]),
        // Language models (GPT-2/Qwen2-compatible), tokenizers, verifiable tasks and the one RLVR trainer.
        .target(name: "Language", dependencies: ["Tensor", "Tracking"]),
        // Offline RL: datasets (npz, Minari/D4RL HDF5), BC, TD3+BC, IQL, CQL, PRDC, A2PR.
        .target(
            name: "Offline",
            dependencies: [
                "Tensor", "Environments", "Tracking", "RLCore", "Algorithms",
                .target(name: "CHDF5", condition: .when(traits: ["HDF5"])),
            ]
        ),
        // Multi-turn LLM-agent RL: text worlds, tool calls, transcripts, budgets, turn rewards, one agent trainer.
        .target(name: "Agents", dependencies: ["Tensor", "Tracking", "RLCore", "Language"]),
        // Paper reproductions (`swiftrl reproduce`): one folder per paper, a registry, result tables and plots.
        .target(
            name: "Experiments",
            dependencies: [
                "Tensor", "Environments", "Tracking", "RLCore", "Algorithms", "Language", "Offline", "Agents",
                "Optimization",
            ]),
        // Sweeps, benchmarks and reproductions on a cluster: one plan, local / Ray Jobs / Slurm executors.
        .target(
            name: "ScaleOut",
            dependencies: ["Tensor", "Tracking", "RLCore", .product(name: "Yams", package: "Yams")]),
        // libhdf5 through pkg-config (only with the HDF5 trait).
        .systemLibrary(name: "CHDF5", path: "Sources/CHDF5", pkgConfig: "hdf5", providers: [.apt(["libhdf5-dev"])]),
        // GLPK (only with the GLPK trait); Debian's libglpk-dev ships no pkg-config file, so the module map links it.
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK", providers: [.apt(["libglpk-dev"])]),
        // MuJoCo (only with the MuJoCo trait): pkg-config `mujoco` when present (the PyPI wheel, via
        // Scripts/mujoco-wheel.sh), else the system paths (Debian's libmujoco-dev ships no pkg-config file).
        .systemLibrary(
            name: "CMuJoCo", path: "Sources/CMuJoCo", pkgConfig: "mujoco", providers: [.apt(["libmujoco-dev"])]),
        .executableTarget(
            name: "swiftrl",
            dependencies: [
                "Tensor", "Environments", "Tracking", "RLCore", "Algorithms", "Language", "Offline", "Agents",
                "Experiments", "ScaleOut", "Optimization",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fuzz targets for every reader (seeded mutations of valid inputs); not a product, it does not ship.
        .target(
            name: "Fuzzing",
            dependencies: [
                "Tensor", "Environments", "Tracking", "RLCore", "Algorithms", "Language", "Offline", "ScaleOut",
            ]
        ),
        // `swift run -c release swiftrl-fuzz <format> --seconds N`: the fuzz harness with a crash supervisor.
        .executableTarget(
            name: "swiftrl-fuzz",
            dependencies: ["Fuzzing", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Examples a user copies from (`swift run <Name>`): executable targets but not products, so they do not ship.
        .executableTarget(
            name: "CustomEnvironment", dependencies: ["Algorithms", "Environments", "RLCore", "Tracking"],
            path: "Examples/CustomEnvironment"),
        .executableTarget(
            name: "PPOWithCallback", dependencies: ["Algorithms", "Environments", "RLCore", "Tracking"],
            path: "Examples/PPOWithCallback"),
        .executableTarget(
            name: "OfflineFromNPZ", dependencies: ["Environments", "Offline", "RLCore"],
            path: "Examples/OfflineFromNPZ"),
        .executableTarget(
            name: "RLVRCustomVerifier", dependencies: ["Language", "Tensor"], path: "Examples/RLVRCustomVerifier"),
        .testTarget(name: "TensorTests", dependencies: ["Tensor"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EnvironmentsTests", dependencies: ["Environments"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TrackingTests", dependencies: ["Tracking"]),
        .testTarget(name: "RLCoreTests", dependencies: ["RLCore"]),
        .testTarget(name: "AlgorithmsTests", dependencies: ["Algorithms", "Optimization"]),
        .testTarget(name: "LanguageTests", dependencies: ["Language"], resources: [.copy("Fixtures")]),
        .testTarget(name: "OfflineTests", dependencies: ["Offline"], resources: [.copy("Fixtures")]),
        .testTarget(name: "AgentsTests", dependencies: ["Agents", "Tensor"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "Optimization"]),
        .testTarget(name: "ScaleOutTests", dependencies: ["ScaleOut"]),
        .testTarget(name: "OptimizationTests", dependencies: ["Optimization"]),
        .testTarget(
            name: "FuzzingTests",
            dependencies: ["Fuzzing", "Tensor", "Environments", "RLCore", "Algorithms", "Offline"]),
        .testTarget(name: "swiftrlTests", dependencies: ["swiftrl", "ScaleOut", "Optimization"]),
    ]
)
