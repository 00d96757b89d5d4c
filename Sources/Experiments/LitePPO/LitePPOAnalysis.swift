import Foundation
import Language

/// Tables, curves and the verdict of the Lite PPO reproduction, computed from the run records only.
struct LitePPOAnalysis {
    var records: [LitePPORunRecord]
    var budget: LitePPOBudget
    var base: EvaluationReport

    typealias Names = LitePPOArm.Names

    func runs(_ label: String) -> [LitePPORunRecord] { records.filter { $0.label == label } }

    func summary(_ label: String, _ value: (LitePPORunRecord) -> Double) -> SeedSummary {
        SeedSummary(runs(label).map(value))
    }

    func cell(_ label: String, digits: Int = 3, _ value: (LitePPORunRecord) -> Double) -> String {
        summary(label, value).formatted(digits: digits)
    }

    /// Mean of the last quarter of a per-step series (at least one value).
    static func tail(_ values: [Double]) -> Double {
        let finite = values.filter(\.isFinite)
        let part = finite.suffix(max(1, finite.count / 4))
        return part.isEmpty ? .nan : part.reduce(0, +) / Double(part.count)
    }

    static func head(_ values: [Double]) -> Double {
        let finite = values.filter(\.isFinite)
        let part = finite.prefix(max(1, finite.count / 4))
        return part.isEmpty ? .nan : part.reduce(0, +) / Double(part.count)
    }

    static func mean(_ values: [Double]) -> Double {
        let finite = values.filter(\.isFinite)
        return finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
    }

    var k: Int { budget.finalSamples }

    func tables() -> [ResultTable] {
        let f = { (v: Double) in String(format: "%.3f", v) }
        var main = ResultTable(
            title: "Headline: held-out accuracy and pass@k after \(budget.steps) steps (mean ± std over seeds; base model first)",
            columns: ["method", "held-out acc. start → end (avg@\(budget.curveSamples))", "pass@1",
                      "pass@\(k)", "maj@\(k)", "mean length", "token entropy", "answer entropy"])
        main.rows.append([
            "base model (SFT)", "—", f(base.passAtK[1] ?? .nan), f(base.passAtK[k] ?? .nan),
            f(base.majorityAtK[k] ?? .nan), String(format: "%.1f", base.meanLength), f(base.tokenEntropy),
            f(base.answerEntropy),
        ])
        for label in Names.headline {
            main.rows.append([
                label,
                "\(f(summary(label) { $0.curveAccuracy.first ?? .nan }.mean)) → \(cell(label) { $0.curveAccuracy.last ?? .nan })",
                cell(label) { $0.passAt1 }, cell(label) { $0.passAtK }, cell(label) { $0.majorityAtK },
                cell(label, digits: 1) { $0.finalLength }, cell(label) { $0.tokenEntropy },
                cell(label) { $0.answerEntropy },
            ])
        }
        var normalisation = ResultTable(
            title: "Advantage normalisation × reward setting (token-mean, ε 0.2; binary {0,1} vs format credit {1, 0.1, 0})",
            columns: ["std scope", "reward", "pass@1", "pass@\(k)", "mean max |Â| per step", "zero-std groups (first quarter)"])
        for (label, scope, reward) in [
            (Names.groupStd, "group std", "binary"), (Names.lite, "batch std (Lite PPO)", "binary"),
            (Names.groupStdFormatCredit, "group std", "format credit"),
            (Names.batchStdFormatCredit, "batch std", "format credit"),
        ] {
            normalisation.rows.append([
                scope, reward, cell(label) { $0.passAt1 }, cell(label) { $0.passAtK },
                cell(label, digits: 2) { Self.mean($0.maxAdvantage) },
                cell(label, digits: 2) { Self.head($0.zeroStdFraction) },
            ])
        }
        var aggregation = ResultTable(
            title: "Loss aggregation (group mean + batch std, ε 0.2): response-length drift",
            columns: ["aggregation", "pass@1", "pass@\(k)", "train length first → last quarter", "held-out length start → end"])
        for (label, name) in [(Names.lite, "token-mean (Lite PPO)"), (Names.sequenceMean, "seq-mean-token-mean")] {
            aggregation.rows.append([
                name, cell(label) { $0.passAt1 }, cell(label) { $0.passAtK },
                "\(cell(label, digits: 1) { Self.head($0.trainLength) }) → \(cell(label, digits: 1) { Self.tail($0.trainLength) })",
                "\(cell(label, digits: 1) { $0.curveLength.first ?? .nan }) → \(cell(label, digits: 1) { $0.curveLength.last ?? .nan })",
            ])
        }
        var clip = ResultTable(
            title: "Clip-higher (Lite PPO with ε_high 0.2 vs 0.28): entropy",
            columns: ["ε_high", "pass@1", "pass@\(k)", "train entropy first → last quarter", "held-out token entropy",
                      "high-clip fraction"])
        for (label, name) in [(Names.lite, "0.2 (Lite PPO)"), (Names.clipHigher, "0.28")] {
            clip.rows.append([
                name, cell(label) { $0.passAt1 }, cell(label) { $0.passAtK },
                "\(cell(label) { Self.head($0.trainEntropy) }) → \(cell(label) { Self.tail($0.trainEntropy) })",
                cell(label) { $0.tokenEntropy }, cell(label, digits: 4) { Self.mean($0.highClip) },
            ])
        }
        return [main, normalisation, aggregation, clip]
    }

    func plots() -> [CurvePlot] {
        func plot(_ name: String, _ title: String, _ y: String, _ labels: [String], _ xy: (LitePPORunRecord) -> ([Double], [Double])) -> CurvePlot {
            var p = CurvePlot(name: name, title: title, xLabel: "RL steps", yLabel: y)
            for label in labels {
                for r in runs(label) {
                    let (x, v) = xy(r)
                    p.series.append(.init(label: label, run: "seed \(r.seed)", steps: x, values: v))
                }
            }
            return p
        }
        let steps = { (r: LitePPORunRecord) in (1...max(r.trainLength.count, 1)).map(Double.init) }
        return [
            plot("heldout-accuracy", "Held-out accuracy (avg@\(budget.curveSamples))", "accuracy", Names.headline) {
                ($0.curveSteps, $0.curveAccuracy)
            },
            plot("response-length", "Training response length by aggregation", "tokens", [Names.lite, Names.sequenceMean]) {
                (steps($0), $0.trainLength)
            },
            plot("entropy-clip-higher", "Policy entropy with and without clip-higher", "nats", [Names.lite, Names.clipHigher]) {
                (steps($0), $0.trainEntropy)
            },
        ]
    }

    /// Compares `a` against `b` on final pass@1: better/worse when the mean difference exceeds one standard error
    /// of the difference (population stds over seeds), else a tie.
    func compare(_ a: String, _ b: String) -> (difference: Double, outcome: Int) {
        let x = summary(a) { $0.passAt1 }, y = summary(b) { $0.passAt1 }
        let difference = x.mean - y.mean
        let se = (x.standardDeviation * x.standardDeviation / Double(max(x.count, 1))
            + y.standardDeviation * y.standardDeviation / Double(max(y.count, 1))).squareRoot()
        let threshold = max(se, 0.005)
        return (difference, difference > threshold ? 1 : (difference < -threshold ? -1 : 0))
    }

    var verdict: (verdict: ClaimVerdict, explanation: String) {
        let versusGRPO = compare(Names.lite, Names.grpo), versusDAPO = compare(Names.lite, Names.dapo)
        let word = { (o: Int) in o > 0 ? "better than" : (o < 0 ? "worse than" : "tied with") }
        let satisfied = [versusGRPO.outcome, versusDAPO.outcome].filter { $0 >= 0 }.count
        let strictlyBetter = [versusGRPO.outcome, versusDAPO.outcome].contains(1)
        let verdict: ClaimVerdict
        if satisfied == 2 && strictlyBetter {
            verdict = .shown
        } else if satisfied >= 1 {
            verdict = .partlyShown
        } else {
            verdict = .notShown
        }
        var text = String(
            format: "Final held-out pass@1: Lite PPO is %@ GRPO (Δ %+.3f) and %@ DAPO (Δ %+.3f); a difference counts only beyond one standard error over %d seed(s). ",
            word(versusGRPO.outcome), versusGRPO.difference, word(versusDAPO.outcome), versusDAPO.difference,
            runs(Names.lite).count)
        text += verdict == .shown
            ? "Lite PPO matches or beats both and is strictly better than at least one. "
            : (verdict == .partlyShown
                ? "Lite PPO is not worse than at least one of them but does not beat both. "
                : "Lite PPO is worse than both here. ")
        text += String(
            format: "(Dr. GRPO, not part of the claim: pass@1 %.3f vs Lite PPO %.3f.) ",
            summary(Names.drGRPO) { $0.passAt1 }.mean, summary(Names.lite) { $0.passAt1 }.mean)
        // isolated analyses, from the same numbers as the tables
        let groupBinary = compare(Names.lite, Names.groupStd)
        let groupCredit = compare(Names.batchStdFormatCredit, Names.groupStdFormatCredit)
        text += String(
            format: "Batch vs group std: Δ pass@1 %+.3f with binary rewards and %+.3f with format-credit rewards (batch − group). ",
            groupBinary.difference, groupCredit.difference)
        let lengthToken = Self.mean(runs(Names.lite).map { Self.tail($0.trainLength) - Self.head($0.trainLength) })
        let lengthSequence = Self.mean(runs(Names.sequenceMean).map { Self.tail($0.trainLength) - Self.head($0.trainLength) })
        text += String(
            format: "Response-length drift (last − first quarter of training): token-mean %+.1f, seq-mean-token-mean %+.1f tokens. ",
            lengthToken, lengthSequence)
        let entropyBase = Self.mean(runs(Names.lite).map { Self.tail($0.trainEntropy) })
        let entropyHigh = Self.mean(runs(Names.clipHigher).map { Self.tail($0.trainEntropy) })
        let highClip = Self.mean(runs(Names.lite).map { Self.mean($0.highClip) })
        text += String(
            format: "Clip-higher: late training entropy %.3f (ε_high 0.28) vs %.3f (0.2); with ε_high 0.2 the ratio exceeded 1 + ε on a fraction %.4f of tokens with A > 0, %@. ",
            entropyHigh, entropyBase, highClip,
            highClip < 0.01 ? "so raising ε_high had almost nothing to act on at this learning rate" : "so clip-higher could act")
        text += "Scale caveats: a 2-layer, d = 64 character model on addition, \(budget.steps) RL steps of "
            + "\(budget.promptsPerStep)×\(budget.groupSize) samples at learning rate \(budget.learningRate) (the papers' 1e-6 "
            + "is for billion-parameter models); the paper used Qwen3-4B/8B on math benchmarks."
        return (verdict, text)
    }
}
