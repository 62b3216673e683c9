import PartsMap
/// A map as it is on disk or as it was at a git revision (`HEAD:map.parts`, `--rev HEAD~3`).
struct MapVersion {
    /// How the version is named in messages ("map.parts", "HEAD:map.parts").
    var label: String
    var map: SystemMap

    /// Reads `spec`: a file, or `REV:PATH` when no file has that name.
    static func load(_ spec: String) throws(CommandError) -> MapVersion {
        if !FileSystem.exists(spec), let colon = spec.firstIndex(of: ":"), colon != spec.startIndex {
            let revision = String(spec[..<colon])
            let path = String(spec[spec.index(after: colon)...])
            return try load(path, at: revision)
        }
        return MapVersion(label: spec, map: try MapFile.load(spec).map)
    }

    /// The map at `path` as committed at `revision`; an empty map if it did not exist then.
    static func load(_ path: String, at revision: String) throws(CommandError) -> MapVersion {
        let label = "\(revision):\(path)"
        let repository = try repository(for: path)
        if revision == "HEAD" && !repository.isCommit("HEAD") {
            throw CommandError(.noInput, "nothing to compare with yet: \(path) has no commits; \(firstCommitHint(path)) "
                               + "(or compare two files: partsmap diff OLD NEW)")
        }
        guard repository.isCommit(revision) else {
            throw CommandError(.noInput, "'\(revision)' is not a commit in this repository (see 'git log' or 'partsmap history')")
        }
        let bytes: [UInt8]?
        do {
            bytes = try repository.contents(of: FileSystem.fileName(of: path), at: revision)
        } catch {
            throw CommandError(.noInput, "\(label): \(error.description)")
        }
        guard let bytes else { return MapVersion(label: label, map: SystemMap()) }
        return MapVersion(label: label, map: try parse(bytes, label: label))
    }

    static func parse(_ bytes: [UInt8], label: String) throws(CommandError) -> SystemMap {
        do {
            return try MapHistory.parse(bytes, label: label)
        } catch {
            throw CommandError(error)
        }
    }

    /// What to do in a workbook with no commits yet.
    static func firstCommitHint(_ path: String) -> String {
        let name = FileSystem.fileName(of: path)
        return "commit the map to start its history: git add \(name) && git commit -m \"First map\""
    }

    static func repository(for path: String) throws(CommandError) -> GitRepository {
        let repository: GitRepository
        do {
            repository = try GitRepository(folder: FileSystem.directory(of: path))
        } catch {
            throw CommandError(.unavailable, error.description)
        }
        guard repository.isRepository else {
            throw CommandError(.noInput, "\(FileSystem.directory(of: path)) is not in a git repository; "
                               + "compare two files with 'partsmap diff OLD NEW', or start one with 'git init'")
        }
        return repository
    }
}

extension CommandError {
    /// The exit code and message for a history that could not be read.
    init(_ error: MapHistory.HistoryError) {
        switch error {
        case .git: self.init(.software, error.description)
        case .notARepository: self.init(.noInput, error.description)
        case .invalid: self.init(.dataError, error.description)
        }
    }
}
