/// Hyper-parameters of ``MRATrainer`` (reconstruction of MRA, arXiv:2108.12988; see ``MRATrainer``).
public struct MRAConfig: Codable, Sendable, Equatable {
    /// L, the number of latent modes kept (MRA's limited latent space; ≥ the number of training games for a
    /// one-to-one game-to-mode assignment), default 4. 1 with `latentDimension` 0 gives the unimodal baseline.
    public var modes = 4
    /// d, the dimension of the continuous latent z, default 2.
    public var latentDimension = 2
    /// λ, the weight of the behaviour-diversity term I(z; a) in the improvement loss, default 0.1.
    public var miWeight = 0.1
    /// Outer iterations (each: mode discovery, then one improvement step), default 1500.
    public var iterations = 1500
    /// Adam step size of the improvement step, default 0.05.
    public var learningRate = 0.05
    /// Inner-loop adaptation: gradient-descent steps on z (on b for a unimodal policy), default 5.
    public var adaptationSteps = 5
    /// Inner-loop adaptation step size η, default 0.5 (halved within a step while the step would raise the gap).
    public var adaptationRate = 0.5
    /// Central finite-difference step for gradients, default 1e-5.
    public var finiteDifference = 1e-5
    /// Standard deviation of the initial W and z, default 0.5.
    public var initScale = 0.5

    /// The defaults above.
    public init() {}

    /// The unimodal shared baseline: one mode, no latent, no diversity term, same optimiser and budget.
    public var unimodal: MRAConfig {
        var config = self
        config.modes = 1
        config.latentDimension = 0
        config.miWeight = 0
        return config
    }

    /// Why the settings cannot run, or nil.
    public var problem: String? {
        if modes < 1 { return "modes must be ≥ 1, got \(modes)" }
        if latentDimension < 0 { return "latentDimension must be ≥ 0, got \(latentDimension)" }
        if latentDimension == 0, modes > 1 { return "several modes need latentDimension ≥ 1" }
        if iterations < 0 || adaptationSteps < 0 { return "iterations and adaptationSteps must be ≥ 0" }
        for (name, value) in [
            ("miWeight", miWeight), ("learningRate", learningRate),
            ("adaptationRate", adaptationRate), ("initScale", initScale),
        ]
        where !(value.isFinite && value >= 0) {
            return "\(name) must be finite and ≥ 0, got \(value)"
        }
        if !(finiteDifference > 0) { return "finiteDifference must be > 0, got \(finiteDifference)" }
        return nil
    }
}
