extension EnvironmentRegistry {
    /// The spec of `history<k>/<id>`: environment `<id>` with ``HistoryWindowObservation`` of length k over it
    /// (the base's own time limit and checks stay inside); nil when `id` does not have that form.
    /// - Throws: ``EnvironmentError/unknownEnvironment(_:)`` for an unknown base id or k < 1.
    func historySpec(_ id: String) throws(EnvironmentError) -> EnvironmentSpec? {
        guard id.hasPrefix("history"), let slash = id.firstIndex(of: "/") else { return nil }
        let digits = id[id.index(id.startIndex, offsetBy: 7)..<slash]
        guard let length = Int(digits) else { return nil }
        guard length >= 1 else {
            throw .unknownEnvironment(
                "`\(id)`: the history length k in history<k>/ must be ≥ 1, e.g. "
                    + "history4/\(id[id.index(after: slash)...])")
        }
        let base = try spec(String(id[id.index(after: slash)...]))
        return EnvironmentSpec(
            id: id, summary: "\(base.id) observed as windows of its last \(length) steps (observation, previous "
                + "action, mask)", rewardThreshold: base.rewardThreshold, optionDefaults: base.optionDefaults
        ) { (options) throws(EnvironmentError) in
            try HistoryWindowObservation(try base.makeSingle(options, nil), length: length)
        }
    }
}
