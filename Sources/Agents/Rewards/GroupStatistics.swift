import Foundation

/// Group-relative normalisation shared by the agent methods.
public enum GroupStatistics {
    /// Mean and population standard deviation of `values` (0, 0 for none).
    public static func meanAndStd(_ values: [Double]) -> (mean: Double, std: Double) {
        guard !values.isEmpty else { return (0, 0) }
        var sum = 0.0
        for value in values { sum += value }
        let mean = sum / Double(values.count)
        var squares = 0.0
        for value in values { squares += (value - mean) * (value - mean) }
        return (mean, (squares / Double(values.count)).squareRoot())
    }

    /// GRPO's group-relative advantage (r − mean)/std; every entry is 0 when the group's rewards are all equal
    /// (std 0: a zero-advantage group).
    public static func grpoAdvantages(_ rewards: [Double]) -> [Double] {
        let (mean, std) = meanAndStd(rewards)
        guard std > 1e-12 else { return Array(repeating: 0, count: rewards.count) }
        return rewards.map { ($0 - mean) / std }
    }

    /// (v − mean)/σ, or v/σ when `center` is false, with σ := 1 when there is at most one value or σ is 0
    /// (IGPO's rule for count ≤ 1).
    public static func normalized(_ values: [Double], center: Bool) -> [Double] {
        let (mean, std) = meanAndStd(values)
        let sigma = values.count <= 1 || std < 1e-12 ? 1 : std
        return values.map { ((center ? $0 - mean : $0)) / sigma }
    }
}
