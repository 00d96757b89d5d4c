import Foundation

/// Tables, plots and the pre-written checks of the zero-shot-fb reproduction.
struct ZeroShotFBAnalysis {
    var runs: [ZeroShotFBRun]

    /// The thresholds, fixed before any run.
    enum Threshold {
        /// (i) low coverage: the better conservative arm must recover at least this fraction of FB's loss
        /// (FB full − FB low), and that loss must be at least ``minimumLoss``.
        static let recovered = 0.5
        /// (i) a loss smaller than this leaves nothing to recover (the premise fails).
        static let minimumLoss = 0.05
        /// (ii) full coverage: each conservative arm ≥ FB − this.
        static let fullTolerance = 0.05
        /// (iii) flicker: FB-M − FB ≥ this.
        static let memoryGain = 0.10
    }

    func scores(_ arm: ZeroShotFBArm, _ setting: ZeroShotFBSetting) -> [Double] {
        runs.filter { $0.arm == arm.rawValue && $0.setting == setting.rawValue }.map(\.finalScore)
    }

    func mean(_ arm: ZeroShotFBArm, _ setting: ZeroShotFBSetting) -> Double { Self.mean(scores(arm, setting)) }

    static func mean(_ x: [Double]) -> Double { x.isEmpty ? .nan : x.reduce(0, +) / Double(x.count) }

    static func std(_ x: [Double]) -> Double {
        guard x.count > 1 else { return 0 }
        let m = mean(x)
        return (x.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(x.count - 1)).squareRoot()
    }

    func checks() -> [ClaimCheck] {
        let fbFull = mean(.fb, .full), fbLow = mean(.fb, .low)
        let vcLow = mean(.vcfb, .low), mcLow = mean(.mcfb, .low)
        let best = max(vcLow, mcLow), bestName = vcLow >= mcLow ? "VC-FB" : "MC-FB"
        let loss = fbFull - fbLow
        let recovered = loss > 0 ? (best - fbLow) / loss : .nan
        let ratio = fbLow > 0 ? best / fbLow : .infinity
        let vcFull = mean(.vcfb, .full), mcFull = mean(.mcfb, .full)
        let fbFlicker = mean(.fb, .flicker), fbmFlicker = mean(.fbm, .flicker)
        return [
            ClaimCheck(
                name: "(i) low coverage: best of VC-FB/MC-FB recovers ≥ \(Int(Threshold.recovered * 100))% of FB's "
                    + "loss (full − low ≥ \(Threshold.minimumLoss))",
                value: String(
                    format: "FB full %.2f, FB low %.2f, %@ low %.2f: recovered %@, %.0f%% of FB", fbFull, fbLow,
                    bestName, best, recovered.isNaN ? "n/a" : String(format: "%.0f%%", recovered * 100),
                    ratio.isFinite ? ratio * 100 : 999),
                holds: loss >= Threshold.minimumLoss && best - fbLow >= Threshold.recovered * loss),
            ClaimCheck(
                name: "(ii) full coverage: VC-FB and MC-FB ≥ FB − \(Threshold.fullTolerance)",
                value: String(format: "FB %.2f, VC-FB %.2f, MC-FB %.2f", fbFull, vcFull, mcFull),
                holds: min(vcFull, mcFull) >= fbFull - Threshold.fullTolerance),
            ClaimCheck(
                name: "(iii) flickering observations: FB-M − FB ≥ \(Threshold.memoryGain)",
                value: String(format: "%.2f − %.2f = %+.2f", fbmFlicker, fbFlicker, fbmFlicker - fbFlicker),
                holds: fbmFlicker - fbFlicker >= Threshold.memoryGain),
        ]
    }

    static func verdict(_ checks: [ClaimCheck]) -> ClaimVerdict {
        let held = checks.filter(\.holds).count
        return held == checks.count ? .shown : held == 0 ? .notShown : .partlyShown
    }

    func scoreTable() -> ResultTable {
        var table = ResultTable(
            title: "Zero-shot success rate over 8 goals × 4 starts (mean ± std over seeds)",
            columns: ["setting", "arm", "success", "P (last window)", "α (last window)", "seeds"])
        for setting in ZeroShotFBSetting.allCases {
            for arm in setting.arms {
                let chosen = runs.filter { $0.arm == arm.rawValue && $0.setting == setting.rawValue }
                let values = chosen.map(\.finalScore)
                let penalties = chosen.compactMap(\.finalPenalty), alphas = chosen.compactMap(\.finalAlpha)
                table.rows.append([
                    setting.rawValue, arm.rawValue,
                    String(format: "%.2f ± %.2f", Self.mean(values), Self.std(values)),
                    penalties.isEmpty ? "—" : String(format: "%.2f", Self.mean(penalties)),
                    alphas.isEmpty ? "—" : String(format: "%.3f", Self.mean(alphas)), "\(values.count)",
                ])
            }
        }
        return table
    }

    func plots() -> [CurvePlot] {
        ZeroShotFBSetting.allCases.map { setting in
            CurvePlot(
                name: "success-\(setting.rawValue)", title: "Zero-shot success, \(setting.rawValue) data",
                yLabel: "success rate",
                series: runs.filter { $0.setting == setting.rawValue }.map {
                    .init(label: $0.arm, run: "s\($0.seed)", steps: $0.steps, values: $0.scores)
                })
        }
    }
}
