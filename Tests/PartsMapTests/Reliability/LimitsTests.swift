import Foundation
import Testing
@testable import PartsMap

#if canImport(Glibc)
import Glibc
#endif

extension Reliability {
    /// Very large maps: refused with a clear message above 64 MiB (without reading the file into
    /// memory), handled below it; no trap on a huge line.
    @Suite("Reliability: limits")
    struct LimitsTests {
        /// A file of `size` bytes that starts like a map: the rest is a hole, so it costs no disk.
        static func sparseMap(size: Int, in folder: URL) throws -> String {
            let path = folder.appendingPathComponent("huge.parts").path
            try Reliability.write(Array("partsmap 1\npart fog: The Fog\n".utf8), to: path)
            guard truncate(path, off_t(size)) == 0 else { throw CocoaError(.fileWriteUnknown) }
            return path
        }

        @Test func aMapOverTheLimitIsRefusedWithoutReadingItAll() throws {
            let folder = try TestSupport.makeTemporaryFolder()
            defer { TestSupport.cleanUp(folder) }
            // 4 GiB: far more than memory allows reading, and far more than the limit.
            let path = try Self.sparseMap(size: 4 << 30, in: folder)
            let log = folder.appendingPathComponent("check.err").path
            // Peak memory is measured when python3 is there to measure it (CI has it).
            let measured = try Reliability.measured(TestSupport.partsmapBinary, ["check", path], stderr: log)
            let exit = try measured?.exit ?? Reliability.run(TestSupport.partsmapBinary, ["check", path], stderr: log)
            let message = try String(contentsOfFile: log, encoding: .utf8)
            #expect(exit.exitCode == 65, "\(exit.status): \(message)")
            #expect(message.contains("huge.parts: larger than 64 MiB; a parts map this big is probably not a map"), "\(message)")
            #expect(message.split(separator: "\n").count == 1, "one clear line: \(message)")
            #expect(exit.seconds < 20)
            if let peak = measured?.peakBytes {
                // It reads at most 64 MiB (and a chunk) before giving up, never the 4 GiB.
                #expect(peak < 200 << 20, "peak memory \(peak >> 20) MiB")
                print("limits: refusing a 4 GiB map took \(String(format: "%.2f", exit.seconds)) s and \(peak >> 20) MiB at peak")
            }
        }

        @Test func theLimitIsSixtyFourMiBExactly() throws {
            let folder = try TestSupport.makeTemporaryFolder()
            defer { TestSupport.cleanUp(folder) }
            let path = try Self.sparseMap(size: FileSystem.maximumMapBytes + 1, in: folder)
            #expect(throws: FileError.tooLarge(path: path, limit: FileSystem.maximumMapBytes)) { try FileSystem.readBytes(at: path) }
            // One byte less is read (and is not a map: it is full of NUL bytes).
            guard truncate(path, off_t(FileSystem.maximumMapBytes)) == 0 else { throw CocoaError(.fileWriteUnknown) }
            #expect(try FileSystem.readBytes(at: path).count == FileSystem.maximumMapBytes)
        }

        /// An edit of a map over the limit is refused the same way and writes nothing.
        @Test func editingAMapOverTheLimitWritesNothing() throws {
            let folder = try TestSupport.makeTemporaryFolder()
            defer { TestSupport.cleanUp(folder) }
            let path = try Self.sparseMap(size: 100 << 20, in: folder)
            let result = try TestSupport.partsmap(["part", "add", "x", "--map", path])
            #expect(result.status == 65)
            #expect(result.stderr.contains("larger than 64 MiB"), "\(result.stderr)")
            #expect((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) == 100 << 20)
            #expect(Reliability.temporaryFiles(in: folder).isEmpty)
        }

        /// The text of a map with `count` parts: a third exiles, each protected by the two parts
        /// after it; a session every 10 parts, a day apart.
        static func bigMapText(parts count: Int) -> (text: String, relationships: Int) {
            var relationships = 0
            var text = "partsmap 1\ntitle: A very large system\n"
            text.reserveCapacity(count * 120)
            for index in 0..<count {
                text += "\npart p\(index): Part number \(index)\n  role: \(index % 3 == 0 ? "exile" : "manager")\n"
                text += "  feelings: tired, watchful\n  note: part \(index) keeps an eye on things\n"
            }
            text += "\n"
            for index in 0..<count where index % 3 != 0 {
                text += "p\(index) protects p\(index - index % 3)\n"
                relationships += 1
            }
            if (count - 1) % 3 == 0 {  // the last exile has no protectors after it
                text += "p\(count - 2) protects p\(count - 1)\n"
                relationships += 1
            }
            for index in stride(from: 0, to: count, by: 10) {
                let day = index / 10
                text += "\nsession \(2000 + day / 336)-\(String(format: "%02d-%02d", day / 28 % 12 + 1, day % 28 + 1)): Session \(day)\n"
                text += "  present: p\(index)\n  self: calm 5, curiosity 6\n"
            }
            return (text, relationships)
        }

        /// 100,000 parts, 66,667 relationships, 10,000 sessions (13 MiB): `partsmap check` reads
        /// it with no errors and no warnings. That says every part was read: a part lost would make
        /// its relationships "unknown part" errors, and an exile whose protectors were lost a warning.
        @Test func aHundredThousandParts() throws {
            let (text, _) = Self.bigMapText(parts: 100_000)
            let folder = try TestSupport.makeTemporaryFolder()
            defer { TestSupport.cleanUp(folder) }
            let path = folder.appendingPathComponent("big.parts").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let log = folder.appendingPathComponent("check.err").path
            let measured = try Reliability.measured(TestSupport.partsmapBinary, ["check", path], stderr: log)
            let exit = try measured?.exit ?? Reliability.run(TestSupport.partsmapBinary, ["check", path], stderr: log)
            let message = try String(contentsOfFile: log, encoding: .utf8)
            #expect(exit.exitCode == 0, "\(message.prefix(500))")
            #expect(message == "\(path): 0 errors, 0 warnings\n", "\(message.prefix(500))")
            print("limits: partsmap check on 100,000 parts (\(text.utf8.count >> 20) MiB), debug build: "
                  + String(format: "%.2f s", exit.seconds) + (measured.map { ", \($0.peakBytes >> 20) MiB at peak" } ?? ""))
        }

        /// The generator above makes the map it says (checked on a smaller one, in process).
        @Test func theBigMapGeneratorIsRight() {
            let (text, relationships) = Self.bigMapText(parts: 3_001)
            let parsed = MapParser.parse(text)
            #expect(parsed.diagnostics.isEmpty)
            #expect(parsed.map.parts.count == 3_001)
            #expect(parsed.map.relationships.count == relationships && relationships == 2_001)
            #expect(parsed.map.sessions.count == 301)
            #expect(MapChecker.check(parsed.map, locations: parsed.locations).isEmpty)
        }

        /// A 10 MB line is an error with a position, and a short message, not a trap.
        @Test func aTenMegabyteLineIsAnErrorNotATrap() throws {
            let folder = try TestSupport.makeTemporaryFolder()
            defer { TestSupport.cleanUp(folder) }
            // A whole file that is one 10 MB line: not a map.
            let line = folder.appendingPathComponent("line.parts").path
            try Reliability.write([UInt8](repeating: UInt8(ascii: "x"), count: 10_000_000), to: line)
            let first = try TestSupport.partsmap(["check", line])
            #expect(first.status == 65)
            #expect(first.stderr.hasPrefix("\(line):1:1: error: "), "\(first.stderr.prefix(300))")
            #expect(first.stderr.utf8.count < 2_000, "the excerpt of the line is cut short")
            // A map with a 10 MB field line ending in a control character: the error points at it.
            let field = folder.appendingPathComponent("field.parts").path
            var bytes = Array("partsmap 1\npart fog\n  note: ".utf8)
            bytes += [UInt8](repeating: UInt8(ascii: "a"), count: 10_000_000) + [0x01, 0x0A]
            try Reliability.write(bytes, to: field)
            let second = try TestSupport.partsmap(["check", field])
            #expect(second.status == 65)
            #expect(second.stderr.hasPrefix("\(field):3:10000009: error: control character U+0001"), "\(second.stderr.prefix(300))")
            #expect(second.stderr.utf8.count < 2_000)
        }
    }
}
