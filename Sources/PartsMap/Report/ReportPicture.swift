#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Draws a map for a report, which carries the picture inside itself: Graphviz writes the SVG
/// into a private temporary folder (mode 0700), which is read back and removed at once.
package enum ReportPicture {
    /// The SVG Graphviz draws for the first of `attempts` it can draw, and how it went.
    package static func svg(_ attempts: [RenderAttempt], renderer: GraphvizRenderer, budget: Double? = nil,
                    progress: (@Sendable () -> Void)? = nil) throws(RenderError) -> (svg: String, outcome: RenderOutcome) {
        let folder = try makePrivateFolder()
        defer { removeFolder(folder) }
        let path = folder + "/map.svg"
        let outcome = try renderer.render(attempts, format: .svg, to: path, budget: budget, progress: progress)
        do {
            let bytes = try FileSystem.readBytes(at: path)
            return (String(decoding: bytes, as: UTF8.self), outcome)
        } catch {
            throw .cannotWrite(error)
        }
    }

    /// A new folder only its owner can enter, under `$TMPDIR` (else /tmp).
    static func makePrivateFolder() throws(RenderError) -> String {
        var base = environmentValue("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        while base.utf8.count > 1 && base.hasSuffix("/") { base.removeLast() }
        var template = Array((base + "/partsmap-report-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let address = buffer.baseAddress else { return false }
            return mkdtemp(address) != nil
        }
        guard made else {
            throw .cannotWrite(.cannotWrite(path: base, reason: "cannot make a private temporary folder: " + errnoDescription()))
        }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Removes `folder` and the files in it (it has no subfolders).
    static func removeFolder(_ folder: String) {
        if let stream = opendir(folder) {
            var names: [String] = []
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { names.append(name) }
            }
            closedir(stream)
            for name in names { unlink(folder + "/" + name) }
        }
        rmdir(folder)
    }
}
