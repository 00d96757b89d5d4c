import Foundation
import Testing

@testable import Tracking

@Suite("CSV sink")
struct CSVSinkTests {
    @Test("declared columns give a fixed header and one row per step")
    func fixedHeader() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("metrics.csv")
        let sink = try CSVSink(url: url, columns: ["a", "b"])
        try sink.scalar("a", 1, step: 10)
        try sink.scalar("b", 0.5, step: 10)
        try sink.scalar("b", 2.25, step: 20)
        try sink.close()
        #expect(contents(url) == "step,a,b\n10,1.0,0.5\n20,,2.25\n")
    }

    @Test("a new tag widens the header and rewrites earlier rows with empty cells")
    func newColumn() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("metrics.csv")
        let sink = try CSVSink(url: url, columns: ["a"])
        try sink.scalar("a", 1, step: 1)
        try sink.flush()
        try sink.scalar("c", 3, step: 2)
        try sink.flush()
        try sink.scalar("a", 4, step: 3)
        try sink.close()
        #expect(contents(url) == "step,a,c\n1,1.0,\n2,,3.0\n3,4.0,\n")
    }

    @Test("logging a tag twice at one step starts a second row")
    func duplicateTag() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("metrics.csv")
        let sink = try CSVSink(url: url, columns: ["r"])
        try sink.scalar("r", 10, step: 5)
        try sink.scalar("r", 12, step: 5)
        try sink.close()
        #expect(contents(url) == "step,r\n5,10.0\n5,12.0\n")
    }

    @Test("reopening an existing file keeps its columns and appends")
    func reopen() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("metrics.csv")
        let first = try CSVSink(url: url, columns: ["a", "b"])
        try first.scalar("a", 1, step: 1)
        try first.close()
        let second = try CSVSink(url: url, columns: ["b"])
        #expect(second.columns == ["a", "b"])
        try second.scalar("b", 2, step: 2)
        try second.close()
        #expect(contents(url) == "step,a,b\n1,1.0,\n2,,2.0\n")
    }

    @Test("reopening cuts a torn last row")
    func reopenTorn() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("metrics.csv")
        try "step,a\n1,1.0\n2,2.".write(to: url, atomically: false, encoding: .utf8)
        let sink = try CSVSink(url: url)
        try sink.scalar("a", 3, step: 3)
        try sink.close()
        #expect(contents(url) == "step,a\n1,1.0\n3,3.0\n")
    }

    @Test("a file whose first column is not step is refused")
    func foreignFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("metrics.csv")
        try "time,a\n1,2\n".write(to: url, atomically: false, encoding: .utf8)
        #expect(throws: (any Error).self) { try CSVSink(url: url) }
    }

    @Test("tags with commas are quoted and non-finite values use Python's spelling")
    func escaping() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("metrics.csv")
        let sink = try CSVSink(url: url, columns: ["x,y", "n"])
        try sink.scalar("x,y", .infinity, step: 1)
        try sink.scalar("n", .nan, step: 1)
        try sink.close()
        #expect(contents(url) == "step,\"x,y\",n\n1,inf,nan\n")
        let table = CSVTable(parsing: contents(url))
        #expect(table.header == ["step", "x,y", "n"])
    }
}
