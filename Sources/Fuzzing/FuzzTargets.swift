/// Every reader SwiftRL has a fuzz target for, by command-line name.
public enum FuzzTargets {
    /// All targets, in a stable order (`hdf5` only with the HDF5 trait).
    public static let all: [FuzzTarget] = base + hdf5

    #if HDF5
        static let hdf5 = [HDF5Targets.minari]
    #else
        static let hdf5: [FuzzTarget] = []
    #endif

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
