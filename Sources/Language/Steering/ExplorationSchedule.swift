/// CTRLS's ε-greedy exploration over control codes: ε decays linearly from ``start`` to ``end`` over training
/// (reconstruction; the paper's values were not available, these are ours). Evaluation uses ε = 0.
public struct ExplorationSchedule: Codable, Equatable, Sendable {
    /// ε at the first step. Default 0.1.
    public var start: Double
    /// ε at the last step. Default 0.01.
    public var end: Double

    /// A linear schedule.
    /// - Throws: ``LanguageModelError`` when a value is outside [0, 1].
    public init(start: Double = 0.1, end: Double = 0.01) throws(LanguageModelError) {
        guard (0...1).contains(start), (0...1).contains(end) else {
            throw LanguageModelError("ExplorationSchedule: start and end must be in [0, 1]; got \(start), \(end)")
        }
        self.start = start
        self.end = end
    }

    /// No exploration (ε = 0 throughout).
    public static let none = ExplorationSchedule(validated: 0, 0)

    private init(validated start: Double, _ end: Double) {
        self.start = start
        self.end = end
    }

    /// ε for 0-based `step` of `totalSteps` (`start` at step 0, `end` at the last step).
    public func epsilon(step: Int, of totalSteps: Int) -> Double {
        guard totalSteps > 1 else { return start }
        let fraction = Double(min(max(step, 0), totalSteps - 1)) / Double(totalSteps - 1)
        return start + (end - start) * fraction
    }
}
