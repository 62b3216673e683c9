import Foundation
import Testing
@testable import PartsMap

#if canImport(Glibc)
import Glibc
#endif

extension Reliability {
    /// Graphviz programs that misbehave in ways a plain exit status does not show: children
    /// left running, standard error held open, floods on one line, garbage with exit 0, a full
    /// disk. Each through the real binary.
    @Suite("Reliability: Graphviz misbehaving")
    struct GraphvizMisbehaviourTests {
        static let map = "partsmap 1\n\npart fog: The Fog\n  role: manager\n\npart little: Little\n  role: exile\n\nfog protects little\n"

        func folder() throws -> URL {
            let folder = try TestSupport.makeTemporaryFolder()
            try Self.map.write(to: folder.appendingPathComponent("map.parts"), atomically: true, encoding: .utf8)
            return folder
        }

        func fake(_ script: String, in folder: URL) throws -> String {
            let path = folder.appendingPathComponent("fake-dot").path
            try TestSupport.writeExecutable("#!/bin/sh\n" + script + "\n", to: path)
            return path
        }

        /// Alive and not a zombie (an orphan's zombie may wait for a parent that never reaps here).
        static func running(_ pid: pid_t) -> Bool {
            guard kill(pid, 0) == 0 else { return false }
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return true }
            return !stat[stat.index(after: close)...].hasPrefix(" Z")
        }

        @Test("On timeout the whole process group ends, a wrapper's children too")
        func timeoutEndsTheGroup() throws {
            let folder = try folder()
            defer { TestSupport.cleanUp(folder) }
            let children = folder.appendingPathComponent("children")
            let dot = try fake("for i in 1 2 3; do sleep 60 & echo $! >> '\(children.path)'; done; wait", in: folder)
            let result = try TestSupport.partsmap(["render", "--graphviz", dot, "--timeout", "1"], in: folder)
            #expect(result.status == 70, "\(result.stderr)")
            usleep(200_000)
            let pids = ((try? String(contentsOf: children, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { pid_t($0) }
            #expect(pids.count == 3)
            let running = pids.filter { Self.running($0) }
            for pid in running { kill(pid, SIGKILL) }
            #expect(running.isEmpty, "orphans still running: \(running)")
        }

        @Test("A dot that exits leaving a background child on standard error is done when it exits")
        func backgroundChildHoldingStandardError() throws {
            guard let dotPath = TestSupport.dotPath else { return }
            let folder = try folder()
            defer { TestSupport.cleanUp(folder) }
            let dot = try fake("sleep 20 &\nexec '\(dotPath)' \"$@\"", in: folder)
            let started = Reliability.now()
            let result = try TestSupport.partsmap(["render", "--graphviz", dot, "--timeout", "10"], in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(Reliability.now() - started < 5, "waited for the background child")
            let svg = try String(contentsOf: folder.appendingPathComponent("map.svg"), encoding: .utf8)
            #expect(svg.contains("<svg"))
        }

        @Test("Standard error stays within 16 KB, even 50 MB on one line")
        func standardErrorCap() throws {
            let folder = try folder()
            defer { TestSupport.cleanUp(folder) }
            let dot = try fake("cat > /dev/null; head -c 50000000 /dev/zero | tr '\\000' x >&2; exit 1", in: folder)
            let result = try TestSupport.partsmap(["render", "--graphviz", dot], in: folder)
            #expect(result.status == 70)
            #expect(result.stderr.utf8.count <= 16_384, "\(result.stderr.utf8.count) bytes")
            #expect(result.stderr.contains("xxxxxxxx"))
        }

        @Test("What Graphviz wrote is checked before it replaces the picture", arguments: ["svg", "png", "pdf"])
        func garbageIsRefused(format: String) throws {
            let folder = try folder()
            defer { TestSupport.cleanUp(folder) }
            let picture = folder.appendingPathComponent("map.\(format)")
            try "the previous picture".write(to: picture, atomically: true, encoding: .utf8)
            let dot = try fake("for a in \"$@\"; do out=$a; done; cat > /dev/null; echo 'garbage, not a picture' > \"$out\"", in: folder)
            let result = try TestSupport.partsmap(["render", "--graphviz", dot, "--format", format, "--force"], in: folder)
            #expect(result.status == 70, "\(result.stderr)")
            #expect(result.stderr.contains("not a valid \(format.uppercased())"), "\(result.stderr)")
            #expect(try String(contentsOf: picture, encoding: .utf8) == "the previous picture")
            #expect(Reliability.temporaryFiles(in: folder).isEmpty)
        }

        @Test("Garbage never reaches the HTML report")
        func garbageNotInReport() throws {
            let folder = try folder()
            defer { TestSupport.cleanUp(folder) }
            let dot = try fake("for a in \"$@\"; do out=$a; done; cat > /dev/null; echo '<script>alert(1)</script>' > \"$out\"", in: folder)
            let result = try TestSupport.partsmap(["report", "--graphviz", dot], in: folder)
            #expect(result.status == 70, "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("map.report.html").path))
        }

        @Test("A real SVG with an XML prologue, a PNG and a PDF pass the check")
        func realPicturesPass() throws {
            guard TestSupport.dotPath != nil else { return }
            let folder = try folder()
            defer { TestSupport.cleanUp(folder) }
            for format in ["svg", "png", "pdf"] {
                let result = try TestSupport.partsmap(["render", "--format", format], in: folder)
                #expect(result.status == 0, "\(format): \(result.stderr)")
            }
        }

        @Test("diff and timeline take --timeout")
        func timeoutOptions() throws {
            let sandbox = try GitSandbox()
            defer { sandbox.cleanUp() }
            try sandbox.commit(Self.map, "first")
            try sandbox.commit(Self.map + "\npart new: New\n  role: exile\n", "second", date: "2026-11-02T12:00:00")
            let dot = try fake("exec sleep 60", in: sandbox.folder)
            let started = Reliability.now()
            let diff = try sandbox.partsmap(["diff", "--rev", "HEAD~1", "--format", "svg", "-o", "d.svg", "--graphviz", dot, "--timeout", "1"])
            #expect(diff.status == 70, "\(diff.stderr)")
            #expect(diff.stderr.contains("longer than 1 s"), "\(diff.stderr)")
            let timeline = try sandbox.partsmap(["timeline", "-o", "frames", "--graphviz", dot, "--timeout", "1"])
            #expect(timeline.status == 70, "\(timeline.stderr)")
            #expect(timeline.stderr.contains("longer than 1 s"), "\(timeline.stderr)")
            #expect(Reliability.now() - started < 20)
        }

        @Test("A full disk says disk full")
        func diskFull() throws {
            guard TestSupport.dotPath != nil, getuid() == 0, let mount = ExecutableSearch.find("mount") else {
                print("skipped: needs root, mount and Graphviz")
                return
            }
            let folder = try folder()
            defer { TestSupport.cleanUp(folder) }
            let small = folder.appendingPathComponent("small")
            try FileManager.default.createDirectory(at: small, withIntermediateDirectories: false)
            let mounted = try TestSupport.run(mount, ["-t", "tmpfs", "-o", "size=64k", "tmpfs", small.path])
            guard mounted.status == 0 else {
                print("skipped: cannot mount a tmpfs here: \(mounted.stderr)")
                return
            }
            defer { _ = try? TestSupport.run(ExecutableSearch.find("umount") ?? "/bin/umount", [small.path]) }
            // A map whose picture is far larger than 64 KB.
            let big = "partsmap 1\n" + (0..<300).map { "\npart p\($0): Part number \($0) with a long name\n  role: manager\n" }.joined()
            try big.write(to: folder.appendingPathComponent("big.parts"), atomically: true, encoding: .utf8)
            let result = try TestSupport.partsmap(["render", "big.parts", "-o", small.path + "/big.svg", "--layout", "sfdp"], in: folder)
            #expect(result.status == 73, "\(result.stderr)")
            #expect(result.stderr.contains("disk full"), "\(result.stderr)")
            #expect(!result.stderr.contains("gvwrite"), "\(result.stderr)")
            let left = try FileManager.default.contentsOfDirectory(atPath: small.path)
            #expect(left.isEmpty, "\(left)")
            // JSON export onto the full disk: the same words.
            let filler = try TestSupport.run("/bin/sh", ["-c", "head -c 100000 /dev/zero > '\(small.path)/filler'"])
            _ = filler
            let export = try TestSupport.partsmap(["export", "big.parts", "-o", small.path + "/big.json"], in: folder)
            #expect(export.status == 73)
            #expect(export.stderr.contains("disk full"), "\(export.stderr)")
            // Graphviz primed (the clinical layout of 40 parts or more): partsmap writes the
            // picture Graphviz hands it, and says the same.
            let sixty = "partsmap 1\n" + (0..<60).map { "\npart p\($0): Part number \($0)\n  role: manager\n" }.joined()
            try sixty.write(to: folder.appendingPathComponent("sixty.parts"), atomically: true, encoding: .utf8)
            let primed = try TestSupport.partsmap(["render", "sixty.parts", "-o", small.path + "/sixty.svg"], in: folder)
            #expect(primed.status == 73, "\(primed.stderr)")
            #expect(primed.stderr.contains("disk full"), "\(primed.stderr)")
            let kept = try FileManager.default.contentsOfDirectory(atPath: small.path)
            #expect(kept == ["filler"], "\(kept)")
        }
    }
}
