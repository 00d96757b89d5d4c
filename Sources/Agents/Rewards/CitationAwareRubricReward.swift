import Foundation

/// CaRR's citation-aware rubric reward (digest §2, from the released `launch_server.py`):
/// 1. entity identification — each hidden entity `<Ei>` gets the value the response names (nil when missing; the
///    rubrics that use it score 0);
/// 2. citation grounding — a filled rubric counts as supported only if the judge finds it in the cited
///    documents (at most ``maxCitations``);
/// 3. evidence connectivity — on the bipartite graph of entities and supported rubrics, a rubric scores 1 only if
///    it is reachable from `<E0>` by breadth-first search (``useConnectivity``; off = the `nobfs` ablation).
/// R_rubric = (number of scoring rubrics) / (number of rubrics).
public struct CitationAwareRubricReward: Sendable, Equatable {
    /// Most citations read, default 20 (the code's limit).
    public var maxCitations: Int
    /// Requires connectivity to `<E0>` (step 3), default true; false is the `use_rubric_reward_nobfs` ablation.
    public var useConnectivity: Bool

    /// The reward with the code's defaults.
    public init(maxCitations: Int = 20, useConnectivity: Bool = true) {
        self.maxCitations = maxCitations
        self.useConnectivity = useConnectivity
    }

    /// Per rubric, whether it scores (supported, and reachable from `<E0>` when ``useConnectivity``).
    public func scores(
        rubrics: [Rubric], entities: [String?], citations: [String], judge: some SupportJudge
    ) -> [Bool] {
        let cited = Array(citations.prefix(max(maxCitations, 0)))
        let supported = rubrics.map { rubric -> Bool in
            guard let filled = rubric.filled(entities) else { return false }
            return judge.supported(relation: rubric.relation, subject: filled.subject, object: filled.object,
                citations: cited)
        }
        guard useConnectivity else { return supported }
        var reachedEntities: Set<Int> = [0]
        var reachedRubrics = Array(repeating: false, count: rubrics.count)
        var frontier = [0]
        while let entity = frontier.popLast() {
            for (index, rubric) in rubrics.enumerated() where supported[index] && !reachedRubrics[index] {
                guard rubric.entityIndices.contains(entity) else { continue }
                reachedRubrics[index] = true
                for next in rubric.entityIndices where reachedEntities.insert(next).inserted { frontier.append(next) }
            }
        }
        return reachedRubrics
    }

    /// R_rubric ∈ [0, 1]: the share of rubrics that score (0 for no rubrics).
    public func score(rubrics: [Rubric], entities: [String?], citations: [String], judge: some SupportJudge) -> Double {
        guard !rubrics.isEmpty else { return 0 }
        let hits = scores(rubrics: rubrics, entities: entities, citations: citations, judge: judge).filter { $0 }.count
        return Double(hits) / Double(rubrics.count)
    }
}
