import Offline
import Tensor

/// The suboptimality of every method on every seed's dataset, for one setting: indexed by expert fraction p,
/// sample size N, instance, method and seed.
struct LCBGrid: Sendable {
    let setting: LCBSetting
    let sampleSizes: [Int]
    let seeds: Int
    /// C* of the data at each p (the largest over the family's instances).
    private(set) var concentrability: [Double]
    private var values: [Double]

    /// Samples every dataset and scores every method on it.
    init(setting: LCBSetting, sampleSizes: [Int], seeds: [UInt64], log: (String) -> Void) throws {
        self.setting = setting
        self.sampleSizes = sampleSizes
        self.seeds = seeds.count
        let p = LCBSetting.expertFractions
        values = Array(
            repeating: .nan,
            count: p.count * sampleSizes.count * setting.instances.count * setting.methods.count * seeds.count)
        concentrability = Array(repeating: 1, count: p.count)
        for (pi, fraction) in p.enumerated() {
            for (ii, instance) in setting.instances.enumerated() {
                let source = try ExpertMixtureData(mdp: instance.mdp, gamma: setting.gamma, expertFraction: fraction)
                concentrability[pi] = max(concentrability[pi], source.concentrability)
                let gap = PolicyGap(mdp: instance.mdp, gamma: setting.gamma)
                for (ni, n) in sampleSizes.enumerated() {
                    for (si, seed) in seeds.enumerated() {
                        var rng = Xoshiro256StarStar(seed: seed).derived("lcb/\(setting.name)/p\(pi)/i\(ii)/n\(n)")
                        let data = source.sample(count: n, using: &rng)
                        for (mi, method) in setting.methods.enumerated() {
                            let policy = try method.method.policy(from: data, gamma: setting.gamma)
                            values[index(pi, ni, ii, mi, si)] = gap.suboptimality(policy)
                        }
                    }
                }
            }
            log(String(format: "lcb: %@ p %.1f done (C* %.2f)", setting.name, fraction, concentrability[pi]))
        }
    }

    private func index(_ p: Int, _ n: Int, _ instance: Int, _ method: Int, _ seed: Int) -> Int {
        (((p * sampleSizes.count + n) * setting.instances.count + instance) * setting.methods.count + method) * seeds
            + seed
    }

    /// The worst case over instances of the mean suboptimality over `seedIndices` (a multiset), at every N.
    func risk(p: Int, method: Int, seedIndices: [Int]) -> [Double] {
        sampleSizes.indices.map { n in
            setting.instances.indices.map { instance in
                seedIndices.map { values[index(p, n, instance, method, $0)] }.reduce(0, +) / Double(seedIndices.count)
            }.max() ?? .nan
        }
    }

    /// ``risk(p:method:seedIndices:)`` over all seeds.
    func risk(p: Int, method: Int) -> [Double] { risk(p: p, method: method, seedIndices: Array(0..<seeds)) }

    /// The log-log slope of the worst-case risk against N with its bootstrap interval.
    func slope(p: Int, method: Int, resamples: Int) -> LogLogSlope {
        LogLogSlope(
            x: sampleSizes.map(Double.init), seeds: seeds, resamples: resamples,
            seed: UInt64(1000 * p + method)
        ) { risk(p: p, method: method, seedIndices: $0) }
    }
}
