import Foundation
@testable import PartsMap

/// Helpers shared by the suites: the repository's folders, temporary folders, running the real
/// `partsmap` binary and the real Graphviz.
enum TestSupport {
    /// The package root, found from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func example(_ name: String) -> URL {
        packageRoot.appendingPathComponent("Examples").appendingPathComponent(name)
    }

    static func exampleText(_ name: String) throws -> String {
        try String(contentsOf: example(name), encoding: .utf8)
    }

    /// The folder SwiftPM built the tests into; the `partsmap` executable sits beside them.
    static let buildFolder: URL = {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        // On Linux the test runner is `…/debug/PartsMapPackageTests.xctest`; on macOS it is inside a bundle.
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("partsmap").path),
              folder.pathComponents.count > 1 {
            folder.deleteLastPathComponent()
        }
        return folder
    }()

    static var partsmapBinary: String { buildFolder.appendingPathComponent("partsmap").path }

    /// A new private temporary folder, removed by the caller with `cleanUp`.
    static func makeTemporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("partsmap-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func cleanUp(_ folder: URL) {
        try? FileManager.default.removeItem(at: folder)
    }

    struct ProcessResult {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutData: Data
    }

    /// Runs a program with arguments, optional input and environment changes; waits for it.
    static func run(_ executable: String, _ arguments: [String], input: Data? = nil,
                    environment: [String: String] = [:], in folder: URL? = nil) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let folder { process.currentDirectoryURL = folder }
        let outPipe = Pipe()
        let errPipe = Pipe()
        let inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        try process.run()
        // Read both pipes concurrently so neither can fill up and block the child.
        nonisolated(unsafe) var errData = Data()
        let errThread = Thread { errData = errPipe.fileHandleForReading.readDataToEndOfFile() }
        errThread.start()
        if let input { inPipe.fileHandleForWriting.write(input) }
        try inPipe.fileHandleForWriting.close()
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errThread.isFinished { usleep(1_000) }
        return ProcessResult(status: process.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self),
                             stdoutData: outData)
    }

    /// Writes an executable script. Opened with O_CLOEXEC, so a process another test forks at the
    /// same moment cannot keep it open for writing (which would make running it fail with
    /// "Text file busy").
    static func writeExecutable(_ text: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == bytes.count else { throw CocoaError(.fileWriteUnknown) }
    }

    /// Runs the real `partsmap` binary.
    static func partsmap(_ arguments: [String], input: Data? = nil, environment: [String: String] = [:],
                         in folder: URL? = nil) throws -> ProcessResult {
        var environment = environment
        // Render records go to this test run's own cache, not the person's ~/.cache/partsmap
        // (thousands of test pictures there would slow every later write of a record).
        if environment["XDG_CACHE_HOME"] == nil && environment["HOME"] == nil { environment["XDG_CACHE_HOME"] = testCache }
        return try run(partsmapBinary, arguments, input: input, environment: environment, in: folder)
    }

    /// A private cache folder for this test process, under the temporary folder.
    static let testCache: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("partsmap-test-cache-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return path
    }()

    /// The system's Graphviz `dot`; render tests need it (CI installs it).
    static var dotPath: String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = "\(directory)/dot"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Parses text that must be a valid map.
    static func parseValid(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> SystemMap {
        let parsed = MapParser.parse(text)
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)", sourceLocation: sourceLocation)
        return parsed.map
    }
}

import Testing
