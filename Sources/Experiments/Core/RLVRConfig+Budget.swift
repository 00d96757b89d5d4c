import Language

extension RLVRConfig {
    /// This method with a reproduction's shared budget: G, prompts per step, minibatches, learning rate and L_max;
    /// every other knob stays the method's.
    func budgeted(
        groupSize: Int, promptsPerStep: Int, miniBatches: Int, learningRate: Double, maxCompletionLength: Int
    ) -> RLVRConfig {
        var c = self
        c.groupSize = groupSize
        c.promptsPerStep = promptsPerStep
        c.miniBatches = miniBatches
        c.learningRate = learningRate
        c.maxCompletionLength = maxCompletionLength
        return c
    }
}
