import Tensor

extension RLVRRunState {
    /// Checks what a resumed run would act on: counts in range and consistent, Beta beliefs that a sampler can draw
    /// from (a NaN or non-positive α would loop or recurse forever in the Gamma sampler), a finite SIREN anchor.
    /// - Throws: ``InputValidationError`` naming `file` and the field.
    public func validate(file: String) throws(InputValidationError) {
        try RunStateChecks.count(step, field: "step", file: file)
        try RunStateChecks.count(nextGroupID, field: "nextGroupID", file: file, upTo: 1 << 52)
        guard metrics.count == step else {
            throw InputValidationError(
                file: file, field: "metrics", expected: "one entry per step (\(step))", found: "\(metrics.count)")
        }
        for (index, record) in evaluations.enumerated() where !(0...step).contains(record.step) {
            throw InputValidationError(
                file: file, field: "evaluations[\(index)].step", expected: "a step in 0…\(step)",
                found: "\(record.step)")
        }
        for (prompt, belief) in beliefs {
            let field = "beliefs[\(String(prompt.prefix(40)).debugDescription)]"
            try RunStateChecks.pseudoCount(belief.alpha, field: field + ".alpha", file: file)
            try RunStateChecks.pseudoCount(belief.beta, field: field + ".beta", file: file)
        }
        if let sirenAnchor, !sirenAnchor.isFinite {
            throw InputValidationError(
                file: file, field: "sirenAnchor", expected: "a finite entropy", found: "\(sirenAnchor)")
        }
    }
}

extension SFTRunState {
    /// Checks the step, that there is one record per step, and the accuracy.
    /// - Throws: ``InputValidationError`` naming `file` and the field.
    public func validate(file: String) throws(InputValidationError) {
        try RunStateChecks.count(step, field: "step", file: file)
        guard history.count == step else {
            throw InputValidationError(
                file: file, field: "history", expected: "one record per step (\(step))", found: "\(history.count)")
        }
        for (index, record) in history.enumerated() where record.step != index + 1 {
            throw InputValidationError(
                file: file, field: "history[\(index)].step", expected: "\(index + 1)", found: "\(record.step)")
        }
        guard accuracy.isFinite, (0...1).contains(accuracy) else {
            throw InputValidationError(
                file: file, field: "accuracy", expected: "a fraction in 0…1", found: "\(accuracy)")
        }
    }
}

/// Range checks shared by the run-state validators.
enum RunStateChecks {
    static func count(_ value: Int, field: String, file: String, upTo limit: Int = 1 << 40)
        throws(InputValidationError)
    {
        guard (0...limit).contains(value) else {
            throw InputValidationError(file: file, field: field, expected: "a count in 0…\(limit)", found: "\(value)")
        }
    }

    static func pseudoCount(_ value: Double, field: String, file: String) throws(InputValidationError) {
        guard value.isFinite, value > 0, value <= 1e12 else {
            throw InputValidationError(
                file: file, field: field, expected: "a finite pseudo-count in (0, 1e12]", found: "\(value)")
        }
    }
}
