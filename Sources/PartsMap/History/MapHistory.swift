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

    /// Every commit that changed the map at `path`, oldest first (the last `limit`), each with
    /// the map before and after.
    public static func versions(of path: String, limit: Int? = nil) throws(HistoryError) -> [Version] {
        var result: [Version] = []
        try forEachVersion(of: path, commits: try commits(of: path, limit: limit)) { result.append($0) }
        return result
    }

    /// The commits that touched the map at `path`, oldest first (the last `limit`).
    public static func commits(of path: String, limit: Int? = nil) throws(HistoryError) -> [GitRepository.Commit] {
        let repository = try repository(for: path)
        do {
            return try repository.commits(touching: FileSystem.fileName(of: path), limit: limit)
        } catch {
            throw .git(error)
        }
    }

    /// The map before and after each of `commits`, in order, read a few commits at a time (one
    /// `git cat-file --batch` per `chunk` commits), so that hundreds of versions never sit in
    /// memory at once (a timeline of a workbook kept for years). A version that comes twice in
    /// a row (a commit's "before" is the previous commit's "after") is parsed once.
    public static func forEachVersion(of path: String, commits: [GitRepository.Commit], chunk: Int = 16,
                                      _ body: (Version) -> Void) throws(HistoryError) {
        let repository = try repository(for: path)
        let file = FileSystem.fileName(of: path)
        var last: (bytes: [UInt8], map: SystemMap)?
        func map(_ bytes: [UInt8]?, _ label: String) throws(HistoryError) -> SystemMap {
            guard let bytes else { return SystemMap() }
            if let last, last.bytes == bytes { return last.map }
            let map = try parse(bytes, label: label)
            last = (bytes, map)
            return map
        }
        var start = 0
        while start < commits.count {
            let slice = commits[start..<min(start + max(chunk, 1), commits.count)]
            let contents: [[UInt8]?]
            do {
                contents = try repository.contents(of: file, at: slice.flatMap { [$0.hash, $0.parent ?? $0.hash + "^"] })
            } catch {
                throw .git(error)
            }
            for (offset, commit) in slice.enumerated() {
                let before = commit.parent == nil ? SystemMap() : try map(contents[2 * offset + 1], "\(commit.shortHash)^:\(path)")
                let after = try map(contents[2 * offset], "\(commit.shortHash):\(path)")
                body(Version(commit: commit, before: before, map: after))
            }
            start += max(chunk, 1)
        }
    }
}
