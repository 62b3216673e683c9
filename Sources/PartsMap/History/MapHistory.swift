/// A map's life in git: every commit that changed it, with the map before and after, so an app
/// can show the same history, journey and timeline the command line does.
public enum MapHistory {
    /// One commit that touched the map, and the map on either side of it.
    public struct Version: Sendable {
        public var commit: GitRepository.Commit
        /// The map before the commit (empty for the commit that added it).
        public var before: SystemMap
        /// The map as the commit left it.
        public var map: SystemMap
    }

    /// Why the history could not be read.
    public enum HistoryError: Error, Equatable, Sendable, CustomStringConvertible {
        /// git is missing or failed.
        case git(GitRepository.GitError)
        /// The map's folder is not inside a git repository.
        case notARepository(folder: String)
        /// A committed version of the map has errors (`report` lists them).
        case invalid(label: String, report: String)

        public var description: String {
            switch self {
            case .git(let error): return error.description
            case .notARepository(let folder): return "\(folder) is not in a git repository"
            case .invalid(_, let report): return report
            }
        }
    }

    /// The repository holding the map at `path`.
    public static func repository(for path: String) throws(HistoryError) -> GitRepository {
        let repository: GitRepository
        do {
            repository = try GitRepository(folder: FileSystem.directory(of: path))
        } catch {
            throw .git(error)
        }
        guard repository.isRepository else { throw .notARepository(folder: FileSystem.directory(of: path)) }
        return repository
    }

    /// Parses a committed version, which must be free of errors; `label` names it in messages
    /// ("a1b2c3d4:map.parts").
    public static func parse(_ bytes: [UInt8], label: String) throws(HistoryError) -> SystemMap {
        let document = MapDocument(path: label, source: SourceText(bytes))
        guard !document.parsed.hasErrors else {
            throw .invalid(label: label, report: document.formatter.format(document.parsed.errors))
        }
        return document.map
    }

    /// Every commit that changed the map at `path`, oldest first (at most `limit`), each with
    /// the map before and after. Each distinct version is parsed once, however often it recurs.
    public static func versions(of path: String, limit: Int? = nil) throws(HistoryError) -> [Version] {
        let repository = try repository(for: path)
        let file = FileSystem.fileName(of: path)
        let commits: [GitRepository.Commit]
        let contents: [[UInt8]?]
        do {
            commits = try repository.commits(touching: file, limit: limit)
            let requests = commits.flatMap { [$0.hash, $0.parent ?? $0.hash + "^"] }
            contents = try repository.contents(of: file, at: requests)
        } catch {
            throw .git(error)
        }
        var parsed: [String: SystemMap] = [:]  // the same blob parses once
        func map(_ bytes: [UInt8]?, _ label: String) throws(HistoryError) -> SystemMap {
            guard let bytes else { return SystemMap() }
            let key = String(decoding: bytes, as: UTF8.self)
            if let known = parsed[key] { return known }
            let map = try parse(bytes, label: label)
            parsed[key] = map
            return map
        }
        var result: [Version] = []
        for (index, commit) in commits.enumerated() {
            let after = try map(contents[2 * index], "\(commit.shortHash):\(path)")
            let before = commit.parent == nil ? SystemMap() : try map(contents[2 * index + 1], "\(commit.shortHash)^:\(path)")
            result.append(Version(commit: commit, before: before, map: after))
        }
        return result
    }
}
