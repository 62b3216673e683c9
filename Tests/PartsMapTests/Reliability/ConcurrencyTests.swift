import Foundation
import Testing
@testable import PartsMap

extension Reliability {
    /// Many `partsmap` processes editing one map at the same moment: each read-modify-write holds
    /// the map's lock, so no update is lost and the file is never corrupted.
    @Suite("Reliability: concurrent edits")
    struct ConcurrencyTests {
        static let baseMap = """
            partsmap 1
            title: Many hands
            # a comment that must survive

            \((0..<10).map { "part p\($0): Part \($0)\n  role: manager\n" }.joined(separator: "\n"))
            """

        @Test(arguments: [1, 2])
        func thirtyProcessesAtOnceLoseNothing(round: Int) throws {
            let folder = try TestSupport.makeTemporaryFolder()
            defer { TestSupport.cleanUp(folder) }
            let path = folder.appendingPathComponent("map.parts").path
            try Self.baseMap.write(toFile: path, atomically: true, encoding: .utf8)
            // 10 new parts, 10 relationships between existing parts, 10 sessions: interleaved.
            var commands: [[String]] = []
            for index in 0..<10 {
                commands.append(["part", "add", "new\(index)", "--map", path, "--name", "New \(index)", "--role", "exile"])
                commands.append(["relate", "p\(index)", index % 2 == 0 ? "allied" : "polarized", "p\((index + 1) % 10)", "--map", path,
                                 "--note", "note \(index)"])
                commands.append(["session", "add", "--map", path, "--date", "2026-12-\(String(format: "%02d", index + 1))",
                                 "--title", "Session \(index)", "--present", "p\(index)", "--note", "Round \(round), session \(index)."])
            }
            let logs = folder.appendingPathComponent("logs")
            try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
            let children = try commands.enumerated().map { index, arguments in
                try Reliability.Child.spawn(TestSupport.partsmapBinary, arguments, stderr: logs.appendingPathComponent("\(index).err").path)
            }
            let exits = children.map { $0.wait() }
            for (index, exit) in exits.enumerated() {
                let message = (try? String(contentsOf: logs.appendingPathComponent("\(index).err"), encoding: .utf8)) ?? ""
                #expect(exit.exitCode == 0, "\(commands[index].prefix(3)): status \(exit.status): \(message)")
            }
            let parsed = MapParser.parse(SourceText(Reliability.bytes(of: path)))
            #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.map(\.message))")
            let map = parsed.map
            #expect(Set(map.parts.map(\.id.rawValue)) == Set((0..<10).map { "p\($0)" } + (0..<10).map { "new\($0)" }))
            #expect(map.relationships.count == 10)
            #expect(Set(map.relationships.compactMap(\.note)) == Set((0..<10).map { "note \($0)" }))
            #expect(map.sessions.count == 10)
            #expect(Set(map.sessions.flatMap(\.notes)) == Set((0..<10).map { "Round \(round), session \($0)." }))
            #expect(map.title == "Many hands")
            #expect(try String(contentsOfFile: path, encoding: .utf8).contains("# a comment that must survive"))
            #expect(Reliability.temporaryFiles(in: folder).isEmpty)
        }

        /// Edits racing a `fmt` and readers (`check`, `export`): readers see a whole map every time.
        @Test func readersNeverSeeAHalfWrittenMap() throws {
            let folder = try TestSupport.makeTemporaryFolder()
            defer { TestSupport.cleanUp(folder) }
            let path = folder.appendingPathComponent("map.parts").path
            try Self.baseMap.write(toFile: path, atomically: true, encoding: .utf8)
            var children: [Reliability.Child] = []
            var readers: [(Reliability.Child, String)] = []
            for index in 0..<12 {
                children.append(try Reliability.Child.spawn(TestSupport.partsmapBinary,
                                                            ["part", "set", "p\(index % 10)", "age", "\(index)", "--map", path]))
                if index % 4 == 0 { children.append(try Reliability.Child.spawn(TestSupport.partsmapBinary, ["fmt", path])) }
                let log = folder.appendingPathComponent("check\(index).err").path
                readers.append((try Reliability.Child.spawn(TestSupport.partsmapBinary, ["check", path], stderr: log), log))
            }
            for child in children { #expect(child.wait().exitCode == 0) }
            for (reader, log) in readers {
                let exit = reader.wait()
                let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                #expect(exit.exitCode == 0 && text.contains("0 errors"), "a reader saw: \(text)")
            }
            #expect(!MapParser.parse(SourceText(Reliability.bytes(of: path))).hasErrors)
        }
    }
}
