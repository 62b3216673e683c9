import Foundation
import Testing
@testable import PartsMap

#if canImport(Glibc)
import Glibc
#endif

extension Reliability {
    /// `partsmap render` with a Graphviz that misbehaves, at the command line: each fault gives a
    /// clear message on standard error, the documented exit status (69: Graphviz missing; 70: it
    /// failed, crashed or timed out), and leaves no picture and no temporary file.
    @Suite("Reliability: Graphviz faults at the command line")
    struct GraphvizFaultTests {
        struct Fault: CustomTestStringConvertible, Sendable {
            var name: String
            /// The fake `dot`, a shell script; it records its pid in fake.pid.
            var script: String
            var status: Int32
            /// What standard error must say.
            var messages: [String]
            var timeout: String? = nil
            var testDescription: String { name }
        }

        static let faults: [Fault] = [
            Fault(name: "exits 1 after writing a partial file",
                  script: "for a in \"$@\"; do out=$a; done; cat > /dev/null; printf '<svg><g' > \"$out\"\n"
                      + "echo 'Error: <stdin>: syntax error in line 3 near ->' >&2; exit 1",
                  status: 70, messages: ["partsmap: Graphviz failed (exit status 1):", "syntax error in line 3 near ->",
                                         "Nothing was written to out.svg."]),
            Fault(name: "hangs past --timeout", script: "exec sleep 60", status: 70,
                  messages: ["Graphviz took longer than 1 s and was stopped", "--timeout SECONDS", "Nothing was written to out.svg."],
                  timeout: "1"),
            Fault(name: "hangs and ignores SIGTERM", script: "trap '' TERM; while :; do sleep 0.2; done", status: 70,
                  messages: ["Graphviz took longer than 1 s and was stopped"], timeout: "1"),
            Fault(name: "floods standard error with 5 MB",
                  script: "head -c 5000000 /dev/zero | tr '\\000' x | fold -w 100 >&2; exit 1",
                  status: 70, messages: ["Graphviz failed (exit status 1):", "xxxxxxxxxx", "more lines)"]),
            Fault(name: "floods standard error before reading a large input",
                  script: "head -c 5000000 /dev/zero | tr '\\000' y | fold -w 100 >&2; cat > /dev/null; exit 2",
                  status: 70, messages: ["Graphviz failed (exit status 2):", "more lines)"]),
            Fault(name: "kills itself with SIGSEGV", script: "kill -SEGV $$", status: 70,
                  messages: ["Graphviz was stopped by signal 11 (it may have run out of memory; try --layout sfdp)",
                             "Nothing was written to out.svg."]),
            Fault(name: "succeeds but writes nothing", script: "cat > /dev/null; exit 0", status: 70,
                  messages: ["Graphviz reported success but wrote no picture"]),
        ]

        /// A map with `parts` parts (its DOT is about 300 bytes a part).
        static func mapText(parts: Int) -> String {
            "partsmap 1\n" + (0..<parts).map { "\npart p\($0): Part \($0)\n  role: manager\n" }.joined()
        }

        @Test(arguments: faults)
        func faultyGraphviz(fault: Fault) throws {
            let folder = try TestSupport.makeTemporaryFolder()
            defer { TestSupport.cleanUp(folder) }
            let large = fault.name.contains("large input")
            try Self.mapText(parts: large ? 2_000 : 3).write(to: folder.appendingPathComponent("map.parts"), atomically: true, encoding: .utf8)
            let fake = folder.appendingPathComponent("fake-dot").path
            try TestSupport.writeExecutable("#!/bin/sh\necho $$ > \"\(folder.path)/fake.pid\"\n" + fault.script + "\n", to: fake)
            var arguments = ["render", "map.parts", "-o", "out.svg", "--graphviz", fake]
            if let timeout = fault.timeout { arguments += ["--timeout", timeout] }
            let started = Reliability.now()
            let result = try TestSupport.partsmap(arguments, in: folder)
            let seconds = Reliability.now() - started
            #expect(result.status == fault.status, "\(result.stderr.prefix(600))")
            for message in fault.messages {
                #expect(result.stderr.contains(message), "missing '\(message)' in: \(result.stderr.prefix(600))")
            }
            #expect(result.stderr.utf8.count < 16_384, "the message is kept short: \(result.stderr.utf8.count) bytes")
            #expect(result.stdout.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out.svg").path), "no picture")
            #expect(Reliability.temporaryFiles(in: folder).isEmpty, "no temporary file")
            #expect(seconds < 10, "took \(seconds) s")
            // The fake Graphviz is not left running (a hanging one was stopped).
            let pidText = try String(contentsOf: folder.appendingPathComponent("fake.pid"), encoding: .utf8)
            let pid = try #require(pid_t(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(kill(pid, 0) != 0 && errno == ESRCH, "Graphviz (pid \(pid)) still runs")
        }

        /// A failed render leaves the previous picture exactly as it was.
        @Test func aFailedRenderKeepsThePreviousPicture() throws {
            let folder = try TestSupport.makeTemporaryFolder()
            defer { TestSupport.cleanUp(folder) }
            try Self.mapText(parts: 3).write(to: folder.appendingPathComponent("map.parts"), atomically: true, encoding: .utf8)
            let picture = folder.appendingPathComponent("map.svg")
            try "<svg>the previous picture</svg>".write(to: picture, atomically: true, encoding: .utf8)
            let fake = folder.appendingPathComponent("fake-dot").path
            try TestSupport.writeExecutable("#!/bin/sh\nfor a in \"$@\"; do out=$a; done; echo broken > \"$out\"; kill -SEGV $$\n", to: fake)
            let result = try TestSupport.partsmap(["render", "--graphviz", fake], in: folder)
            #expect(result.status == 70)
            #expect(try String(contentsOf: picture, encoding: .utf8) == "<svg>the previous picture</svg>")
            #expect(Reliability.temporaryFiles(in: folder).isEmpty)
        }

        /// Graphviz missing: named by --graphviz, by PARTSMAP_GRAPHVIZ, not on PATH, or not executable.
        @Test(arguments: ["--graphviz", "PARTSMAP_GRAPHVIZ", "PATH", "not executable"])
        func missingGraphviz(how: String) throws {
            let folder = try TestSupport.makeTemporaryFolder()
            defer { TestSupport.cleanUp(folder) }
            try Self.mapText(parts: 3).write(to: folder.appendingPathComponent("map.parts"), atomically: true, encoding: .utf8)
            let empty = folder.appendingPathComponent("empty-bin")
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            let plain = folder.appendingPathComponent("plain-file").path
            try "not a program".write(toFile: plain, atomically: true, encoding: .utf8)
            var arguments = ["render", "map.parts", "-o", "out.svg"]
            var environment: [String: String] = [:]
            let expected: String
            switch how {
            case "--graphviz":
                arguments += ["--graphviz", "/nonexistent/graphviz/dot"]
                expected = "(/nonexistent/graphviz/dot is not an executable file)"
            case "PARTSMAP_GRAPHVIZ":
                environment["PARTSMAP_GRAPHVIZ"] = "no-such-dot-program"
                expected = "(no 'no-such-dot-program' on PATH)"
            case "PATH":
                environment["PATH"] = empty.path
                environment["PARTSMAP_GRAPHVIZ"] = ""
                expected = "(searched PATH)"
            default:
                arguments += ["--graphviz", plain]
                expected = "is not an executable file"
            }
            let result = try TestSupport.partsmap(arguments, environment: environment, in: folder)
            #expect(result.status == 69, "\(result.stderr)")
            #expect(result.stderr.hasPrefix("partsmap: Graphviz is needed to draw pictures, and its 'dot' program was not found"),
                    "\(result.stderr)")
            #expect(result.stderr.contains(expected), "\(result.stderr)")
            #expect(result.stderr.contains("sudo apt-get install -y graphviz") && result.stderr.contains("brew install graphviz"))
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out.svg").path))
            #expect(Reliability.temporaryFiles(in: folder).isEmpty)
        }
    }
}
