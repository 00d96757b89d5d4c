/// A task whose problems come from a loaded prompt file (``PromptDataset``): each draw picks one problem
/// uniformly at random (with replacement) from `rng`, and `verifier` checks the completions.
public struct PromptDatasetTask: TaskGenerator {
    /// A short identifier for logs and run directories, e.g. the file's base name.
    public let name: String
    /// The problems drawn from (never empty).
    public let problems: [TaskProblem]
    /// The verifier for the completions.
    public let verifier: any Verifier

    /// Creates the task.
    /// - Parameters:
    ///   - name: identifier for logs.
    ///   - problems: the prompts with their ground truths.
    ///   - verifier: checks completions against the ground truths.
    /// - Throws: ``TaskConfigurationError`` when `problems` is empty.
    public init(name: String, problems: [TaskProblem], verifier: any Verifier) throws(TaskConfigurationError) {
        guard !problems.isEmpty else {
            throw TaskConfigurationError("\(name): no prompts to train on; check the file and the held-out split")
        }
        self.name = name
        self.problems = problems
        self.verifier = verifier
    }

    public func generate(using rng: inout some RandomNumberGenerator) -> TaskProblem {
        problems[Int(rng.next() % UInt64(problems.count))]
    }
}
