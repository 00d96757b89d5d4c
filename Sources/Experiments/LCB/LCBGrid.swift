import Offline
import Tensor

/// One seed of one LCB setting (the unit result of ``LCBReproduction``): C* at each p and the suboptimality of
/// every method, indexed by (p, instance, N, method).
public struct LCBSeedResult: Codable, Sendable {
    /// C* of the data at each p (the largest over the family's instances; independent of the seed).
    var concentrability: [Double]
    /// Suboptimalities, (p, instance, N, method) row-major (the order ``LCBGrid/measure`` appends them).
    var values: [Double]
}

/// The suboptimality of every method on every seed's dataset, for one setting: indexed by expert fraction p,
/// sample size N, instance, method and seed.
struct LCBGrid: Sendable {
    let setting: LCBSetting
    let sampleSizes: [Int]
    let seeds: Int
    /// C* of the data at each p (the largest over the family's instances).
    private(set) var concentrability: [Double]
    private var values: [Double]

    /// Builds the grid from every seed's measurements, in seed order.
    init(setting: LCBSetting, sampleSizes: [Int], seeds: [LCBSeedResult]) {
        self.setting = setting
        self.sampleSizes = sampleSizes
        self.seeds = seeds.count
        let p = LCBSetting.expertFractions
        concentrability = seeds.first?.concentrability ?? Array(repeating: 1, count: p.count)
        let (n, instances, methods) = (sampleSizes.count, setting.instances.count, setting.methods.count)
        values = Array(repeating: .nan, count: p.count * n * instances * methods * seeds.count)
        for pi in p.indices {
            for ni in 0..<n {
                for ii in 0..<instances {
                    for mi in 0..<methods {
                        for (si, seed) in seeds.enumerated() {
                            let flat = ((pi * instances + ii) * n + ni) * methods + mi
                            values[index(pi, ni, ii, mi, si)] = seed.values[flat]
                        }
                    }
                }
            }
        }
    }

    /// Samples one seed's dataset at every p, instance and N and scores every method on it.
    static func measure(setting: LCBSetting, sampleSizes: [Int], seed: UInt64) throws -> LCBSeedResult {
        let p = LCBSetting.expertFractions
        var result = LCBSeedResult(concentrability: Array(repeating: 1, count: p.count), values: [])
        for (pi, fraction) in p.enumerated() {
            for (ii, instance) in setting.instances.enumerated() {
                let source = try ExpertMixtureData(mdp: instance.mdp, gamma: setting.gamma, expertFraction: fraction)
                result.concentrability[pi] = max(result.concentrability[pi], source.concentrability)
                let gap = PolicyGap(mdp: instance.mdp, gamma: setting.gamma)
                for n in sampleSizes {
                    var rng = Xoshiro256StarStar(seed: seed).derived("lcb/\(setting.name)/p\(pi)/i\(ii)/n\(n)")
                    let data = source.sample(count: n, using: &rng)
                    for method in setting.methods {
                        let policy = try method.method.policy(from: data, gamma: setting.gamma)
                        result.values.append(gap.suboptimality(policy))
                    }
                }
            }
        }
        return result
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
