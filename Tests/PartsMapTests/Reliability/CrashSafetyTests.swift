import Foundation
import Testing
@testable import PartsMap

#if canImport(Glibc)
import Glibc
#endif

extension Reliability {
    /// Kills the real `partsmap` with SIGKILL while it edits a map, hundreds of times: afterwards
    /// the map always reads without errors and is byte for byte the map before the edit or the map
    /// after it, never a mix; and temporary files left by killed writers are removed by the next
    /// edit (it does so under the map's lock).
    @Suite("Reliability: crash safety")
    struct CrashSafetyTests {
        /// The edits that are killed: a new part, a session with a long note, a changed field.
        static func edits(map path: String) -> [(name: String, arguments: [String])] {
            let note = (0..<1_500).map { "Line \($0) of a long session note: the Fog lifted a little, then came back." }
                .joined(separator: "\n")  // about 110 KB: the write itself takes a while
            return [
                ("part add", ["part", "add", "crash", "--map", path, "--name", "Crash test", "--role", "manager",
                              "--note", "added while being killed"]),
                ("session add", ["session", "add", "--map", path, "--date", "2027-01-01", "--title", "Killed",
                                 "--present", "fog", "--note", note]),
                ("part set", ["part", "set", "fog", "status", "witnessed", "--map", path]),
            ]
        }

        /// The map before any edit, and after each edit run to completion.
        struct States {
            var before: [UInt8]
            var after: [[UInt8]]
            var beforeModel: SystemMap
            var afterModels: [SystemMap]
        }

        static func states() throws -> States {
            let before = try [UInt8](Data(contentsOf: TestSupport.example("numbness.parts")))
            let folder = try TestSupport.makeTemporaryFolder()
            defer { TestSupport.cleanUp(folder) }
            let path = folder.appendingPathComponent("map.parts").path
            var after: [[UInt8]] = []
            for edit in edits(map: path) {
                try Reliability.write(before, to: path)
                let exit = try Reliability.run(TestSupport.partsmapBinary, edit.arguments)
                guard exit.exitCode == 0 else { throw CocoaError(.fileWriteUnknown) }
                after.append(Reliability.bytes(of: path))
            }
            func model(_ bytes: [UInt8]) -> SystemMap { MapParser.parse(SourceText(bytes)).map }
            return States(before: before, after: after, beforeModel: model(before), afterModels: after.map(model))
        }

        /// What is wrong with the map at `path` after edit `edit` was killed, or nil; and whether
        /// it is the map before (false) or after (true) the edit.
        static func verify(_ path: String, edit: Int, states: States) -> (problem: String?, edited: Bool) {
            let bytes = Reliability.bytes(of: path)
            let parsed = MapParser.parse(SourceText(bytes))
            if parsed.hasErrors { return ("the map has errors: \(parsed.errors.map(\.message))", false) }
            if bytes == states.before {
                return (parsed.map == states.beforeModel ? nil : "same bytes, different model?", false)
            }
            if bytes == states.after[edit] {
                return (parsed.map == states.afterModels[edit] ? nil : "same bytes, different model?", true)
            }
            return ("the map is neither the map before nor after the edit (\(bytes.count) bytes; before \(states.before.count), "
                    + "after \(states.after[edit].count))", false)
        }

        @Test func twoHundredRandomKillsNeverCorruptTheMap() throws {
            let states = try Self.states()
            let slots = 4  // processes killed at once
            var rounds = 0
            var rng = SplitMix64(seed: 0xC0FFEE)
            let folders = try (0..<slots).map { _ in try TestSupport.makeTemporaryFolder() }
            defer { folders.forEach(TestSupport.cleanUp) }
            let paths = folders.map { $0.appendingPathComponent("map.parts").path }
            var problems: [String] = []
            var killed = 0, finished = 0, unchanged = 0, edited = 0, leftTemporary = 0
            // Until 200 runs were killed (a run that finishes within its delay is not a kill).
            while killed < 200 && rounds < 120 {
                let round = rounds
                rounds += 1
                var trials: [(child: Reliability.Child, edit: Int, delay: Double)] = []
                for slot in 0..<slots {
                    try Reliability.write(states.before, to: paths[slot])
                    let edit = Int.random(in: 0...2, using: &rng)
                    let delay = Double.random(in: 0...0.015, using: &rng)
                    let child = try Reliability.Child.spawn(TestSupport.partsmapBinary, Self.edits(map: paths[slot])[edit].arguments)
                    trials.append((child, edit, delay))
                }
                for trial in trials.sorted(by: { $0.child.started + $0.delay < $1.child.started + $1.delay }) {
                    let wait = trial.child.started + trial.delay - Reliability.now()
                    if wait > 0 { usleep(UInt32(wait * 1_000_000)) }
                    trial.child.send(SIGKILL)
                }
                for (slot, trial) in trials.enumerated() {
                    let exit = trial.child.wait()
                    if exit.signal == SIGKILL { killed += 1 } else if exit.exitCode == 0 { finished += 1 } else {
                        problems.append("round \(round) slot \(slot): partsmap ended with status \(exit.status)")
                    }
                    let (problem, wasEdited) = Self.verify(paths[slot], edit: trial.edit, states: states)
                    if let problem { problems.append("round \(round) slot \(slot) (\(Self.edits(map: "")[trial.edit].name)): \(problem)") }
                    if wasEdited { edited += 1 } else { unchanged += 1 }
                    if exit.exitCode == 0 && !wasEdited { problems.append("round \(round) slot \(slot): finished, but the edit is missing") }
                    if !Reliability.temporaryFiles(in: folders[slot]).isEmpty { leftTemporary += 1 }
                }
            }
            #expect(problems.isEmpty, "\(problems.count) problems; first: \(problems.first ?? "")")
            #expect(killed + finished == slots * rounds)
            #expect(killed >= 200, "only \(killed) runs were killed (\(finished) finished first)")
            // How the kills fell (before or after the rename) depends on the machine's speed: reported, not required.
            #expect(unchanged > 0, "\(unchanged) unchanged, \(edited) edited")
            print("crash safety: \(slots * rounds) runs, \(killed) killed, \(finished) finished; map unchanged \(unchanged), "
                  + "edited \(edited); \(leftTemporary) times a temporary file was left behind")
            // One more edit in each folder, to completion, leaves no temporary file behind: it
            // removes those of killed writers (a planted one too) under the lock.
            for (slot, folder) in folders.enumerated() {
                try Reliability.write([0x78], to: folder.appendingPathComponent(".map.parts.partsmap-Zz09Ab").path)
                let exit = try Reliability.run(TestSupport.partsmapBinary, ["part", "add", "after-the-kills", "--map", paths[slot]])
                #expect(exit.exitCode == 0)
                #expect(Reliability.temporaryFiles(in: folder).isEmpty, "left: \(Reliability.temporaryFiles(in: folder))")
                #expect(!MapParser.parse(SourceText(Reliability.bytes(of: paths[slot]))).hasErrors)
            }
        }

        #if os(Linux)
        /// Kills each writer the moment its temporary file appears (inotify), so every kill lands
        /// inside the write: the map is still the map before (or, if the rename won the race, the
        /// map after), the killed writer's temporary file is left behind, and the next edit
        /// removes it.
        @Test func killsDuringTheWriteLeaveATemporaryFileTheNextEditRemoves() throws {
            let states = try Self.states()
            let folder = try TestSupport.makeTemporaryFolder()
            defer { TestSupport.cleanUp(folder) }
            let path = folder.appendingPathComponent("map.parts").path
            try Reliability.write(states.before, to: path)
            // The lock file exists before the watch starts: the only file an edit creates is its temporary file.
            _ = try Reliability.run(TestSupport.partsmapBinary, ["part", "set", "fog", "age", "8", "--map", path])
            try Reliability.write(states.before, to: path)
            var problems: [String] = []
            var caughtMidWrite = 0, cleanedUp = 0
            for trial in 0..<40 {
                let edit = trial % 3
                try Reliability.write(states.before, to: path)
                let watch = try InotifyWatch(folder: folder.path)
                defer { watch.close() }
                let child = try Reliability.Child.spawn(TestSupport.partsmapBinary, Self.edits(map: path)[edit].arguments)
                let created = watch.waitForCreation(containing: ".partsmap-", seconds: 10)
                child.send(SIGKILL)
                let exit = child.wait()
                if created == nil { problems.append("trial \(trial): no temporary file appeared (status \(exit.status))") }
                let (problem, _) = Self.verify(path, edit: edit, states: states)
                if let problem { problems.append("trial \(trial): \(problem)") }
                let left = Reliability.temporaryFiles(in: folder)
                if !left.isEmpty {
                    caughtMidWrite += 1
                    // The next edit (a different one, run to completion) removes the killed writer's file.
                    let next = try Reliability.run(TestSupport.partsmapBinary, ["part", "set", "fog", "age", "\(trial)", "--map", path])
                    if next.exitCode != 0 { problems.append("trial \(trial): the next edit failed (\(next.status))") }
                    if Reliability.temporaryFiles(in: folder).isEmpty { cleanedUp += 1 } else {
                        problems.append("trial \(trial): \(Reliability.temporaryFiles(in: folder)) still there after the next edit")
                    }
                }
            }
            #expect(problems.isEmpty, "\(problems.count) problems; first: \(problems.first ?? "")")
            #expect(caughtMidWrite >= 10, "only \(caughtMidWrite) of 40 kills landed inside the write")
            #expect(cleanedUp == caughtMidWrite)
            print("crash safety: 40 kills on the temporary file's creation; \(caughtMidWrite) left it behind, all removed by the next edit")
        }
        #endif
    }
}

#if os(Linux)
/// Waits for files to be created in a folder (Linux inotify).
final class InotifyWatch {
    private var descriptor: Int32

    init(folder: String) throws {
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0, inotify_add_watch(descriptor, folder, UInt32(IN_CREATE)) >= 0 else {
            throw CocoaError(.fileReadUnknown)
        }
    }

    /// The name of the first file created whose name contains `fragment`, or nil after `seconds`.
    func waitForCreation(containing fragment: String, seconds: Double) -> String? {
        let deadline = Reliability.now() + seconds
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while Reliability.now() < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { continue }
            var offset = 0
            while offset + 16 <= count {  // struct inotify_event: wd, mask, cookie, len, name[len]
                let length = Int(buffer[offset + 12]) | Int(buffer[offset + 13]) << 8 | Int(buffer[offset + 14]) << 16
                let nameBytes = buffer[(offset + 16)..<min(count, offset + 16 + length)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                if name.contains(fragment) { return name }
                offset += 16 + length
            }
        }
        return nil
    }

    func close() {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }

    deinit { close() }
}
#endif
