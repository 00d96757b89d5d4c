import Tensor

/// A language model that writes one reasoning step conditioned on a control code (CTRLS's steering of a frozen
/// LM by a latent action). Every ``CausalLanguageModel`` pretrained with the ``SolutionStyle/coded`` style is
/// one: the code is appended to the context and the model continues until a step ends.
public protocol SteerableLM {
    /// The tokens of one step after `context` (prompt plus the steps so far) under the code `control`, up to and
    /// including the first separator or stop token.
    /// - Parameters:
    ///   - context: the token ids so far, ending with a step trigger (the prompt's `:` or a `,`).
    ///   - control: the code token to condition on (one of `codes.codes`).
    ///   - codes: the code tokens and step separators.
    ///   - stopTokens: ids that end the whole completion (end-of-sequence).
    ///   - maxTokens: the longest step.
    ///   - temperature: sampling temperature (0 is greedy).
    /// - Throws: ``GenerationError`` for an invalid control code or sampling settings.
    func generateStep<G: RandomNumberGenerator>(
        context: [Int], control: Int, codes: StepControlCodes, stopTokens: [Int], maxTokens: Int,
        temperature: Double, using rng: inout G
    ) throws(GenerationError) -> [Int]
}

extension SteerableLM where Self: CausalLanguageModel {
    public func generateStep<G: RandomNumberGenerator>(
        context: [Int], control: Int, codes: StepControlCodes, stopTokens: [Int], maxTokens: Int,
        temperature: Double, using rng: inout G
    ) throws(GenerationError) -> [Int] {
        guard codes.codes.contains(control) else {
            throw GenerationError("generateStep: \(control) is not a control code (codes \(codes.codes))")
        }
        let config = GenerationConfig(
            maxNewTokens: maxTokens, temperature: temperature, stopTokens: codes.separators + stopTokens)
        return try generate(prompts: [context + [control]], config: config, using: &rng).tokens.first ?? []
    }
}

extension LlamaModel: SteerableLM {}
extension GPT2Model: SteerableLM {}
