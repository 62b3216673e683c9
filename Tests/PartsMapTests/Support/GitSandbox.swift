import Foundation
@testable import PartsMap

/// A real git repository in a temporary folder, for history, diff and merge tests.
struct GitSandbox {
    let folder: URL
    let git: String

    init() throws {
        folder = try TestSupport.makeTemporaryFolder()
        guard let git = ExecutableSearch.find("git") else { throw CocoaError(.executableNotLoadable) }
        self.git = git
        try run(["init", "--quiet", "--initial-branch=main"])
        try run(["config", "user.name", "Test"])
        try run(["config", "user.email", "test@example.invalid"])
        try run(["config", "commit.gpgsign", "false"])
    }

    var mapPath: String { folder.appendingPathComponent("map.parts").path }

    @discardableResult
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> TestSupport.ProcessResult {
        let result = try TestSupport.run(git, arguments, environment: environment.merging(["GIT_CONFIG_NOSYSTEM": "1"]) { $1 }, in: folder)
        if result.status != 0 { throw GitFailure(arguments: arguments, stderr: result.stderr, status: result.status) }
        return result
    }

    struct GitFailure: Error, CustomStringConvertible {
        var arguments: [String]
        var stderr: String
        var status: Int32
        var description: String { "git \(arguments.joined(separator: " ")) failed (\(status)): \(stderr)" }
    }

    func write(_ text: String) throws {
        try text.write(toFile: mapPath, atomically: true, encoding: .utf8)
    }

    func read() throws -> String {
        try String(contentsOfFile: mapPath, encoding: .utf8)
    }

    /// Writes the map and commits it with a fixed date, so history is deterministic.
    func commit(_ text: String, _ message: String, date: String = "2026-11-01T12:00:00") throws {
        try write(text)
        try run(["add", "map.parts"])
        try run(["commit", "--quiet", "-m", message], environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
    }

    func partsmap(_ arguments: [String]) throws -> TestSupport.ProcessResult {
        try TestSupport.partsmap(arguments, in: folder)
    }

    func cleanUp() { TestSupport.cleanUp(folder) }
}
