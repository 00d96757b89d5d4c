/// The MuJoCo locomotion ids (Gymnasium v5) that share RL Zoo's `mujoco-defaults` presets for SAC and TD3.
public enum LocomotionPresetIDs {
    /// `Hopper-v5`, `HalfCheetah-v5`, `Walker2d-v5`, `Ant-v5`.
    public static let ids: Set<String> = ["Hopper-v5", "HalfCheetah-v5", "Walker2d-v5", "Ant-v5"]
}
