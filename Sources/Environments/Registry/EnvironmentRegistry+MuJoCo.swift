extension EnvironmentRegistry {
    /// The MuJoCo tasks with Gymnasium v5's ids, options and 1000-step limits. Listed in every build; without the
    /// `MuJoCo` package trait their ``EnvironmentSpec/unavailableReason`` carries the install hint.
    static let mujocoSpecs: [EnvironmentSpec] = MuJoCoTask.allCases.map(mujocoSpec)

    static func mujocoSpec(_ task: MuJoCoTask) -> EnvironmentSpec {
        let defaults = MuJoCoParameters.defaults(for: task)
        var options: [String: String] = [
            "frame_skip": "\(defaults.frameSkip)", "reset_noise_scale": "\(defaults.resetNoiseScale)",
        ]
        if task != .invertedPendulum {
            options["forward_reward_weight"] = "\(defaults.forwardRewardWeight)"
            options["ctrl_cost_weight"] = "\(defaults.controlCostWeight)"
            options["exclude_current_positions_from_observation"] = "true"
        }
        if task == .hopper || task == .walker2d || task == .ant {
            options["healthy_reward"] = "\(defaults.healthyReward)"
            options["terminate_when_unhealthy"] = "true"
        }
        if task == .ant {
            options["contact_cost_weight"] = "\(defaults.contactCostWeight)"
            options["include_cfrc_ext_in_observation"] = "true"
        }
        let summaries: [MuJoCoTask: String] = [
            .invertedPendulum: "MuJoCo cart-pole: keep the pole within 0.2 rad (Gymnasium v5)",
            .hopper: "MuJoCo one-legged hopper, forward reward (Gymnasium v5)",
            .halfCheetah: "MuJoCo planar cheetah, forward reward (Gymnasium v5)",
            .walker2d: "MuJoCo planar biped, forward reward (Gymnasium v5)",
            .ant: "MuJoCo quadruped, forward reward with contact cost (Gymnasium v5)",
        ]
        let thresholds: [MuJoCoTask: Double] = [.invertedPendulum: 950, .hopper: 3800, .halfCheetah: 4800, .ant: 6000]
        let known = Array(options.keys)
        let id = task.id
        return EnvironmentSpec(
            id: id, summary: summaries[task] ?? id, maxEpisodeSteps: 1000, rewardThreshold: thresholds[task],
            optionDefaults: options, unavailableReason: MuJoCoSupport.unavailableReason(id: id)
        ) { (given) throws(EnvironmentError) in
            try given.validate(known: known, id: id)
            var parameters = defaults
            parameters.frameSkip = try given.int("frame_skip", default: defaults.frameSkip)
            parameters.resetNoiseScale = try given.double("reset_noise_scale", default: defaults.resetNoiseScale)
            parameters.forwardRewardWeight = try given.double(
                "forward_reward_weight", default: defaults.forwardRewardWeight)
            parameters.controlCostWeight = try given.double("ctrl_cost_weight", default: defaults.controlCostWeight)
            parameters.healthyReward = try given.double("healthy_reward", default: defaults.healthyReward)
            parameters.terminateWhenUnhealthy = try given.bool(
                "terminate_when_unhealthy", default: defaults.terminateWhenUnhealthy)
            parameters.contactCostWeight = try given.double("contact_cost_weight", default: defaults.contactCostWeight)
            parameters.excludeCurrentPositionsFromObservation = try given.bool(
                "exclude_current_positions_from_observation",
                default: defaults.excludeCurrentPositionsFromObservation)
            parameters.includeCfrcExtInObservation = try given.bool(
                "include_cfrc_ext_in_observation", default: defaults.includeCfrcExtInObservation)
            return try MuJoCoLocomotion(task, parameters: parameters)
        }
    }
}
