import Testing

@testable import Agents

@Suite struct ToolCallParserTests {
    let parser = ToolCallParser()

    @Test func parsesTagsAndKeepsThePreamble() throws {
        let call = try parser.parse("I should look this up. <search> capital of Kenya </search> trailing")
        #expect(call == ToolCall(name: "search", argument: "capital of Kenya", preamble: "I should look this up."))
        #expect(try parser.parse("<ANSWER>Nairobi</ANSWER>").name == "answer")
        #expect(try parser.parse("<action>go to desk 1</action>").argument == "go to desk 1")
    }

    @Test func theFirstCallWinsAndThinkingIsSkipped() throws {
        let call = try parser.parse("<think>maybe <answer>Lima</answer></think><search>Peru</search><answer>x</answer>")
        #expect(call == ToolCall(name: "search", argument: "Peru"))
    }

    @Test func parsesJSONCalls() throws {
        let json = try parser.parse(#"{"tool": "search", "argument": "Oslo"}"#)
        #expect(json == ToolCall(name: "search", argument: "Oslo"))
        #expect(try parser.parse(#"call: {"name": "Answer", "arguments": {"answer": "Lima"}}"#).argument == "Lima")
        #expect(try parser.parse(#"{"tool": "search", "arguments": "Peru"}"#).argument == "Peru")
    }

    @Test func rejectsWhatIsNotACallWithAReason() {
        func message(_ text: String) -> String {
            do {
                _ = try parser.parse(text)
                return ""
            } catch { return error.message }
        }
        #expect(message("just prose").contains("no tool call found"))
        #expect(message("<search>Peru").contains("not closed"))
        #expect(message("<answer>  </answer>").contains("empty argument"))
        #expect(message(#"{"tool": "browse", "argument": "x"}"#).contains("unknown tool 'browse'"))
        #expect(message(#"{"tool": "search", "argument": }"#).contains("does not parse"))
        #expect(message(#"{"argument": "x"}"#).contains("no string \"tool\""))
        let short = ToolCallParser(maxArgumentLength: 3)
        #expect(throws: ToolCallParseError.self) { try short.parse("<search>abcd</search>") }
    }
}
