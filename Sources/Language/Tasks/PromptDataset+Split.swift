import Tensor

extension PromptDataset {
    /// A deterministic train/held-out split of a loaded dataset: the problems are shuffled with a Fisher–Yates
    /// pass driven by `Xoshiro256StarStar(seed: seed).derived("dataset-split")` and the first
    /// `round(heldOutFraction · count)` (at least one, and at least one left to train on) are held out. Both
    /// sides keep file order, so the same file, fraction and seed give the same split in `train` and `eval`.
    /// - Parameters:
    ///   - problems: the dataset (at least two problems).
    ///   - heldOutFraction: the share held out, in (0, 1).
    ///   - seed: the split seed (independent of the run seed, so every run of a sweep evaluates the same prompts).
    ///   - path: the file name for messages.
    /// - Returns: the training and held-out problems.
    /// - Throws: ``DatasetError`` when the fraction is outside (0, 1) or there are fewer than two problems.
    /// - Complexity: O(n).
    public static func split(
        _ problems: [TaskProblem], heldOutFraction: Double, seed: UInt64, path: String = "<memory>"
    ) throws(DatasetError) -> (train: [TaskProblem], heldOut: [TaskProblem]) {
        guard heldOutFraction > 0, heldOutFraction < 1 else {
            throw DatasetError(
                path: path, line: 0,
                reason: "--held-out-fraction \(heldOutFraction) must be in (0, 1); or pass --eval-dataset FILE")
        }
        guard problems.count >= 2 else {
            throw DatasetError(
                path: path, line: 0,
                reason: "\(problems.count) prompt(s) cannot be split into training and held-out parts; "
                    + "add prompts or pass --eval-dataset FILE")
        }
        var order = Array(problems.indices)
        var rng = Xoshiro256StarStar(seed: seed).derived("dataset-split")
        for i in stride(from: order.count - 1, to: 0, by: -1) {
            order.swapAt(i, Int(rng.next() % UInt64(i + 1)))
        }
        let heldCount = min(max(Int((heldOutFraction * Double(problems.count)).rounded()), 1), problems.count - 1)
        let held = Set(order.prefix(heldCount))
        return (
            problems.indices.filter { !held.contains($0) }.map { problems[$0] },
            problems.indices.filter { held.contains($0) }.map { problems[$0] }
        )
    }
}
