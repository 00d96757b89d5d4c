import Testing
import Tracking

@testable import Offline

@Test("TD3+BC, PRDC and A2PR read their TD3 hyper-parameters from one `td3` section")
func td3SectionKeys() throws {
    let prdc = try ConfigLoader.load(
        defaults: PRDCConfig(), yaml: nil, overrides: ["td3.policyNoise=0.1", "td3.actorHidden=[64, 64]", "beta=5"])
    #expect(prdc.td3.policyNoise == 0.1)
    #expect(prdc.td3.actorHidden == [64, 64])
    #expect(prdc.td3.criticHidden == [256, 256])
    #expect(prdc.beta == 5)
    let a2pr = try ConfigLoader.load(defaults: A2PRConfig(), yaml: "td3:\n  gamma: 0.995\n", overrides: [])
    #expect(a2pr.td3.gamma == 0.995)
    #expect(a2pr.td3.criticHidden == [256, 256, 256, 256])
    let td3bc = try ConfigLoader.load(defaults: TD3BCConfig(), yaml: nil, overrides: ["td3.policyFrequency=3"])
    #expect(td3bc.td3.policyFrequency == 3)
}

@Test("The old flat keys are rejected: policyNoise and criticLearningRate with a did-you-mean naming the td3 key")
func td3SectionOldKeysSuggest() {
    for (key, expected) in [("policyNoise", "td3.policyNoise"), ("criticLearningRate", "td3.criticLearningRate")] {
        #expect {
            _ = try ConfigLoader.load(defaults: TD3BCConfig(), yaml: nil, overrides: ["\(key)=0.1"])
        } throws: { error in
            guard case let .unknownKey(found, _, suggestion) = error as? ConfigError else { return false }
            return found == key && suggestion == expected
        }
    }
    #expect {
        _ = try ConfigLoader.load(defaults: PRDCConfig(), yaml: nil, overrides: ["hiddenSizes=[8]"])
    } throws: { error in
        guard case let .unknownKey(found, _, _) = error as? ConfigError else { return false }
        return found == "hiddenSizes"
    }
}
