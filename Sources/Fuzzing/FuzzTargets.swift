/// Every reader SwiftRL has a fuzz target for, by command-line name.
public enum FuzzTargets {
    /// All targets, in a stable order.
    public static let all: [FuzzTarget] = base + hdf5

    /// The Minari / D4RL HDF5 target (SwiftRL's own HDF5 reader, in every build).
    static let hdf5 = [HDF5Targets.minari]

    static let base: [FuzzTarget] = [
        TensorTargets.safetensors, TensorTargets.checkpoint, TensorTargets.replayBuffer,
        OfflineTargets.npz, OfflineTargets.npy,
        TrackingTargets.config, TrackingTargets.csv, TrackingTargets.tensorboard, TrackingTargets.checkpointFolder,
        ResumeTargets.rlvr,
        LanguageTargets.jsonl, LanguageTargets.huggingFace,
        EnvironmentTargets.actions, ScaleOutTargets.sweep, TheoryTargets.episodicMDP,
    ]

    /// The target called `name`.
    /// - Throws: ``FuzzError/unknownFormat(_:known:)`` listing the names.
    public static func named(_ name: String) throws(FuzzError) -> FuzzTarget {
        guard let target = all.first(where: { $0.name == name }) else {
            throw .unknownFormat(name, known: all.map(\.name))
        }
        return target
    }
}
