import Foundation
import Testing
@testable import PartsMap
import PartsMapSystemC

/// `Subprocess.startsOnAnotherProcessor`: Graphviz is moved off partsmap's processor as it starts,
/// and then left free to run on any processor partsmap may use.
@Suite struct SubprocessTests {
    /// The processors a process may run on, as Linux lists them ("0-1").
    private func allowedProcessors(_ pid: String) throws -> String? {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        return status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") }.map {
            $0.dropFirst("Cpus_allowed_list:".count).trimmingCharacters(in: .whitespaces)
        }
    }

    @Test func aMovedChildMayStillRunOnEveryProcessor() throws {
        #if os(Linux)
        var process = Subprocess(executable: "/bin/sh", arguments: ["-c", "read line"], timeout: 10)
        process.startsOnAnotherProcessor = true
        let running = try process.start()
        defer { _ = process.finish(running, input: Array("done\n".utf8)) }
        let ours = try allowedProcessors("self")
        #expect(ours != nil)
        #expect(try allowedProcessors(String(running.pid)) == ours)
        // Moved again by hand: on a machine with two processors or more it moves (1), and is
        // again allowed everywhere it was.
        let moved = partsmap_move_off_this_processor(running.pid)
        #expect(moved == (ProcessInfo.processInfo.activeProcessorCount > 1 && ours?.contains(where: { $0 == "-" || $0 == "," }) == true ? 1 : 0))
        #expect(try allowedProcessors(String(running.pid)) == ours)
        #else
        // Elsewhere the call does nothing.
        #expect(partsmap_move_off_this_processor(getpid()) == 0)
        #endif
    }
}
