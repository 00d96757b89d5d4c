extension EpisodicPOMDP {
    /// Largest S for which ``revealingConstant(stage:steps:)`` builds the S × S Gram matrix.
    public static let maximumRevealingStates = 1024

    /// The m-step revealing constant at stage h in its singular-value form: `α = σ_S(𝕄_{h,m})`, the S-th largest
    /// singular value of the m-step emission-action matrix (0 when it has fewer than S rows). The POMDP is m-step
    /// α-weakly-revealing at h when this is ≥ α (Liu, Chung, Szepesvári & Jin, COLT 2022; the lower-bound paper of
    /// Chen, Wang, Xiong, Mei & Bai, ICML 2023, arXiv:2302.01333, states its results for the closely related
    /// `‖𝕄⁺‖ ≤ α⁻¹` form, whose operator norm is not verified here).
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for bad h, m, too many rows, or S above
    ///   ``maximumRevealingStates``.
    public func revealingConstant(stage h: Int, steps m: Int) throws(EnvironmentError) -> Double {
        guard stateCount <= Self.maximumRevealingStates else {
            throw .invalidOption(
                "revealingConstant: S = \(stateCount) exceeds \(Self.maximumRevealingStates) (an S × S eigenproblem)")
        }
        let (matrix, rows) = try emissionMatrix(stage: h, steps: m)
        guard rows >= stateCount else { return 0 }
        let values = SmallDenseLinearAlgebra.singularValues(matrix, rows: rows, columns: stateCount)
        return values.last ?? 0
    }
}
